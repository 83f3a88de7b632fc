// The search box in the workspace header: searches every signal of the workspace (Enter, or a pause in typing) and
// shows the hits in place of the queue or the case. Escape hides them again.
import { useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useDebounced } from '../lib/use-debounced';
import { useSearchStore } from '../stores/search-store';

const WORKSPACE_SEARCH_ID = 'workspace-search';

/** Puts the cursor in the search box (the palette command and Ctrl/Cmd+Shift+F). */
export function focusWorkspaceSearch(): void {
  const box = document.getElementById(WORKSPACE_SEARCH_ID);
  if (box instanceof HTMLInputElement) {
    box.focus();
    box.select();
  }
}

/** The workspace-wide search box. */
export function WorkspaceSearch(): ReactNode {
  const query = useSearchStore((s) => s.query);
  const shown = useSearchStore((s) => s.shown);
  const search = useSearchStore((s) => s.search);
  const show = useSearchStore((s) => s.show);
  const [text, setText] = useState(query);
  const debounced = useDebounced(text, 400);
  // Typing searches after a pause; clearing the box hides the results.
  useEffect(() => {
    if (debounced.trim() !== useSearchStore.getState().query) search(debounced);
  }, [debounced, search]);
  useEffect(() => setText(query), [query]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    const state = useSearchStore.getState();
    if (event.key === 'Enter') {
      event.preventDefault();
      if (text.trim() === state.query) state.show();
      else search(text);
    } else if (event.key === 'Escape' && state.shown) {
      event.preventDefault();
      state.hide();
    }
  };

  return (
    <div className="workspace-search">
      <input
        id={WORKSPACE_SEARCH_ID}
        type="search"
        className="text-input"
        data-testid="workspace-search"
        placeholder="Search all signals: IP, key id, action, ARN…"
        aria-label="Search all signals of the workspace"
        title="Whole words; every word must match; end a word with * to match its start. Enter shows the results again. Ctrl/Cmd+Shift+F comes here."
        maxLength={200}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {query !== '' && !shown && (
        <button type="button" className="link-button" data-testid="workspace-search-results" onClick={show} title={`Show the hits for "${query}" again`}>
          Results
        </button>
      )}
    </div>
  );
}
