import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/main/cli/index';
import { Db } from '../../../src/main/engine/db/database';
import { FIXTURES, tempDir } from '../../helpers/workspace';

const TRAIL = join(FIXTURES, 'story/good/trail.json');

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string; json: () => Record<string, unknown> & { cases: string[] } }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`) });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

async function workspace(): Promise<{ ws: string; byLabel: Record<string, string> }> {
  const ws = join(tempDir(), 'ws');
  await cli('ingest', TRAIL, '--workspace', ws);
  const list = JSON.parse((await cli('cases', '--workspace', ws, '--json')).stdout) as { id: string; anchor: { label: string } }[];
  return { ws, byLabel: Object.fromEntries(list.map((c) => [c.anchor.label, c.id])) };
}

describe('CLI case actions', () => {
  it('merge of unrelated anchors without --reason exits 1 and says why; with a reason it lands', async () => {
    const { ws, byLabel } = await workspace();
    const refused = await cli('merge', byLabel['user/ci-deployer']!, byLabel['user/monitoring']!, '--workspace', ws, '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error.message).toMatch(/unrelated identities; merging them needs a written reason/);
    const merged = await cli('merge', byLabel['user/ci-deployer']!, byLabel['user/monitoring']!, '--workspace', ws, '--reason', 'one operator', '--json');
    expect(merged.code).toBe(0);
    expect(merged.json()).toMatchObject({ action: { type: 'case.merged', seq: 4 }, cases: [byLabel['user/ci-deployer'], byLabel['user/monitoring']] });
    expect((merged.json().action as { hash: string }).hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('split, move, undo and redo print the action and the cases they changed', async () => {
    const { ws, byLabel } = await workspace();
    const user = byLabel['user/ci-deployer']!;
    const show = JSON.parse((await cli('show', user, '--workspace', ws, '--json')).stdout) as { signals: { id: number }[] };
    const [a, b, c] = show.signals.map((s) => s.id);
    const split = await cli('split', user, '--signals', `${a},${b}`, '--workspace', ws, '--json');
    expect(split.code).toBe(0);
    const newCase = split.json().cases[1]!;
    expect(split.json().cases).toEqual([user, newCase]);
    const move = await cli('move', String(c), '--to', newCase, '--workspace', ws, '--json');
    expect(move.json()).toMatchObject({ action: { type: 'signals.moved' }, cases: [newCase, user] });
    expect((await cli('undo', '--workspace', ws, '--json')).json()).toMatchObject({ action: { type: 'undo' } });
    expect((await cli('redo', '--workspace', ws, '--json')).json()).toMatchObject({ action: { type: 'redo' } });
    const detail = JSON.parse((await cli('show', newCase, '--workspace', ws, '--json')).stdout) as { signals: unknown[] };
    expect(detail.signals).toHaveLength(3);
    expect((await cli('split', user, '--signals', 'x', '--workspace', ws)).code).toBe(2);
  });

  it('audit --verify passes, then names the first broken entry after the chain is edited', async () => {
    const { ws, byLabel } = await workspace();
    await cli('note', byLabel['user/ci-deployer']!, 'looked', 'at', 'it', '--workspace', ws);
    const ok = await cli('audit', '--workspace', ws, '--verify', '--json');
    expect(ok.code).toBe(0);
    expect(ok.json()).toMatchObject({ entries: 4, valid: true });
    expect(ok.json().head).toMatch(/^[0-9a-f]{64}$/);

    // Edit entry 2 in the checkpoint, as someone with a SQLite tool would.
    const path = join(ws, 'workspace.sqlite');
    const db = await Db.open(readFileSync(path), path);
    db.run(`UPDATE audit SET payload = replace(payload, '"signals":', '"signals":1') WHERE seq = 2`);
    writeFileSync(path, db.export());
    const broken = await cli('audit', '--workspace', ws, '--verify', '--json');
    expect(broken.code).toBe(1);
    expect(broken.json()).toMatchObject({ valid: false, firstBroken: 2 });

    // Reordering two entries (swapping their contents) breaks the chain at the first of them.
    const swapped = await Db.open(readFileSync(path), path);
    swapped.run(`UPDATE audit SET payload = replace(payload, '"signals":1', '"signals":') WHERE seq = 2`);
    const [two, three] = [2, 3].map((seq) => swapped.get<Record<string, string | number>>('SELECT type, at, actor, case_ids, payload, prev_hash, hash FROM audit WHERE seq = ?', [seq])!);
    for (const [seq, row] of [[2, three!], [3, two!]] as const) {
      swapped.run('UPDATE audit SET type = ?, at = ?, actor = ?, case_ids = ?, payload = ?, prev_hash = ?, hash = ? WHERE seq = ?', [row.type!, row.at!, row.actor!, row.case_ids!, row.payload!, row.prev_hash!, row.hash!, seq]);
    }
    writeFileSync(path, swapped.export());
    expect((await cli('audit', '--workspace', ws, '--verify', '--json')).json()).toMatchObject({ valid: false, firstBroken: 2 });

    // Removing an entry breaks the chain at the one after it.
    db.run(`UPDATE audit SET payload = (SELECT payload FROM audit WHERE seq = 2) WHERE seq = 2`);
    const fresh = await Db.open(readFileSync(path), path);
    fresh.run('DELETE FROM audit WHERE seq = 3');
    writeFileSync(path, fresh.export());
    expect((await cli('audit', '--workspace', ws, '--verify', '--json')).json()).toMatchObject({ valid: false });
  });
});
