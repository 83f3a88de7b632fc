// The case's signals as a scrolling table (sorted and searched by the engine), the selected one's details beside
// it, and the actions on picked rows: Split into a new case, Move to another case, or drag them onto "Cases".
import { useCallback, useEffect, useState, type DragEvent, type MouseEvent, type ReactNode } from 'react';
import type { SignalRow } from '../../../shared/schemas';
import { SignalDetail } from '../components/signal-detail';
import { VirtualTable, type RowIdentity } from '../components/virtual-table';
import { formatCount } from '../format';
import { SIGNALS_MIME } from '../lib/drag';
import { clickMode } from '../lib/selection';
import { useDebounced } from '../lib/use-debounced';
import { useDialogStore } from '../stores/dialog-store';
import { rowAt } from '../stores/paging';
import { SIGNAL_PAGE_SIZE, useSignalsStore, type SignalSort } from '../stores/signals-store';
import { SIGNAL_COLUMNS as COLUMNS } from '../components/signal-columns';

const SORT_KEYS: ReadonlySet<string> = new Set(['time', 'action', 'outcome', 'sourceIp', 'region', 'actor']);
const isSignalSort = (key: string): key is SignalSort => SORT_KEYS.has(key);

const identify = (s: SignalRow): RowIdentity => ({ key: String(s.id), testId: 'signal-row', data: { 'data-signal-id': String(s.id) } });

function SignalsToolbar(): ReactNode {
  const query = useSignalsStore((s) => s.query);
  const setQuery = useSignalsStore((s) => s.setQuery);
  const total = useSignalsStore((s) => s.rows.total);
  // Subscribe to what the count depends on; the count itself comes from the store's rule.
  const count = useSignalsStore((s) => (s.allSelected ? (s.rows.total ?? s.selection.keys.size) : s.selection.keys.size));
  const clear = useSignalsStore((s) => s.clearSelection);
  const openDialog = useDialogStore((s) => s.open);
  const [text, setText] = useState(query);
  const debounced = useDebounced(text, 250);
  useEffect(() => {
    if (debounced !== useSignalsStore.getState().query) setQuery(debounced);
  }, [debounced, setQuery]);
  useEffect(() => setText(query), [query]);

  return (
    <div className="toolbar signals-toolbar">
      <input
        type="search"
        className="text-input"
        data-testid="signal-search"
        placeholder="Search signals (action, actor, IP, …)"
        aria-label="Search signals"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <span className="muted" data-testid="signal-count">
        {total === null ? '' : `${formatCount(total)} signal${total === 1 ? '' : 's'}`}
        {count > 0 && ` · ${formatCount(count)} picked`}
      </span>
      {count > 0 && (
        <button type="button" className="link-button" onClick={clear}>
          Clear
        </button>
      )}
      <div className="toolbar-spacer" />
      <button type="button" data-testid="split-signals" disabled={count === 0} onClick={() => openDialog({ kind: 'split' })}>
        Split into new case…
      </button>
      <button type="button" data-testid="move-signals" disabled={count === 0} onClick={() => openDialog({ kind: 'move' })}>
        Move to case…
      </button>
    </div>
  );
}

/** The Signals tab of the case view. */
export function SignalsTab({ caseId }: { caseId: string }): ReactNode {
  const rows = useSignalsStore((s) => s.rows);
  const selected = useSignalsStore((s) => s.selected);
  const picked = useSignalsStore((s) => s.selection.keys);
  const allSelected = useSignalsStore((s) => s.allSelected);
  const sort = useSignalsStore((s) => s.sort);
  const descending = useSignalsStore((s) => s.descending);
  const query = useSignalsStore((s) => s.query);
  const ensureRange = useSignalsStore((s) => s.ensureRange);
  const select = useSignalsStore((s) => s.select);
  const clickRow = useSignalsStore((s) => s.clickRow);
  const selectAll = useSignalsStore((s) => s.selectAll);
  const setSort = useSignalsStore((s) => s.setSort);

  const at = useCallback((index: number) => rowAt(rows, index, SIGNAL_PAGE_SIZE), [rows]);
  const isSelected = useCallback((s: SignalRow) => allSelected || picked.has(s.id), [picked, allSelected]);
  const onRowClick = useCallback((_row: SignalRow, index: number, event: MouseEvent) => clickRow(index, clickMode(event)), [clickRow]);
  const onSort = useCallback((key: string) => isSignalSort(key) && setSort(key), [setSort]);
  // Arrow keys move the picked row with the cursor; Shift+arrow extends the pick, as in a file list.
  const onCursor = useCallback((_row: SignalRow, index: number, extend: boolean) => clickRow(index, extend ? 'range' : 'replace'), [clickRow]);
  const onToggle = useCallback((_row: SignalRow, index: number) => clickRow(index, 'toggle'), [clickRow]);
  const onRowDragStart = useCallback(
    (row: SignalRow, index: number, event: DragEvent<HTMLDivElement>) => {
      const state = useSignalsStore.getState();
      // Dragging a row that is not picked drags that row alone, as file managers do.
      if (!state.allSelected && !state.selection.keys.has(row.id)) clickRow(index, 'replace');
      event.dataTransfer.setData(SIGNALS_MIME, JSON.stringify({ caseId, count: useSignalsStore.getState().selectedCount() }));
      event.dataTransfer.effectAllowed = 'move';
    },
    [caseId, clickRow],
  );

  return (
    <div className="signals-pane">
      <SignalsToolbar />
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
          onRowClick={onRowClick}
          onCursor={onCursor}
          onToggle={onToggle}
          onSelectAll={selectAll}
          isSelected={isSelected}
          sort={{ key: sort, descending }}
          onSort={onSort}
          onRowDragStart={onRowDragStart}
          dataKey={rows.generation}
          scrollKey={`${caseId}:${sort}:${descending}:${query}`}
          empty={query ? 'No signal of this case matches the search.' : 'This case has no signals.'}
        />
        <SignalDetail signal={picked.size > 1 || allSelected ? null : selected} picked={allSelected ? (rows.total ?? picked.size) : picked.size} />
      </div>
    </div>
  );
}
