// The signals of an opened case file: the app's virtualized table, sorted and searched in memory, read-only.
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { SignalRow } from '../../../../shared/schemas';
import { formatCount } from '../../format';
import { isReviewSignalSort, reviewSignals, type ReviewSignalSort } from '../../lib/review-signals';
import { useDebounced } from '../../lib/use-debounced';
import { VirtualTable, type RowIdentity } from '../virtual-table';
import { ReviewSignalDetail } from './review-signal-detail';
import { SIGNAL_COLUMNS as COLUMNS } from '../signal-columns';

const identify = (s: SignalRow): RowIdentity => ({ key: String(s.id), testId: 'review-signal-row', data: { 'data-signal-id': String(s.id) } });
const noRange = (): void => undefined;

/** The Signals view of reviewer mode. */
export function ReviewSignals({ signals }: { signals: readonly SignalRow[] }): ReactNode {
  const [text, setText] = useState('');
  const query = useDebounced(text, 200);
  const [sort, setSort] = useState<{ key: ReviewSignalSort; descending: boolean }>({ key: 'time', descending: false });
  const [selected, setSelected] = useState<SignalRow | null>(null);
  const rows = useMemo(() => reviewSignals(signals, query, sort.key, sort.descending), [signals, query, sort]);

  const at = useCallback((index: number) => rows[index], [rows]);
  const isSelected = useCallback((s: SignalRow) => s.id === selected?.id, [selected]);
  const onCursor = useCallback((row: SignalRow) => setSelected(row), []);
  const onSort = useCallback(
    (key: string) => {
      if (!isReviewSignalSort(key)) return;
      setSort((s) => ({ key, descending: s.key === key ? !s.descending : false }));
    },
    [setSort],
  );

  return (
    <div className="signals-pane">
      <div className="toolbar signals-toolbar">
        <input
          type="search"
          className="text-input"
          data-testid="review-signal-search"
          placeholder="Search signals (action, actor, IP, …)"
          aria-label="Search signals"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <span className="muted" data-testid="review-signal-count">
          {query.trim() === '' ? `${formatCount(signals.length)} signal${signals.length === 1 ? '' : 's'}` : `${formatCount(rows.length)} of ${formatCount(signals.length)} signals`}
        </span>
      </div>
      <div className="signals-tab">
        <VirtualTable
          testId="review-signals-table"
          label="Signals"
          columns={COLUMNS}
          total={rows.length}
          rowHeight={32}
          rowAt={at}
          identify={identify}
          onRange={noRange}
          onActivate={setSelected}
          onCursor={onCursor}
          isSelected={isSelected}
          sort={sort}
          onSort={onSort}
          dataKey={rows.length}
          scrollKey={`${sort.key}:${sort.descending}:${query}`}
          empty={query.trim() ? 'No signal of this case file matches the search.' : 'This case file has no signals.'}
        />
        <ReviewSignalDetail signal={selected} />
      </div>
    </div>
  );
}
