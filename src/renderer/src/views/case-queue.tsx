// The case queue: every case in the workspace, sorted, filtered and searched by the engine, scrolled through in
// pages. Ctrl/Cmd-click, Shift-click or the check boxes pick cases for Merge; a plain click opens one.
import { useCallback, type ChangeEvent, type MouseEvent, type ReactNode } from 'react';
import { CaseStatusSchema, SeveritySchema, type CaseSummary } from '../../../shared/schemas';
import { CaseSearchInput } from '../components/case-search-input';
import { SeverityBadge } from '../components/severity-badge';
import { VirtualTable, type Column, type RowIdentity } from '../components/virtual-table';
import { formatCount, formatTime } from '../format';
import { clickMode } from '../lib/selection';
import { useCaseViewStore } from '../stores/case-view-store';
import { CASE_PAGE_SIZE, useCasesStore, type CaseSort } from '../stores/cases-store';
import { useDialogStore } from '../stores/dialog-store';
import { rowAt } from '../stores/paging';

const SORTS: ReadonlyArray<{ value: CaseSort; label: string }> = [
  { value: 'severity', label: 'Severity' },
  { value: 'lastSeen', label: 'Last seen' },
  { value: 'firstSeen', label: 'First seen' },
  { value: 'signals', label: 'Signals' },
  { value: 'status', label: 'Status' },
  { value: 'anchor', label: 'Anchor identity' },
  { value: 'id', label: 'Case id' },
];

const isSort = (value: string): value is CaseSort => SORTS.some((s) => s.value === value);

function PickBox({ c }: { c: CaseSummary }): ReactNode {
  const picked = useCasesStore((s) => s.selection.keys.has(c.id));
  const onClick = (event: MouseEvent<HTMLInputElement>): void => {
    // The box picks; it must not also open the case under it.
    event.stopPropagation();
    const index = Number((event.currentTarget.closest('[aria-rowindex]')?.getAttribute('aria-rowindex') ?? '1')) - 1;
    useCasesStore.getState().clickRow(index, event.shiftKey ? 'range' : 'toggle');
  };
  return <input type="checkbox" className="pick-box" data-testid="case-pick" checked={picked} onClick={onClick} onChange={() => undefined} aria-label={`Pick case ${c.id}`} />;
}

const COLUMNS: ReadonlyArray<Column<CaseSummary>> = [
  { key: 'pick', header: '', width: '36px', cell: (c) => <PickBox c={c} /> },
  { key: 'id', header: 'Case', width: '112px', cell: (c) => <span className="mono">{c.id}</span>, text: (c) => c.id, sortKey: 'id' },
  {
    key: 'anchor',
    header: 'Anchor identity',
    width: 'minmax(240px, 1fr)',
    cell: (c) => (
      <span className="anchor-cell">
        <span className="mono">{c.anchor.label}</span>
        <span className="kind">{c.anchor.kind}</span>
        {c.marked !== null && (
          <span className="marked" title={c.marked}>
            ⚠
          </span>
        )}
      </span>
    ),
    text: (c) => `${c.anchor.label} (${c.anchor.kind})${c.title ? ` — ${c.title}` : ''}${c.marked ? ` — ${c.marked}` : ''}`,
    sortKey: 'anchor',
  },
  { key: 'owner', header: 'Owner', width: '120px', cell: (c) => c.owner ?? <span className="muted">—</span>, text: (c) => c.owner ?? '' },
  { key: 'severity', header: 'Severity', width: '96px', cell: (c) => <SeverityBadge severity={c.severity} />, sortKey: 'severity' },
  { key: 'status', header: 'Status', width: '104px', cell: (c) => <span className={`status status-${c.status}`}>{c.status}</span>, sortKey: 'status' },
  { key: 'signals', header: 'Signals', width: '104px', cell: (c) => <span className="num">{formatCount(c.signals)}</span>, sortKey: 'signals' },
  { key: 'first', header: 'First seen', width: '176px', cell: (c) => formatTime(c.firstSeen), sortKey: 'firstSeen' },
  { key: 'last', header: 'Last seen', width: '176px', cell: (c) => formatTime(c.lastSeen), sortKey: 'lastSeen' },
];

const identify = (c: CaseSummary): RowIdentity => ({ key: c.id, testId: 'case-row', data: { 'data-case-id': c.id } });

