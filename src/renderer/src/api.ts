// Access to the engine bridge, with a readable failure when the page was opened without one.
import type { WorkbenchApi } from '../../shared/contract';
import { WorkbenchError } from '../../shared/errors';

/** Returns `window.workbench`, or throws an error a person can act on when the bridge is missing. */
export function api(): WorkbenchApi {
  // Typed as always present, but a page opened in a plain browser has no preload: say so instead of "undefined".
  const bridge = (window as Partial<Window>).workbench;
  if (!bridge) {
    throw new WorkbenchError('INTERNAL', 'The workbench engine is not connected to this window.', {
      hint: 'Start NHI Workbench as the desktop app (or through the test harness), not as a plain web page.',
    });
  }
  return bridge;
}
