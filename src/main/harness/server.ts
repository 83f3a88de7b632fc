// The browser harness, for tests and development only: the real engine and host behind a WebSocket on
// 127.0.0.1 with a random token, serving the built renderer. Dialogs are answered from queues a test fills.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve, sep } from 'node:path';
import { tmpdir } from 'node:os';
import { WebSocketServer, type WebSocket } from 'ws';
import { toErrorInfo } from '../../shared/errors';
import { workerEngine } from '../engine/worker-client';
import { Host, type Dialogs } from '../app/host';
import { createKeyStore } from '../app/key-store';

/** The passphrase of the harness's throwaway signing key. */
const HARNESS_PASSPHRASE = 'harness-only-passphrase';
import type { HarnessReply, HarnessRequest } from '../../shared/harness-protocol';

/** Where the harness finds the built renderer and keeps its data. */
export interface HarnessOptions {
  rendererDir: string;
  dataDir?: string;
  demoBundle: string;
  port?: number;
}

/** A running harness. */
export interface Harness {
  /** The page to open: the harness entry with the token in the fragment. */
  url: string;
  token: string;
  dataDir: string;
  /** Queues the answer the next dialog of that kind gives (null or [] = cancelled). */
  answerDialog(kind: DialogKind, answer: string | string[] | null): void;
  close(): Promise<void>;
}

type DialogKind = 'folder' | 'files' | 'save' | 'casefile';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.wasm': 'application/wasm', '.json': 'application/json' };

/** Starts the harness on 127.0.0.1 (a random port unless given). */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const token = randomBytes(24).toString('hex');
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'nhi-harness-'));
  const uploads = join(dataDir, 'dropped');
  const queues: Record<DialogKind, (string | string[] | null)[]> = { folder: [], files: [], save: [], casefile: [] };
  const next = (kind: DialogKind): string | string[] | null => queues[kind].shift() ?? null;
  const dialogs: Dialogs = {
    chooseFolder: async () => next('folder') as string | null,
    chooseFiles: async () => (next('files') as string[] | null) ?? [],
    chooseSavePath: async () => next('save') as string | null,
    chooseCaseFile: async () => next('casefile') as string | null,
  };
  // The engine runs in a worker thread, as in the app: the page stays served (and can cancel an import) while it works.
  const engine = workerEngine(join(__dirname, '../engine/worker.ts'), { user: 'harness@127.0.0.1' });
  // The harness has no OS keychain: its key is protected by a fixed passphrase (test-only, never the app's way).
  const keys = createKeyStore({ dataDir, signerName: 'harness@nhi-workbench', safeStorage: null, askPassphrase: async () => HARNESS_PASSPHRASE });
  const host = new Host(engine, dialogs, { dataDir, demoBundle: options.demoBundle }, keys);
  const root = resolve(options.rendererDir);

  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/__harness/dialog') return answerOverHttp(req, res, token, queues);
    serveStatic(root, req, res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 * 1024 });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin ?? '';
    if (url.pathname !== '/ws' || url.searchParams.get('token') !== token || !origin.startsWith('http://127.0.0.1:')) {
      socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => void handleMessage(ws, String(data)));
    });
  });
  engine.onEvent((event, payload) => {
    const message: HarnessReply = { type: 'event', event, payload };
    for (const ws of sockets) ws.send(JSON.stringify(message));
  });

  async function handleMessage(ws: WebSocket, text: string): Promise<void> {
    let request: HarnessRequest;
    try {
      request = JSON.parse(text) as HarnessRequest;
    } catch {
      return;
    }
    let reply: HarnessReply;
    try {
      if (request.type === 'upload') {
        mkdirSync(uploads, { recursive: true });
        const dir = mkdtempSync(join(uploads, 'f-'));
        const path = join(dir, basename(request.name) || 'dropped-file');
        writeFileSync(path, Buffer.from(request.data, 'base64'));
        // The harness's stand-in for preload's grant: the page dropped these bytes, so their copy may be read.
        host.grantDropped([path]);
        reply = { id: request.id, ok: true, result: path };
      } else {
        reply = { id: request.id, ok: true, result: await host.handle(request.method, request.input) };
      }
    } catch (err) {
      reply = { id: request.id, ok: false, error: toErrorInfo(err) };
    }
    ws.send(JSON.stringify(reply));
  }

  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/harness.html#token=${token}`,
    token,
    dataDir,
    answerDialog: (kind, answer) => queues[kind].push(answer),
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      // The page may still hold keep-alive connections (Playwright closes it after the test's hooks): drop them, or
      // close() waits for them.
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await closed;
      await engine.dispose();
    },
  };
}

function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  const file = resolve(root, `.${pathname === '/' ? '/harness.html' : pathname}`);
  if ((file !== root && !file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  res.end(readFileSync(file));
}

function answerOverHttp(req: IncomingMessage, res: ServerResponse, token: string, queues: Record<DialogKind, (string | string[] | null)[]>): void {
  if (req.headers['x-harness-token'] !== token) {
    res.writeHead(401).end();
    return;
  }
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  req.on('end', () => {
    try {
      const { kind, answer } = JSON.parse(body) as { kind: DialogKind; answer: string | string[] | null };
      if (!(kind in queues)) throw new Error('unknown dialog kind');
      queues[kind].push(answer);
      res.writeHead(204).end();
    } catch (err) {
      res.writeHead(400).end((err as Error).message);
    }
  });
}

// `npm run harness` starts it for development and prints the URL (dialogs can be answered with
// curl -X POST -H 'x-harness-token: …' -d '{"kind":"files","answer":["/path"]}' <origin>/__harness/dialog).
if (/harness[\\/]server\.ts$/.test(process.argv[1] ?? '')) {
  const repo = resolve(__dirname, '../../..');
  const port = Number(process.env['HARNESS_PORT'] ?? 0);
  void startHarness({ rendererDir: join(repo, 'out/renderer'), demoBundle: join(repo, 'resources/demo'), port }).then((h) => {
    process.stdout.write(`NHI Workbench harness: ${h.url}\n(data in ${h.dataDir}; build the renderer first with npm run build)\n`);
  });
}
