// Workspace-wide signal search: the text searched, the hits paged in as the results list scrolls (the engine matches
// through its full-text index), and whether the results are on screen.
import { create } from 'zustand';
import type { SearchHit } from '../../../shared/schemas';
import { api } from '../api';
import { reportError } from './error-store';
import { emptyPaged, PageRequests, withPage, type Paged } from './paging';

/** Hits per request to `searchSignals`. */
export const SEARCH_PAGE_SIZE = 200;

interface SearchState {
  /** The text last searched for ('' when no search was made). */
  query: string;
  /** Whether the results take the place of the queue or the case. */
  shown: boolean;
  rows: Paged<SearchHit>;
  /** More hits than the engine counts (rows.total is then a lower bound). */
  capped: boolean;
  /** Searches the whole workspace and shows the results; empty text hides them. */
  search: (query: string) => void;
  /** Shows the last results again (their pages are reloaded: the workspace may have changed meanwhile). */
  show: () => void;
  /** Hides the results; the text stays in the search box. */
  hide: () => void;
  /** Forgets the search (another workspace was opened). */
  clear: () => void;
  /** Asks again for the pages in view (after an import or an action, a hit's case may be another one). */
  reload: () => void;
  /** Makes sure the hits start..end are loaded or on their way. */
  ensureRange: (start: number, end: number) => void;
}

const requests = new PageRequests();
let generation = 0;

/** The search store. */
export const useSearchStore = create<SearchState>()((set, get) => ({
  query: '',
  shown: false,
  rows: emptyPaged<SearchHit>(generation),
  capped: false,
  search: (text) => {
    const query = text.trim();
    set({ query, shown: query !== '', rows: emptyPaged<SearchHit>(++generation), capped: false });
  },
  show: () => {
    if (get().query !== '') set({ shown: true, rows: emptyPaged<SearchHit>(++generation) });
  },
  hide: () => set({ shown: false }),
  clear: () => set({ query: '', shown: false, rows: emptyPaged<SearchHit>(++generation), capped: false }),
  reload: () => {
    if (get().shown) set({ rows: emptyPaged<SearchHit>(++generation) });
  },
  ensureRange: (start, end) => {
    const { query, rows, shown } = get();
    if (!shown || query === '') return;
    for (const page of requests.claim(rows, start, end, SEARCH_PAGE_SIZE)) {
      const gen = rows.generation;
      void (async () => {
        try {
          const result = await api().searchSignals({ query, offset: page * SEARCH_PAGE_SIZE, limit: SEARCH_PAGE_SIZE });
          set((s) => (s.rows.generation === gen ? { rows: withPage(s.rows, gen, page, result.items, result.total), capped: result.capped } : {}));
        } catch (err) {
          reportError(err);
        } finally {
          requests.release(gen, page);
        }
      })();
    }
  },
}));
