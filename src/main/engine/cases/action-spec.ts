// How an analyst action is defined: planned once from the request (all ids and previous values fixed in its
// payload), then applied or reverted from that payload alone, so journal replay and redo are deterministic.
import type { ActionType } from '../../../shared/case-actions';
import type { Db } from '../db/database';

/** One undoable action type. */
export interface ActionSpec<P> {
  type: ActionType;
  /** Applies the action, using only its payload and the database. */
  apply(db: Db, payload: P, at: string, actor: string): void;
  /** Undoes exactly what apply did. */
  revert(db: Db, payload: P): void;
  /** The cases the action touches (for the audit chain and the UI). */
  cases(payload: P): string[];
  /** What the Edit menu calls it. */
  label(payload: P): string;
}

/** Chunks a list for `IN (…)` clauses within SQLite's variable limit. */
export function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Points each signal at a case with a reason, through one prepared statement (moves, splits and their undo). */
export function reassignSignals(db: Db, rows: { id: number; caseId: string; reason: string }[]): void {
  const stmt = db.raw.prepare('UPDATE case_signals SET case_id = ?, reason = ? WHERE signal_id = ?');
  try {
    for (const r of rows) stmt.run([r.caseId, r.reason, r.id]);
  } finally {
    stmt.free();
  }
}