function QueueFilters(): ReactNode {
  const filters = useCasesStore((s) => s.filters);
  const setFilters = useCasesStore((s) => s.setFilters);
  return (
    <>
      <CaseSearchInput className="queue-search" testId="queue-search" />
      <select
        data-testid="queue-filter-status"
        aria-label="Status"
        value={filters.status ?? ''}
        onChange={(e) => setFilters({ status: CaseStatusSchema.safeParse(e.target.value).data ?? null })}
      >
        <option value="">Any status</option>
        {CaseStatusSchema.options.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <select
        data-testid="queue-filter-severity"
        aria-label="Severity"
        value={filters.severity ?? ''}
        onChange={(e) => setFilters({ severity: SeveritySchema.safeParse(e.target.value).data ?? null })}
      >
        <option value="">Any severity</option>
        {SeveritySchema.options.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </>
  );
}

/** The case queue view. */
export function CaseQueue(): ReactNode {
  const sort = useCasesStore((s) => s.sort);
  const descending = useCasesStore((s) => s.descending);
  const rows = useCasesStore((s) => s.rows);
  const filters = useCasesStore((s) => s.filters);
  const picked = useCasesStore((s) => s.selection.keys);
  const setSort = useCasesStore((s) => s.setSort);
  const ensureRange = useCasesStore((s) => s.ensureRange);
  const clickRow = useCasesStore((s) => s.clickRow);
  const setSelected = useCasesStore((s) => s.setSelected);
  const open = useCaseViewStore((s) => s.open);
  const openDialog = useDialogStore((s) => s.open);

  const at = useCallback((index: number) => rowAt(rows, index, CASE_PAGE_SIZE), [rows]);
  const activate = useCallback((c: CaseSummary) => open(c.id), [open]);
  const onRowClick = useCallback(
    (c: CaseSummary, index: number, event: MouseEvent) => {
      const mode = clickMode(event);
      if (mode === 'replace') open(c.id);
      else clickRow(index, mode);
    },
    [open, clickRow],
  );
  const isSelected = useCallback((c: CaseSummary) => picked.has(c.id), [picked]);
  // Space picks the cursor's case for Merge; Shift+arrow extends the pick; Enter opens.
  const onToggle = useCallback((_c: CaseSummary, index: number) => clickRow(index, 'toggle'), [clickRow]);
  const onCursor = useCallback((_c: CaseSummary, index: number, extend: boolean) => extend && clickRow(index, 'range'), [clickRow]);
  const onSortSelect = (event: ChangeEvent<HTMLSelectElement>): void => {
    if (isSort(event.target.value)) setSort(event.target.value);
  };
  const onHeaderSort = useCallback((key: string) => isSort(key) && setSort(key), [setSort]);

  return (
    <section className="case-queue" data-testid="case-queue" aria-label="Case queue">
      <div className="toolbar">
        <h2>Cases{rows.total !== null && <span className="muted"> · {formatCount(rows.total)}</span>}</h2>
        <QueueFilters />
        {picked.size > 0 && (
          <span className="picked">
            {formatCount(picked.size)} picked
            <button type="button" className="link-button" onClick={() => setSelected([])}>
              Clear
            </button>
          </span>
        )}
        <button type="button" data-testid="merge-cases" disabled={picked.size < 2} onClick={() => openDialog({ kind: 'merge' })} title="Pick two or more cases (Ctrl/Cmd-click or the boxes)">
          Merge…
        </button>
        <label className="sort">
          Sort by{' '}
          <select data-testid="case-sort" value={sort} onChange={onSortSelect}>
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <VirtualTable
        testId="case-table"
        label="Cases"
        columns={COLUMNS}
        total={rows.total}
        rowHeight={36}
        rowAt={at}
        identify={identify}
        onRange={ensureRange}
        onActivate={activate}
        onRowClick={onRowClick}
        onToggle={onToggle}
        onCursor={onCursor}
        isSelected={isSelected}
        sort={{ key: sort, descending }}
        onSort={onHeaderSort}
        dataKey={rows.generation}
        scrollKey={`${sort}:${descending}:${filters.query}:${filters.status}:${filters.severity}`}
        empty={
          filters.query || filters.status || filters.severity
            ? 'No case matches the search and filters.'
            : 'No cases yet. Import evidence (or drop files on this window) and the workbench will group its signals into cases.'
        }
      />
    </section>
  );
}
