// An engine in a worker thread, so ingest and queries never block the thread that owns the windows.
import { Worker } from 'node:worker_threads';
import { WorkbenchError } from '../../shared/errors';
import type { EventName, EventPayload } from '../../shared/contract';
import { Listeners, type EngineClient } from './engine-client';
import type { WorkerMessage, WorkerRequest } from './worker-protocol';

/** How long dispose() waits for the engine to close its workspace before stopping the worker. */
const DISPOSE_TIMEOUT_MS = 30_000;

/** Starts the engine worker from its built file and returns a client for it. */
export function workerEngine(workerFile: string, options: { user?: string } = {}): EngineClient {
  // The import runs synchronously in the worker: cancelling must go through memory both threads see.
  const cancel = new SharedArrayBuffer(4);
  const workerData = { ...options, cancel };
  // The TypeScript source (tests, the harness) is loaded through tsx; the app runs the built worker.js.
  const worker = workerFile.endsWith('.ts')
    ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(workerFile)});`, { eval: true, workerData })
    : new Worker(workerFile, { workerData });
  const listeners = new Listeners();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  let nextId = 1;

  worker.on('message', (message: WorkerMessage) => {
    if (message.kind === 'event') {
      listeners.emit(message.event, message.payload as EventPayload<EventName>);
      return;
    }
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.kind === 'result') call.resolve(message.result);
    else call.reject(WorkbenchError.fromInfo(message.error));
  });
  worker.on('error', (err) => {
    for (const call of pending.values()) call.reject(new WorkbenchError('INTERNAL', `The engine stopped: ${err.message}`));
    pending.clear();
  });

  const call: EngineClient['call'] = (method, input) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      const request: WorkerRequest = { id, method, input };
      worker.postMessage(request);
    });

  return {
    call,
    onEvent: (listener) => listeners.add(listener),
    cancelIngest: () => Atomics.store(new Int32Array(cancel), 0, 1),
    dispose: async () => {
      // Close the workspace first, as the in-process engine does: journaled actions are folded into a checkpoint and
      // the workspace lock is released. A worker that does not answer in time is stopped anyway.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((done) => {
        timer = setTimeout(done, DISPOSE_TIMEOUT_MS);
      });
      await Promise.race([call('close', {}).then(() => undefined, () => undefined), timeout]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
