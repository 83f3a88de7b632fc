import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/main/cli/index';
import { findChromium } from '../../../src/main/engine/report/export-pdf';
import { FIXTURES, tempDir } from '../../helpers/workspace';
import { HAS_SSH_KEYGEN, run, SSH_KEYGEN } from '../engine/report/helpers';

const TRAIL = join(FIXTURES, 'story/good/trail.json');
const PASS = 'NHI_WORKBENCH_PASSPHRASE';

// Parsed --json output is checked field by field, so it is typed loosely on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string; json: () => Json }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`) });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

let dir: string;
let ws: string;
let caseId: string;

beforeAll(async () => {
  dir = tempDir();
  ws = join(dir, 'ws');
  expect((await cli('ingest', TRAIL, '--workspace', ws)).code).toBe(0);
  caseId = (await cli('cases', '--workspace', ws, '--json')).json()[0].id;
}, 60_000);

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('keys with a passphrase', () => {
  it('keygen protects the key with the passphrase from the environment; export uses it; ssh-keygen opens it', async () => {
    vi.stubEnv(PASS, 'long enough passphrase');
    const key = join(dir, 'protected');
    const made = await cli('keygen', '--out', key, '--name', 'analyst@example.org', '--json');
    expect(made.code, made.stderr).toBe(0);
    expect(readFileSync(key, 'utf8')).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    if (HAS_SSH_KEYGEN) {
      const pub = run(SSH_KEYGEN, ['-y', '-P', 'long enough passphrase', '-f', key]);
      expect(pub.stdout.trim()).toBe(made.json().publicKey);
      expect(run(SSH_KEYGEN, ['-y', '-P', '', '-f', key]).status).not.toBe(0);
    }
    const out = join(dir, 'protected.nhicase');
    const exported = await cli('export', caseId, '--workspace', ws, '--key', key, '--out', out, '--json');
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.json()).toMatchObject({ signer: 'analyst@example.org', fingerprint: made.json().fingerprint });
    expect((await cli('verify', out, '--json')).json().valid).toBe(true);
  }, 30_000);

  it('a wrong passphrase is exit 3 with a clear message, and nothing is written', async () => {
    vi.stubEnv(PASS, 'the right one');
    const key = join(dir, 'locked');
    expect((await cli('keygen', '--out', key)).code).toBe(0);
    vi.stubEnv(PASS, 'the wrong one');
    const out = join(dir, 'never.nhicase');
    const result = await cli('export', caseId, '--workspace', ws, '--key', key, '--out', out, '--json');
    expect(result.code).toBe(3);
    expect(result.json().error).toMatchObject({ code: 'BAD_INPUT', message: `Wrong passphrase for ${key}.` });
    expect(result.stderr).toContain('Wrong passphrase');
    expect(existsSync(out)).toBe(false);
  }, 30_000);

  it('without a passphrase source and without --no-passphrase, keygen refuses (exit 2) and writes nothing', async () => {
    vi.stubEnv(PASS, undefined);
    const key = join(dir, 'nokey');
    const result = await cli('keygen', '--out', key);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/NHI_WORKBENCH_PASSPHRASE|--no-passphrase/);
    expect(existsSync(key)).toBe(false);
    vi.stubEnv(PASS, '');
    expect((await cli('keygen', '--out', key)).code).toBe(2);
    const plain = await cli('keygen', '--out', key, '--no-passphrase');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('NOT protected');
  }, 30_000);
});

