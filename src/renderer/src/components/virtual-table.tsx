// A table that renders only the rows in view, so lists of hundreds of thousands scroll smoothly.
// Rows are a CSS grid of divs: absolutely positioned rows do not fit inside a <table>.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';

/** One column: its header, its grid track and how a row shows in it. */
export interface Column<T> {
  key: string;
  header: string;
  /** A CSS grid track, e.g. `160px` or `minmax(120px, 2fr)`. */
  width: string;
  cell: (row: T) => ReactNode;
  /** Full text for the tooltip of a cell that may be cut short. */
  text?: (row: T) => string;
  /** The engine's sort key for this column; the header becomes a sort button when set. */
  sortKey?: string;
}

/** The order the list is in, for the header's arrows and aria-sort. */
export interface TableSort {
  key: string;
  descending: boolean;
}

/** What identifies a loaded row in the DOM (key, test id and data attributes). */
export interface RowIdentity {
  key: string;
  testId: string;
  data: Record<`data-${string}`, string>;
}

interface VirtualTableProps<T> {
  testId: string;
  label: string;
  columns: readonly Column<T>[];
  /** Rows in the whole list (null while unknown). */
  total: number | null;
  rowHeight: number;
  rowAt: (index: number) => T | undefined;
  identify: (row: T) => RowIdentity;
  /** Called with the first and last index in view, so the owner can fetch those pages. */
  onRange: (start: number, end: number) => void;
  /** Click or Enter on a row. */
  onActivate: (row: T) => void;
  /** A click on a row, with its modifiers; when set it replaces onActivate for clicks (Enter still activates). */
  onRowClick?: (row: T, index: number, event: MouseEvent<HTMLDivElement>) => void;
  /** Ctrl/Cmd+A in the table. */
  onSelectAll?: () => void;
  sort?: TableSort;
  onSort?: (key: string) => void;
  /** Makes rows draggable: fills the drag's data for the row the drag started on. */
  onRowDragStart?: (row: T, index: number, event: DragEvent<HTMLDivElement>) => void;
  /** Makes rows drop targets: `accepts` says whether this drag may be dropped, `onRowDrop` takes it. */
  rowDrop?: { accepts: (event: DragEvent<HTMLDivElement>) => boolean; onDrop: (row: T, event: DragEvent<HTMLDivElement>) => void };
  /** Arrow keys moved the cursor onto a row. */
  onCursor?: (row: T, index: number, extend: boolean) => void;
  /** Space on the cursor's row (picks or unpicks it in a multi-select table). */
  onToggle?: (row: T, index: number) => void;
  isSelected?: (row: T) => boolean;
  /** Changes when the list was reset: the rows in view are asked for again. */
  dataKey: string | number;
  /** Changes when the list means something else (new sort, new case): scroll back to the top. */
  scrollKey: string | number;
  empty: ReactNode;
}

