import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCaseFile, writeCaseFile } from '../../../../src/main/engine/report/case-file';
import { generateSigningKey, parseSigningKey, type SigningKey } from '../../../../src/main/engine/report/ssh-key';
import { verifyCaseFile } from '../../../../src/main/engine/report/verify';
import { WorkbenchError } from '../../../../src/shared/errors';
import { HAS_SHA256SUM, HAS_SSH_KEYGEN, run, sampleInput, sha, SHA256SUM, SSH_KEYGEN, tempDir } from './helpers';

const SIGNER = 'case-signer@example.org';
let key: SigningKey;
let members: Map<string, Uint8Array>;

beforeAll(() => {
  key = parseSigningKey(generateSigningKey(SIGNER).privateKeyText, 'key');
  members = buildCaseFile(sampleInput(), key);
});

function unpack(zipPath: string): string {
  const dir = tempDir();
  if (existsSync('/usr/bin/unzip')) {
    const r = run('/usr/bin/unzip', ['-q', zipPath, '-d', dir]);
    expect(r.status, r.stderr).toBe(0);
  } else {
    for (const [name, data] of Object.entries(unzipSync(readFileSync(zipPath)))) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), data);
    }
  }
  return dir;
}

function flipped(name: string): Map<string, Uint8Array> {
  const copy = new Map(members);
  const data = Uint8Array.from(copy.get(name) ?? []);
  const at = Math.floor(data.length / 2);
  data[at] = (data[at] ?? 0) ^ 0x01;
  copy.set(name, data);
  return copy;
}

describe('building a case file', () => {
  it('has every member, with SHA256SUMS in sha256sum format covering all but itself and its signature', () => {
    const names = [...members.keys()];
    const a = sha('cloudtrail-a.json');
    const b = sha('guardduty-b.json');
    const evidence = [`evidence/${a}.ndjson`, `evidence/${b}.ndjson`].sort();
    expect(names).toEqual(['case.json', 'report.html', ...evidence, 'signer.pub', 'allowed_signers', 'VERIFY.txt', 'SHA256SUMS', 'SHA256SUMS.sig']);
    const sums = Buffer.from(members.get('SHA256SUMS') ?? []).toString();
    const listed = sums.trimEnd().split('\n').map((l) => l.slice(66));
    expect(sums).toMatch(/^([0-9a-f]{64} {2}[^\n]+\n)+$/);
    expect(listed).toEqual(names.filter((n) => !n.startsWith('SHA256SUMS')).sort());
    expect(Buffer.from(members.get('allowed_signers') ?? []).toString()).toBe(`${SIGNER} namespaces="nhi-workbench-case" ${key.publicKeyLine.split(' ').slice(0, 2).join(' ')}\n`);
    expect(Buffer.from(members.get('signer.pub') ?? []).toString()).toBe(`${key.publicKeyLine}\n`);
    expect(Buffer.from(members.get('VERIFY.txt') ?? []).toString()).toContain(`ssh-keygen -Y verify -f allowed_signers -I ${SIGNER} -n nhi-workbench-case -s SHA256SUMS.sig < SHA256SUMS`);
  });

  it('writes case.json with the case, cited custody only, evidence index, audit entries and signer', () => {
    const json = JSON.parse(Buffer.from(members.get('case.json') ?? []).toString());
    expect(json).toMatchObject({ schemaVersion: 1, kind: 'nhi-workbench-case', case: { id: 'case-1' }, signer: { name: SIGNER, fingerprint: key.fingerprint } });
    expect(json.custody.map((c: { name: string }) => c.name).sort()).toEqual(['cloudtrail-a.json', 'guardduty <img src=x onerror=alert(1)>.json']);
    expect(json.evidence).toEqual(
      [
        { sha256: sha('cloudtrail-a.json'), member: `evidence/${sha('cloudtrail-a.json')}.ndjson`, records: 2 },
        { sha256: sha('guardduty-b.json'), member: `evidence/${sha('guardduty-b.json')}.ndjson`, records: 1 },
      ].sort((x, y) => (x.sha256 < y.sha256 ? -1 : 1)),
    );
    expect(json.audit.entries.map((e: { seq: number }) => e.seq)).toEqual([1, 3, 4]);
    const lines = Buffer.from(members.get(`evidence/${sha('cloudtrail-a.json')}.ndjson`) ?? []).toString().trimEnd().split('\n');
    expect(JSON.parse(lines[1] ?? '')).toEqual({ recordIndex: 1, line: 2, value: { eventName: 'ListBuckets', errorCode: 'AccessDenied' } });
  });

  it('is deterministic: the same case and key give the same zip bytes', () => {
    const dir = tempDir();
    const one = writeCaseFile(buildCaseFile(sampleInput(), key), join(dir, 'one.nhicase'));
    const two = writeCaseFile(buildCaseFile(sampleInput(), key), join(dir, 'two.nhicase'));
    expect(one.sha256).toBe(two.sha256);
    expect(readFileSync(one.path).equals(readFileSync(two.path))).toBe(true);
  });

  it('exports a case with no audit history, its head being the genesis hash', () => {
    const input = sampleInput();
    input.audit = { entries: [], head: '', headSeq: 0 };
    const json = JSON.parse(Buffer.from(buildCaseFile(input, key).get('case.json') ?? []).toString());
    expect(json.audit).toEqual({ entries: [], head: '0'.repeat(64), headSeq: 0 });
  });

  it('refuses evidence without custody rather than exporting an incomplete chain of custody', () => {
    const input = sampleInput();
    input.custody = input.custody.filter((c) => c.name === 'cloudtrail-a.json');
    expect(() => buildCaseFile(input, key)).toThrow(WorkbenchError);
  });
});

