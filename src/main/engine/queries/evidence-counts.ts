// The workspace figures only an import changes (evidence files, signals, identities with activity), counted once
// per import and kept in meta: counting identities reads every signal, which would cost seconds on every open and
// every action of a workspace of a million signals.
import type { WorkspaceInfo } from '../../../shared/schemas';
import type { Db } from '../db/database';
import { CASE_MATERIAL_SQL } from '../resolve/sources';

export type EvidenceCounts = Pick<WorkspaceInfo, 'files' | 'signals' | 'identities'>;

const EVIDENCE_COUNTS_KEY = 'evidence_counts';

/** Counts from the data (an import calls this inside its transaction, so the counts land with it). */
export function storeEvidenceCounts(db: Db): void {
  db.setMeta(EVIDENCE_COUNTS_KEY, JSON.stringify(countEvidence(db)));
}

/** Counts a workspace from before the counts were kept, once, when it is opened (kept in memory until a checkpoint). */
export function ensureEvidenceCounts(db: Db): void {
  if (db.meta(EVIDENCE_COUNTS_KEY) === undefined) storeEvidenceCounts(db);
}

/** The counts of the last import. */
export function evidenceCounts(db: Db): EvidenceCounts {
  const kept = db.meta(EVIDENCE_COUNTS_KEY);
  return kept === undefined ? countEvidence(db) : (JSON.parse(kept) as EvidenceCounts);
}

function countEvidence(db: Db): EvidenceCounts {
  return {
    files: db.count('SELECT COUNT(*) FROM evidence_files'),
    signals: db.count('SELECT COUNT(*) FROM signal_rows'),
    identities: db.count(`SELECT COUNT(DISTINCT m.identity_id) FROM signals s JOIN identity_members m ON m.identifier_id = s.actor_id WHERE ${CASE_MATERIAL_SQL}`),
  };
}
