// Opening a workspace to a usable case queue: a fresh engine, `open`, then the first page of the queue, as the
// app does at start. Each run closes the workspace again (nothing journaled, so no checkpoint is written).
import { inProcessEngine } from '../../../src/main/engine/engine-client';
import type { Report } from '../lib/report';
import { median, percentile } from '../lib/stats';
import { n } from './engine-util';

/** Reports the median time to open `path` and show the first queue page. */
export async function openFigure(report: Report, path: string, signals: number, runs: number, reduced: boolean): Promise<void> {
  const times: number[] = [];
  const openOnly: number[] = [];
  for (let i = 0; i < runs; i++) {
    const engine = inProcessEngine({ user: 'bench@localhost' });
    const started = performance.now();
    await engine.call('open', { path, create: false });
    const opened = performance.now();
    await engine.call('listCases', { limit: 100 });
    times.push((performance.now() - started) / 1000);
    openOnly.push((opened - started) / 1000);
    await engine.dispose();
  }
  report.add({
    id: 'open.seconds',
    name: `open a workspace of ${n(signals)} signals to the first case-queue page`,
    value: median(times),
    p95: percentile(times, 95),
    unit: 's',
    target: { text: '<= 2 s (1,000,000 signals)', limit: 2, on: 'value' },
    reduced,
    detail: { runs, openOnlyMedian: median(openOnly) },
  });
}
