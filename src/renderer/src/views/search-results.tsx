// The hits of a workspace-wide search, scrolled through in pages like any long list. Each hit names the case it is
// in now; clicking it opens that case with the signal's details shown.
import { useCallback, type ReactNode } from 'react';
import type { SearchHit, SignalRow } from '../../../shared/schemas';
import { VirtualTable, type Column, type RowIdentity } from '../components/virtual-table';
import { formatCount, formatTime } from '../format';
import { useCaseViewStore } from '../stores/case-view-store';
import { rowAt } from '../stores/paging';
import { SEARCH_PAGE_SIZE, useSearchStore } from '../stores/search-store';
import { useSignalsStore } from '../stores/signals-store';

const orDash = (value: string | null): string => value ?? '—';

const COLUMNS: ReadonlyArray<Column<SearchHit>> = [
  {
    key: 'case',
    header: 'Case',
    width: 'minmax(160px, 1.2fr)',
    cell: (h) =>
      h.case === null ? (
        <span className="muted">in no case</span>
      ) : (
        <span className="search-case">
          <span className="mono">{h.case.id}</span> <span className="muted">{h.case.title}</span>
        </span>
      ),
    text: (h) => (h.case === null ? 'In no case (context or an actor that could not be resolved)' : `${h.case.id} — ${h.case.title}`),
  },
  { key: 'time', header: 'Time', width: '168px', cell: (h) => formatTime(h.time), text: (h) => h.time },
  { key: 'action', header: 'Action', width: 'minmax(120px, 1.2fr)', cell: (h) => h.action, text: (h) => h.action },
  { key: 'actor', header: 'Actor', width: 'minmax(100px, 1fr)', cell: (h) => <span className="mono">{h.actor}</span>, text: (h) => h.actor },
  { key: 'ip', header: 'Source IP', width: '118px', cell: (h) => <span className="mono">{orDash(h.sourceIp)}</span>, text: (h) => orDash(h.sourceIp) },
  { key: 'summary', header: 'Summary', width: 'minmax(200px, 3fr)', cell: (h) => h.summary, text: (h) => h.summary },
];

const identify = (h: SearchHit): RowIdentity => ({
  key: String(h.id),
  testId: 'search-hit',
  data: { 'data-signal-id': String(h.id), 'data-case-id': h.case?.id ?? '' },
});

/** The hit as the case's signal table shows it (only a hit in a case has a reason and a confidence). */
function asCaseSignal(hit: SearchHit): SignalRow | null {
  if (hit.case === null || hit.reason === null || hit.confidence === null) return null;
  const { case: _case, ...row } = hit;
  return { ...row, reason: hit.reason, confidence: hit.confidence };
}

/** The search results view. */
export function SearchResults(): ReactNode {
  const query = useSearchStore((s) => s.query);
  const rows = useSearchStore((s) => s.rows);
  const capped = useSearchStore((s) => s.capped);
  const ensureRange = useSearchStore((s) => s.ensureRange);
  const hide = useSearchStore((s) => s.hide);

  const at = useCallback((index: number) => rowAt(rows, index, SEARCH_PAGE_SIZE), [rows]);
  const activate = useCallback(
    (hit: SearchHit) => {
      if (hit.case === null) return;
      hide();
      useCaseViewStore.getState().open(hit.case.id);
      const signal = asCaseSignal(hit);
      if (signal !== null) useSignalsStore.getState().select(signal);
    },
    [hide],
  );

  const total = rows.total;
  const count = total === null ? 'Searching…' : `${formatCount(total)}${capped ? '+' : ''} hit${total === 1 && !capped ? '' : 's'}`;
  return (
    <section className="search-results" data-testid="search-results" aria-label="Search results">
      <div className="toolbar">
        <h2>
          Signals matching <span className="mono">{query}</span>
        </h2>
        <span className="muted" data-testid="search-count">
          {count}
          {capped && ` · the first ${formatCount(total ?? 0)} are listed; add words to narrow the search`}
        </span>
        <div className="toolbar-spacer" />
        <span className="muted">In import order · click a hit to open its case</span>
        <button type="button" className="secondary" data-testid="search-close" onClick={hide}>
          Close
        </button>
      </div>
      <VirtualTable
        testId="search-table"
        label="Search results"
        columns={COLUMNS}
        total={total}
        rowHeight={32}
        rowAt={at}
        identify={identify}
        onRange={ensureRange}
        onActivate={activate}
        dataKey={rows.generation}
        scrollKey={query}
        empty="No signal matches. Search matches whole words (an IP, a key id, an action like GetSecretValue); end a word with * to match its start."
      />
    </section>
  );
}