describe('export formats', () => {
  let key: string;
  beforeAll(async () => {
    key = join(dir, 'plain');
    expect((await cli('keygen', '--out', key, '--name', 'analyst@example.org', '--no-passphrase')).code).toBe(0);
  });

  it('writes html, md, json, stix and csv; only nhicase needs --key', async () => {
    const checks: Record<string, (text: string) => void> = {
      html: (t) => expect(t).toMatch(/^<!DOCTYPE html>[\s\S]*@media print/),
      md: (t) => expect(t).toMatch(/^# .+\n[\s\S]*## Timeline/),
      json: (t) => expect(JSON.parse(t)).toMatchObject({ kind: 'nhi-workbench-case', case: { id: caseId } }),
      stix: (t) => expect(JSON.parse(t).objects.some((o: Json) => o.type === 'identity' && o.identity_class === 'system')).toBe(true),
      csv: (t) => expect(t.split('\r\n')[0]).toMatch(/^signal_id,time,/),
    };
    for (const [format, check] of Object.entries(checks)) {
      const out = join(dir, `case.${format}`);
      const result = await cli('export', caseId, '--workspace', ws, '--format', format, '--out', out, '--json');
      expect(result.code, `${format}: ${result.stderr}`).toBe(0);
      expect(result.json()).toMatchObject({ path: out, format, signer: '' });
      check(readFileSync(out, 'utf8'));
    }
    expect((await cli('export', caseId, '--workspace', ws, '--format', 'docx', '--out', join(dir, 'x'))).code).toBe(2);
    expect((await cli('export', caseId, '--workspace', ws, '--out', join(dir, 'nokey.nhicase'))).code).toBe(2);
  }, 60_000);

  it('pdf: refused with exit 1 when no Chromium is found; printed when one is', async () => {
    vi.stubEnv('CHROMIUM_PATH', join(dir, 'no-such-chromium'));
    const out = join(dir, 'case.pdf');
    const refused = await cli('export', caseId, '--workspace', ws, '--format', 'pdf', '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/No Chromium found[\s\S]*CHROMIUM_PATH/);
    expect(existsSync(out)).toBe(false);
    vi.unstubAllEnvs();
    if (!findChromium()) return console.log('skipping PDF printing: no Chromium installed');
    const printed = await cli('export', caseId, '--workspace', ws, '--format', 'pdf', '--key', key, '--out', out);
    expect(printed.code, printed.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 120_000);
});

describe('review', () => {
  it('countersigns, and verify shows the review next to the signature; a tampered review leaves the case valid', async () => {
    const signer = join(dir, 'signer');
    const reviewer = join(dir, 'reviewer');
    expect((await cli('keygen', '--out', signer, '--name', 'analyst@example.org', '--no-passphrase')).code).toBe(0);
    vi.stubEnv(PASS, 'reviewer pass');
    expect((await cli('keygen', '--out', reviewer, '--name', 'reviewer@example.org')).code).toBe(0);
    const out = join(dir, 'reviewed.nhicase');
    expect((await cli('export', caseId, '--workspace', ws, '--key', signer, '--out', out)).code).toBe(0);

    const added = await cli('review', out, '--key', reviewer, '--verdict', 'accepted', '--comment', 'Checked the key rotation.', '--json');
    expect(added.code, added.stderr).toBe(0);
    expect(added.json()).toMatchObject({ reviewer: 'reviewer@example.org', verdict: 'accepted', caseId });
    expect((await cli('review', out, '--key', reviewer, '--verdict', 'maybe')).code).toBe(2);

    const verified = await cli('verify', out, '--json');
    expect(verified.code).toBe(0);
    expect(verified.json().reviews).toEqual([expect.objectContaining({ reviewer: 'reviewer@example.org', verdict: 'accepted', comment: 'Checked the key rotation.', valid: true, trusted: null })]);
    const human = await cli('verify', out);
    expect(human.stdout).toMatch(/Verified: [\s\S]*review reviews\/1-[0-9a-f]{16}\.json: valid — accepted by reviewer@example\.org/);

    const members = unzipSync(readFileSync(out));
    const name = added.json().member as string;
    const tampered = join(dir, 'tampered-review.nhicase');
    writeFileSync(tampered, zipSync({ ...members, [name]: Buffer.from(Buffer.from(members[name] ?? []).toString().replace('Checked', 'Skipped')) }));
    const after = await cli('verify', tampered);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/review reviews\/1-[0-9a-f]{16}\.json: NOT VALID[\s\S]*review: the review signature does not verify/);
  }, 60_000);

  it('refuses to countersign a case file that does not verify (exit 1), and a wrong passphrase (exit 3)', async () => {
    const signer = join(dir, 'signer2');
    expect((await cli('keygen', '--out', signer, '--no-passphrase')).code).toBe(0);
    const out = join(dir, 'bad.nhicase');
    expect((await cli('export', caseId, '--workspace', ws, '--key', signer, '--out', out)).code).toBe(0);
    const members = unzipSync(readFileSync(out));
    const json = Buffer.from(members['case.json'] ?? []);
    json[20] = (json[20] ?? 0) ^ 1;
    writeFileSync(out, zipSync({ ...members, 'case.json': json }));
    const refused = await cli('review', out, '--key', signer, '--verdict', 'rejected', '--json');
    expect(refused.code).toBe(1);
    expect(refused.json().error.message).toMatch(/does not verify/);

    vi.stubEnv(PASS, 'one');
    const locked = join(dir, 'locked-reviewer');
    expect((await cli('keygen', '--out', locked)).code).toBe(0);
    vi.stubEnv(PASS, 'two');
    expect((await cli('review', out, '--key', locked, '--verdict', 'rejected')).code).toBe(3);
  }, 60_000);
});
