// Multi-selection over a long list the way desktop file lists do it: click, Ctrl/Cmd-click, Shift-click.
// Pure so the stores and their tests share one definition of what each gesture means.

/** Selected keys plus the index a Shift-click extends from. */
export interface Selection<K> {
  keys: ReadonlySet<K>;
  anchor: number | null;
}

/** How a click changes the selection. */
export type ClickMode = 'replace' | 'toggle' | 'range';

/** An empty selection. */
export function emptySelection<K>(): Selection<K> {
  return { keys: new Set<K>(), anchor: null };
}

/** The mode a pointer or key event asks for (Cmd on macOS, Ctrl elsewhere). */
export function clickMode(event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): ClickMode {
  if (event.shiftKey) return 'range';
  if (event.ctrlKey || event.metaKey) return 'toggle';
  return 'replace';
}

/**
 * The selection after a click on row `index`. `keyAt` gives the key of a row, or undefined for a row that is not
 * loaded yet: a range over unloaded rows takes only what is loaded, because the engine's ids are unknown there.
 */
export function applyClick<K>(selection: Selection<K>, index: number, mode: ClickMode, keyAt: (index: number) => K | undefined): Selection<K> {
  const key = keyAt(index);
  if (key === undefined) return selection;
  switch (mode) {
    case 'replace':
      return { keys: new Set([key]), anchor: index };
    case 'toggle': {
      const keys = new Set(selection.keys);
      if (keys.has(key)) keys.delete(key);
      else keys.add(key);
      return { keys, anchor: index };
    }
    case 'range': {
      const from = selection.anchor ?? index;
      const keys = new Set<K>();
      for (let i = Math.min(from, index); i <= Math.max(from, index); i++) {
        const k = keyAt(i);
        if (k !== undefined) keys.add(k);
      }
      // The anchor stays where it was, so successive Shift-clicks pivot around the same row.
      return { keys, anchor: from };
    }
  }
}
