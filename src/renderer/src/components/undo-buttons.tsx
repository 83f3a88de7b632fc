// Undo and Redo buttons whose titles name the action they would reverse or repeat, as an Edit menu does.
import type { ReactNode } from 'react';
import { MOD } from '../commands';
import { useActionsStore } from '../stores/actions-store';
import { useDialogStore } from '../stores/dialog-store';

/** Undo, Redo and the command palette's button, for the workspace header. */
export function UndoButtons(): ReactNode {
  const state = useActionsStore((s) => s.undoState);
  const busy = useActionsStore((s) => s.busy);
  const undo = useActionsStore((s) => s.undo);
  const redo = useActionsStore((s) => s.redo);
  const openDialog = useDialogStore((s) => s.open);
  const undoTitle = state?.undo ? `Undo ${state.undo.label} (${MOD}Z)` : 'Nothing to undo';
  const redoTitle = state?.redo ? `Redo ${state.redo.label} (${MOD}Shift+Z)` : 'Nothing to redo';
  return (
    <div className="button-row undo-buttons">
      <button type="button" className="secondary" data-testid="undo" title={undoTitle} aria-label={undoTitle} disabled={busy || !state?.undo} onClick={() => void undo()}>
        ↶ Undo
      </button>
      <button type="button" className="secondary" data-testid="redo" title={redoTitle} aria-label={redoTitle} disabled={busy || !state?.redo} onClick={() => void redo()}>
        ↷ Redo
      </button>
      <button type="button" className="secondary" data-testid="open-palette" title={`Commands (${MOD}K)`} onClick={() => openDialog({ kind: 'palette' })}>
        Commands
      </button>
    </div>
  );
}
