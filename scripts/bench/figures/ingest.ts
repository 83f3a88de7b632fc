// Ingest figures: our engine in a child process (seconds, events/s, peak RSS from the OS) against the sqlite3
// CLI and better-sqlite3 loading the same events into a table of the same columns.
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runMeasured, tail } from '../lib/proc';
import type { Report } from '../lib/report';
import type { IngestChildResult } from '../children/ingest-child';
import { sqlite3Script } from './reference-sql';

const REPO = join(__dirname, '..', '..', '..');
const CHILD = join(__dirname, '..', 'children', 'ingest-child.ts');
const BETTER_CHILD = join(__dirname, '..', 'children', 'better-sqlite-child.ts');

/** Ingests `files` into a new workspace at `workspace` in a child process and reports it; returns the result. */
export async function ingestFigures(report: Report, files: string[], events: number, workspace: string, reduced: boolean): Promise<IngestChildResult | null> {
  rmSync(workspace, { recursive: true, force: true });
  const run = await runMeasured(process.execPath, ['--import', 'tsx', CHILD, workspace, ...files], { cwd: REPO });
  const label = `${events.toLocaleString('en-US')} CloudTrail events`;
  if (run.code !== 0) {
    report.unavailable('ingest.seconds', `ingest ${label} (engine, child process)`, 's', `failed: ${tail(run.stderr)}`);
    return null;
  }
  const result = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as IngestChildResult;
  const sqlite = await sqlite3Reference(files, workspace);
  report.add({
    id: 'ingest.seconds',
    name: `ingest ${label} -> ${result.identities} identities, ${result.cases} cases (engine)`,
    value: result.seconds,
    unit: 's',
    reference: sqlite === null ? undefined : { name: 'sqlite3 CLI', value: sqlite, unit: 's' },
    ratio: sqlite === null ? undefined : result.seconds / sqlite,
    target: { text: '<= 1.5x sqlite3 CLI', limit: 1.5, on: 'ratio' },
    reduced,
    detail: { signals: result.signals, identities: result.identities, cases: result.cases, rejected: result.rejected, childWallSeconds: run.seconds, errors: result.errors.join('; ') || null },
  });
  report.add({ id: 'ingest.rate', name: `ingest rate, ${label} (engine)`, value: events / result.seconds, unit: 'events/s', target: { text: '>= 60,000 events/s', limit: 60_000, on: 'value', atLeast: true }, reduced });
  report.add({
    id: 'ingest.peakRss',
    name: `ingest peak RSS of the child (/usr/bin/time -v max RSS), ${label}`,
    value: run.peakRss === null ? null : run.peakRss / 2 ** 20,
    unit: 'MiB',
    note: run.peakRss === null ? 'n/a (/usr/bin/time missing)' : undefined,
    target: { text: '<= 1.5 GB', limit: 1.5e9 / 2 ** 20, on: 'value' },
    reduced,
  });
  if (sqlite !== null) report.add({ id: 'ref.sqlite3', name: `reference: sqlite3 CLI .import + json_extract, ${label}`, value: sqlite, unit: 's', detail: { rate: Math.round(events / sqlite) } });
  await betterSqliteReference(report, files, label, workspace, result.seconds);
  return result;
}

async function sqlite3Reference(files: string[], workspace: string): Promise<number | null> {
  if (!existsSync('/usr/bin/sqlite3')) return null;
  const db = `${workspace}-sqlite3.db`;
  rmSync(db, { force: true });
  const run = await runMeasured('/usr/bin/sqlite3', [db], { input: sqlite3Script(files) });
  const size = existsSync(db) ? statSync(db).size : 0;
  rmSync(db, { force: true });
  if (run.code !== 0 || size === 0) {
    process.stderr.write(`sqlite3 reference failed: ${tail(run.stderr)}\n`);
    return null;
  }
  return run.seconds;
}

async function betterSqliteReference(report: Report, files: string[], label: string, workspace: string, ours: number): Promise<void> {
  const db = `${workspace}-better.db`;
  rmSync(db, { force: true });
  const run = await runMeasured(process.execPath, ['--import', 'tsx', BETTER_CHILD, db, ...files], { cwd: REPO });
  rmSync(db, { force: true });
  const out = run.stdout.trim().split('\n').pop() ?? '';
  if (run.code !== 0 || !out.startsWith('{')) {
    const reason = /Cannot find module|MODULE_NOT_FOUND/.test(run.stderr) ? 'better-sqlite3 is not installed' : tail(run.stderr, 3);
    report.unavailable('ref.betterSqlite', `reference: better-sqlite3 staging + json_extract, ${label}`, 's', `skipped: ${reason}`);
    return;
  }
  const r = JSON.parse(out) as { extract: number; parse: number; version: string };
  report.add({ id: 'ref.betterSqlite.extract', name: `reference: better-sqlite3 ${r.version} staging + json_extract, ${label}`, value: r.extract, unit: 's', ratio: ours / r.extract, detail: { ratioIs: 'engine / this' } });
  report.add({ id: 'ref.betterSqlite.parse', name: `reference: better-sqlite3 JSON.parse + prepared INSERT, ${label}`, value: r.parse, unit: 's', ratio: ours / r.parse, detail: { ratioIs: 'engine / this' } });
}
