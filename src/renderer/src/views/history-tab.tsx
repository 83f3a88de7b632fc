// History: the audit-chain entries of this case, each with its label, who, when and its place in the hash chain.
import type { ReactNode } from 'react';
import { formatTime, shortHash } from '../format';
import { useHistoryStore } from '../stores/case-data-stores';
import { useLoaded } from './tab-state';

/** The History tab. */
export function HistoryTab(): ReactNode {
  const state = useHistoryStore();
  const line = useLoaded(state);
  return (
    <div className="list-tab">
      {line}
      {state.data.length === 0 && state.status === 'ready' && <p className="muted">No recorded actions concern this case.</p>}
      <ol className="history">
        {state.data.map((e) => (
          <li key={e.seq} className="history-entry" data-testid="history-item" data-type={e.type}>
            <div className="history-head">
              <span className="mono muted">#{e.seq}</span> <strong>{e.label}</strong> <span className="kind">{e.type}</span>
            </div>
            <div className="muted">
              {e.actor} · {formatTime(e.at)} · cases {e.caseIds.join(', ') || '—'}
            </div>
            <div className="mono history-hash" title={`previous ${e.prevHash}\nthis ${e.hash}`}>
              {shortHash(e.prevHash)} → {shortHash(e.hash)}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
