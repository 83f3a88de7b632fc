// The signals of the open case as points in time, for the Timeline tab. The engine pages at most 1,000 rows a call,
// so a very large case is drawn from its first TIMELINE_LIMIT signals and says so.
import { create } from 'zustand';
import type { SignalRow } from '../../../shared/schemas';
import { toErrorInfo, type ErrorInfo } from '../../../shared/errors';
import { api } from '../api';

/** One signal on the timeline. */
export interface TimePoint {
  id: number;
  t: number;
  source: string;
  action: string;
  outcome: SignalRow['outcome'];
}

/** Signals drawn at most. */
export const TIMELINE_LIMIT = 20_000;
const PAGE = 1000;

interface TimelineState {
  caseId: string | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  points: TimePoint[];
  total: number;
  error: ErrorInfo | null;
  reset: (caseId: string | null) => void;
  load: () => Promise<void>;
}

/** A signal row as a time point, or null when its time cannot be read. */
export function toPoint(row: SignalRow): TimePoint | null {
  const t = Date.parse(row.time);
  return Number.isFinite(t) ? { id: row.id, t, source: row.source, action: row.action, outcome: row.outcome } : null;
}

/** The timeline store. */
export const useTimelineStore = create<TimelineState>()((set, get) => ({
  caseId: null,
  status: 'idle',
  points: [],
  total: 0,
  error: null,
  reset: (caseId) => set({ caseId, status: 'idle', points: [], total: 0, error: null }),
  load: async () => {
    const { caseId, status } = get();
    if (caseId === null || status === 'loading' || status === 'ready') return;
    set({ status: 'loading' });
    try {
      const points: TimePoint[] = [];
      let total = 0;
      for (let offset = 0; offset < TIMELINE_LIMIT; offset += PAGE) {
        const page = await api().caseSignals({ id: caseId, offset, limit: PAGE, sort: 'time' });
        if (get().caseId !== caseId) return;
        total = page.total;
        for (const row of page.items) {
          const p = toPoint(row);
          if (p !== null) points.push(p);
        }
        if (page.items.length < PAGE || offset + PAGE >= total) break;
      }
      set({ status: 'ready', points, total, error: null });
    } catch (err) {
      if (get().caseId === caseId) set({ status: 'failed', error: toErrorInfo(err) });
    }
  },
}));
