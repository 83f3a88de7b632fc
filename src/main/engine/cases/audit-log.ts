// Appending to and reading the workspace's audit chain.
import type { Db } from '../db/database';
import { chainEntry, type AuditAction, type AuditEntry } from './audit-chain';

interface AuditRow {
  seq: number;
  type: string;
  at: string;
  actor: string;
  case_ids: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

function fromRow(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    type: row.type,
    at: row.at,
    actor: row.actor,
    caseIds: JSON.parse(row.case_ids) as string[],
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The last entry of the chain, or null for an empty chain. */
export function lastAuditEntry(db: Db): AuditEntry | null {
  const row = db.get<AuditRow>('SELECT * FROM audit ORDER BY seq DESC LIMIT 1');
  return row ? fromRow(row) : null;
}

/** Appends one action to the chain and returns the chained entry. */
export function appendAudit(db: Db, action: Omit<AuditAction, 'seq'>): AuditEntry {
  const prev = lastAuditEntry(db);
  const entry = chainEntry(prev, { ...action, seq: (prev?.seq ?? 0) + 1 });
  db.run('INSERT INTO audit (seq, type, at, actor, case_ids, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    entry.seq, entry.type, entry.at, entry.actor, JSON.stringify(entry.caseIds), JSON.stringify(entry.payload), entry.prevHash, entry.hash,
  ]);
  return entry;
}

/** Every entry that concerns one case, in order. */
export function auditEntriesOfCase(db: Db, caseId: string): AuditEntry[] {
  return db
    .all<AuditRow>('SELECT a.* FROM audit a, json_each(a.case_ids) j WHERE j.value = ? ORDER BY a.seq', [caseId])
    .map(fromRow);
}

/** The whole chain, in order. */
export function allAuditEntries(db: Db): AuditEntry[] {
  return db.all<AuditRow>('SELECT * FROM audit ORDER BY seq').map(fromRow);
}
