// The figures a case carries (signal count, first and last seen, severity), kept on the case row so the queue reads
// them instead of aggregating every page. They are kept from two sources that never need a pass over the case:
// - the case summary (db/case-summary-schema.ts): per (action, source severity), how many signals and failures. Count
//   and severity come from these few dozen rows. Actions that move signals adjust them by the moved signals only.
// - the case_signals index (case_id, time, signal_id): first and last seen are one index seek each.
// refreshCase recomputes everything from the signals themselves; ingest uses it for the cases it fills, and tests and
// repairs compare against it (recomputeCase).
import type { Severity } from '../../../shared/schemas';
import type { Db } from '../db/database';
import { severityOf } from './severity';

/** What a case row carries about its signals. */
export interface CaseFigures {
  count: number;
  first: string | null;
  last: string | null;
  /** What the heuristic says; a case whose severity an analyst set keeps theirs. */
  severity: Severity;
}

/** One summary row: the signals of a case with one action and one source severity ('' for none). */
export interface SummaryRow {
  action: string;
  severity: string;
  n: number;
  failures: number;
}

/** A signal leaving one case for another, by id. */
export interface SignalShift {
  id: number;
  from: string;
  to: string;
}

const SUMMARY_OF_SIGNALS = `SELECT s.action, COALESCE(s.severity, '') AS severity, COUNT(*) AS n, SUM(s.outcome = 'failure') AS failures`;

/** Recomputes a case's summary and figures from all its signals (ingest, repair): one pass over the case. */
export function refreshCase(db: Db, caseId: string): void {
  db.run('DELETE FROM case_summary WHERE case_id = ?', [caseId]);
  db.run(
    `INSERT INTO case_summary (case_id, action, severity, n, failures)
     SELECT cs.case_id, s.action, COALESCE(s.severity, ''), COUNT(*), SUM(s.outcome = 'failure')
       FROM case_signals cs JOIN signals s ON s.id = cs.signal_id WHERE cs.case_id = ? GROUP BY s.action, COALESCE(s.severity, '')`,
    [caseId],
  );
  writeCaseFigures(db, [caseId]);
}

/** What a full recompute from the signals gives, without writing anything: the reference the kept figures must equal. */
export function recomputeCase(db: Db, caseId: string): { figures: CaseFigures; summary: SummaryRow[] } {
  const summary = db.all<SummaryRow>(
    `${SUMMARY_OF_SIGNALS} FROM case_signals cs JOIN signals s ON s.id = cs.signal_id WHERE cs.case_id = ?
      GROUP BY s.action, COALESCE(s.severity, '') ORDER BY s.action, COALESCE(s.severity, '')`,
    [caseId],
  );
  const span = db.get<{ first: string | null; last: string | null }>('SELECT MIN(time) AS first, MAX(time) AS last FROM case_signals WHERE case_id = ?', [caseId]);
  return { figures: { ...fromSummary(summary), first: span?.first ?? null, last: span?.last ?? null }, summary };
}

/** The summary rows a case keeps now, in the order recomputeCase gives them. */
export function storedSummary(db: Db, caseId: string): SummaryRow[] {
  return db.all<SummaryRow>('SELECT action, severity, n, failures FROM case_summary WHERE case_id = ? ORDER BY action, severity', [caseId]);
}

/**
 * Adjusts the summaries after signals moved (their case_signals rows already point at their new case): each source
 * case loses, and each destination gains, the moved signals' rows. Reads only the moved signals, then writes the
 * touched cases' figures.
 */
export function shiftSignals(db: Db, shifts: readonly SignalShift[]): void {
  const byPair = new Map<string, { from: string; to: string; ids: number[] }>();
  for (const { id, from, to } of shifts) {
    if (from === to) continue;
    const key = JSON.stringify([from, to]);
    const pair = byPair.get(key);
    if (pair) pair.ids.push(id);
    else byPair.set(key, { from, to, ids: [id] });
  }
  const adjust = upsert(db);
  try {
    for (const { from, to, ids } of byPair.values()) {
      for (let i = 0; i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        const rows = db.all<SummaryRow>(`${SUMMARY_OF_SIGNALS} FROM signals s WHERE s.id IN (${part.map(() => '?').join(',')}) GROUP BY 1, 2`, part);
        for (const row of rows) {
          adjust(from, row, -1);
          adjust(to, row, 1);
        }
      }
    }
  } finally {
    adjust.free();
  }
  settle(db, [...byPair.values()].flatMap((p) => [p.from, p.to]));
}