describe('writing and verifying', () => {
  it('a fresh case file verifies, with and without a trust list', () => {
    const path = join(tempDir(), 'case.nhicase');
    const written = writeCaseFile(members, path);
    expect(written).toMatchObject({ path, kind: 'zip' });
    const result = verifyCaseFile(path);
    expect(result).toEqual({ valid: true, signer: SIGNER, fingerprint: key.fingerprint, trusted: null, caseId: 'case-1', problems: [], reviews: [] });
    const trust = `${SIGNER} namespaces="nhi-workbench-case" ${key.publicKeyLine}\n`;
    expect(verifyCaseFile(path, trust)).toMatchObject({ valid: true, trusted: true });
  });

  it('a case file written as a folder verifies, and a non-empty folder is refused', () => {
    const dir = join(tempDir(), 'case-folder');
    expect(writeCaseFile(members, `${dir}/`).kind).toBe('folder');
    expect(verifyCaseFile(dir)).toMatchObject({ valid: true, problems: [] });
    expect(() => writeCaseFile(members, dir)).toThrow(/not empty/);
    writeFileSync(join(dir, 'notes.txt'), 'added later');
    expect(verifyCaseFile(dir).problems).toContainEqual(expect.objectContaining({ member: 'notes.txt', check: 'sums' }));
  });

  it('a trust list that does not list the signer gives trusted=false and valid=false', () => {
    const path = join(tempDir(), 'case.nhicase');
    writeCaseFile(members, path);
    const other = generateSigningKey(SIGNER);
    const result = verifyCaseFile(path, `${SIGNER} namespaces="nhi-workbench-case" ${other.publicKeyLine}\n`);
    expect(result).toMatchObject({ valid: false, trusted: false });
    expect(result.problems).toContainEqual(expect.objectContaining({ member: 'signer.pub', check: 'signer' }));
    expect(verifyCaseFile(path, `${SIGNER} namespaces="git" ${key.publicKeyLine}\n`).trusted).toBe(false);
    expect(verifyCaseFile(path, '').trusted).toBe(false);
  });

  it('a missing path is NOT_FOUND', () => {
    expect(() => verifyCaseFile(join(tempDir(), 'nope.nhicase'))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('tampering', () => {
  it.each(['case.json', 'report.html', 'evidence/0', 'evidence/1', 'signer.pub', 'allowed_signers', 'VERIFY.txt', 'SHA256SUMS', 'SHA256SUMS.sig'])(
    'one flipped byte in %s is caught and named',
    (which) => {
      const evidence = [...members.keys()].filter((n) => n.startsWith('evidence/'));
      const name = which.startsWith('evidence/') ? (evidence[Number(which.slice(9))] ?? '') : which;
      const path = join(tempDir(), 'case.nhicase');
      writeCaseFile(flipped(name), path);
      const result = verifyCaseFile(path);
      expect(result.valid).toBe(false);
      expect(result.problems.map((p) => p.member)).toContain(name);
      if (name === 'SHA256SUMS.sig') expect(result.problems).toContainEqual(expect.objectContaining({ member: name, check: 'signature' }));
    },
  );

  it('covers every member the builder writes', () => {
    expect([...members.keys()].filter((n) => n.startsWith('evidence/'))).toHaveLength(2);
  });

  it('a flipped byte in an unpacked folder is caught too', () => {
    const dir = join(tempDir(), 'f');
    writeCaseFile(members, `${dir}/`);
    const path = join(dir, 'case.json');
    const data = readFileSync(path);
    data[10] = (data[10] ?? 0) ^ 0x20;
    writeFileSync(path, data);
    expect(verifyCaseFile(dir).problems).toContainEqual(expect.objectContaining({ member: 'case.json', check: 'sums' }));
  });

  it('a removed member and a re-signed case with a rewritten audit entry are caught', () => {
    const missing = new Map(members);
    missing.delete('report.html');
    const p1 = join(tempDir(), 'a.nhicase');
    writeCaseFile(missing, p1);
    expect(verifyCaseFile(p1).problems).toContainEqual(expect.objectContaining({ member: 'report.html', check: 'sums' }));

    // The signer rewrote history and signed it: signature and sums are fine, the chain hash is not.
    const input = sampleInput();
    const entry = input.audit.entries[1];
    if (entry) entry.payload = { reason: 'rewritten' };
    const p2 = join(tempDir(), 'b.nhicase');
    writeCaseFile(buildCaseFile(input, key), p2);
    const result = verifyCaseFile(p2);
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ member: 'case.json', check: 'audit-chain' })]);
  });

  it('hostile zips become problems, never exceptions', () => {
    const dir = tempDir();
    const garbage = join(dir, 'garbage.nhicase');
    writeFileSync(garbage, 'PK\x03\x04 this is not really a zip');
    expect(verifyCaseFile(garbage)).toMatchObject({ valid: false, problems: expect.arrayContaining([expect.objectContaining({ check: 'zip' })]) });

    const good = join(dir, 'good.nhicase');
    writeCaseFile(members, good);
    const bytes = readFileSync(good);
    const truncated = join(dir, 'truncated.nhicase');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 30));
    expect(verifyCaseFile(truncated).valid).toBe(false);
    const middle = join(dir, 'middle.nhicase');
    const damaged = Buffer.from(bytes);
    const at = Math.floor(damaged.length / 3);
    damaged[at] = (damaged[at] ?? 0) ^ 0xff;
    writeFileSync(middle, damaged);
    expect(verifyCaseFile(middle).valid).toBe(false);

    // Two entries with one name: different unzip tools would extract different contents.
    const dup = join(dir, 'dup.nhicase');
    const withTwin = new Map(members);
    withTwin.set('case.jsoN', new TextEncoder().encode('{"schemaVersion":1}'));
    writeCaseFile(withTwin, dup);
    writeFileSync(dup, Buffer.from(readFileSync(dup).toString('latin1').replaceAll('case.jsoN', 'case.json'), 'latin1'));
    expect(verifyCaseFile(dup).problems).toContainEqual(expect.objectContaining({ member: 'case.json', check: 'zip', message: expect.stringContaining('more than once') }));
  });
});

