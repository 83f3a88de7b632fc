// `npm run fuzz`: the long fuzzing campaign. Each target runs in its own worker thread with a heap limit, watched
// for hangs; every distinct failure is printed with its seed, replay path and shrunk counterexample, and its input
// bytes are saved under test-results/fuzz/. Exit code 1 when anything was found.
//
//   npm run fuzz                                   every target, 2000 inputs each, a random seed (printed)
//   npm run fuzz -- --runs 10000 --seed 42         more inputs, a fixed seed
//   npm run fuzz -- --target parser:aws.cloudtrail,casefile
//   npm run fuzz -- --target <name> --seed <s> --path <p>   replay one printed failure
//   npm run fuzz -- --strict                       also stop on the open bugs of test/fuzz/known-bugs.ts
//   npm run fuzz -- --list                         the targets
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allTargets } from '../test/fuzz/targets/index';
import { formatFinding, runCampaign, type Finding } from '../test/fuzz/campaign';
import { preview } from '../test/fuzz/oracle';

interface Options {
  runs: number;
  seed: number;
  targets: string[];
  path?: string;
  hangMs: number;
  memoryMb: number;
  out: string;
  jobs: number;
  list: boolean;
  strict: boolean;
}

interface Job {
  target: string;
  runs: number;
  seed: number;
  path?: string;
  strict: boolean;
}

type WorkerMessage =
  | { type: 'input'; seed: number; index: number; preview: string }
  | { type: 'done'; tried: number; repeats: number; known: Record<string, number>; failures: Finding[]; slowestMs: number; slowestInput: string; peakHeapMb: number; elapsedMs: number }
  | { type: 'setup-failed'; error: string };

/** What one target's campaign came to, as the summary shows it. */
interface Outcome {
  target: string;
  tried: number;
  failures: Finding[];
  repeats: number;
  known: Record<string, number>;
  slowestMs: number;
  peakHeapMb: number;
  elapsedMs: number;
  /** A hang, a crash or memory exhaustion: the worker died, with the input it was on. */
  fatal?: string;
}

const REPO = resolve(__dirname, '..');

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run fuzz -- [--runs N] [--seed S] [--target a,b] [--path P] [--hang-ms MS] [--memory-mb MB] [--jobs N] [--out DIR] [--strict] [--list]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const options: Options = { runs: 2000, seed: Date.now() % 2 ** 31, targets: [], hangMs: 60_000, memoryMb: 2048, out: join(REPO, 'test-results/fuzz'), jobs: 1, list: false, strict: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => argv[++i] ?? usage(`${arg} needs a value`);
    const int = (): number => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) usage(`${arg} takes a whole number`);
      return n;
    };
    if (arg === '--runs') options.runs = Math.max(1, int());
    else if (arg === '--seed') options.seed = int() | 0;
    else if (arg === '--target') options.targets = value().split(',').filter(Boolean);
    else if (arg === '--path') options.path = value();
    else if (arg === '--hang-ms') options.hangMs = Math.max(1000, int());
    else if (arg === '--memory-mb') options.memoryMb = Math.max(128, int());
    else if (arg === '--jobs') options.jobs = Math.max(1, int());
    else if (arg === '--out') options.out = resolve(value());
    else if (arg === '--list') options.list = true;
    else if (arg === '--strict') options.strict = true;
    else usage(`unknown option ${arg}`);
  }
  return options;
}

/** Runs one target's campaign in a worker; resolves with its outcome, whatever happens to the worker. */
function runInWorker(job: Job, options: Options): Promise<Outcome> {
  const code = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(__filename)});`;
  const worker = new Worker(code, { eval: true, workerData: job, resourceLimits: { maxOldGenerationSizeMb: options.memoryMb } });
  let last: { seed: number; index: number; preview: string } | null = null;
  let tried = 0;
  const started = performance.now();
  return new Promise((done) => {
    let settled = false;
    const finish = (outcome: Outcome): void => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      void worker.terminate();
      done(outcome);
    };
    const fatal = (what: string): Outcome => ({
      target: job.target,
      tried,
      failures: [],
      repeats: 0,
      known: {},
      slowestMs: 0,
      peakHeapMb: 0,
      elapsedMs: performance.now() - started,
      fatal: last === null ? what : `${what} on input #${last.index} of seed ${last.seed} (replay: npm run fuzz -- --target ${job.target} --seed ${last.seed} --runs ${last.index + 1}):\n    ${last.preview}`,
    });
    let lastSeen = performance.now();
    const watchdog = setInterval(() => {
      if (performance.now() - lastSeen > options.hangMs) finish(fatal(`HANG: no progress for ${options.hangMs} ms`));
    }, 500);
    worker.on('message', (message: WorkerMessage) => {
      lastSeen = performance.now();
      if (message.type === 'input') {
        last = message;
        tried += 1;
      } else if (message.type === 'setup-failed') {
        finish(fatal(`setup failed: ${message.error}`));
      } else {
        finish({ target: job.target, tried: message.tried, failures: message.failures, repeats: message.repeats, known: message.known, slowestMs: message.slowestMs, peakHeapMb: message.peakHeapMb, elapsedMs: message.elapsedMs });
      }
    });
    worker.on('error', (err: Error & { code?: string }) => {
      finish(fatal(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `OUT OF MEMORY (heap limit ${options.memoryMb} MiB)` : `CRASH: ${err.stack ?? err.message}`));
    });
    worker.on('exit', (exitCode) => finish(fatal(`worker exited with code ${exitCode} before finishing`)));
  });
}

