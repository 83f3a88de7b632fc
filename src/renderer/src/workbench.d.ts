// The bridge the preload (or the browser harness shim) puts on the window: the renderer's only way to the engine.
import type { WorkbenchApi } from '../../shared/contract';

declare global {
  interface Window {
    workbench: WorkbenchApi;
  }
}

export {};
