// Merge, split and move latency on a workspace of the size the target names (500,000 signals), journal write (fsync)
// included: each action is followed by an undo so the workspace stays comparable from run to run. The engine
// checkpoints every 200 journaled actions; the runs stay below that, so a checkpoint's cost (writing the whole
// database) is not in these figures.
//
// A full run's main workspace holds 1,000,000 signals, twice the target's size, so these figures get a workspace of
// their own: 500,000 CloudTrail events (with the same 100,000- and 10,000-event hot identities) ingested in a child
// process. A quick run measures on its small main workspace instead and marks the figures as reduced.
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inProcessEngine, type EngineClient } from '../../../src/main/engine/engine-client';
import { readConfig, type BenchConfig } from '../lib/config';
import { evidenceFor } from '../lib/evidence-cache';
import { runMeasured, tail } from '../lib/proc';
import type { Report } from '../lib/report';
import { median, percentile } from '../lib/stats';
import { casesBySize, n, signalIds } from './engine-util';

const REASON = 'bench: same incident';
/** The workspace size the target names. */
export const ACTION_WORKSPACE_SIGNALS = 500_000;
const REPO = resolve(__dirname, '..', '..', '..');
const CHILD = join(__dirname, '..', 'children', 'ingest-child.ts');
const TARGET = { text: 'p95 <= 50 ms (500,000 signals)', limit: 50, on: 'p95' as const };

/**
 * Reports median and p95 of merge, split, move and their undos. `engine` has the run's main workspace open: a quick
 * run (or a main workspace near 500,000 signals) is measured there; a larger one gets a 500,000-event workspace.
 */
export async function actionFigures(report: Report, engine: EngineClient, signals: number, runs: number, reduced: boolean): Promise<void> {
  if (reduced || signals <= ACTION_WORKSPACE_SIGNALS * 1.2) {
    await measureActions(report, engine, signals, runs, reduced);
    return;
  }
  // The same flags as the run itself (seed, data folder, --keep), read the same way.
  await actionWorkspaceFigures(report, readConfig(process.argv.slice(2)), runs);
}

/** Builds a workspace of 500,000 CloudTrail events (cached evidence, ingested by the bench's ingest child) and measures the actions on it. */
export async function actionWorkspaceFigures(report: Report, cfg: BenchConfig, runs: number, existing?: string): Promise<void> {
  const root = existing ? null : mkdtempSync(join(tmpdir(), 'nhi-bench-actions-'));
  const path = existing ?? join(root!, 'actions');
  try {
    if (!existing) {
      const events = ACTION_WORKSPACE_SIGNALS;
      const { evidence, seconds, cached } = evidenceFor(cfg.dataDir, { events, identities: cfg.identities, seed: cfg.seed, hot: [100_000, 10_000] });
      const run = await runMeasured(process.execPath, ['--import', 'tsx', CHILD, path, ...evidence.cloudtrail], { cwd: REPO });
      if (run.code !== 0) {
        report.unavailable('setup.actions', 'setup: action workspace', 's', `failed: ${tail(run.stderr)}`);
        return;
      }
      const r = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { seconds: number; signals: number; cases: number };
      report.add({
        id: 'setup.actions',
        name: `setup: ingest ${n(events)} events -> ${n(r.signals)} signals, ${n(r.cases)} cases (action workspace)`,
        value: r.seconds,
        unit: 's',
        note: `${cached ? 'evidence cached' : `generated in ${seconds.toFixed(1)} s`}${cfg.keep ? `; kept in ${path}` : ''}`,
      });
    }
    const engine = inProcessEngine({ user: 'bench@localhost' });
    try {
      const info = await engine.call('open', { path, create: false });
      await measureActions(report, engine, info.signals, runs, info.signals < ACTION_WORKSPACE_SIGNALS);
    } finally {
      await engine.dispose();
    }
  } finally {
    if (root && !cfg.keep) rmSync(root, { recursive: true, force: true });
  }
}

