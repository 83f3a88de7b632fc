// The browser harness shim (tests and development only): gives the page the same `window.workbench`
// as the Electron preload, over a WebSocket to the harness server. Loaded before the app by harness.html.
import type { WorkbenchApi } from '../../shared/contract';
import type { HarnessReply, HarnessRequest } from '../../shared/harness-protocol';
import { workbenchMethodNames } from '../../shared/method-names';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Pending = { resolve: (value: unknown) => void; reject: (reason: unknown) => void };

const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
const socket = new WebSocket(`ws://${location.host}/ws?token=${encodeURIComponent(token)}`);
const opened = new Promise<void>((resolve, reject) => {
  socket.addEventListener('open', () => resolve());
  socket.addEventListener('error', () => reject({ code: 'INTERNAL', message: 'The harness connection failed.' }));
});
const pending = new Map<number, Pending>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let nextId = 1;

socket.addEventListener('message', (message: MessageEvent<string>) => {
  const reply = JSON.parse(message.data) as HarnessReply;
  if ('type' in reply) {
    for (const listener of listeners.get(reply.event) ?? []) listener(reply.payload);
    return;
  }
  const call = pending.get(reply.id);
  if (!call) return;
  pending.delete(reply.id);
  if (reply.ok) call.resolve(reply.result);
  else call.reject(reply.error);
});

async function send(request: WithoutId<HarnessRequest>): Promise<unknown> {
  await opened;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    socket.send(JSON.stringify({ ...request, id }));
  });
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const api: Record<string, unknown> = {};
for (const method of workbenchMethodNames) api[method] = (input: unknown) => send({ type: 'call', method, input: input ?? {} });
api.onEvent = (event: string, listener: (payload: unknown) => void) => {
  const set = listeners.get(event) ?? new Set();
  set.add(listener);
  listeners.set(event, set);
  return () => set.delete(listener);
};
// A browser cannot reveal a dropped file's path, so the harness uploads the bytes and gets a path back.
api.pathsForFiles = async (files: File[]) =>
  Promise.all(files.map(async (file) => (await send({ type: 'upload', name: file.name, data: await toBase64(file) })) as string));

(window as unknown as { workbench: WorkbenchApi }).workbench = api as unknown as WorkbenchApi;
