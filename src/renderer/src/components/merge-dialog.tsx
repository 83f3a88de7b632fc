// Merge: the picked cases become one. The analyst picks the case that survives and, when the anchors differ,
// says why. The button stays enabled without a reason: the engine decides, and its refusal is shown as it says it.
import { useState, type FormEvent, type ReactNode } from 'react';
import { mergePicked } from '../stores/analyst-actions';
import { useActionsStore } from '../stores/actions-store';
import { useCasesStore } from '../stores/cases-store';
import { DialogError, Modal } from './modal';
import { SeverityBadge } from './severity-badge';
import { formatCount } from '../format';

/** The Merge dialog over the picked cases of the queue. */
export function MergeDialog({ onClose }: { onClose: () => void }): ReactNode {
  const [cases] = useState(() => useCasesStore.getState().selectedSummaries());
  const [into, setInto] = useState(() => cases[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const busy = useActionsStore((s) => s.busy);
  const anchors = new Set(cases.map((c) => c.anchor.id));
  const needsReason = anchors.size > 1;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    const outcome = await mergePicked(into, reason);
    if (outcome.ok) onClose();
    else setError(outcome.error.message);
  };

  return (
    <Modal title={`Merge ${cases.length} cases`} testId="merge-dialog" onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} className="dialog-form">
        <fieldset className="plain-fieldset">
          <legend>The case that remains (its anchor identity stays the anchor)</legend>
          <ul className="choice-list">
            {cases.map((c) => (
              <li key={c.id}>
                <label className="choice" data-testid="merge-into" data-case-id={c.id}>
                  <input type="radio" name="into" value={c.id} checked={into === c.id} onChange={() => setInto(c.id)} />
                  <span className="mono">{c.id}</span> <span className="mono">{c.anchor.label}</span> <span className="kind">{c.anchor.kind}</span>{' '}
                  <SeverityBadge severity={c.severity} /> <span className="muted">{formatCount(c.signals)} signals</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <label className="field">
          <span>
            Reason{' '}
            {needsReason ? <strong>(required: these cases are anchored on different identities)</strong> : <span className="muted">(optional)</span>}
          </span>
          <textarea data-testid="merge-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} aria-required={needsReason} />
        </label>
        <DialogError message={error} testId="merge-error" />
        <div className="button-row dialog-buttons">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="merge-confirm" disabled={busy || cases.length < 2 || into === ''}>
            Merge
          </button>
        </div>
      </form>
    </Modal>
  );
}
