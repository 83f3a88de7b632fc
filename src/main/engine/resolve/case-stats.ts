// The figures a case carries (signal count, first and last seen, severity), recomputed from its signals in one pass
// whenever its signals change, so the queue reads them from the case row instead of aggregating every page.
import type { Severity } from '../../../shared/schemas';
import type { Db } from '../db/database';
import { severityOf } from './severity';

/** Recomputes a case's count, first/last seen and (unless an analyst set it) severity. */
export function refreshCase(db: Db, caseId: string): void {
  const rows = db.all<{ action: string; n: number; failures: number; first: string | null; last: string | null; severities: string | null }>(
    `SELECT s.action, COUNT(*) AS n, SUM(s.outcome = 'failure') AS failures, MIN(cs.time) AS first, MAX(cs.time) AS last,
            GROUP_CONCAT(DISTINCT s.severity) AS severities
       FROM case_signals cs JOIN signals s ON s.id = cs.signal_id WHERE cs.case_id = ? GROUP BY s.action`,
    [caseId],
  );
  let count = 0;
  let failures = 0;
  let first: string | null = null;
  let last: string | null = null;
  const sourceSeverities = new Set<Severity>();
  for (const row of rows) {
    count += row.n;
    failures += row.failures;
    if (row.first !== null && (first === null || row.first < first)) first = row.first;
    if (row.last !== null && (last === null || row.last > last)) last = row.last;
    for (const sev of row.severities?.split(',') ?? []) sourceSeverities.add(sev as Severity);
  }
  const severity = severityOf({ actions: new Set(rows.map((r) => r.action)), failures, sourceSeverities: [...sourceSeverities] });
  db.run(
    `UPDATE cases SET signal_count = ?, first_seen = ?, last_seen = ?, severity = CASE WHEN severity_manual = 1 THEN severity ELSE ? END WHERE id = ?`,
    [count, first, last, severity, caseId],
  );
}
