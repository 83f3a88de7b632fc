// The main window's size and position, remembered between runs in the app's data folder.
import { existsSync, readFileSync } from 'node:fs';
import type { BrowserWindow } from 'electron';
import { screen } from 'electron';
import { writeFileAtomic } from '../engine/db/atomic-write';

interface Bounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

const DEFAULT: Bounds = { width: 1400, height: 900 };

/** Loads and saves the window's bounds. */
export class WindowState {
  constructor(private readonly path: string) {}

  /** The saved bounds, if they still fit on a connected display; else the default size, centred. */
  load(): Bounds {
    try {
      if (!existsSync(this.path)) return DEFAULT;
      const saved = JSON.parse(readFileSync(this.path, 'utf8')) as Bounds;
      if (!(saved.width >= 640 && saved.height >= 480)) return DEFAULT;
      if (saved.x === undefined || saved.y === undefined) return { width: saved.width, height: saved.height };
      const onScreen = screen.getAllDisplays().some((d) => saved.x! >= d.workArea.x - 50 && saved.y! >= d.workArea.y - 50 && saved.x! < d.workArea.x + d.workArea.width && saved.y! < d.workArea.y + d.workArea.height);
      return onScreen ? saved : { width: saved.width, height: saved.height };
    } catch {
      return DEFAULT; // a damaged state file only costs the remembered size
    }
  }

  /** Saves the bounds whenever the window stops moving or resizing, and when it closes. */
  track(win: BrowserWindow): void {
    let timer: NodeJS.Timeout | undefined;
    const save = (): void => {
      if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
      try {
        writeFileAtomic(this.path, JSON.stringify(win.getNormalBounds()));
      } catch {
        // not being able to remember the size is not worth an error dialog
      }
    };
    const later = (): void => {
      clearTimeout(timer);
      timer = setTimeout(save, 500);
    };
    win.on('resize', later);
    win.on('move', later);
    win.on('close', save);
  }
}
