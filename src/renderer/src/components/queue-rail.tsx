// The case queue as a narrow rail beside an open case: click a case to switch to it, or drop picked signals on one
// to move them there (Undo takes a wrong drop back).
import { useCallback, type DragEvent, type ReactNode } from 'react';
import type { CaseSummary } from '../../../shared/schemas';
import { formatCount } from '../format';
import { carriesSignals } from '../lib/drag';
import { movePicked } from '../stores/analyst-actions';
import { useCaseViewStore } from '../stores/case-view-store';
import { CASE_PAGE_SIZE, useCasesStore } from '../stores/cases-store';
import { useDialogStore } from '../stores/dialog-store';
import { rowAt } from '../stores/paging';
import { CaseSearchInput } from './case-search-input';
import { SeverityBadge } from './severity-badge';
import { VirtualTable, type Column, type RowIdentity } from './virtual-table';

const COLUMNS: ReadonlyArray<Column<CaseSummary>> = [
  {
    key: 'case',
    header: 'Case',
    width: 'minmax(0, 1fr)',
    cell: (c) => (
      <span className="rail-cell">
        <span className="mono">{c.id}</span> <span className="mono muted">{c.anchor.label}</span>
      </span>
    ),
    text: (c) => `${c.id} ${c.anchor.label}`,
  },
  { key: 'severity', header: '', width: '74px', cell: (c) => <SeverityBadge severity={c.severity} /> },
  { key: 'signals', header: '#', width: '52px', cell: (c) => <span className="num">{formatCount(c.signals)}</span> },
];

const identify = (c: CaseSummary): RowIdentity => ({ key: c.id, testId: 'rail-case-row', data: { 'data-case-id': c.id } });

/** The queue rail; its rows take dropped signals. */
export function QueueRail(): ReactNode {
  const rows = useCasesStore((s) => s.rows);
  const ensureRange = useCasesStore((s) => s.ensureRange);
  const current = useCaseViewStore((s) => s.caseId);
  const open = useCaseViewStore((s) => s.open);
  const at = useCallback((index: number) => rowAt(rows, index, CASE_PAGE_SIZE), [rows]);
  const activate = useCallback((c: CaseSummary) => open(c.id), [open]);
  const isSelected = useCallback((c: CaseSummary) => c.id === current, [current]);
  const rowDrop = {
    // Dropping on the case the signals came from would be a move to itself.
    accepts: (event: DragEvent<HTMLDivElement>) => carriesSignals(event) && (event.currentTarget.getAttribute('data-case-id') ?? current) !== current,
    onDrop: (c: CaseSummary) => {
      // A refused drop (most often: unrelated signals need a reason) opens the Move dialog on that case with the
      // engine's words, so the analyst only has to add what is missing.
      void movePicked(c.id, '').then((outcome) => {
        if (!outcome.ok) useDialogStore.getState().open({ kind: 'move', to: c.id, error: outcome.error.message });
      });
    },
  };
  return (
    <aside className="queue-rail" data-testid="queue-rail" aria-label="Cases">
      <CaseSearchInput className="rail-search" testId="rail-search" />
      <VirtualTable
        testId="rail-table"
        label="Cases"
        columns={COLUMNS}
        total={rows.total}
        rowHeight={34}
        rowAt={at}
        identify={identify}
        onRange={ensureRange}
        onActivate={activate}
        isSelected={isSelected}
        rowDrop={rowDrop}
        dataKey={rows.generation}
        scrollKey="rail"
        empty="No cases."
      />
    </aside>
  );
}