/** The worker side: opens the target, runs the campaign, reports each input (for the watchdog) and the result. */
async function workerMain(job: Job): Promise<void> {
  const port = parentPort!;
  const target = allTargets().find((t) => t.name === job.target);
  if (!target) return port.postMessage({ type: 'setup-failed', error: `no target ${job.target}` } satisfies WorkerMessage);
  let session;
  try {
    session = await target.open();
  } catch (err) {
    return port.postMessage({ type: 'setup-failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies WorkerMessage);
  }
  let peak = 0;
  let count = 0;
  const result = await runCampaign(session, {
    runs: job.runs,
    seed: job.seed,
    path: job.path,
    strict: job.strict,
    onInput: ({ seed, index }, input) => {
      if (count++ % 16 === 0) peak = Math.max(peak, getHeapStatistics().used_heap_size);
      port.postMessage({ type: 'input', seed, index, preview: preview(input, 400) } satisfies WorkerMessage);
    },
  });
  await session.close();
  peak = Math.max(peak, getHeapStatistics().used_heap_size);
  port.postMessage({
    type: 'done',
    tried: result.tried,
    repeats: result.repeats,
    known: result.known,
    failures: result.failures,
    slowestMs: result.slowest.ms,
    slowestInput: result.slowest.input,
    peakHeapMb: peak / 2 ** 20,
    elapsedMs: result.elapsedMs,
  } satisfies WorkerMessage);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const targets = allTargets();
  if (options.list) {
    for (const t of targets) process.stdout.write(`${t.name.padEnd(32)} ${t.description} (budget ${t.budgetMs} ms per input)\n`);
    return;
  }
  const chosen = options.targets.length === 0 ? targets : targets.filter((t) => options.targets.some((want) => t.name === want || t.name.startsWith(want)));
  if (chosen.length === 0) usage(`no target matches ${options.targets.join(',')}; --list shows them`);
  process.stdout.write(`NHI Workbench fuzz campaign: ${chosen.length} targets, ${options.runs} inputs each, seed ${options.seed}${options.path ? `, replaying path ${options.path}` : ''}\n`);
  process.stdout.write(`(hang after ${options.hangMs} ms without progress, heap limit ${options.memoryMb} MiB per target; failing inputs saved in ${options.out})\n\n`);
  const outcomes: Outcome[] = [];
  const queue = [...chosen];
  const lane = async (): Promise<void> => {
    for (let t = queue.shift(); t; t = queue.shift()) {
      const outcome = await runInWorker({ target: t.name, runs: options.runs, seed: options.seed, path: options.path, strict: options.strict }, options);
      outcomes.push(outcome);
      const status = outcome.fatal ? 'FATAL' : outcome.failures.length === 0 ? 'ok' : `${outcome.failures.length} FAILURE(S)`;
      process.stdout.write(
        `${t.name.padEnd(32)} tried ${String(outcome.tried).padStart(6)}  ${status.padEnd(13)} slowest ${Math.round(outcome.slowestMs).toString().padStart(5)} ms (budget ${t.budgetMs})  peak heap ${Math.round(outcome.peakHeapMb)} MiB  ${(outcome.elapsedMs / 1000).toFixed(1)} s\n`,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.jobs, chosen.length) }, lane));

  outcomes.sort((a, b) => chosen.findIndex((t) => t.name === a.target) - chosen.findIndex((t) => t.name === b.target));
  let findings = 0;
  mkdirSync(options.out, { recursive: true });
  process.stdout.write('\nper target: inputs tried / distinct failures (+ inputs that hit an already-reported failure)\n');
  for (const o of outcomes) {
    const known = Object.entries(o.known).map(([id, n]) => `${n} hit known bug ${id}`);
    process.stdout.write(`  ${o.target.padEnd(32)} ${String(o.tried).padStart(6)} / ${o.failures.length + (o.fatal ? 1 : 0)}${o.repeats > 0 ? ` (+${o.repeats})` : ''}${known.length > 0 ? `; ${known.join(', ')}` : ''}\n`);
  }
  for (const o of outcomes) {
    if (o.fatal) {
      findings += 1;
      process.stdout.write(`\n  ✗ ${o.target} [fatal] ${o.fatal}\n`);
    }
    o.failures.forEach((f, i) => {
      findings += 1;
      process.stdout.write(`\n${formatFinding(o.target, f)}\n`);
      if (f.bytes) {
        const file = join(options.out, `${o.target.replace(/[^A-Za-z0-9._-]/g, '_')}-seed${f.seed}-${i + 1}.bin`);
        writeFileSync(file, f.bytes);
        process.stdout.write(`    input bytes: ${file}\n`);
      }
    });
  }
  const total = outcomes.reduce((n, o) => n + o.tried, 0);
  process.stdout.write(`\n${total} inputs tried across ${outcomes.length} targets; ${findings} failure(s) found.\n`);
  process.exitCode = findings > 0 ? 1 : 0;
}

if (isMainThread) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
} else {
  void workerMain(workerData as Job);
}
