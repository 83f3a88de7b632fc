// A table that renders only the rows in view, so lists of hundreds of thousands scroll smoothly.
// Rows are a CSS grid of divs: absolutely positioned rows do not fit inside a <table>.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** One column: its header, its grid track and how a row shows in it. */
export interface Column<T> {
  key: string;
  header: string;
  /** A CSS grid track, e.g. `160px` or `minmax(120px, 2fr)`. */
  width: string;
  cell: (row: T) => ReactNode;
  /** Full text for the tooltip of a cell that may be cut short. */
  text?: (row: T) => string;
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
  /** Arrow keys moved the cursor onto a row. */
  onCursor?: (row: T) => void;
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
  const scrollRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState<number | null>(null);
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

  const moveCursor = (next: number): void => {
    if (count === 0) return;
    const index = Math.max(0, Math.min(count - 1, next));
    setCursor(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    const row = rowAt(index);
    if (row !== undefined) onCursor?.(row);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight) / rowHeight) - 1);
    switch (event.key) {
      case 'ArrowDown':
        moveCursor((cursor ?? -1) + 1);
        break;
      case 'ArrowUp':
        moveCursor((cursor ?? 1) - 1);
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
        {columns.map((c) => (
          <div key={c.key} role="columnheader" className="vtable-cell">
            {c.header}
          </div>
        ))}
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
            const classes = ['vtable-row', isSelected?.(row) ? 'is-selected' : '', cursor === item.index ? 'is-cursor' : ''].filter(Boolean).join(' ');
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
                onClick={() => {
                  setCursor(item.index);
                  onActivate(row);
                }}
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
