// The case's signals as a scrolling table, with the selected one's details beside it.
import { useCallback, type ReactNode } from 'react';
import type { SignalRow } from '../../../shared/schemas';
import { SignalDetail } from '../components/signal-detail';
import { VirtualTable, type Column, type RowIdentity } from '../components/virtual-table';
import { formatCount, formatTime } from '../format';
import { rowAt } from '../stores/paging';
import { SIGNAL_PAGE_SIZE, useSignalsStore } from '../stores/signals-store';

const orDash = (value: string | null): string => value ?? '—';

const COLUMNS: ReadonlyArray<Column<SignalRow>> = [
  { key: 'time', header: 'Time', width: '168px', cell: (s) => formatTime(s.time), text: (s) => s.time },
  {
    key: 'action',
    header: 'Action',
    width: 'minmax(120px, 2fr)',
    cell: (s) => (
      <>
        {s.action}
        {s.count > 1 && <span className="muted"> ×{formatCount(s.count)}</span>}
      </>
    ),
    text: (s) => s.action,
  },
  { key: 'outcome', header: 'Outcome', width: '92px', cell: (s) => <span className={`outcome outcome-${s.outcome}`}>{s.outcome}</span> },
  { key: 'actor', header: 'Actor', width: 'minmax(100px, 1.5fr)', cell: (s) => <span className="mono">{s.actor}</span>, text: (s) => s.actor },
  { key: 'target', header: 'Target', width: 'minmax(100px, 1.5fr)', cell: (s) => <span className="mono">{orDash(s.target)}</span>, text: (s) => orDash(s.target) },
  { key: 'ip', header: 'Source IP', width: '118px', cell: (s) => <span className="mono">{orDash(s.sourceIp)}</span>, text: (s) => orDash(s.sourceIp) },
  { key: 'region', header: 'Region', width: '92px', cell: (s) => orDash(s.region) },
  { key: 'reason', header: 'Reason', width: 'minmax(100px, 1.5fr)', cell: (s) => s.reason, text: (s) => s.reason },
];

const identify = (s: SignalRow): RowIdentity => ({ key: String(s.id), testId: 'signal-row', data: { 'data-signal-id': String(s.id) } });

/** The Signals tab of the case view. */
export function SignalsTab({ caseId }: { caseId: string }): ReactNode {
  const rows = useSignalsStore((s) => s.rows);
  const selected = useSignalsStore((s) => s.selected);
  const ensureRange = useSignalsStore((s) => s.ensureRange);
  const select = useSignalsStore((s) => s.select);

  const at = useCallback((index: number) => rowAt(rows, index, SIGNAL_PAGE_SIZE), [rows]);
  const isSelected = useCallback((s: SignalRow) => s.id === selected?.id, [selected]);

  return (
    <div className="signals-tab">
      <VirtualTable
        testId="signals-table"
        label="Signals"
        columns={COLUMNS}
        total={rows.total}
        rowHeight={32}
        rowAt={at}
        identify={identify}
        onRange={ensureRange}
        onActivate={select}
        onCursor={select}
        isSelected={isSelected}
        dataKey={rows.generation}
        scrollKey={caseId}
        empty="This case has no signals."
      />
      <SignalDetail signal={selected} />
    </div>
  );
}
