// Evidence import: the picker or a drop starts it, progress events move the bar, the result becomes the summary.
import { create } from 'zustand';
import type { IngestProgress, IngestResult } from '../../../shared/schemas';
import { api } from '../api';
import { WorkbenchError } from '../../../shared/errors';
import { reportError } from './error-store';

/**
 * idle: nothing to show. choosing: the file picker is open (no bar yet, it may be cancelled).
 * running: the engine is importing. done / failed: finished; the panel stays until dismissed or the next import.
 */
export type ImportStatus = 'idle' | 'choosing' | 'running' | 'done' | 'failed';

interface ImportState {
  status: ImportStatus;
  progress: IngestProgress | null;
  result: IngestResult | null;
  /** Opens the evidence picker and imports what was chosen. */
  chooseEvidence: () => Promise<void>;
  /** Imports files given as paths (from a drop). */
  ingestPaths: (paths: string[]) => Promise<void>;
  /** Shows progress for an import someone else started (the demo); call the returned function when it ends. */
  track: () => () => void;
  /** Takes one `ingestProgress` event. */
  onProgress: (progress: IngestProgress) => void;
  /** Hides the finished import's panel. */
  dismiss: () => void;
}

const isActive = (status: ImportStatus): boolean => status === 'choosing' || status === 'running';

/** The import store. */
export const useImportStore = create<ImportState>()((set, get) => {
  const run = async (status: ImportStatus, call: () => Promise<IngestResult | null>): Promise<void> => {
    if (isActive(get().status)) {
      reportError(new WorkbenchError('REFUSED', 'An import is already running.', { hint: 'Wait for it to finish, then add more evidence.' }));
      return;
    }
    const before = { status: get().status, progress: get().progress, result: get().result };
    set({ status, progress: null, result: null });
    try {
      const result = await call();
      // A cancelled picker leaves things as they were before it opened (including the last summary).
      set(result === null ? before : { status: 'done', result });
    } catch (err) {
      set({ status: 'failed' });
      reportError(err);
    }
  };

  return {
    status: 'idle',
    progress: null,
    result: null,
    chooseEvidence: () => run('choosing', () => api().chooseEvidence({})),
    ingestPaths: (paths) => run('running', () => api().ingestPaths({ paths })),
    track: () => {
      set({ status: 'running', progress: null, result: null });
      return () => set({ status: 'idle', progress: null });
    },
    onProgress: (progress) => {
      // Events outside an import we started (or after it ended) would bring back a stale bar.
      if (isActive(get().status)) set({ status: 'running', progress });
    },
    dismiss: () => {
      if (!isActive(get().status)) set({ status: 'idle', progress: null, result: null });
    },
  };
});
