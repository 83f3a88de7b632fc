import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inProcessEngine } from '../../../src/main/engine/engine-client';
import { Db } from '../../../src/main/engine/db/database';
import { FIXTURES } from '../../helpers/workspace';
import { oldWorkspace } from '../../helpers/old-workspace';

describe('the search index in a workspace from before it existed', () => {
  it('is built from every signal when a version-2 workspace is opened, and kept up to date by later imports', async () => {
    const dir = await oldWorkspace(2);
    const engine = inProcessEngine();
    await engine.call('open', { path: dir, create: false });
    const cases = Object.fromEntries((await engine.call('listCases', { offset: 0, limit: 50 })).items.map((c) => [c.anchor.label, c.id]));

    // The story trail the version-2 build imported: 11 records from the attacker's address, in two cases.
    const ip = await engine.call('searchSignals', { query: '203.0.113.10', limit: 100 });
    expect(ip.items.filter((h) => h.source === 'aws.cloudtrail')).toHaveLength(11);
    expect(new Set(ip.items.map((h) => h.case?.id))).toEqual(new Set([cases['user/ci-deployer'], cases['role/prod-data-reader']]));
    expect((await engine.call('searchSignals', { query: 'AKIAEXAMPLEKEY0001XY', limit: 100 })).items.every((h) => h.case?.id === cases['user/ci-deployer'])).toBe(true);
    expect((await engine.call('searchSignals', { query: 'GetSecretValue', limit: 100 })).items.map((h) => h.action)).toEqual(['secretsmanager:GetSecretValue']);

    // Signals imported after the migration are added to the same index.
    expect((await engine.call('searchSignals', { query: '203.0.113.77', limit: 100 })).total).toBe(0);
    await engine.call('ingest', { paths: [join(FIXTURES, 'cloudtrail/records.json')] });
    expect((await engine.call('searchSignals', { query: '203.0.113.77', limit: 100 })).items.filter((h) => h.source === 'aws.cloudtrail')).toHaveLength(3);
    await engine.dispose();

    const path = join(dir, 'workspace.sqlite');
    const db = await Db.open(readFileSync(path), path);
    // Every signal is in the index exactly once: the ids the index returns for a word every signal of the story
    // carries are the signals that carry it.
    const indexed = db.all<{ id: number }>(`SELECT docid AS id FROM signals_fts WHERE signals_fts MATCH '"111122223333"' ORDER BY docid`).map((r) => r.id);
    expect(indexed).toEqual(db.all<{ id: number }>(`SELECT id FROM signals WHERE summary || ' ' || COALESCE(target, '') || ' ' || actor_label LIKE '%111122223333%' OR id IN (SELECT si.signal_id FROM signal_identifiers si JOIN identifiers i ON i.id = si.identifier_id WHERE i.value LIKE '%111122223333%') ORDER BY id`).map((r) => r.id));
    db.close();
  });
});
