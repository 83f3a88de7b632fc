// Window-wide keyboard shortcuts: Undo, Redo, the command palette and the workspace search. Text fields keep their
// own Undo.
import { focusWorkspaceSearch } from './components/workspace-search';
import { useActionsStore } from './stores/actions-store';
import { useDialogStore } from './stores/dialog-store';
import { useReviewStore } from './stores/review-store';
import { useWorkspaceStore } from './stores/workspace-store';

/** True when the key went to something that edits text, whose own Ctrl+Z must win. */
function isEditing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** Which shortcut a key press is, if any. Exported for tests. */
export function shortcutOf(event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): 'palette' | 'undo' | 'redo' | 'search' | null {
  const mod = event.ctrlKey || event.metaKey;
  if (!mod || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'k' && !event.shiftKey) return 'palette';
  if (key === 'f' && event.shiftKey) return 'search';
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return null;
}

/** Installs the shortcuts on the window; returns the function that removes them. */
export function installShortcuts(): () => void {
  const onKeyDown = (event: KeyboardEvent): void => {
    const which = shortcutOf(event);
    // Reviewer mode is read-only: Undo there would change the workspace hidden behind it.
    if (which === null || useWorkspaceStore.getState().info === null || useReviewStore.getState().view !== null) return;
    const dialogs = useDialogStore.getState();
    if (which === 'search') {
      event.preventDefault();
      if (dialogs.dialog === null) focusWorkspaceSearch();
      return;
    }
    if (which === 'palette') {
      event.preventDefault();
      if (dialogs.dialog?.kind === 'palette') dialogs.close();
      else dialogs.open({ kind: 'palette' });
      return;
    }
    if (dialogs.dialog !== null || isEditing(event.target)) return;
    event.preventDefault();
    const actions = useActionsStore.getState();
    if (which === 'undo' && actions.undoState?.undo) void actions.undo();
    if (which === 'redo' && actions.undoState?.redo) void actions.redo();
  };
  window.addEventListener('keydown', onKeyDown);
  return () => window.removeEventListener('keydown', onKeyDown);
}
