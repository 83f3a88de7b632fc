// Which dialog is open: only one at a time, the way a desktop app's modal dialogs behave.
import { create } from 'zustand';

/**
 * The dialogs (and the palette). Move may come with its target and the engine's refusal, when a drop on a case was
 * refused (e.g. for want of a reason): the dialog then asks only for what is missing.
 */
export type Dialog = { kind: 'merge' } | { kind: 'split' } | { kind: 'move'; to?: string; error?: string } | { kind: 'palette' };

interface DialogState {
  dialog: Dialog | null;
  open: (dialog: Dialog) => void;
  close: () => void;
}

/** The dialog store. */
export const useDialogStore = create<DialogState>()((set) => ({
  dialog: null,
  open: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
}));
