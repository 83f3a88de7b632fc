// Who may call into the engine: only the top-level frame of our own window, showing our own page.
import { WorkbenchError } from '../../shared/errors';

/** The parts of an IPC sender frame the check looks at (Electron's WebFrameMain has these). */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** Throws unless the call came from a top-level frame showing our page; a subframe or another page is refused. */
export function checkSender(frame: SenderFrame | null | undefined, isOurPage: (url: string) => boolean): void {
  if (!frame || frame.parent !== null || !isOurPage(frame.url)) {
    throw new WorkbenchError('REFUSED', 'Call refused: it did not come from the workbench window.');
  }
}
