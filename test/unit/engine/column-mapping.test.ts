import { describe, expect, it } from 'vitest';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/main/cli/index';
import { FIXTURES, snapshotTree, tempDir } from '../../helpers/workspace';

const CSV = join(FIXTURES, 'generic/vault-audit.csv');
const MAPPING = join(FIXTURES, 'generic/vault-audit.mapping.json');

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`) });
  return { code, stdout, stderr };
}

describe('generic CSV/NDJSON with a saved column mapping', () => {
  it('imports an export no importer knows, saves the mapping by name, and reuses it', async () => {
    const dir = tempDir();
    const ws = join(dir, 'ws');
    const first = await cli('ingest', CSV, '--workspace', ws, '--mapping', MAPPING, '--json');
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout) as { files: { format: string; signals: number }[]; cases: number };
    expect(result.files[0]).toMatchObject({ format: 'generic:vault-audit', signals: 5 });
    expect(result.cases).toBe(2); // the AppRole and the token are different identities

    const cases = JSON.parse((await cli('cases', '--workspace', ws, '--json')).stdout) as { id: string; anchor: { label: string } }[];
    const approle = cases.find((c) => c.anchor.label === 'ci-runner')!;
    const show = JSON.parse((await cli('show', approle.id, '--workspace', ws, '--json')).stdout) as { signals: { action: string; outcome: string; sourceIp: string; target: string }[] };
    expect(show.signals.filter((s) => s.outcome === 'failure').map((s) => s.target)).toEqual(['secret/metadata/', 'secret/data/admin/root']);

    // A second export of the same system, by the mapping's name only.
    const more = join(dir, 'more.csv');
    writeFileSync(more, 'when,who,operation,result,path,client_ip,req_id\n2026-02-12T01:00:00Z,vault.approle:ci-runner,delete,ok,secret/data/payments/db,203.0.113.66,r-0006\n');
    const again = await cli('ingest', more, '--workspace', ws, '--mapping', 'vault-audit', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).signals).toBe(1);

    // The stored file is read back with the saved mapping: the case exports and verifies.
    const key = join(dir, 'key');
    await cli('keygen', '--out', key, '--no-passphrase');
    const out = join(dir, 'c.nhicase');
    expect((await cli('export', approle.id, '--workspace', ws, '--key', key, '--out', out)).code).toBe(0);
    expect((await cli('verify', out)).code).toBe(0);
  });

  it('refuses rows the mapping cannot read, naming the row, and leaves the workspace as it was; unknown names are usage errors', async () => {
    const dir = tempDir();
    const ws = join(dir, 'ws');
    await cli('ingest', CSV, '--workspace', ws, '--mapping', MAPPING);
    const before = snapshotTree(ws);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'when,who,operation,result,path,client_ip,req_id\nyesterday,vault.approle:ci-runner,read,ok,x,1.2.3.4,r-9\n');
    const refused = await cli('ingest', bad, '--workspace', ws, '--mapping', 'vault-audit', '--json');
    expect(refused.code).toBe(3);
    expect(JSON.parse(refused.stdout).error).toMatchObject({ code: 'BAD_INPUT', record: 'record 1 (line 2)' });
    expect(snapshotTree(ws)).toEqual(before);
    const unknown = await cli('ingest', CSV, '--workspace', ws, '--mapping', 'nope', '--json');
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).error.hint).toContain('vault-audit');
    copyFileSync(CSV, join(dir, 'not-a-mapping.json'));
    expect((await cli('ingest', CSV, '--workspace', ws, '--mapping', join(dir, 'not-a-mapping.json'))).code).toBe(3);
  });
});