/** A virtualized, keyboard-navigable table over a paged list. */
export function VirtualTable<T>(props: VirtualTableProps<T>): ReactNode {
  const { columns, total, rowHeight, rowAt, identify, onRange, onActivate, onCursor, isSelected, dataKey, scrollKey } = props;
  const { onRowClick, onSelectAll, onToggle, sort, onSort, onRowDragStart, rowDrop } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const [dropIndex, setDropIndex] = useState<number | null>(null);
  const count = total ?? 0;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    // React 19 warns when flushSync runs inside a render; a frame of delay while scrolling is not visible.
    useFlushSync: false,
  });

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    onRange(first, last);
  }, [first, last, dataKey, onRange]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    setCursor(null);
  }, [scrollKey]);

  const grid = columns.map((c) => c.width).join(' ');

  const moveCursor = (next: number, extend = false): void => {
    if (count === 0) return;
    const index = Math.max(0, Math.min(count - 1, next));
    setCursor(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    const row = rowAt(index);
    if (row !== undefined) onCursor?.(row, index, extend);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a' && onSelectAll) {
      event.preventDefault();
      onSelectAll();
      return;
    }
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight) / rowHeight) - 1);
    switch (event.key) {
      case 'ArrowDown':
        moveCursor((cursor ?? -1) + 1, event.shiftKey);
        break;
      case 'ArrowUp':
        moveCursor((cursor ?? 1) - 1, event.shiftKey);
        break;
      case 'PageDown':
        moveCursor((cursor ?? 0) + page);
        break;
      case 'PageUp':
        moveCursor((cursor ?? 0) - page);
        break;
      case 'Home':
        moveCursor(0);
        break;
      case 'End':
        moveCursor(count - 1);
        break;
      case ' ': {
        const row = cursor === null ? undefined : rowAt(cursor);
        if (row === undefined || cursor === null || !onToggle) return;
        onToggle(row, cursor);
        break;
      }
      case 'Enter': {
        const row = cursor === null ? undefined : rowAt(cursor);
        if (row !== undefined) onActivate(row);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div className="vtable" data-testid={props.testId} role="table" aria-label={props.label} aria-rowcount={count}>
      <div className="vtable-head" role="row" style={{ gridTemplateColumns: grid }}>
        {columns.map((c) => {
          const sorted = c.sortKey !== undefined && sort?.key === c.sortKey;
          const ariaSort = sorted ? (sort.descending ? 'descending' : 'ascending') : c.sortKey !== undefined ? 'none' : undefined;
          return (
            <div key={c.key} role="columnheader" className="vtable-cell" aria-sort={ariaSort}>
              {c.sortKey !== undefined && onSort ? (
                <button type="button" className="sort-button" data-testid={`sort-${c.sortKey}`} onClick={() => onSort(c.sortKey ?? '')} title={`Sort by ${c.header}`}>
                  {c.header}
                  <span className="sort-arrow" aria-hidden="true">
                    {sorted ? (sort.descending ? ' ▼' : ' ▲') : ''}
                  </span>
                </button>
              ) : (
                c.header
              )}
            </div>
          );
        })}
      </div>
      <div className="vtable-body" ref={scrollRef} tabIndex={0} onKeyDown={onKeyDown}>
        {total === null && <div className="vtable-note">Loading…</div>}
        {total === 0 && <div className="vtable-note">{props.empty}</div>}
        <div className="vtable-sizer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const style = { height: rowHeight, transform: `translateY(${item.start}px)`, gridTemplateColumns: grid };
            const row = rowAt(item.index);
            if (row === undefined) {
              return (
                <div key={item.key} className="vtable-row vtable-row-pending" style={style} role="row" aria-rowindex={item.index + 1}>
                  <div className="vtable-cell">Loading…</div>
                </div>
              );
            }
            const id = identify(row);
            const classes = ['vtable-row', isSelected?.(row) ? 'is-selected' : '', cursor === item.index ? 'is-cursor' : '', dropIndex === item.index ? 'is-drop-target' : '']
              .filter(Boolean)
              .join(' ');
            return (
              <div
                key={item.key}
                className={classes}
                style={style}
                role="row"
                aria-rowindex={item.index + 1}
                aria-selected={isSelected?.(row) ?? false}
                data-testid={id.testId}
                {...id.data}
                onClick={(event) => {
                  setCursor(item.index);
                  if (onRowClick) onRowClick(row, item.index, event);
                  else onActivate(row);
                }}
                draggable={onRowDragStart !== undefined}
                onDragStart={onRowDragStart ? (event) => onRowDragStart(row, item.index, event) : undefined}
                onDragOver={
                  rowDrop
                    ? (event) => {
                        if (!rowDrop.accepts(event)) return;
                        event.preventDefault();
                        event.dataTransfer.dropEffect = 'move';
                        setDropIndex(item.index);
                      }
                    : undefined
                }
                onDragLeave={rowDrop ? () => setDropIndex((i) => (i === item.index ? null : i)) : undefined}
                onDrop={
                  rowDrop
                    ? (event) => {
                        setDropIndex(null);
                        if (!rowDrop.accepts(event)) return;
                        event.preventDefault();
                        rowDrop.onDrop(row, event);
                      }
                    : undefined
                }
              >
                {columns.map((c) => (
                  <div key={c.key} role="cell" className="vtable-cell" title={c.text?.(row)}>
                    {c.cell(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
