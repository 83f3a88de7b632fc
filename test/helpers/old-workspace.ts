// Workspaces as older builds wrote them, for migration tests. `test/fixtures/workspaces/v2/` was written by the
// version-2 build (the story trail, an inventory and a gitleaks report) with `expected.json` holding what that build
// showed: its case list and every case's signals. Version 1 is derived from it by undoing the v1 -> v2 step.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'sql.js';
import { loadSql } from '../../src/main/engine/db/database';
import { FIXTURES, tempDir } from './workspace';

const V2 = join(FIXTURES, 'workspaces/v2');

/** What the version-2 build showed for its workspace. */
export function v2Expected(): { cases: unknown; signals: Record<string, unknown> } {
  return JSON.parse(readFileSync(join(V2, 'expected.json'), 'utf8')) as { cases: unknown; signals: Record<string, unknown> };
}

/** A copy of the version-2 workspace in a temp folder, optionally changed at the SQL level first; returns its folder. */
export async function oldWorkspace(version: 1 | 2, change: (db: Database) => void = () => {}): Promise<string> {
  const dir = join(tempDir(), 'ws');
  cpSync(V2, dir, { recursive: true });
  const path = join(dir, 'workspace.sqlite');
  const SQL = await loadSql();
  const db = new SQL.Database(readFileSync(path));
  if (version === 1) toVersion1(db);
  change(db);
  writeFileSync(path, db.export());
  db.close();
  return dir;
}

/** What version 1 wrote: no per-case figures, no time or confidence in case_signals, no bundle column, no inventory. */
function toVersion1(db: Database): void {
  db.run('DROP INDEX cases_queue');
  db.run('DROP INDEX case_signals_case');
  for (const column of ['signal_count', 'first_seen', 'last_seen']) db.run(`ALTER TABLE cases DROP COLUMN ${column}`);
  db.run('ALTER TABLE case_signals DROP COLUMN time');
  db.run('ALTER TABLE case_signals DROP COLUMN confidence');
  db.run('CREATE INDEX case_signals_case ON case_signals (case_id)');
  db.run('ALTER TABLE evidence_files DROP COLUMN bundle');
  db.run('DROP TABLE inventory');
  db.run('DROP TABLE mappings');
  db.run(`UPDATE meta SET value = '1' WHERE key = 'schema_version'`);
}