describe.skipIf(!HAS_SSH_KEYGEN || !HAS_SHA256SUM)('standard tools verify our case file', () => {
  it('sha256sum -c and ssh-keygen -Y verify pass in the unpacked zip, as VERIFY.txt says', () => {
    const path = join(tempDir(), 'case.nhicase');
    writeCaseFile(members, path);
    const dir = unpack(path);
    const sums = run(SHA256SUM, ['-c', 'SHA256SUMS'], { cwd: dir });
    expect(sums.status, sums.stderr + sums.stdout).toBe(0);
    expect(sums.stdout.trim().split('\n')).toHaveLength(7);
    const sig = run(SSH_KEYGEN, ['-Y', 'verify', '-f', 'allowed_signers', '-I', SIGNER, '-n', 'nhi-workbench-case', '-s', 'SHA256SUMS.sig'], {
      cwd: dir,
      input: readFileSync(join(dir, 'SHA256SUMS')),
    });
    expect(sig.status, sig.stderr).toBe(0);
    expect(sig.stdout).toContain(`Good "nhi-workbench-case" signature for ${SIGNER} with ED25519 key ${key.fingerprint}`);
    expect(run(SSH_KEYGEN, ['-l', '-f', 'signer.pub'], { cwd: dir }).stdout).toContain(key.fingerprint);
    expect(verifyCaseFile(dir)).toMatchObject({ valid: true });
  });
});
