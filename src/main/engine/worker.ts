// The worker_threads entry that hosts the engine for the desktop app, off Electron's main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorInfo } from '../../shared/errors';
import { Engine } from './engine';
import type { WorkerMessage, WorkerRequest } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('worker.ts must run as a worker thread');

const post = (message: WorkerMessage): void => port.postMessage(message);
const options = (workerData ?? {}) as { user?: string; cancel?: SharedArrayBuffer };
const engine = new Engine((event, payload) => post({ kind: 'event', event, payload }), {
  user: options.user,
  cancelFlag: options.cancel ? new Int32Array(options.cancel) : undefined,
});

// Calls run one at a time, in order: the engine holds one database and every mutation must see the one before.
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    try {
      post({ kind: 'result', id: request.id, result: await engine.call(request.method, request.input as never) });
    } catch (err) {
      post({ kind: 'error', id: request.id, error: toErrorInfo(err) });
    }
  });
});
