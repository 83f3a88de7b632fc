// The per-case reads behind the Notes, Response steps, Framework mapping and History tabs.
import type { AuditEntryView, Note, Step } from '../../../shared/case-actions';
import { api } from '../api';
import { createCaseResource } from './case-resource';

/** The open case's notes, oldest first as the engine gives them. */
export const useNotesStore = createCaseResource<Note[]>((id) => api().caseNotes({ id }), []);
/** The open case's response steps that have been set. */
export const useStepsStore = createCaseResource<Step[]>((id) => api().caseSteps({ id }), []);
/** The framework entry ids mapped to the open case. */
export const useMappingsStore = createCaseResource<string[]>((id) => api().caseMappings({ id }), []);
/** The audit-chain entries that concern the open case. */
export const useHistoryStore = createCaseResource<AuditEntryView[]>((id) => api().caseHistory({ id }), []);

/** Resets every per-case read (another case opened, or the open one changed). */
export function resetCaseData(caseId: string | null): void {
  for (const store of [useNotesStore, useStepsStore, useMappingsStore, useHistoryStore]) store.getState().reset(caseId);
}
