// Schema migrations, one numbered step each: a workspace written by an older build is brought up to date on open.
import type { Db } from './database';
import { migrateToLeanSignals } from './migrate-lean-signals';
import { indexSignals, SEARCH_INDEX_SQL } from './search-index';
import { migrateToCaseSummary } from './case-summary-schema';

/** One step from version `from` to `from + 1`. */
interface Migration {
  from: number;
  run(db: Db): void;
}

const MIGRATIONS: Migration[] = [
  {
    // 1 -> 2: the custody bundle column, per-case figures kept on the case, case signals indexed by time and with a
    // confidence, the inventory and mappings tables.
    from: 1,
    run(db) {
      const has = (table: string, column: string): boolean => db.all<{ name: string }>(`PRAGMA table_info(${table})`).some((c) => c.name === column);
      // Workspaces written before bundles were recorded have no bundle column in the chain of custody.
      if (!has('evidence_files', 'bundle')) db.run('ALTER TABLE evidence_files ADD COLUMN bundle TEXT');
      if (!has('cases', 'signal_count')) {
        db.run('ALTER TABLE cases ADD COLUMN signal_count INTEGER NOT NULL DEFAULT 0');
        db.run('ALTER TABLE cases ADD COLUMN first_seen TEXT');
        db.run('ALTER TABLE cases ADD COLUMN last_seen TEXT');
      }
      if (!has('case_signals', 'time')) {
        db.run(`ALTER TABLE case_signals ADD COLUMN time TEXT NOT NULL DEFAULT ''`);
        db.run('UPDATE case_signals SET time = (SELECT time FROM signals WHERE signals.id = case_signals.signal_id)');
      }
      if (!has('case_signals', 'confidence')) db.run(`ALTER TABLE case_signals ADD COLUMN confidence TEXT NOT NULL DEFAULT 'high'`);
      db.run('DROP INDEX IF EXISTS case_signals_case');
      db.run('CREATE INDEX case_signals_case ON case_signals (case_id, time, signal_id)');
      db.run('CREATE INDEX IF NOT EXISTS cases_queue ON cases (merged_into, withdrawn, last_seen)');
      db.run('CREATE TABLE IF NOT EXISTS mappings (name TEXT PRIMARY KEY, json TEXT NOT NULL)');
      db.run('CREATE TABLE IF NOT EXISTS inventory (signal_id INTEGER PRIMARY KEY, owner TEXT, team TEXT, environment TEXT, description TEXT, kind TEXT)');
      db.run(`UPDATE cases SET
          signal_count = (SELECT COUNT(*) FROM case_signals cs WHERE cs.case_id = cases.id),
          first_seen = (SELECT MIN(time) FROM case_signals cs WHERE cs.case_id = cases.id),
          last_seen = (SELECT MAX(time) FROM case_signals cs WHERE cs.case_id = cases.id)`);
    },
  },
  {
    // 2 -> 3: the workspace-wide search index (db/search-index.ts), built from every signal already there.
    from: 2,
    run(db) {
      db.run('DROP TABLE IF EXISTS signals_fts');
      db.raw.exec(SEARCH_INDEX_SQL);
      indexSignals(db, 0);
    },
  },
  // 3 -> 4: lean signal rows (signal_rows with file ids, interned user agents and identifier sets) behind views.
  { from: 3, run: migrateToLeanSignals },
  // 4 -> 5: the per-case summary the case figures are kept from (db/case-summary-schema.ts), filled from every case.
  { from: 4, run: migrateToCaseSummary },
  // 5 -> 6: identities indexed by label, for the queue sorted by anchor.
  { from: 5, run: (db) => db.run('CREATE INDEX IF NOT EXISTS identities_label ON identities (label)') },
];

/** Runs every step from the workspace's version to `target`, each in the open transaction of the caller. */
export function migrate(db: Db, from: number, target: number): void {
  for (let version = from; version < target; version++) {
    const step = MIGRATIONS.find((m) => m.from === version);
    if (!step) throw new Error(`No migration from schema version ${version}`);
    step.run(db);
    db.setMeta('schema_version', String(version + 1));
  }
}
