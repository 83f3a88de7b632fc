import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { inProcessEngine } from '../../../src/main/engine/engine-client';
import { FIXTURES, tempDir } from '../../helpers/workspace';

const TRAIL = join(FIXTURES, 'story/good/trail.json');
const CSV = join(FIXTURES, 'inventory/nhi-inventory.csv');

async function workspace() {
  const engine = inProcessEngine();
  await engine.call('open', { path: join(tempDir(), 'ws'), create: true });
  return engine;
}

describe('identity inventory', () => {
  it('gives identities and their cases an owner, whichever is imported first, and makes no case of its own', async () => {
    for (const order of [[TRAIL, CSV], [CSV, TRAIL]]) {
      const engine = await workspace();
      for (const path of order) await engine.call('ingest', { paths: [path] });
      const cases = (await engine.call('listCases', { offset: 0, limit: 50 })).items;
      expect(cases).toHaveLength(3); // the inventory adds owners, not cases (billing-export never acted)
      const byLabel = Object.fromEntries(cases.map((c) => [c.anchor.label, c]));
      expect(byLabel['user/ci-deployer']!.owner).toBe('platform-team@example.org');
      expect(byLabel['role/prod-data-reader']!.owner).toBe('data-eng@example.org');
      expect(byLabel['user/monitoring']!.owner).toBe('sre@example.org');
      const identity = await engine.call('getIdentity', { id: byLabel['user/monitoring']!.anchor.id });
      expect(identity.owner).toBe('sre@example.org');
      // The first evidence of a link is kept: the inventory's when it came first, else the CloudTrail record's.
      const reason = order[0] === CSV ? 'listed together for monitoring in the identity inventory' : expect.stringContaining('was used by user/monitoring');
      expect(identity.links).toContainEqual(expect.objectContaining({ reason }));
      const signals = (await engine.call('caseSignals', { id: byLabel['user/ci-deployer']!.id, offset: 0, limit: 100 })).items;
      expect(signals.some((s) => s.source === 'nhi.inventory')).toBe(false);
      expect(await engine.call('info', {})).toMatchObject({ identities: 3 });
      await engine.dispose();
    }
  });

  it('reads the JSON form too', async () => {
    const engine = await workspace();
    const result = await engine.call('ingest', { paths: [join(FIXTURES, 'inventory/nhi-inventory.json'), TRAIL] });
    expect(result.files[0]).toMatchObject({ format: 'nhi.inventory', signals: 2 });
    const cases = (await engine.call('listCases', { offset: 0, limit: 50 })).items;
    expect(cases.find((c) => c.anchor.label === 'user/ci-deployer')!.owner).toBe('platform-team@example.org');
  });

  it('refuses an identifier of an unknown type, naming the row', async () => {
    const engine = await workspace();
    await expect(engine.call('ingest', { paths: [join(FIXTURES, 'inventory/bad-type.csv')] })).rejects.toMatchObject({ code: 'BAD_INPUT', record: 'record 1 (line 2)' });
  });
});
