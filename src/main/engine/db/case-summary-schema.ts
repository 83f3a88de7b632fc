// The per-case summary the case figures are kept from (resolve/case-stats.ts): for every action and source severity
// among a case's signals, how many signals and how many of them failed. A case has a few dozen such rows however many
// signals it has, so merge, split, move and their undo adjust a case's count and severity from the rows of the signals
// they move instead of reading every signal of the case again.
import type { Db } from './database';

/** The summary table's DDL: part of a new database (schema.ts) and of its numbered migration (migrations.ts). */
export const CASE_SUMMARY_SQL = `
-- What the severity heuristic and the signal count of a case need, kept by every change of a case's signals:
-- one row per (case, action, source severity) with the number of signals and failures (resolve/case-stats.ts).
CREATE TABLE case_summary (
  case_id  TEXT NOT NULL,
  action   TEXT NOT NULL,
  -- the severity the source gave the signals, '' when it gave none
  severity TEXT NOT NULL,
  n        INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  PRIMARY KEY (case_id, action, severity)
) WITHOUT ROWID;
`;

/** The summary rows of every case, from its signals: fills the table for a workspace written before it existed. */
export function fillCaseSummary(db: Db): void {
  db.run('DELETE FROM case_summary');
  db.run(
    `INSERT INTO case_summary (case_id, action, severity, n, failures)
     SELECT cs.case_id, s.action, COALESCE(s.severity, ''), COUNT(*), SUM(s.outcome = 'failure')
       FROM case_signals cs JOIN signals s ON s.id = cs.signal_id
      GROUP BY cs.case_id, s.action, COALESCE(s.severity, '')`,
  );
}

/** The migration step: creates the summary and fills it from every case's signals. */
export function migrateToCaseSummary(db: Db): void {
  db.raw.exec(CASE_SUMMARY_SQL);
  fillCaseSummary(db);
}
