// The audit chain: every action on cases, hash-chained so that any rewrite of history shows.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonical-json';

/** The prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The content of one action, before it is chained. */
export interface AuditAction {
  seq: number;
  type: string;
  at: string;
  actor: string;
  caseIds: string[];
  payload: Record<string, unknown>;
}

/** One chained entry as stored and exported. */
export interface AuditEntry extends AuditAction {
  prevHash: string;
  hash: string;
}

/** hash = SHA-256(prev_hash ‖ canonical JSON of the action), hex. */
export function chainHash(prevHash: string, action: AuditAction): string {
  const { seq, type, at, actor, caseIds, payload } = action;
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalJson({ seq, type, at, actor, caseIds, payload }))
    .digest('hex');
}

/** Appends an action after `prev` (or at the start), returning the chained entry. */
export function chainEntry(prev: AuditEntry | null, action: AuditAction): AuditEntry {
  const prevHash = prev ? prev.hash : GENESIS_HASH;
  return { ...action, prevHash, hash: chainHash(prevHash, action) };
}

/** Checks that each entry's hash matches its content; with `contiguous`, also that each follows the one before. */
export function verifyEntries(entries: AuditEntry[], contiguous: boolean): { valid: boolean; firstBroken?: number } {
  let prev: AuditEntry | null = null;
  for (const entry of entries) {
    const expectedPrev = prev ? prev.hash : GENESIS_HASH;
    if (contiguous && entry.prevHash !== expectedPrev) return { valid: false, firstBroken: entry.seq };
    if (chainHash(entry.prevHash, entry) !== entry.hash) return { valid: false, firstBroken: entry.seq };
    prev = entry;
  }
  return { valid: true };
}
