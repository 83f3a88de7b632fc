// The case actions as the views call them: each reads what it needs from the stores (the picked cases or signals,
// the open case), calls the engine through the actions store, and leaves the screen where the analyst expects.
import type { StepKind } from '../../../shared/case-actions';
import type { CaseStatus, Severity } from '../../../shared/schemas';
import { api } from '../api';
import { useActionsStore, type RunOutcome } from './actions-store';
import { useCaseViewStore } from './case-view-store';
import { useCasesStore } from './cases-store';
import { useSignalsStore } from './signals-store';

const trimmed = (text: string | undefined): string | undefined => {
  const t = text?.trim();
  return t ? t : undefined;
};

/** Merges the picked cases into `into`; errors (e.g. "a reason is required") come back for the dialog to show. */
export async function mergePicked(into: string, reason: string): Promise<RunOutcome> {
  const ids = [...useCasesStore.getState().selection.keys];
  const why = trimmed(reason);
  const outcome = await useActionsStore.getState().run(() => api().mergeCases({ ids, into, ...(why ? { reason: why } : {}) }), {
    quiet: true,
    notice: () => ({ message: `Merged ${ids.length} cases into ${into}.`, caseId: into }),
  });
  if (outcome.ok) useCasesStore.getState().setSelected([into]);
  return outcome;
}

/** Splits the picked signals of the open case into a new case anchored on `anchor`. */
export async function splitPicked(anchor: string | undefined, reason: string): Promise<RunOutcome> {
  const id = useCaseViewStore.getState().caseId;
  if (id === null) return { ok: false, error: { code: 'REFUSED', message: 'No case is open.' } };
  const signalIds = await useSignalsStore.getState().selectedIds();
  const why = trimmed(reason);
  const outcome = await useActionsStore.getState().run(
    () => api().splitCase({ id, signalIds, ...(anchor ? { anchor } : {}), ...(why ? { reason: why } : {}) }),
    {
      quiet: true,
      notice: (result) => {
        const made = result.cases.find((c) => c !== id) ?? null;
        return { message: `Split ${signalIds.length} signal${signalIds.length === 1 ? '' : 's'} into ${made ?? 'a new case'}.`, caseId: made };
      },
    },
  );
  if (outcome.ok) useSignalsStore.getState().select(null);
  return outcome;
}

/** Moves signals (the picked ones unless given) into case `to`. */
export async function movePicked(to: string, reason: string, signalIds?: readonly number[]): Promise<RunOutcome> {
  const ids = signalIds ? [...signalIds] : await useSignalsStore.getState().selectedIds();
  const why = trimmed(reason);
  const outcome = await useActionsStore.getState().run(() => api().moveSignals({ signalIds: ids, to, ...(why ? { reason: why } : {}) }), {
    quiet: true,
    notice: () => ({ message: `Moved ${ids.length} signal${ids.length === 1 ? '' : 's'} to ${to}.`, caseId: to }),
  });
  if (outcome.ok) useSignalsStore.getState().select(null);
  return outcome;
}

/** Changes the open case's status, severity, owner or title. */
export function updateOpenCase(patch: { status?: CaseStatus; severity?: Severity; owner?: string | null; title?: string }): Promise<RunOutcome> {
  const id = useCaseViewStore.getState().caseId;
  if (id === null) return Promise.resolve({ ok: false, error: { code: 'REFUSED', message: 'No case is open.' } });
  return useActionsStore.getState().run(() => api().updateCase({ id, ...patch }));
}

/** Adds a note to the open case. */
export function addNote(text: string): Promise<RunOutcome> {
  const id = useCaseViewStore.getState().caseId;
  if (id === null) return Promise.resolve({ ok: false, error: { code: 'REFUSED', message: 'No case is open.' } });
  return useActionsStore.getState().run(() => api().addNote({ id, text }), { quiet: true });
}

/** Ticks or unticks a response step of the open case. */
export function setStep(step: StepKind, done: boolean, note?: string): Promise<RunOutcome> {
  const id = useCaseViewStore.getState().caseId;
  if (id === null) return Promise.resolve({ ok: false, error: { code: 'REFUSED', message: 'No case is open.' } });
  const n = trimmed(note);
  return useActionsStore.getState().run(() => api().setStep({ id, step, done, ...(n ? { note: n } : {}) }));
}

/** Adds or removes framework mappings of the open case. */
export function setMappings(add: readonly string[], remove: readonly string[]): Promise<RunOutcome> {
  const id = useCaseViewStore.getState().caseId;
  if (id === null) return Promise.resolve({ ok: false, error: { code: 'REFUSED', message: 'No case is open.' } });
  return useActionsStore.getState().run(() => api().setMappings({ id, add: [...add], remove: [...remove] }));
}
