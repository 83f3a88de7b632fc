// Picks one case by searching the queue (the engine searches), for Move and for any "choose a case" question.
import { useEffect, useState, type ReactNode } from 'react';
import type { CaseSummary } from '../../../shared/schemas';
import { toErrorInfo } from '../../../shared/errors';
import { api } from '../api';
import { useDebounced } from '../lib/use-debounced';
import { formatCount } from '../format';
import { SeverityBadge } from './severity-badge';

const SHOWN = 50;

/** A search box over the cases and the matching ones as a list of choices; `exclude` hides the case we are in. */
export function CasePicker({ value, onChange, exclude }: { value: string | null; onChange: (id: string) => void; exclude?: string | null }): ReactNode {
  const [query, setQuery] = useState('');
  const debounced = useDebounced(query.trim(), 200);
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api()
      .listCases({ offset: 0, limit: SHOWN + 1, sort: 'lastSeen', descending: true, ...(debounced !== '' ? { query: debounced } : {}) })
      .then((page) => live && (setCases(page.items), setError(null)))
      .catch((err: unknown) => live && setError(toErrorInfo(err).message));
    return () => {
      live = false;
    };
  }, [debounced]);

  const shown = (cases ?? []).filter((c) => c.id !== exclude).slice(0, SHOWN);
  return (
    <div className="case-picker">
      <input
        type="search"
        className="text-input"
        data-testid="case-picker-search"
        placeholder="Search cases by id, identity or title"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        aria-label="Search cases"
        autoFocus
      />
      {error !== null && <p className="dialog-error">{error}</p>}
      {cases === null && error === null && <p className="muted">Loading cases…</p>}
      {cases !== null && shown.length === 0 && <p className="muted">No case matches.</p>}
      <ul className="choice-list picker-list" role="listbox" aria-label="Cases">
        {shown.map((c) => (
          <li key={c.id} role="option" aria-selected={value === c.id}>
            <label className="choice" data-testid="case-picker-item" data-case-id={c.id}>
              <input type="radio" name="case-pick" checked={value === c.id} onChange={() => onChange(c.id)} />
              <span className="mono">{c.id}</span> <span className="mono">{c.anchor.label}</span> <SeverityBadge severity={c.severity} />{' '}
              <span className="muted">{formatCount(c.signals)} signals</span>
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}
