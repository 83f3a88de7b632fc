// Reads behind the case view's other panes: the identity panel, a signal's source record, notes, steps,
// mappings, the case's history, and the audit chain's check.
import { WorkbenchError } from '../../../shared/errors';
import type { AuditEntryView, AuditVerify, IdentityDetail, Note, SignalRecord, Step, StepKind } from '../../../shared/case-actions';
import type { IdentityKind } from '../../../shared/schemas';
import type { Db } from '../db/database';
import type { WorkspaceFiles } from '../workspace-files';
import { allAuditEntries, auditEntriesOfCase } from '../cases/audit-log';
import { verifyEntries } from '../cases/audit-chain';
import { labelOf } from '../cases/action-runner';
import { readStoredRecords } from '../ingest/stored-records';
import { parserResolver } from '../ingest/mappings';
import { getIdentity } from './case-queries';

/** Everything the identity panel shows. */
export function identityDetail(db: Db, id: string): IdentityDetail {
  const identity = getIdentity(db, id);
  const links = db.all<{ at: string; av: string; bt: string; bv: string; reason: string; signal_id: number | null }>(
    `SELECT ia.type AS at, ia.value AS av, ib.type AS bt, ib.value AS bv, l.reason, l.signal_id
       FROM links l JOIN identity_members m ON m.identifier_id = l.a AND m.identity_id = ?
       JOIN identifiers ia ON ia.id = l.a JOIN identifiers ib ON ib.id = l.b ORDER BY ia.value, ib.value`,
    [id],
  );
  const related = db.all<{ id: string; kind: string; label: string; relation: string; direction: 'out' | 'in'; n: number }>(
    `SELECT other.id, other.kind, other.label, r.relation, CASE WHEN mf.identity_id = ? THEN 'out' ELSE 'in' END AS direction, COUNT(*) AS n
       FROM relations r
       JOIN identity_members mf ON mf.identifier_id = r.from_id
       JOIN identity_members mt ON mt.identifier_id = r.to_id
       JOIN identities other ON other.id = CASE WHEN mf.identity_id = ? THEN mt.identity_id ELSE mf.identity_id END
      WHERE (mf.identity_id = ? OR mt.identity_id = ?) AND mf.identity_id <> mt.identity_id
      GROUP BY other.id, r.relation, direction ORDER BY n DESC`,
    [id, id, id, id],
  );
  const acted = 'FROM signals s JOIN identity_members m ON m.identifier_id = s.actor_id WHERE m.identity_id = ?';
  const span = db.get<{ first: string | null; last: string | null }>(`SELECT MIN(s.time) AS first, MAX(s.time) AS last ${acted}`, [id]);
  const top = (column: string): string[] =>
    db.all<{ v: string }>(`SELECT ${column} AS v ${acted} AND ${column} IS NOT NULL GROUP BY v ORDER BY COUNT(*) DESC LIMIT 20`, [id]).map((r) => r.v);
  return {
    ...identity,
    links: links.map((l) => ({ a: { type: l.at, value: l.av }, b: { type: l.bt, value: l.bv }, reason: l.reason, signalId: l.signal_id })),
    related: related.map((r) => ({ id: r.id, kind: r.kind as IdentityKind, label: r.label, relation: r.relation, direction: r.direction, count: r.n })),
    firstSeen: span?.first ?? null,
    lastSeen: span?.last ?? null,
    sourceIps: top('s.source_ip'),
    regions: top('s.region'),
    cases: db.all<{ id: string }>('SELECT id FROM cases WHERE anchor_identity = ? AND merged_into IS NULL AND withdrawn = 0 ORDER BY id', [id]).map((r) => r.id),
  };
}

/** The redacted source record behind one signal. */
export function signalRecord(db: Db, files: WorkspaceFiles, signalId: number): SignalRecord {
  const row = db.get<{ sha256: string; name: string; format: string; record_index: number; line: number | null }>(
    'SELECT f.sha256, f.name, f.format, s.record_index, s.line FROM signals s JOIN evidence_files f ON f.id = s.file_id WHERE s.id = ?',
    [signalId],
  );
  if (!row) throw new WorkbenchError('NOT_FOUND', `No signal ${signalId} in this workspace.`);
  const [record] = readStoredRecords(files, row, new Map([[row.record_index, row.line]]), parserResolver(db));
  if (!record) throw new WorkbenchError('INTERNAL', `Record ${row.record_index + 1} of ${row.name} is not in the stored file.`);
  return { signalId, file: { sha256: row.sha256, name: row.name, format: row.format }, recordIndex: record.recordIndex, line: record.line, value: record.value };
}

/** The notes of a case that were not retracted by an undo. */
export function caseNotes(db: Db, id: string): Note[] {
  return db.all<Note>('SELECT id, at, author, text FROM case_notes WHERE case_id = ? AND retracted = 0 ORDER BY id', [id]);
}

const STEP_KINDS: StepKind[] = ['rotate', 'revoke', 'contain', 'offboard', 'privilege-review'];

/** Every response step of a case, ticked or not. */
export function caseSteps(db: Db, id: string): Step[] {
  const rows = new Map(db.all<{ step: string; done: number; by: string | null; at: string | null; note: string | null }>('SELECT step, done, by, at, note FROM case_steps WHERE case_id = ?', [id]).map((r) => [r.step, r]));
  return STEP_KINDS.map((step) => {
    const row = rows.get(step);
    return { step, done: row?.done === 1, by: row?.by ?? null, at: row?.at ?? null, note: row?.note ?? null };
  });
}

/** The framework entries a case is mapped to. */
export function caseMappings(db: Db, id: string): string[] {
  return db.all<{ framework_id: string }>('SELECT framework_id FROM case_mappings WHERE case_id = ? ORDER BY framework_id', [id]).map((r) => r.framework_id);
}

/** The audit entries of one case, labelled. */
export function caseHistory(db: Db, id: string): AuditEntryView[] {
  return auditEntriesOfCase(db, id).map((entry) => ({ ...entry, label: labelOf(entry) }));
}

/** Checks the whole audit chain; names the first broken entry. */
export function auditVerify(db: Db): AuditVerify {
  const entries = allAuditEntries(db);
  const result = verifyEntries(entries, true);
  return { entries: entries.length, head: entries.at(-1)?.hash ?? '', valid: result.valid, ...(result.firstBroken !== undefined ? { firstBroken: result.firstBroken } : {}) };
}
