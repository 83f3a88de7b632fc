// An engine in a worker thread, so ingest and queries never block the thread that owns the windows.
import { Worker } from 'node:worker_threads';
import { WorkbenchError } from '../../shared/errors';
import type { EventName, EventPayload } from '../../shared/contract';
import { Listeners, type EngineClient } from './engine-client';
import type { WorkerMessage, WorkerRequest } from './worker-protocol';

/** Starts the engine worker from its built file and returns a client for it. */
export function workerEngine(workerFile: string, options: { user?: string } = {}): EngineClient {
  const worker = new Worker(workerFile, { workerData: options });
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

  return {
    call: (method, input) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        const request: WorkerRequest = { id, method, input };
        worker.postMessage(request);
      }),
    onEvent: (listener) => listeners.add(listener),
    dispose: async () => {
      await worker.terminate();
    },
  };
}
