// The case queue: every case in the workspace, sorted by the engine, scrolled through in pages.
import { useCallback, type ChangeEvent, type ReactNode } from 'react';
import type { CaseSummary } from '../../../shared/schemas';
import { SeverityBadge } from '../components/severity-badge';
import { VirtualTable, type Column, type RowIdentity } from '../components/virtual-table';
import { formatCount, formatTime } from '../format';
import { useCaseViewStore } from '../stores/case-view-store';
import { CASE_PAGE_SIZE, useCasesStore, type CaseSort } from '../stores/cases-store';
import { rowAt } from '../stores/paging';

const SORTS: ReadonlyArray<{ value: CaseSort; label: string }> = [
  { value: 'severity', label: 'Severity' },
  { value: 'lastSeen', label: 'Last seen' },
  { value: 'signals', label: 'Signals' },
];

const isSort = (value: string): value is CaseSort => SORTS.some((s) => s.value === value);

const COLUMNS: ReadonlyArray<Column<CaseSummary>> = [
  { key: 'id', header: 'Case', width: '112px', cell: (c) => <span className="mono">{c.id}</span>, text: (c) => c.id },
  {
    key: 'anchor',
    header: 'Anchor identity',
    width: 'minmax(240px, 1fr)',
    cell: (c) => (
      <span className="anchor-cell">
        <span className="mono">{c.anchor.label}</span>
        <span className="kind">{c.anchor.kind}</span>
      </span>
    ),
    text: (c) => `${c.anchor.label} (${c.anchor.kind})${c.title ? ` — ${c.title}` : ''}`,
  },
  { key: 'severity', header: 'Severity', width: '96px', cell: (c) => <SeverityBadge severity={c.severity} /> },
  { key: 'status', header: 'Status', width: '104px', cell: (c) => <span className={`status status-${c.status}`}>{c.status}</span> },
  { key: 'signals', header: 'Signals', width: '92px', cell: (c) => <span className="num">{formatCount(c.signals)}</span> },
  { key: 'first', header: 'First seen', width: '176px', cell: (c) => formatTime(c.firstSeen) },
  { key: 'last', header: 'Last seen', width: '176px', cell: (c) => formatTime(c.lastSeen) },
];

const identify = (c: CaseSummary): RowIdentity => ({ key: c.id, testId: 'case-row', data: { 'data-case-id': c.id } });

/** The case queue view. */
export function CaseQueue(): ReactNode {
  const sort = useCasesStore((s) => s.sort);
  const rows = useCasesStore((s) => s.rows);
  const setSort = useCasesStore((s) => s.setSort);
  const ensureRange = useCasesStore((s) => s.ensureRange);
  const open = useCaseViewStore((s) => s.open);

  const at = useCallback((index: number) => rowAt(rows, index, CASE_PAGE_SIZE), [rows]);
  const activate = useCallback((c: CaseSummary) => open(c.id), [open]);
  const onSort = (event: ChangeEvent<HTMLSelectElement>): void => {
    if (isSort(event.target.value)) setSort(event.target.value);
  };

  return (
    <section className="case-queue" data-testid="case-queue" aria-label="Case queue">
      <div className="toolbar">
        <h2>Cases{rows.total !== null && <span className="muted"> · {formatCount(rows.total)}</span>}</h2>
        <label className="sort">
          Sort by{' '}
          <select data-testid="case-sort" value={sort} onChange={onSort}>
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
        dataKey={rows.generation}
        scrollKey={sort}
        empty="No cases yet. Import evidence (or drop files on this window) and the workbench will group its signals into cases."
      />
    </section>
  );
}
