// Errors waiting to be read: every failed call lands here and the error banner shows them until dismissed.
import { create } from 'zustand';
import { toErrorInfo, type ErrorInfo } from '../../../shared/errors';

/** One error as the banner shows it. */
export interface ShownError {
  id: number;
  info: ErrorInfo;
}

interface ErrorState {
  errors: ShownError[];
  /** Records anything thrown or rejected; Error objects and ErrorInfo-shaped values both come out readable. */
  report: (err: unknown) => void;
  dismiss: (id: number) => void;
  dismissAll: () => void;
}

// Keep the banner readable: a storm of identical failures (e.g. every page fetch after the engine died) shows a few.
const MAX_SHOWN = 5;
let nextId = 1;

/** The error banner's store. */
export const useErrorStore = create<ErrorState>()((set) => ({
  errors: [],
  report: (err) => {
    const info = toErrorInfo(err);
    // Log for developers; the banner is for the analyst.
    console.error(err);
    set((state) => {
      const duplicate = state.errors.some((e) => e.info.message === info.message && e.info.file === info.file && e.info.record === info.record);
      if (duplicate) return state;
      const errors = [...state.errors, { id: nextId++, info }];
      return { errors: errors.slice(-MAX_SHOWN) };
    });
  },
  dismiss: (id) => set((state) => ({ errors: state.errors.filter((e) => e.id !== id) })),
  dismissAll: () => set({ errors: [] }),
}));

/** Shorthand for reporting from outside React (stores, event handlers). */
export function reportError(err: unknown): void {
  useErrorStore.getState().report(err);
}