/** Adjusts the summaries after every signal of `from` moved to `to` (a merge): the rows move, no signal is read. */
export function shiftCase(db: Db, from: string, to: string): void {
  if (from === to) return;
  const adjust = upsert(db);
  try {
    for (const row of storedSummary(db, from)) adjust(to, row, 1);
  } finally {
    adjust.free();
  }
  db.run('DELETE FROM case_summary WHERE case_id = ?', [from]);
  settle(db, [to, from]);
}

/** Rewrites cases' figures from their kept summaries and the time index (after an analyst clears a manual severity). */
export function writeCaseFigures(db: Db, caseIds: readonly string[]): void {
  for (const caseId of new Set(caseIds)) {
    const f = keptFigures(db, caseId);
    db.run(
      `UPDATE cases SET signal_count = ?, first_seen = ?, last_seen = ?, severity = CASE WHEN severity_manual = 1 THEN severity ELSE ? END WHERE id = ?`,
      [f.count, f.first, f.last, f.severity, caseId],
    );
  }
}

/** A case's figures from its kept summary, and first and last seen from the (case_id, time) index. */
function keptFigures(db: Db, caseId: string): CaseFigures {
  // Each is its own statement so SQLite answers it with one seek at either end of the case's index range.
  const first = db.get<{ t: string | null }>('SELECT MIN(time) AS t FROM case_signals WHERE case_id = ?', [caseId])?.t ?? null;
  const last = db.get<{ t: string | null }>('SELECT MAX(time) AS t FROM case_signals WHERE case_id = ?', [caseId])?.t ?? null;
  return { ...fromSummary(db.all<SummaryRow>('SELECT action, severity, n, failures FROM case_summary WHERE case_id = ?', [caseId])), first, last };
}

function fromSummary(rows: readonly SummaryRow[]): { count: number; severity: Severity } {
  let count = 0;
  let failures = 0;
  const actions = new Set<string>();
  const sourceSeverities = new Set<Severity>();
  for (const row of rows) {
    if (row.n <= 0) continue;
    count += row.n;
    failures += row.failures;
    actions.add(row.action);
    if (row.severity !== '') sourceSeverities.add(row.severity as Severity);
  }
  return { count, severity: severityOf({ actions, failures, sourceSeverities: [...sourceSeverities] }) };
}

/** A prepared upsert that adds `sign` times a row to a case's summary. */
function upsert(db: Db): ((caseId: string, row: SummaryRow, sign: 1 | -1) => void) & { free(): void } {
  const stmt = db.raw.prepare(
    `INSERT INTO case_summary (case_id, action, severity, n, failures) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (case_id, action, severity) DO UPDATE SET n = n + excluded.n, failures = failures + excluded.failures`,
  );
  const fn = (caseId: string, row: SummaryRow, sign: 1 | -1): void => {
    stmt.run([caseId, row.action, row.severity, sign * row.n, sign * row.failures]);
  };
  return Object.assign(fn, { free: () => void stmt.free() });
}

/**
 * Drops emptied summary rows and writes the cases' figures. A row below zero means the kept summary disagreed with
 * the signals (it never should); that case is recomputed from its signals rather than left wrong.
 */
function settle(db: Db, caseIds: readonly string[]): void {
  for (const caseId of new Set(caseIds)) {
    if (db.count('SELECT COUNT(*) FROM case_summary WHERE case_id = ? AND (n < 0 OR failures < 0 OR failures > n)', [caseId]) > 0) {
      refreshCase(db, caseId);
      continue;
    }
    db.run('DELETE FROM case_summary WHERE case_id = ? AND n = 0', [caseId]);
    writeCaseFigures(db, [caseId]);
  }
}
