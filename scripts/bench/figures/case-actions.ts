// Merge, split and move latency on a large workspace, journal write (fsync) included: each action is followed by
// an undo so the workspace stays comparable from run to run. The engine checkpoints every 200 journaled actions;
// the runs stay below that, so a checkpoint's cost (writing the whole database) is not in these figures.
import type { EngineClient } from '../../../src/main/engine/engine-client';
import type { Report } from '../lib/report';
import { median, percentile } from '../lib/stats';
import { casesBySize, n, signalIds } from './engine-util';

const REASON = 'bench: same incident';

/** Reports median and p95 of merge, split, move and their undos on the open workspace. */
export async function actionFigures(report: Report, engine: EngineClient, signals: number, runs: number, reduced: boolean): Promise<void> {
  const cases = await casesBySize(engine);
  const big = cases[0];
  const smalls = cases.filter((c) => c.signals >= 5 && c.signals <= 500);
  if (!big || smalls.length === 0) {
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
      target: action === 'undo' ? undefined : { text: 'p95 <= 50 ms (500,000 signals)', limit: 50, on: 'p95' },
      reduced,
      detail: { runs: list.length },
    });
  }
}
