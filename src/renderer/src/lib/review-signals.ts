// Sorting and searching the signals of an opened case file: they are all in memory, so this happens here
// instead of in the engine, with the same sort keys as the workspace's signals table.
import type { SignalRow } from '../../../shared/schemas';

/** The columns the reviewer's signals table sorts by. */
export type ReviewSignalSort = 'time' | 'action' | 'outcome' | 'sourceIp' | 'region' | 'actor';

const SORT_KEYS: ReadonlySet<string> = new Set<ReviewSignalSort>(['time', 'action', 'outcome', 'sourceIp', 'region', 'actor']);

/** True when a column key is one the table sorts by. */
export function isReviewSignalSort(key: string): key is ReviewSignalSort {
  return SORT_KEYS.has(key);
}

const valueOf = (s: SignalRow, key: ReviewSignalSort): string => s[key] ?? '';
// Plain code-point order: ISO times, IPs and API names compare as written, and it is fast for large cases.
const compare = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** The signals matching a search (any of the shown text fields), in the asked order; ties keep time order. */
export function reviewSignals(signals: readonly SignalRow[], query: string, sort: ReviewSignalSort, descending: boolean): SignalRow[] {
  const q = query.trim().toLowerCase();
  const matches = q === '' ? [...signals] : signals.filter((s) => [s.action, s.actor, s.target, s.sourceIp, s.region, s.reason, s.summary, s.outcome].some((v) => v?.toLowerCase().includes(q)));
  const direction = descending ? -1 : 1;
  return matches.sort((a, b) => {
    const primary = compare(valueOf(a, sort), valueOf(b, sort));
    return primary !== 0 ? primary * direction : compare(a.time, b.time) || a.id - b.id;
  });
}
