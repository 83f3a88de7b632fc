import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/main/cli/index';
import { FIXTURES, snapshotTree, tempDir } from '../../helpers/workspace';
import { unzipSync, zipSync } from 'fflate';

const TRAIL = join(FIXTURES, 'story/good/trail.json');

/** Runs the CLI in-process and captures what it prints. */
// Parsed --json output is checked field by field, so it is typed loosely on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string; json: () => Json }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`) });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

describe('nhi-workbench CLI', () => {
  it('ingests, lists cases and shows one, with the --json shapes scripts rely on', async () => {
    const ws = join(tempDir(), 'ws');
    const ingest = await cli('ingest', TRAIL, '--workspace', ws, '--json');
    expect(ingest.code).toBe(0);
    expect(ingest.json()).toMatchObject({ signals: 13, identities: 3, cases: 3 });
    expect(ingest.json().files[0]).toMatchObject({ path: TRAIL, format: 'aws.cloudtrail', signals: 13, rejected: 0 });
    expect(ingest.json().files[0].sha256).toMatch(/^[0-9a-f]{64}$/);

    const cases = await cli('cases', '--workspace', ws, '--json');
    expect(cases.code).toBe(0);
    const list = cases.json();
    expect(list).toHaveLength(3);
    for (const c of list) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'anchor', 'status', 'severity', 'signals', 'firstSeen', 'lastSeen']));
      expect(Object.keys(c.anchor)).toEqual(expect.arrayContaining(['id', 'kind', 'label']));
    }

    const id = list.find((c: Json) => c.anchor.label === 'user/ci-deployer').id;
    const show = await cli('show', id, '--workspace', ws, '--json');
    expect(show.code).toBe(0);
    expect(show.json().signals).toHaveLength(8);
    expect(Object.keys(show.json().signals[0])).toEqual(expect.arrayContaining(['id', 'time', 'source', 'action', 'reason']));

    const human = await cli('cases', '--workspace', ws);
    expect(human.stdout).toContain('user/ci-deployer');
  });

  it('exits 3 on a truncated or foreign file, names file and place, and leaves the workspace byte for byte', async () => {
    const ws = join(tempDir(), 'ws');
    await cli('ingest', TRAIL, '--workspace', ws);
    const before = snapshotTree(ws);
    for (const name of ['truncated.json', 'other.json']) {
      const bad = join(FIXTURES, 'story/bad', name);
      const result = await cli('ingest', bad, '--workspace', ws, '--json');
      expect(result.code).toBe(3);
      expect(result.json().error).toMatchObject({ code: 'BAD_INPUT', file: bad });
      expect(result.json().error.record).toBeTruthy();
      expect(result.stderr).toContain(name);
      expect(snapshotTree(ws)).toEqual(before);
    }
  });

  it('exits 2 on usage errors and 3 for a workspace that does not exist', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('cases')).code).toBe(2);
    const missing = await cli('cases', '--workspace', join(tempDir(), 'nope'), '--json');
    expect(missing.code).toBe(3);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });

  it('keygen, export and verify; any flipped byte makes verify exit 1 naming the member', async () => {
    const dir = tempDir();
    const ws = join(dir, 'ws');
    await cli('ingest', TRAIL, '--workspace', ws);
    const key = join(dir, 'signer');
    const keygen = await cli('keygen', '--out', key, '--name', 'analyst@example.org', '--no-passphrase', '--json');
    expect(keygen.code).toBe(0);
    expect(keygen.json().publicKey).toMatch(/^ssh-ed25519 AAAA/);
    expect((await cli('keygen', '--out', key, '--no-passphrase')).code).toBe(1); // never overwrites a key

    const id = (await cli('cases', '--workspace', ws, '--json')).json()[0].id;
    const out = join(dir, 'case.nhicase');
    const exported = await cli('export', id, '--workspace', ws, '--key', key, '--out', out, '--json');
    expect(exported.code).toBe(0);
    expect(exported.json()).toMatchObject({ path: out, signer: 'analyst@example.org' });

    const ok = await cli('verify', out, '--json');
    expect(ok.code).toBe(0);
    expect(ok.json()).toMatchObject({ valid: true, signer: 'analyst@example.org', problems: [] });

    const members = unzipSync(readFileSync(out));
    for (const member of ['case.json', 'SHA256SUMS.sig']) {
      const copy = { ...members, [member]: flipByte(members[member]!) };
      const tampered = join(dir, `tampered-${member}.nhicase`);
      writeFileSync(tampered, zipSync(copy));
      const result = await cli('verify', tampered, '--json');
      expect(result.code).toBe(1);
      expect(result.json().valid).toBe(false);
      expect(result.json().problems.map((p: Json) => p.member)).toContain(member);
    }
  });

  it('runs as a real command through npm run -s cli', () => {
    const ws = join(tempDir(), 'ws');
    const result = spawnSync('npm', ['run', '-s', 'cli', '--', 'ingest', TRAIL, '--workspace', ws, '--json'], { encoding: 'utf8', cwd: join(__dirname, '../../..') });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ cases: 3 });
    const bad = spawnSync('npm', ['run', '-s', 'cli', '--', 'ingest', join(FIXTURES, 'story/bad/truncated.json'), '--workspace', ws], { encoding: 'utf8', cwd: join(__dirname, '../../..') });
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(/truncated\.json/);
    expect(existsSync(join(ws, 'workspace.sqlite'))).toBe(true);
  });
});

function flipByte(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes);
  const at = Math.floor(copy.length / 2);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}
