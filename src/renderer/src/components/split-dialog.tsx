// Split: the picked signals become a new case. Its anchor defaults to the source case's anchor (the same key, a
// different story); the analyst can anchor it on another identity, found by search, and says why.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { IdentitySummary } from '../../../shared/schemas';
import { api } from '../api';
import { fuzzyFilter } from '../lib/fuzzy';
import { splitPicked } from '../stores/analyst-actions';
import { useActionsStore } from '../stores/actions-store';
import { useCaseViewStore } from '../stores/case-view-store';
import { useSignalsStore } from '../stores/signals-store';
import { formatCount } from '../format';
import { DialogError, Modal } from './modal';

const SHOWN = 40;

/** The Split dialog over the picked signals of the open case. */
export function SplitDialog({ onClose }: { onClose: () => void }): ReactNode {
  const detail = useCaseViewStore((s) => s.detail);
  const [count] = useState(() => useSignalsStore.getState().selectedCount());
  const sourceAnchor = detail?.anchor.id ?? '';
  const [anchor, setAnchor] = useState(sourceAnchor);
  const [identities, setIdentities] = useState<IdentitySummary[]>([]);
  const [filter, setFilter] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const busy = useActionsStore((s) => s.busy);

  useEffect(() => {
    let live = true;
    // A failure here only narrows the choice to the source anchor; the split itself still works.
    api()
      .listIdentities({})
      .then((list) => live && setIdentities(list))
      .catch((err: unknown) => console.warn('listIdentities', err));
    return () => {
      live = false;
    };
  }, []);

  const candidates = fuzzyFilter(identities, filter, (i) => `${i.label} ${i.kind} ${i.identifiers.map((x) => x.value).join(' ')}`)
    .filter((i) => i.id !== sourceAnchor)
    .slice(0, SHOWN);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    const outcome = await splitPicked(anchor || undefined, reason);
    if (outcome.ok) onClose();
    else setError(outcome.error.message);
  };

  return (
    <Modal title={`Split ${formatCount(count)} signal${count === 1 ? '' : 's'} into a new case`} testId="split-dialog" onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} className="dialog-form">
        <fieldset className="plain-fieldset">
          <legend>Anchor identity of the new case</legend>
          <ul className="choice-list">
            <li>
              <label className="choice" data-testid="split-anchor" data-identity-id={sourceAnchor}>
                <input type="radio" name="anchor" checked={anchor === sourceAnchor} onChange={() => setAnchor(sourceAnchor)} />
                <span className="mono">{detail?.anchor.label ?? sourceAnchor}</span> <span className="muted">(this case's anchor)</span>
              </label>
            </li>
          </ul>
          <input
            type="search"
            className="text-input"
            placeholder="Or search another identity"
            aria-label="Search identities"
            data-testid="split-anchor-search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <ul className="choice-list picker-list">
            {candidates.map((i) => (
              <li key={i.id}>
                <label className="choice" data-testid="split-anchor" data-identity-id={i.id}>
                  <input type="radio" name="anchor" checked={anchor === i.id} onChange={() => setAnchor(i.id)} />
                  <span className="mono">{i.label}</span> <span className="kind">{i.kind}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <label className="field">
          <span>
            Reason <span className="muted">(recorded in the audit chain)</span>
          </span>
          <textarea data-testid="split-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
        </label>
        <DialogError message={error} testId="split-error" />
        <div className="button-row dialog-buttons">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="split-confirm" disabled={busy || count === 0}>
            Split
          </button>
        </div>
      </form>
    </Modal>
  );
}
