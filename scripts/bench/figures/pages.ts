// Page reads behind the UI's tables: the case queue (every sort and filter), a large case's signal table (every
// sort, a deep page, a text filter) and text search (in one case, and across the workspace). Medians and p95 over
// repeated calls through the engine contract, which includes the contract's input validation, as every host call does.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineClient } from '../../../src/main/engine/engine-client';
import type { InputOf, EngineContract } from '../../../src/shared/contract';
import type { Report } from '../lib/report';
import { median, percentile, sampleMs } from '../lib/stats';
import { n } from './engine-util';

const SQLITE3 = '/usr/bin/sqlite3';

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

/** Reports text search: inside the largest case (caseSignals' LIKE filter over seven columns) and across every signal
 * of the workspace (searchSignals over the FTS4 index, a page of 100 with the capped count), and the index's size. */
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

  // A rare IP (the planted incident's address), the most common API action, a word no signal has.
  const workspaceTerms = ['203.0.113.77', 'kms:Decrypt', 'no-such-text-anywhere'];
  const all: number[] = [];
  const detail: Record<string, string> = {};
  const counts: string[] = [];
  for (const query of workspaceTerms) {
    let hits = '';
    const termTimes = await sampleMs(runs, async () => {
      const page = await engine.call('searchSignals', { query, limit: 100 });
      hits = `${n(page.total)}${page.capped ? '+' : ''} hits`;
    });
    all.push(...termTimes);
    counts.push(`"${query}" ${hits}`);
    detail[query] = `${hits}, median ${median(termTimes).toFixed(1)} ms, p95 ${percentile(termTimes, 95).toFixed(1)} ms`;
  }
  report.add({
    id: 'search.workspace',
    name: `text search across all ${n(total)} signals (FTS4, searchSignals: page of 100 + count), 3 terms`,
    value: median(all),
    p95: percentile(all, 95),
    unit: 'ms',
    note: counts.join(', '),
    target: { text: '<= 200 ms', limit: 200, on: 'value' },
    reduced: total < 1_000_000,
    detail,
  });
  await indexSizeFigure(report, engine, total);
}

/** The FTS4 index's share of the workspace checkpoint, read by the sqlite3 CLI's dbstat (pages of its shadow tables). */
async function indexSizeFigure(report: Report, engine: EngineClient, total: number): Promise<void> {
  const name = `info: FTS4 search index (signals_fts) in the checkpoint of ${n(total)} signals`;
  const info = await engine.call('info', {});
  const db = info === null ? '' : join(info.path, 'workspace.sqlite');
  if (!existsSync(SQLITE3) || !existsSync(db)) {
    report.unavailable('info.searchIndex', name, 'MB', `skipped: ${existsSync(SQLITE3) ? 'no checkpoint' : `${SQLITE3} is not installed`}`);
    return;
  }
  try {
    const out = execFileSync(SQLITE3, ['-readonly', db, `SELECT COALESCE(SUM(CASE WHEN name LIKE 'signals_fts%' THEN pgsize END), 0), SUM(pgsize) FROM dbstat`], { encoding: 'utf8' });
    const [index, whole] = out.trim().split('|').map(Number) as [number, number];
    report.add({
      id: 'info.searchIndex',
      name,
      value: index / 1e6,
      unit: 'MB',
      note: `${((100 * index) / whole).toFixed(1)}% of the ${(whole / 1e6).toFixed(0)} MB database, ${Math.round(index / Math.max(1, total))} B/signal`,
      detail: { indexBytes: index, databaseBytes: whole },
    });
  } catch (err) {
    report.unavailable('info.searchIndex', name, 'MB', `failed: ${(err as Error).message.split('\n')[0]}`);
  }
}
