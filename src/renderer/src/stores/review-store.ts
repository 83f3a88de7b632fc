// Reviewer mode: the `.nhicase` file opened read-only, its verification, and which of its views is shown.
// It sits beside the workspace stores without touching them, so closing it returns to where the analyst was.
import { create } from 'zustand';
import type { CaseFileView } from '../../../shared/case-file-view';
import { WorkbenchError } from '../../../shared/errors';
import { api } from '../api';
import { reportError } from './error-store';

/** idle: nothing being opened. choosing: the file dialog is open. opening: the engine reads and verifies the file. */
export type ReviewStatus = 'idle' | 'choosing' | 'opening';

/** The views of an opened case file. */
export type ReviewTab = 'signals' | 'links' | 'custody' | 'audit' | 'notes' | 'steps' | 'mappings';

interface ReviewState {
  status: ReviewStatus;
  /** The case file under review; null when reviewer mode is closed. */
  view: CaseFileView | null;
  tab: ReviewTab;
  /** Asks main for a case file through its dialog; a cancelled dialog changes nothing. */
  chooseCaseFile: () => Promise<void>;
  /** Opens the case file at a path (a dropped file). */
  openPath: (path: string) => Promise<void>;
  /** Opens a dropped case file: main turns it into a path first. */
  openDropped: (file: File) => Promise<void>;
  setTab: (tab: ReviewTab) => void;
  /** Leaves reviewer mode. */
  close: () => void;
}

/** True for a file name that reviewer mode opens instead of importing. */
export function isCaseFileName(name: string): boolean {
  return /\.nhicase$/i.test(name.trim());
}

// An answer that arrives after the reviewer closed (or opened another file) must not bring the old one back.
let token = 0;

/** The reviewer store. */
export const useReviewStore = create<ReviewState>()((set, get) => {
  const run = async (status: ReviewStatus, open: () => Promise<CaseFileView | null>): Promise<void> => {
    if (get().status !== 'idle') return;
    const mine = ++token;
    set({ status });
    try {
      const view = await open();
      if (mine !== token) return;
      set(view === null ? { status: 'idle' } : { status: 'idle', view, tab: 'signals' });
    } catch (err) {
      if (mine === token) set({ status: 'idle' });
      reportError(err);
    }
  };

  return {
    status: 'idle',
    view: null,
    tab: 'signals',
    chooseCaseFile: () => run('choosing', () => api().chooseCaseFile({})),
    openPath: (path) => run('opening', () => api().openCaseFile({ path })),
    openDropped: (file) =>
      run('opening', async () => {
        const [path] = await api().pathsForFiles([file]);
        if (path === undefined) {
          throw new WorkbenchError('BAD_INPUT', `${file.name} could not be read as a file.`, { hint: 'Use Open case file… instead.' });
        }
        return api().openCaseFile({ path });
      }),
    setTab: (tab) => set({ tab }),
    close: () => {
      token++;
      set({ status: 'idle', view: null, tab: 'signals' });
    },
  };
});
