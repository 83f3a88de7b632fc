// Exporting the open case as a signed case file, then verifying the file that was written.
import { create } from 'zustand';
import type { ExportResult, VerifyResult } from '../../../shared/schemas';
import { api } from '../api';
import { reportError } from './error-store';

interface ExportState {
  status: 'idle' | 'exporting' | 'verifying';
  exported: ExportResult | null;
  verified: VerifyResult | null;
  /** Exports the case (main asks where to save and signs it), then verifies what it wrote. */
  exportCase: (caseId: string) => Promise<void>;
  /** Hides the last verification banner. */
  reset: () => void;
}

// Answers for a case the analyst has already left must not show up on the next one.
let token = 0;

/** The export store. */
export const useExportStore = create<ExportState>()((set, get) => ({
  status: 'idle',
  exported: null,
  verified: null,
  exportCase: async (caseId) => {
    if (get().status !== 'idle') return;
    const mine = ++token;
    set({ status: 'exporting', exported: null, verified: null });
    try {
      const exported = await api().exportCase({ id: caseId });
      if (mine !== token) return;
      if (exported === null) {
        set({ status: 'idle' });
        return;
      }
      set({ status: 'verifying', exported });
      // Verify the file as a reviewer would, rather than trusting that writing it succeeded.
      const verified = await api().verifyCaseFile({ path: exported.path });
      if (mine === token) set({ status: 'idle', verified });
    } catch (err) {
      if (mine === token) set({ status: 'idle' });
      reportError(err);
    }
  },
  reset: () => {
    token++;
    set({ status: 'idle', exported: null, verified: null });
  },
}));
