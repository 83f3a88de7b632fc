// Response steps: the checklist of what has been done about the identity (rotate, revoke, contain, offboard,
// privilege review), each with who ticked it and when.
import { useEffect, useState, type ReactNode } from 'react';
import { StepKindSchema, type StepKind } from '../../../shared/case-actions';
import { formatTime } from '../format';
import { setStep } from '../stores/analyst-actions';
import { useActionsStore } from '../stores/actions-store';
import { useStepsStore } from '../stores/case-data-stores';
import { useLoaded } from './tab-state';

const LABELS: Record<StepKind, { title: string; hint: string }> = {
  rotate: { title: 'Rotate', hint: 'Issue a new credential and retire the exposed one.' },
  revoke: { title: 'Revoke', hint: 'Disable or delete the exposed credential and its sessions.' },
  contain: { title: 'Contain', hint: 'Stop the activity: deny policies, network blocks, quarantined resources.' },
  offboard: { title: 'Offboard', hint: 'Remove an identity that is no longer needed.' },
  'privilege-review': { title: 'Privilege review', hint: 'Cut the identity down to what it needs.' },
};

function StepRow({ kind }: { kind: StepKind }): ReactNode {
  const step = useStepsStore((s) => s.data.find((x) => x.step === kind));
  const busy = useActionsStore((s) => s.busy);
  const [note, setNote] = useState('');
  // Shown at once while the engine records it, as a native checkbox would; the stored state wins when it comes back.
  const [pending, setPending] = useState<boolean | null>(null);
  const stored = step?.done ?? false;
  const done = pending ?? stored;
  useEffect(() => {
    // Drop the pending tick once the engine's answer agrees, not before: in between the old state would flash back.
    if (pending !== null && stored === pending) setPending(null);
  }, [pending, stored]);
  return (
    <li className={`step${done ? ' is-done' : ''}`} data-testid={`step-${kind}`} data-done={done ? 'true' : 'false'}>
      <label className="step-check">
        <input
          type="checkbox"
          data-testid={`step-${kind}-check`}
          checked={done}
          disabled={busy}
          onChange={(e) => {
            const next = e.target.checked;
            setPending(next);
            void setStep(kind, next, note).then((outcome) => !outcome.ok && setPending(null));
            setNote('');
          }}
        />
        <strong>{LABELS[kind].title}</strong>
      </label>
      <span className="muted step-hint">{LABELS[kind].hint}</span>
      <span className="step-who">
        {step?.by ? (
          <>
            {done ? 'done' : 'reopened'} by {step.by} · {formatTime(step.at)}
          </>
        ) : (
          <span className="muted">not done</span>
        )}
        {step?.note && <span className="step-note"> — {step.note}</span>}
      </span>
      <input type="text" className="text-input step-note-input" placeholder="Note for the next tick (optional)" aria-label={`Note for ${LABELS[kind].title}`} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
    </li>
  );
}

/** The Response steps tab. */
export function StepsTab(): ReactNode {
  const state = useStepsStore();
  const line = useLoaded(state);
  return (
    <div className="list-tab">
      {line}
      <ul className="steps">
        {StepKindSchema.options.map((kind) => (
          <StepRow key={kind} kind={kind} />
        ))}
      </ul>
    </div>
  );
}
