// Move: the picked signals leave the open case for another one the analyst finds by search.
import { useState, type FormEvent, type ReactNode } from 'react';
import { movePicked } from '../stores/analyst-actions';
import { useActionsStore } from '../stores/actions-store';
import { useCaseViewStore } from '../stores/case-view-store';
import { useSignalsStore } from '../stores/signals-store';
import { formatCount } from '../format';
import { CasePicker } from './case-picker';
import { DialogError, Modal } from './modal';

/** The Move dialog over the picked signals. */
export function MoveDialog({ onClose, to: given, error: refused }: { onClose: () => void; to?: string; error?: string }): ReactNode {
  const caseId = useCaseViewStore((s) => s.caseId);
  const [count] = useState(() => useSignalsStore.getState().selectedCount());
  const [to, setTo] = useState<string | null>(given ?? null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(refused ?? null);
  const busy = useActionsStore((s) => s.busy);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (to === null) return;
    setError(null);
    const outcome = await movePicked(to, reason);
    if (outcome.ok) onClose();
    else setError(outcome.error.message);
  };

  return (
    <Modal title={`Move ${formatCount(count)} signal${count === 1 ? '' : 's'} to another case`} testId="move-dialog" onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} className="dialog-form">
        {to !== null && (
          <p>
            To case <strong className="mono" data-testid="move-target">{to}</strong>
          </p>
        )}
        <CasePicker value={to} onChange={setTo} exclude={caseId} />
        <label className="field">
          <span>
            Reason <span className="muted">(recorded in the audit chain)</span>
          </span>
          <textarea data-testid="move-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
        </label>
        <DialogError message={error} testId="move-error" />
        <div className="button-row dialog-buttons">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="move-confirm" disabled={busy || to === null || count === 0}>
            Move
          </button>
        </div>
      </form>
    </Modal>
  );
}