/** The figures on the workspace open in `engine`. */
async function measureActions(report: Report, engine: EngineClient, signals: number, runs: number, reduced: boolean): Promise<void> {
  const cases = await casesBySize(engine);
  const big = cases[0];
  const second = cases[1];
  const smalls = cases.filter((c) => c.signals >= 5 && c.signals <= 500);
  if (!big || !second || smalls.length === 0) {
    report.unavailable('actions', 'merge/split/move', 'ms', 'skipped: no suitable cases in the workspace');
    return;
  }
  const moving = await signalIds(engine, big.id, 50, Math.floor(big.signals / 2));
  const timed: Record<'merge' | 'split' | 'move' | 'undo', number[]> = { merge: [], split: [], move: [], undo: [] };
  const time = async (into: number[], fn: () => Promise<unknown>): Promise<void> => {
    const started = performance.now();
    await fn();
    into.push(performance.now() - started);
  };
  for (let i = -1; i < runs; i++) {
    const small = smalls[(i + 1) % smalls.length]!;
    // Run -1 warms the statement caches and is not counted.
    const sink = (list: number[]): number[] => (i < 0 ? [] : list);
    await time(sink(timed.merge), () => engine.call('mergeCases', { ids: [big.id, small.id], into: big.id, reason: REASON }));
    await time(sink(timed.undo), () => engine.call('undo', {}));
    await time(sink(timed.split), () => engine.call('splitCase', { id: big.id, signalIds: moving, reason: REASON }));
    await time(sink(timed.undo), () => engine.call('undo', {}));
    await time(sink(timed.move), () => engine.call('moveSignals', { signalIds: moving, to: small.id, reason: REASON }));
    await time(sink(timed.undo), () => engine.call('undo', {}));
  }
  const where = `${n(signals)}-signal workspace`;
  const what = {
    merge: `merge a ${n(big.signals)}-signal case with a small one`,
    split: `split 50 signals out of the ${n(big.signals)}-signal case`,
    move: `move 50 signals to another case`,
    undo: 'undo of those (all three)',
  };
  for (const action of ['merge', 'split', 'move', 'undo'] as const) {
    const list = timed[action];
    report.add({
      id: `action.${action}`,
      name: `${what[action]}, ${where}, journal fsync included`,
      value: median(list),
      p95: percentile(list, 95),
      unit: 'ms',
      target: action === 'undo' ? undefined : TARGET,
      reduced,
      detail: { runs: list.length },
    });
  }

  // Merging two large cases rewrites every case_signals row of the case that closes (its case id changes, and with
  // it the row's entry in the (case_id, time) index): that cost grows with the smaller case, so it is reported apart.
  const pair: number[] = [];
  const pairUndo: number[] = [];
  const pairRuns = Math.max(3, Math.ceil(runs / 5));
  for (let i = 0; i < pairRuns; i++) {
    await time(pair, () => engine.call('mergeCases', { ids: [big.id, second.id], into: big.id, reason: REASON }));
    await time(pairUndo, () => engine.call('undo', {}));
  }
  report.add({
    id: 'action.mergeLarge',
    name: `merge the two largest cases (${n(second.signals)} signals into ${n(big.signals)}), ${where}, journal fsync included`,
    value: median(pair),
    p95: percentile(pair, 95),
    unit: 'ms',
    note: `moves ${n(second.signals)} signal rows; undo ${median(pairUndo).toFixed(0)} ms`,
    detail: { runs: pair.length, undoMedian: median(pairUndo), undoP95: percentile(pairUndo, 95) },
  });

  fsyncFigure(report, (await engine.call('info', {}))!.path);
}

/** What the journal's durability alone costs on this disk: append one action-sized line to a file in the workspace folder and fsync it. */
function fsyncFigure(report: Report, dir: string): void {
  const file = join(dir, 'bench-fsync.tmp');
  const line = Buffer.from(`${JSON.stringify({ seq: 1, type: 'signals.moved', payload: 'x'.repeat(2000) })}\n`);
  const fd = openSync(file, 'a');
  const times: number[] = [];
  try {
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      writeSync(fd, line);
      fsyncSync(fd);
      times.push(performance.now() - started);
    }
  } finally {
    closeSync(fd);
    unlinkSync(file);
  }
  report.add({
    id: 'action.fsync',
    name: 'info: journal write + fsync alone (one 2 KB line) in the workspace folder, inside each action figure above',
    value: median(times),
    p95: percentile(times, 95),
    unit: 'ms',
    detail: { runs: times.length },
  });
}
