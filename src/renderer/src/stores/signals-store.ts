// The open case's signals: the engine's order and search, pages fetched as the table scrolls, the row whose details
// are shown, and the rows picked for Split or Move.
import { create } from 'zustand';
import type { InputOf, WorkbenchContract } from '../../../shared/contract';
import type { SignalRow } from '../../../shared/schemas';
import { api } from '../api';
import { applyClick, emptySelection, type ClickMode, type Selection } from '../lib/selection';
import { reportError } from './error-store';
import { emptyPaged, PageRequests, rowAt, withPage, type Paged } from './paging';

/** How the signals can be ordered (by the engine). */
export type SignalSort = NonNullable<InputOf<WorkbenchContract, 'caseSignals'>['sort']>;

/** Rows per request to `caseSignals`. */
export const SIGNAL_PAGE_SIZE = 500;
// The engine's largest page, used when every id of the case is needed (Select all, then Split).
const ID_PAGE_SIZE = 1000;

interface SignalsState {
  caseId: string | null;
  sort: SignalSort;
  descending: boolean;
  query: string;
  rows: Paged<SignalRow>;
  /** The row whose details are shown. */
  selected: SignalRow | null;
  /** The rows picked for an action. */
  selection: Selection<number>;
  /** Ctrl+A: every signal matching the search, including the ones never loaded. */
  allSelected: boolean;
  /** Starts over for a case (or for none). */
  reset: (caseId: string | null) => void;
  /** Reloads the pages but keeps the order, search and picked rows (after an action or an import). */
  reload: () => void;
  /** Orders by a column; the same column twice flips the direction. */
  setSort: (sort: SignalSort, descending?: boolean) => void;
  /** Searches (the engine matches); the picked rows are dropped, since they may no longer be on screen. */
  setQuery: (query: string) => void;
  /** Makes sure the rows start..end are loaded or on their way. */
  ensureRange: (start: number, end: number) => void;
  /** Shows a row's details and picks only it (a plain click, or the arrow keys). */
  select: (row: SignalRow | null) => void;
  /** Click, Ctrl/Cmd-click or Shift-click on row `index`. */
  clickRow: (index: number, mode: ClickMode) => void;
  selectAll: () => void;
  clearSelection: () => void;
  /** Picks exactly these signals (the timeline's brush). */
  setSelectedIds: (ids: readonly number[]) => void;
  /** How many rows are picked. */
  selectedCount: () => number;
  /** The ids of the picked rows; after Select all, every matching id, fetched from the engine. */
  selectedIds: () => Promise<number[]>;
}

const requests = new PageRequests();
let generation = 0;

/** The query fields shared by page fetches and the Select-all id fetch. */
function queryOf(state: Pick<SignalsState, 'sort' | 'descending' | 'query'>): { sort: SignalSort; descending: boolean; query?: string } {
  const query = state.query.trim();
  return { sort: state.sort, descending: state.descending, ...(query !== '' ? { query } : {}) };
}

/** The signals table store. */
export const useSignalsStore = create<SignalsState>()((set, get) => ({
  caseId: null,
  sort: 'time',
  descending: false,
  query: '',
  rows: emptyPaged<SignalRow>(generation),
  selected: null,
  selection: emptySelection<number>(),
  allSelected: false,
  reset: (caseId) =>
    set({ caseId, sort: 'time', descending: false, query: '', rows: emptyPaged<SignalRow>(++generation), selected: null, selection: emptySelection<number>(), allSelected: false }),
  reload: () => set((s) => ({ rows: emptyPaged<SignalRow>(++generation), selection: { ...s.selection, anchor: null } })),
  setSort: (sort, descending) => {
    const next = descending ?? (sort === get().sort ? !get().descending : false);
    set((s) => ({ sort, descending: next, rows: emptyPaged<SignalRow>(++generation), selection: { ...s.selection, anchor: null } }));
  },
  setQuery: (query) => set({ query, rows: emptyPaged<SignalRow>(++generation), selection: emptySelection<number>(), allSelected: false }),
  ensureRange: (start, end) => {
    const state = get();
    const { caseId, rows } = state;
    if (caseId === null) return;
    for (const page of requests.claim(rows, start, end, SIGNAL_PAGE_SIZE)) {
      const gen = rows.generation;
      void (async () => {
        try {
          const result = await api().caseSignals({ id: caseId, offset: page * SIGNAL_PAGE_SIZE, limit: SIGNAL_PAGE_SIZE, ...queryOf(state) });
          set((s) => ({ rows: withPage(s.rows, gen, page, result.items, result.total) }));
        } catch (err) {
          reportError(err);
        } finally {
          requests.release(gen, page);
        }
      })();
    }
  },
  select: (row) => set((s) => ({ selected: row, selection: row === null ? emptySelection<number>() : { keys: new Set([row.id]), anchor: s.selection.anchor }, allSelected: false })),
  clickRow: (index, mode) => {
    const { rows, selection, selected } = get();
    const next = applyClick(selection, index, mode, (i) => rowAt(rows, i, SIGNAL_PAGE_SIZE)?.id);
    const row = rowAt(rows, index, SIGNAL_PAGE_SIZE);
    set({ selection: next, selected: row ?? selected, allSelected: false });
  },
  selectAll: () => {
    const { rows } = get();
    const keys = new Set<number>();
    for (const page of Object.values(rows.pages)) for (const r of page) keys.add(r.id);
    set({ selection: { keys, anchor: null }, allSelected: true });
  },
  clearSelection: () => set({ selection: emptySelection<number>(), allSelected: false }),
  setSelectedIds: (ids) => set({ selection: { keys: new Set(ids), anchor: null }, allSelected: false }),
  selectedCount: () => {
    const { allSelected, rows, selection } = get();
    return allSelected ? (rows.total ?? selection.keys.size) : selection.keys.size;
  },
  selectedIds: async () => {
    const state = get();
    if (!state.allSelected || state.caseId === null) return [...state.selection.keys];
    const ids: number[] = [];
    for (let offset = 0; ; offset += ID_PAGE_SIZE) {
      const page = await api().caseSignals({ id: state.caseId, offset, limit: ID_PAGE_SIZE, ...queryOf(state) });
      for (const r of page.items) ids.push(r.id);
      if (page.items.length < ID_PAGE_SIZE || ids.length >= page.total) break;
    }
    return ids;
  },
}));
