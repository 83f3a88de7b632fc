import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inProcessEngine } from '../../../src/main/engine/engine-client';
import { Db } from '../../../src/main/engine/db/database';
import { SCHEMA_VERSION } from '../../../src/main/engine/db/schema';
import { FIXTURES } from '../../helpers/workspace';
import { oldWorkspace, v2Expected } from '../../helpers/old-workspace';

/** Opens a workspace folder, returns what the analyst sees (the case list and every case's signals), and closes it. */
async function shown(dir: string): Promise<{ cases: unknown; signals: Record<string, unknown> }> {
  const engine = inProcessEngine();
  await engine.call('open', { path: dir, create: false });
  const cases = await engine.call('listCases', { offset: 0, limit: 50 });
  const signals: Record<string, unknown> = {};
  for (const c of cases.items) signals[c.id] = await engine.call('caseSignals', { id: c.id, offset: 0, limit: 500 });
  await engine.dispose();
  return { cases, signals };
}

async function checkpoint(dir: string): Promise<Db> {
  const path = join(dir, 'workspace.sqlite');
  return Db.open(readFileSync(path), path);
}

describe('schema migrations', () => {
  it('opens a workspace written by the version-2 build and shows exactly what that build showed', async () => {
    const dir = await oldWorkspace(2);
    expect(await shown(dir)).toEqual(v2Expected());
    const db = await checkpoint(dir);
    expect(db.meta('schema_version')).toBe(String(SCHEMA_VERSION));
    // The lean storage replaced the full rows; the old names are views now.
    expect(db.all(`SELECT name, type FROM sqlite_master WHERE name IN ('signals', 'signal_identifiers', 'signal_rows') ORDER BY name`)).toEqual([
      { name: 'signal_identifiers', type: 'view' },
      { name: 'signal_rows', type: 'table' },
      { name: 'signals', type: 'view' },
    ]);
    // Every identifier every signal named is still there (58 pairs in the v2 file), each set stored once.
    expect(db.count('SELECT COUNT(*) FROM signal_identifiers')).toBe(58);
    expect(db.count('SELECT COUNT(*) FROM identifier_sets')).toBeLessThan(db.count('SELECT COUNT(*) FROM signals'));
    expect(db.count('SELECT COUNT(DISTINCT user_agent) FROM signals')).toBe(db.count('SELECT COUNT(*) FROM strings'));
    expect(db.all('SELECT sha256 FROM evidence_files ORDER BY id').length).toBe(4);
    db.close();
  });

  it('imports into a migrated workspace: a file already there is a duplicate, a new one adds its signals', async () => {
    const dir = await oldWorkspace(2);
    const engine = inProcessEngine();
    await engine.call('open', { path: dir, create: false });
    const again = await engine.call('ingest', { paths: [join(FIXTURES, 'story/good/trail.json')] });
    expect(again.files[0]).toMatchObject({ duplicate: true, signals: 0 });
    const added = await engine.call('ingest', { paths: [join(FIXTURES, 'gitleaks/report-v7.json')] });
    expect(added.files[0]!.signals).toBeGreaterThan(0);
    await engine.dispose();
  });

  it('opens a version-1 workspace (no per-case figures, no time in case_signals, no bundle column) through both steps', async () => {
    const dir = await oldWorkspace(1);
    // Version 1 kept no confidence: every signal it had counts as high, as the v1 -> v2 step says.
    const expected = v2Expected();
    for (const page of Object.values(expected.signals) as { items: { confidence: string }[] }[]) for (const s of page.items) s.confidence = 'high';
    expect(await shown(dir)).toEqual(expected);
    const db = await checkpoint(dir);
    expect(db.meta('schema_version')).toBe(String(SCHEMA_VERSION));
    expect(db.all<{ bundle: string | null }>('SELECT bundle FROM evidence_files').every((f) => f.bundle === null)).toBe(true);
    db.close();
  });

  it('refuses a workspace from a newer version, saying to upgrade', async () => {
    const db = await Db.create();
    db.setMeta('schema_version', '99');
    await expect(Db.open(db.export(), 'future.sqlite')).rejects.toMatchObject({ code: 'REFUSED', hint: expect.stringContaining('newer version') });
  });
});
