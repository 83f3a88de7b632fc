// Page reads behind the UI's tables: the case queue (every sort and filter) and a large case's signal table
// (every sort, a deep page, a text filter). Medians and p95 over repeated calls through the engine contract,
// which includes the contract's input validation, as every host call does.
import type { EngineClient } from '../../../src/main/engine/engine-client';
import type { InputOf, EngineContract } from '../../../src/shared/contract';
import type { Report } from '../lib/report';
import { median, percentile, sampleMs } from '../lib/stats';
import { n } from './engine-util';

type CaseQuery = InputOf<EngineContract, 'listCases'>;
type SignalQuery = Omit<InputOf<EngineContract, 'caseSignals'>, 'id'>;

/** Reports one queue page per sort and filter on a workspace of `cases` cases. */
export async function queueFigures(report: Report, engine: EngineClient, cases: number, runs: number, reduced: boolean): Promise<void> {
  const variants: [string, CaseQuery][] = [
    ...(['severity', 'lastSeen', 'firstSeen', 'signals', 'id', 'anchor', 'status'] as const).map((sort): [string, CaseQuery] => [`sort ${sort}`, { sort, limit: 100 }]),
    ['sort severity reversed', { sort: 'severity', descending: true, limit: 100 }],
    ['filter status=new', { status: 'new', limit: 100 }],
    ['filter severity=high', { severity: 'high', limit: 100 }],
    ['filter text "payments"', { query: 'payments', limit: 100 }],
    ['deep page (offset half way), sort lastSeen', { sort: 'lastSeen', offset: Math.floor(cases / 2), limit: 100 }],
  ];
  for (const [label, query] of variants) {
    const times = await sampleMs(runs, () => engine.call('listCases', query));
    report.add({
      id: `queue.${label.replace(/\W+/g, '-')}`,
      name: `case queue page (100 rows), ${n(cases)} cases, ${label}`,
      value: median(times),
      p95: percentile(times, 95),
      unit: 'ms',
      target: { text: '<= 100 ms (50,000 cases)', limit: 100, on: 'value' },
      reduced,
    });
  }
}

/** Reports one signal page per sort and filter of the case `caseId` (`size` signals). */
export async function signalPageFigures(report: Report, engine: EngineClient, caseId: string, size: number, runs: number, reduced: boolean): Promise<void> {
  const variants: [string, SignalQuery][] = [
    ...(['time', 'action', 'outcome', 'sourceIp', 'region', 'actor'] as const).map((sort): [string, SignalQuery] => [`sort ${sort}`, { sort, limit: 100 }]),
    ['sort time descending', { sort: 'time', descending: true, limit: 100 }],
    ['deep page (offset half way), sort time', { sort: 'time', offset: Math.floor(size / 2), limit: 100 }],
    ['filter text "AccessDenied"', { query: 'AccessDenied', limit: 100 }],
  ];
  for (const [label, query] of variants) {
    const times = await sampleMs(runs, () => engine.call('caseSignals', { id: caseId, ...query }));
    report.add({
      id: `signals.${label.replace(/\W+/g, '-')}`,
      name: `signal page (100 rows) of a ${n(size)}-signal case, ${label}`,
      value: median(times),
      p95: percentile(times, 95),
      unit: 'ms',
      target: { text: '<= 50 ms (100,000-signal case)', limit: 50, on: 'value' },
      reduced,
    });
  }
}

/** Reports text search. The contract searches one case's signals (LIKE over seven columns); there is no
 * workspace-wide signal search yet, so that figure is reported as not implemented. */
export async function searchFigures(report: Report, engine: EngineClient, caseId: string, size: number, total: number, runs: number): Promise<void> {
  const terms = ['203.0.113.77', 'GetSecretValue', 'no-such-text-anywhere'];
  const times: number[] = [];
  for (const query of terms) times.push(...(await sampleMs(runs, () => engine.call('caseSignals', { id: caseId, query, limit: 100 }))));
  report.add({
    id: 'search.case',
    name: `text search in a ${n(size)}-signal case (caseSignals query: LIKE on 7 columns, no FTS4), 3 terms`,
    value: median(times),
    p95: percentile(times, 95),
    unit: 'ms',
    target: { text: '<= 200 ms (1,000,000 signals, FTS4)', limit: 200, on: 'value' },
    // Never the figure the target names (one case, not the whole workspace), so the comparison is indicative.
    reduced: true,
  });
  report.unavailable('search.workspace', `text search across all ${n(total)} signals (FTS4)`, 'ms', 'n/a (not implemented: the contract has no workspace-wide signal search, and no FTS4 table)', { text: '<= 200 ms', limit: 200, on: 'value' });
}
