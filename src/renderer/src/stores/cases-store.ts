// The case queue: the order and filters the engine applies, the pages fetched as the table scrolls, and which
// cases the analyst has picked (for Merge).
import { create } from 'zustand';
import type { InputOf, WorkbenchContract } from '../../../shared/contract';
import type { CaseStatus, CaseSummary, Severity } from '../../../shared/schemas';
import { api } from '../api';
import { applyClick, emptySelection, type ClickMode, type Selection } from '../lib/selection';
import { reportError } from './error-store';
import { emptyPaged, PageRequests, rowAt, withPage, type Paged } from './paging';

/** How the queue can be ordered (the engine sorts; the renderer only asks). */
export type CaseSort = NonNullable<InputOf<WorkbenchContract, 'listCases'>['sort']>;

/** Rows per request to `listCases`. */
export const CASE_PAGE_SIZE = 200;

/** What the queue is narrowed to; null means "any". */
export interface CaseFilters {
  query: string;
  status: CaseStatus | null;
  severity: Severity | null;
}

interface CasesState {
  sort: CaseSort;
  descending: boolean;
  filters: CaseFilters;
  rows: Paged<CaseSummary>;
  selection: Selection<string>;
  /** Summaries of the selected cases as they were when picked (pages come and go as the table scrolls). */
  picked: Readonly<Record<string, CaseSummary>>;
  /** Changes the order and starts again from the top. The same column twice flips the direction. */
  setSort: (sort: CaseSort, descending?: boolean) => void;
  /** Narrows the queue (the engine filters); the selection is kept, since the picked cases still exist. */
  setFilters: (filters: Partial<CaseFilters>) => void;
  /** Drops every loaded page (the workspace changed); the table asks again for what it shows. */
  reload: () => void;
  /** Makes sure the rows start..end are loaded or on their way. */
  ensureRange: (start: number, end: number) => void;
  /** Click, Ctrl/Cmd-click or Shift-click on row `index`. */
  clickRow: (index: number, mode: ClickMode) => void;
  /** Sets the selection outright (e.g. after a merge leaves only the survivor). */
  setSelected: (ids: readonly string[]) => void;
  /** The selected cases, in the order they were picked. */
  selectedSummaries: () => CaseSummary[];
}

// Columns whose natural reading is "biggest first".
const DESCENDING_FIRST: ReadonlySet<CaseSort> = new Set(['severity', 'lastSeen', 'firstSeen', 'signals']);

const requests = new PageRequests();
let generation = 0;

/** Summaries for `keys`: the ones already known, else from the loaded pages. */
function pickSummaries(keys: ReadonlySet<string>, known: Readonly<Record<string, CaseSummary>>, rows: Paged<CaseSummary>): Record<string, CaseSummary> {
  const out: Record<string, CaseSummary> = {};
  for (const id of keys) if (known[id] !== undefined) out[id] = known[id];
  for (const page of Object.values(rows.pages)) for (const c of page) if (keys.has(c.id) && out[c.id] === undefined) out[c.id] = c;
  return out;
}

/** The default direction of a column when first sorted by it. */
export function defaultDescending(sort: CaseSort): boolean {
  return DESCENDING_FIRST.has(sort);
}

/** The case queue store. */
export const useCasesStore = create<CasesState>()((set, get) => ({
  sort: 'severity',
  descending: true,
  filters: { query: '', status: null, severity: null },
  rows: emptyPaged<CaseSummary>(generation),
  selection: emptySelection<string>(),
  picked: {},
  setSort: (sort, descending) => {
    const next = descending ?? (sort === get().sort ? !get().descending : defaultDescending(sort));
    set((s) => ({ sort, descending: next, rows: emptyPaged<CaseSummary>(++generation), selection: { ...s.selection, anchor: null } }));
  },
  setFilters: (filters) =>
    set((s) => ({ filters: { ...s.filters, ...filters }, rows: emptyPaged<CaseSummary>(++generation), selection: { ...s.selection, anchor: null } })),
  reload: () => set({ rows: emptyPaged<CaseSummary>(++generation) }),
  ensureRange: (start, end) => {
    const { rows, sort, descending, filters } = get();
    for (const page of requests.claim(rows, start, end, CASE_PAGE_SIZE)) {
      const gen = rows.generation;
      void (async () => {
        try {
          const query = filters.query.trim();
          const result = await api().listCases({
            offset: page * CASE_PAGE_SIZE,
            limit: CASE_PAGE_SIZE,
            sort,
            descending,
            ...(query !== '' ? { query } : {}),
            ...(filters.status !== null ? { status: filters.status } : {}),
            ...(filters.severity !== null ? { severity: filters.severity } : {}),
          });
          set((state) => ({ rows: withPage(state.rows, gen, page, result.items, result.total) }));
        } catch (err) {
          reportError(err);
        } finally {
          requests.release(gen, page);
        }
      })();
    }
  },
  clickRow: (index, mode) => {
    const { rows, selection, picked } = get();
    const next = applyClick(selection, index, mode, (i) => rowAt(rows, i, CASE_PAGE_SIZE)?.id);
    set({ selection: next, picked: pickSummaries(next.keys, picked, rows) });
  },
  setSelected: (ids) => {
    const keys = new Set(ids);
    set((s) => ({ selection: { keys, anchor: null }, picked: pickSummaries(keys, s.picked, s.rows) }));
  },
  selectedSummaries: () => {
    const { selection, picked } = get();
    return [...selection.keys].flatMap((id) => (picked[id] !== undefined ? [picked[id]] : []));
  },
}));
