// The rules every case action checks: the case exists and is active, anchors are related or a reason is given.
import { WorkbenchError } from '../../../shared/errors';
import type { Db } from '../db/database';
import { writeCaseFigures } from '../resolve/case-stats';

/** The fields actions read about a case. */
export interface CaseRow {
  id: string;
  anchor_identity: string;
  anchor_primary: number;
  status: string;
  severity: string;
  owner: string | null;
  title: string;
  merged_into: string | null;
  withdrawn: number;
  marked: string | null;
  label: string;
}

/** A case that can take part in an action: it exists, was not merged away and was not withdrawn. */
export function activeCase(db: Db, id: string): CaseRow {
  const row = db.get<CaseRow>(
    `SELECT c.id, c.anchor_identity, c.anchor_primary, c.status, c.severity, c.owner, c.title, c.merged_into, c.withdrawn, c.marked, i.label
       FROM cases c JOIN identities i ON i.id = c.anchor_identity WHERE c.id = ?`,
    [id],
  );
  if (!row || row.withdrawn) throw new WorkbenchError('NOT_FOUND', `No case ${id} in this workspace.`, { hint: 'List the cases to see their ids.' });
  if (row.merged_into) throw new WorkbenchError('REFUSED', `Case ${id} was merged into ${row.merged_into}.`, { hint: `Act on ${row.merged_into} instead, or undo the merge.` });
  return row;
}

/** True when two identities are the same or the evidence relates them (a role and who assumes it). */
export function identitiesRelated(db: Db, a: string, b: string): boolean {
  if (a === b) return true;
  return (
    db.count(
      `SELECT COUNT(*) FROM relations r
         JOIN identity_members mf ON mf.identifier_id = r.from_id
         JOIN identity_members mt ON mt.identifier_id = r.to_id
        WHERE (mf.identity_id = ? AND mt.identity_id = ?) OR (mf.identity_id = ? AND mt.identity_id = ?)`,
      [a, b, b, a],
    ) > 0
  );
}

/** Rewrites a case's figures from its kept summary, and its severity unless an analyst set it (no pass over its signals). */
export function refreshSeverity(db: Db, caseId: string): void {
  writeCaseFigures(db, [caseId]);
}

/** True when the case has no signal left (one index seek). */
export function caseIsEmpty(db: Db, caseId: string): boolean {
  return !db.get('SELECT 1 AS x FROM case_signals WHERE case_id = ? LIMIT 1', [caseId]);
}

/** How many signals the case has, counting no further than `limit` (an index range of at most that many entries). */
export function caseSizeUpTo(db: Db, caseId: string, limit: number): number {
  return db.count('SELECT COUNT(*) FROM (SELECT 1 FROM case_signals WHERE case_id = ? LIMIT ?)', [caseId, limit]);
}

/** Allocates the next case id (C-0001, C-0002, …). */
export function allocateCaseId(db: Db): string {
  const next = Number(db.meta('next_case') ?? '1');
  return `C-${String(next).padStart(4, '0')}`;
}

/** Keeps the case counter past an id that an action (or its replay) used. */
export function reserveCaseId(db: Db, id: string): void {
  const n = Number(id.slice(2));
  if (Number(db.meta('next_case') ?? '1') <= n) db.setMeta('next_case', String(n + 1));
}
