// Redacted source records behind signals, fetched on demand and kept while the workspace stays the same.
import { create } from 'zustand';
import type { SignalRecord } from '../../../shared/case-actions';
import { toErrorInfo, type ErrorInfo } from '../../../shared/errors';
import { api } from '../api';

/** One record's state. */
export type RecordEntry = { status: 'loading' } | { status: 'ready'; record: SignalRecord } | { status: 'failed'; error: ErrorInfo };

interface RecordState {
  records: Readonly<Record<number, RecordEntry>>;
  /** Fetches a signal's record unless it is loaded or loading. */
  load: (signalId: number) => Promise<void>;
  /** Forgets everything (another workspace). */
  clear: () => void;
}

// Records can be large; keep the last few dozen the analyst looked at, not every one.
const MAX_KEPT = 64;

/** The source record store. */
export const useRecordStore = create<RecordState>()((set, get) => ({
  records: {},
  load: async (signalId) => {
    const entry = get().records[signalId];
    if (entry !== undefined && entry.status !== 'failed') return;
    const put = (e: RecordEntry): void =>
      set((s) => {
        const records: Record<number, RecordEntry> = { ...s.records, [signalId]: e };
        const keys = Object.keys(records);
        for (const k of keys.slice(0, Math.max(0, keys.length - MAX_KEPT))) delete records[Number(k)];
        return { records };
      });
    put({ status: 'loading' });
    try {
      put({ status: 'ready', record: await api().signalRecord({ id: signalId }) });
    } catch (err) {
      put({ status: 'failed', error: toErrorInfo(err) });
    }
  },
  clear: () => set({ records: {} }),
}));
