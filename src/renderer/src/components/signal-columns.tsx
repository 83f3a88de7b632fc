// The columns of a signals table, the same in a workspace's case view and in reviewer mode.
import type { SignalRow } from '../../../shared/schemas';
import { formatCount, formatTime } from '../format';
import type { Column } from './virtual-table';

const orDash = (value: string | null): string => value ?? '—';

/** Time, action (with its duplicate count), outcome, actor, target, source IP, region and the reason it belongs. */
export const SIGNAL_COLUMNS: ReadonlyArray<Column<SignalRow>> = [
  { key: 'time', header: 'Time', width: '168px', cell: (s) => formatTime(s.time), text: (s) => s.time, sortKey: 'time' },
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
    sortKey: 'action',
  },
  { key: 'outcome', header: 'Outcome', width: '92px', cell: (s) => <span className={`outcome outcome-${s.outcome}`}>{s.outcome}</span>, sortKey: 'outcome' },
  { key: 'actor', header: 'Actor', width: 'minmax(100px, 1.5fr)', cell: (s) => <span className="mono">{s.actor}</span>, text: (s) => s.actor, sortKey: 'actor' },
  { key: 'target', header: 'Target', width: 'minmax(100px, 1.5fr)', cell: (s) => <span className="mono">{orDash(s.target)}</span>, text: (s) => orDash(s.target) },
  { key: 'ip', header: 'Source IP', width: '118px', cell: (s) => <span className="mono">{orDash(s.sourceIp)}</span>, text: (s) => orDash(s.sourceIp), sortKey: 'sourceIp' },
  { key: 'region', header: 'Region', width: '92px', cell: (s) => orDash(s.region), sortKey: 'region' },
  { key: 'reason', header: 'Reason', width: 'minmax(100px, 1.5fr)', cell: (s) => s.reason, text: (s) => s.reason },
];
