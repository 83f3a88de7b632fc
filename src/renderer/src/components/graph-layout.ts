// Lays out large graphs in a Web Worker, falling back to the UI thread when a worker cannot start (some hosts
// refuse workers for pages loaded from files); either way the result is applied with cytoscape's preset layout.
import type { LayoutReply, LayoutRequest } from './layout.worker';
import { runFcose, type LayoutInput, type Positions } from './fcose-layout';

/** Above this many nodes the concentric rings become unreadable and fcose takes over. */
export const FCOSE_THRESHOLD = 150;

// A layout that has not answered by then is treated as failed rather than leaving the graph blank forever.
const TIMEOUT_MS = 60_000;
let nextId = 1;

/** Positions for the graph, computed off the UI thread when possible; `where` says which way it went. */
export async function layoutLarge(input: LayoutInput): Promise<{ positions: Positions; where: 'worker' | 'main'; ms: number }> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  } catch (err) {
    console.warn('layout worker unavailable; laying out on the UI thread', err);
    return mainThread(input);
  }
  try {
    return await new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error('The graph layout took too long.')), TIMEOUT_MS);
      worker.onmessage = (event: MessageEvent<LayoutReply>) => {
        if (event.data.id !== id) return;
        clearTimeout(timer);
        if (event.data.ok) resolve({ positions: event.data.positions, where: 'worker', ms: event.data.ms });
        else reject(new Error(event.data.message));
      };
      worker.onerror = (event) => {
        clearTimeout(timer);
        // A worker script that failed to load: do the work here instead of showing nothing.
        event.preventDefault();
        console.warn('layout worker failed; laying out on the UI thread', event.message);
        resolve(mainThread(input));
      };
      const request: LayoutRequest = { id, input };
      worker.postMessage(request);
    });
  } finally {
    worker.terminate();
  }
}

function mainThread(input: LayoutInput): { positions: Positions; where: 'main'; ms: number } {
  const started = performance.now();
  return { positions: runFcose(input), where: 'main', ms: performance.now() - started };
}
