// A workspace written before the case summary existed gets one on open (the numbered migration), equal to what a
// full recompute from its signals gives, and the actions after it keep every case's figures exact.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inProcessEngine } from '../../../../src/main/engine/engine-client';
import { Db } from '../../../../src/main/engine/db/database';
import { recomputeCase, storedSummary } from '../../../../src/main/engine/resolve/case-stats';
import { oldWorkspace } from '../../../helpers/old-workspace';

async function checkpoint(dir: string): Promise<Db> {
  const path = join(dir, 'workspace.sqlite');
  return Db.open(readFileSync(path), path);
}

function expectExact(db: Db): void {
  const cases = db.all<{ id: string; signal_count: number; first_seen: string | null; last_seen: string | null; severity: string }>(
    'SELECT id, signal_count, first_seen, last_seen, severity FROM cases ORDER BY id',
  );
  expect(cases.length).toBeGreaterThan(1);
  for (const c of cases) {
    const full = recomputeCase(db, c.id);
    expect(storedSummary(db, c.id), c.id).toEqual(full.summary);
    expect({ count: c.signal_count, first: c.first_seen, last: c.last_seen, severity: c.severity }, c.id).toEqual(full.figures);
  }
}

describe('the case summary migration', () => {
  it('fills the summary of every case of a version-2 workspace, and merges, moves and undos on it stay exact', async () => {
    const dir = await oldWorkspace(2);
    const db = await checkpoint(dir); // opening migrates, in memory
    try {
      expect(db.count('SELECT COUNT(*) FROM case_summary')).toBeGreaterThan(0);
      expectExact(db);
    } finally {
      db.close();
    }

    const engine = inProcessEngine({ user: 'analyst@test' });
    await engine.call('open', { path: dir, create: false });
    const cases = (await engine.call('listCases', { offset: 0, limit: 50 })).items.map((c) => c.id);
    await engine.call('mergeCases', { ids: [cases[0]!, cases[1]!], reason: 'migration test' });
    const moved = (await engine.call('caseSignals', { id: cases[0]!, offset: 0, limit: 2 })).items.map((s) => s.id);
    await engine.call('moveSignals', { signalIds: moved, to: cases[2]!, reason: 'migration test' });
    await engine.call('undo', {});
    await engine.dispose(); // checkpoints the journaled actions

    const after = await checkpoint(dir);
    try {
      expectExact(after);
    } finally {
      after.close();
    }
  });
});
