// Framework mapping: which catalogue entries (OWASP NHI Top 10, NIST CSF, MITRE ATT&CK, ATLAS) this case shows,
// chosen from a searchable catalogue or from explained suggestions, and saved as audited actions.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { entryFor, frameworkName, looksLikeEntryId, searchCatalogue, suggestFor, type FrameworkEntry } from '../frameworks';
import { setMappings } from '../stores/analyst-actions';
import { useActionsStore } from '../stores/actions-store';
import { useMappingsStore } from '../stores/case-data-stores';
import { useCaseViewStore } from '../stores/case-view-store';
import { useTimelineStore } from '../stores/timeline-store';
import { useLoaded } from './tab-state';

function EntryLine({ id, entry }: { id: string; entry: FrameworkEntry | undefined }): ReactNode {
  return (
    <span className="mapping-text" title={entry ? `${entry.description}\n${entry.url}` : undefined}>
      <span className="mono">{entry?.code ?? id}</span> {entry ? <span>{entry.name}</span> : <span className="muted">(not in the bundled catalogues)</span>}{' '}
      {entry && <span className="muted">{frameworkName(entry)}</span>}
    </span>
  );
}

function Suggestions({ mapped }: { mapped: ReadonlySet<string> }): ReactNode {
  const busy = useActionsStore((s) => s.busy);
  const kind = useCaseViewStore((s) => s.detail?.anchor.kind);
  const { status, points, load } = useTimelineStore();
  useEffect(() => {
    if (status === 'idle') void load();
  }, [status, load]);
  const suggestions = useMemo(() => suggestFor(points.map((p) => p.action), kind ? [kind] : []), [points, kind]);
  const open = suggestions.filter((s) => !mapped.has(s.id));
  if (status !== 'ready' || open.length === 0) return null;
  return (
    <section aria-label="Suggested">
      <h3>Suggested from this case's activity</h3>
      <ul className="mapping-list">
        {open.map((s) => (
          <li key={s.id} className="mapping" data-testid="mapping-suggestion" data-mapping-id={s.id}>
            <EntryLine id={s.id} entry={entryFor(s.id)} />
            <button type="button" className="link-button" disabled={busy} onClick={() => void setMappings([s.id], [])}>
              Add
            </button>
            <div className="muted mapping-why">{s.why}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The Framework mapping tab. */
export function MappingsTab(): ReactNode {
  const state = useMappingsStore();
  const line = useLoaded(state);
  const busy = useActionsStore((s) => s.busy);
  const [query, setQuery] = useState('');
  const mapped = useMemo(() => new Set(state.data), [state.data]);
  // The catalogue is a few hundred bundled entries: search as typed, so the list never lags what a click lands on.
  const results = useMemo(() => searchCatalogue(query, 60), [query]);
  const raw = query.trim();

  return (
    <div className="list-tab mappings-tab">
      {line}
      <section aria-label="Mapped">
        <h3>Mapped to this case</h3>
        {state.data.length === 0 && state.status === 'ready' && <p className="muted">Nothing mapped yet.</p>}
        <ul className="mapping-list">
          {state.data.map((id) => (
            <li key={id} className="mapping" data-testid="mapping-item" data-mapping-id={id}>
              <EntryLine id={id} entry={entryFor(id)} />
              <button type="button" className="link-button" data-testid="mapping-remove" disabled={busy} onClick={() => void setMappings([], [id])}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      </section>
      <Suggestions mapped={mapped} />
      <section aria-label="Catalogue">
        <h3>Catalogue</h3>
        <input
          type="search"
          className="text-input"
          data-testid="mapping-search"
          placeholder="Search OWASP NHI, NIST CSF, ATT&CK, ATLAS by code or words"
          aria-label="Search the framework catalogue"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {results.length === 0 && raw !== '' && <p className="muted">No entry matches.</p>}
        {results.length === 0 && looksLikeEntryId(raw) && !mapped.has(raw) && (
          <button type="button" data-testid="mapping-add-id" disabled={busy} onClick={() => void setMappings([raw], []).then(() => setQuery(''))}>
            Map {raw} anyway
          </button>
        )}
        <ul className="mapping-list catalogue">
          {results.map((e) => (
            <li key={e.id} className="mapping" data-testid="catalogue-item" data-mapping-id={e.id}>
              <EntryLine id={e.id} entry={e} />
              <button
                type="button"
                className="link-button"
                data-testid="mapping-add"
                disabled={busy}
                onClick={() => void (mapped.has(e.id) ? setMappings([], [e.id]) : setMappings([e.id], []))}
              >
                {mapped.has(e.id) ? 'Remove' : 'Add'}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
