// Helpers over the engine contract that several figures share: finding cases by size, and timing calls.
import type { EngineClient } from '../../../src/main/engine/engine-client';
import type { CaseSummary } from '../../../src/shared/schemas';

/** The active cases, largest first (up to 1,000). */
export async function casesBySize(engine: EngineClient): Promise<CaseSummary[]> {
  const page = await engine.call('listCases', { sort: 'signals', descending: true, limit: 1000 });
  return page.items;
}

/** The case whose signal count is closest to `size`. */
export function closestCase(cases: readonly CaseSummary[], size: number): CaseSummary {
  let best = cases[0];
  if (!best) throw new Error('the workspace has no cases');
  for (const c of cases) if (Math.abs(c.signals - size) < Math.abs(best.signals - size)) best = c;
  return best;
}

/** The first `count` signal ids of a case, in time order. */
export async function signalIds(engine: EngineClient, caseId: string, count: number, offset = 0): Promise<number[]> {
  const page = await engine.call('caseSignals', { id: caseId, limit: Math.min(1000, count), offset, sort: 'time' });
  return page.items.map((s) => s.id);
}

/** "12,345". */
export function n(x: number): string {
  return x.toLocaleString('en-US');
}
