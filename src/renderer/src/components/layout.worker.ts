// The layout worker: runs fcose off the UI thread so the window stays responsive while a large graph is laid out.
import { runFcose, type LayoutInput } from './fcose-layout';

/** A request to the worker. */
export interface LayoutRequest {
  id: number;
  input: LayoutInput;
}

/** The worker's answer. */
export type LayoutReply = { id: number; ok: true; positions: Record<string, { x: number; y: number }>; ms: number } | { id: number; ok: false; message: string };

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { id, input } = event.data;
  const started = performance.now();
  let reply: LayoutReply;
  try {
    reply = { id, ok: true, positions: runFcose(input), ms: performance.now() - started };
  } catch (err) {
    reply = { id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(reply);
};
