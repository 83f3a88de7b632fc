import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inProcessEngine } from '../../../src/main/engine/engine-client';
import { Db } from '../../../src/main/engine/db/database';
import { FIXTURES, tempDir } from '../../helpers/workspace';

describe('schema migrations', () => {
  it('opens a version-1 workspace (no per-case figures, no time in case_signals), migrates it and shows the same cases', async () => {
    const dir = join(tempDir(), 'ws');
    const engine = inProcessEngine();
    await engine.call('open', { path: dir, create: true });
    await engine.call('ingest', { paths: [join(FIXTURES, 'story/good/trail.json')] });
    const before = await engine.call('listCases', { offset: 0, limit: 50 });
    await engine.dispose();

    // Turn the checkpoint back into what version 1 wrote.
    const path = join(dir, 'workspace.sqlite');
    const old = await Db.open(readFileSync(path), path);
    old.run('DROP INDEX cases_queue');
    old.run('DROP INDEX case_signals_case');
    for (const column of ['signal_count', 'first_seen', 'last_seen']) old.run(`ALTER TABLE cases DROP COLUMN ${column}`);
    old.run('ALTER TABLE case_signals DROP COLUMN time');
    old.run('CREATE INDEX case_signals_case ON case_signals (case_id)');
    old.run('DROP TABLE inventory');
    old.setMeta('schema_version', '1');
    writeFileSync(path, old.export());

    const reopened = inProcessEngine();
    await reopened.call('open', { path: dir, create: false });
    expect(await reopened.call('listCases', { offset: 0, limit: 50 })).toEqual(before);
    const id = before.items[0]!.id;
    expect((await reopened.call('caseSignals', { id, offset: 0, limit: 3 })).items.map((s) => s.time)).toEqual(
      [...(await reopened.call('caseSignals', { id, offset: 0, limit: 100 })).items.map((s) => s.time)].sort().slice(0, 3),
    );
    await reopened.dispose();
    const migrated = await Db.open(readFileSync(path), path);
    expect(migrated.meta('schema_version')).toBe('2');
  });

  it('refuses a workspace from a newer version, saying to upgrade', async () => {
    const db = await Db.create();
    db.setMeta('schema_version', '99');
    await expect(Db.open(db.export(), 'future.sqlite')).rejects.toMatchObject({ code: 'REFUSED', hint: expect.stringContaining('newer version') });
  });
});
