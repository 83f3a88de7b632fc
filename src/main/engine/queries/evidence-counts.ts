// The workspace figures only an import changes (evidence files, signals, identities with activity), counted once
// per import and kept in meta: counting identities reads every signal, which would cost seconds on every open and
// every action of a workspace of a million signals.
import type { WorkspaceInfo } from '../../../shared/schemas';
import type { Db } from '../db/database';
import { CASE_MATERIAL_SQL } from '../resolve/sources';

export type EvidenceCounts = Pick<WorkspaceInfo, 'files' | 'signals' | 'identities'>;

const KEY = 'evidence_counts';

/** Counts from the data (an import calls this inside its transaction, so the counts land with it). */
export function storeEvidenceCounts(db: Db): void {
  const counts: EvidenceCounts = {
    files: db.count('SELECT COUNT(*) FROM evidence_files'),
    signals: db.count('SELECT COUNT(*) FROM signal_rows'),
    identities: db.count(`SELECT COUNT(DISTINCT m.identity_id) FROM signals s JOIN identity_members m ON m.identifier_id = s.actor_id WHERE ${CASE_MATERIAL_SQL}`),
  };
  db.setMeta(KEY, JSON.stringify(counts));
}

/** The counts of the last import; a workspace from before they were kept is counted (and keeps them) now. */
export function evidenceCounts(db: Db): EvidenceCounts {
  const kept = db.meta(KEY);
  if (kept === undefined) storeEvidenceCounts(db);
  return JSON.parse(db.meta(KEY)!) as EvidenceCounts;
}
