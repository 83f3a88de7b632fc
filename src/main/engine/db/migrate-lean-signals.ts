// The v3 -> v4 step: signals move from full rows (signals, signal_identifiers tables) to lean rows (signal_rows)
// read through views of the old names (db/signal-storage.ts). Signal ids, and so every case, note, link and search
// entry that points at a signal, stay as they were.
import type { Db } from './database';
import { SIGNAL_STORAGE_SQL } from './signal-storage';

/** Rewrites a v3 workspace's custody and signal tables into the lean storage, inside the caller's transaction. */
export function migrateToLeanSignals(db: Db): void {
  // Deferred: the old tables reference each other until both are gone.
  db.run('PRAGMA defer_foreign_keys = ON');
  db.run('ALTER TABLE signals RENAME TO signals_v2');
  db.run('ALTER TABLE signal_identifiers RENAME TO signal_identifiers_v2');
  db.run('ALTER TABLE evidence_files RENAME TO evidence_files_v2');
  db.raw.exec(SIGNAL_STORAGE_SQL);
  db.run(`INSERT INTO evidence_files (id, sha256, name, source_path, size, format, imported_at, imported_by, records, signals, bundle)
          SELECT rowid, sha256, name, source_path, size, format, imported_at, imported_by, records, signals, bundle FROM evidence_files_v2 ORDER BY rowid`);
  db.run('INSERT INTO strings (text) SELECT DISTINCT user_agent FROM signals_v2 WHERE user_agent IS NOT NULL');
  db.run('CREATE TEMP TABLE signal_sets (signal_id INTEGER PRIMARY KEY, set_id INTEGER NOT NULL)');
  fillIdentifierSets(db);
  db.run(`INSERT INTO signal_rows (id, dedupe_key, file_id, record_index, line, time, source, action, outcome, error_code, actor_label,
            actor_kind, actor_id, identifier_set, target, source_ip, region, user_agent_id, summary, severity, count)
          SELECT s.id, s.dedupe_key, f.id, s.record_index, s.line, s.time, s.source, s.action, s.outcome, s.error_code, s.actor_label,
            s.actor_kind, s.actor_id, ss.set_id, s.target, s.source_ip, s.region, t.id, s.summary, s.severity, s.count
            FROM signals_v2 s JOIN evidence_files f ON f.sha256 = s.file_sha256
            LEFT JOIN temp.signal_sets ss ON ss.signal_id = s.id LEFT JOIN strings t ON t.text = s.user_agent
           ORDER BY s.id`);
  db.run('DROP TABLE temp.signal_sets');
  db.run('DROP TABLE signal_identifiers_v2');
  db.run('DROP TABLE signals_v2');
  db.run('DROP TABLE evidence_files_v2');
}

/** One identifier set per distinct combination a signal named, and each signal's set in temp.signal_sets. */
function fillIdentifierSets(db: Db): void {
  const setIds = new Map<string, number>();
  const addSet = db.raw.prepare('INSERT INTO identifier_sets (members) VALUES (?)');
  const addMember = db.raw.prepare('INSERT INTO identifier_set_members (set_id, identifier_id) VALUES (?, ?)');
  const addSignal = db.raw.prepare('INSERT INTO temp.signal_sets (signal_id, set_id) VALUES (?, ?)');
  const rows = db.raw.prepare('SELECT signal_id, identifier_id FROM signal_identifiers_v2 ORDER BY signal_id, identifier_id');
  const flush = (signalId: number, members: number[]): void => {
    const key = members.join(',');
    let setId = setIds.get(key);
    if (setId === undefined) {
      addSet.run([key]);
      setId = db.count('SELECT last_insert_rowid()');
      for (const member of members) addMember.run([setId, member]);
      setIds.set(key, setId);
    }
    addSignal.run([signalId, setId]);
  };
  try {
    let current: number | null = null;
    let members: number[] = [];
    while (rows.step()) {
      const [signalId, identifierId] = rows.get() as [number, number];
      if (signalId !== current) {
        if (current !== null) flush(current, members);
        current = signalId;
        members = [];
      }
      members.push(identifierId);
    }
    if (current !== null) flush(current, members);
  } finally {
    for (const stmt of [addSet, addMember, addSignal, rows]) stmt.free();
  }
}
