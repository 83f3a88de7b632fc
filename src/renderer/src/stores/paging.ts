// Page bookkeeping for the virtualized tables: which pages are loaded, which are in flight, and the row at an index.
// The renderer asks the engine for pages, never for the whole list (the lists can hold hundreds of thousands).

/** Loaded pages of one list. `generation` changes whenever the list is reset so late answers can be dropped. */
export interface Paged<T> {
  total: number | null;
  pages: Readonly<Record<number, readonly T[]>>;
  generation: number;
}

/** A list with nothing loaded yet. */
export function emptyPaged<T>(generation: number): Paged<T> {
  return { total: null, pages: {}, generation };
}

/** The row at `index`, or undefined while its page is not loaded. */
export function rowAt<T>(paged: Paged<T>, index: number, pageSize: number): T | undefined {
  return paged.pages[Math.floor(index / pageSize)]?.[index % pageSize];
}

/** Tracks page requests in flight so scrolling does not ask for the same page twice. */
export class PageRequests {
  private readonly inFlight = new Set<string>();

  /** Page numbers covering rows start..end that are neither loaded nor already requested; marks them requested. */
  claim<T>(paged: Paged<T>, start: number, end: number, pageSize: number): number[] {
    const first = Math.max(0, Math.floor(start / pageSize));
    let last = Math.max(first, Math.floor(Math.max(start, end) / pageSize));
    // Never ask past the end once the total is known (the first page is always asked, to learn the total).
    if (paged.total !== null) last = Math.min(last, Math.max(0, Math.ceil(paged.total / pageSize) - 1));
    const claimed: number[] = [];
    for (let page = first; page <= last; page++) {
      const key = `${paged.generation}:${page}`;
      if (paged.pages[page] !== undefined || this.inFlight.has(key)) continue;
      this.inFlight.add(key);
      claimed.push(page);
    }
    return claimed;
  }

  /** Marks a request finished (loaded or failed), so a failed page can be asked for again on the next scroll. */
  release(generation: number, page: number): void {
    this.inFlight.delete(`${generation}:${page}`);
  }
}

/** The list with one more page in place, if the answer still belongs to the current generation. */
export function withPage<T>(paged: Paged<T>, generation: number, page: number, items: readonly T[], total: number): Paged<T> {
  if (paged.generation !== generation) return paged;
  return { ...paged, total, pages: { ...paged.pages, [page]: items } };
}
