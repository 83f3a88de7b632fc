import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCaseFile, writeCaseFile } from '../../../../src/main/engine/report/case-file';
import { addReview } from '../../../../src/main/engine/report/review';
import { generateSigningKey, parseSigningKey, type SigningKey } from '../../../../src/main/engine/report/ssh-key';
import { verifyCaseFile } from '../../../../src/main/engine/report/verify';
import { WorkbenchError } from '../../../../src/shared/errors';
import { HAS_SHA256SUM, HAS_SSH_KEYGEN, run, sampleInput, SHA256SUM, SSH_KEYGEN, tempDir } from './helpers';

const NOW = new Date('2024-05-03T09:00:00.000Z');
let signer: SigningKey;
let reviewer: SigningKey;

beforeAll(() => {
  signer = parseSigningKey(generateSigningKey('case-signer@example.org').privateKeyText, 'k1');
  reviewer = parseSigningKey(generateSigningKey('reviewer@example.org').privateKeyText, 'k2');
});

function signedCase(title?: string): string {
  const path = join(tempDir(), 'case.nhicase');
  const input = sampleInput();
  if (title) input.case.title = title;
  writeCaseFile(buildCaseFile(input, signer), path);
  return path;
}

function trustLine(key: SigningKey, namespace: string): string {
  return `${key.name} namespaces="${namespace}" ${key.publicKeyLine.split(' ').slice(0, 2).join(' ')}\n`;
}

describe('reviewer countersignature', () => {
  it('adds a signed review without changing one byte of the original entries, and verify shows both signatures', () => {
    const path = signedCase();
    const before = readFileSync(path);
    const originals = unzipSync(before);
    const added = addReview(path, reviewer, { verdict: 'accepted', comment: 'Checked every record.' }, NOW);
    expect(added.member).toMatch(/^reviews\/1-[0-9a-f]{16}\.json$/);
    const after = readFileSync(path);
    // The zip up to the old central directory is copied verbatim: every original entry, compressed bytes included.
    const cdOffset = before.readUInt32LE(before.length - 22 + 16);
    expect(after.subarray(0, cdOffset).equals(before.subarray(0, cdOffset))).toBe(true);
    const now = unzipSync(after);
    for (const [name, data] of Object.entries(originals)) expect(Buffer.from(now[name] ?? []).equals(Buffer.from(data)), name).toBe(true);
    expect(Object.keys(now).filter((n) => !(n in originals)).sort()).toEqual([added.member, `${added.member}.sig`]);
    const json = JSON.parse(Buffer.from(now[added.member] ?? []).toString());
    expect(json).toMatchObject({
      reviewer: 'reviewer@example.org',
      fingerprint: reviewer.fingerprint,
      verdict: 'accepted',
      comment: 'Checked every record.',
      at: NOW.toISOString(),
      reviewed: { caseId: 'case-1', sha256sums: createHash('sha256').update(originals['SHA256SUMS'] ?? new Uint8Array()).digest('hex'), signerFingerprint: signer.fingerprint },
    });

    const result = verifyCaseFile(path, trustLine(signer, 'nhi-workbench-case') + trustLine(reviewer, 'nhi-workbench-review'));
    expect(result.valid).toBe(true);
    expect(result.trusted).toBe(true);
    expect(result.reviews).toEqual([
      expect.objectContaining({ member: added.member, reviewer: 'reviewer@example.org', verdict: 'accepted', valid: true, trusted: true, problems: [] }),
    ]);
  });

  it('numbers a second review and keeps the first; an untrusted reviewer is marked, the case stays valid', () => {
    const path = signedCase();
    addReview(path, reviewer, { verdict: 'needs-work', comment: 'Owner missing.' }, NOW);
    const second = addReview(path, signer, { verdict: 'accepted', comment: '' }, NOW);
    expect(second.member).toMatch(/^reviews\/2-/);
    const result = verifyCaseFile(path, trustLine(signer, 'nhi-workbench-case'));
    expect(result.valid).toBe(true);
    expect(result.reviews.map((r) => [r.verdict, r.trusted])).toEqual([['needs-work', false], ['accepted', false]]);
    // The signer's own line is for nhi-workbench-case only, so it does not make them a trusted reviewer either.
    expect(result.reviews[1]?.problems[0]).toMatchObject({ check: 'review', member: second.member });
    expect(verifyCaseFile(path).reviews.every((r) => r.valid && r.trusted === null)).toBe(true);
  });

  it('a tampered review is a review problem on that member; the case file itself stays valid', () => {
    const path = signedCase();
    const added = addReview(path, reviewer, { verdict: 'rejected', comment: 'No.' }, NOW);
    const members = unzipSync(readFileSync(path));
    const forged = Buffer.from(members[added.member] ?? []).toString().replace('"rejected"', '"accepted"');
    writeFileSync(path, zipSync({ ...members, [added.member]: Buffer.from(forged) }));
    const result = verifyCaseFile(path);
    expect(result.valid).toBe(true);
    expect(result.problems).toEqual([]);
    expect(result.reviews[0]).toMatchObject({ valid: false, verdict: 'accepted' });
    expect(result.reviews[0]?.problems).toContainEqual(expect.objectContaining({ member: `${added.member}.sig`, check: 'review' }));

    // A review copied onto another version of the case file names the SHA256SUMS it really reviewed.
    const other = signedCase('Another version of the same case');
    const otherMembers = unzipSync(readFileSync(other));
    writeFileSync(other, zipSync({ ...otherMembers, 'SHA256SUMS.sig': otherMembers['SHA256SUMS.sig']!, [added.member]: members[added.member]!, [`${added.member}.sig`]: members[`${added.member}.sig`]! }));
    const moved = verifyCaseFile(other);
    expect(moved.reviews[0]?.valid).toBe(false);
    expect(moved.reviews[0]?.problems.map((p) => p.message).join(' ')).toMatch(/another version|SHA-256 of SHA256SUMS/);
  });

  it('an unlisted member outside reviews/ still makes the case file invalid, as does a review-like name that is not one', () => {
    const path = signedCase();
    const members = unzipSync(readFileSync(path));
    for (const extra of ['reviews/evil.html', 'reviews/1-0123456789abcdef.json.exe', 'notes.txt']) {
      const bad = join(tempDir(), 'bad.nhicase');
      writeFileSync(bad, zipSync({ ...members, [extra]: Buffer.from('x') }));
      const result = verifyCaseFile(bad);
      expect(result.valid, extra).toBe(false);
      expect(result.problems).toContainEqual(expect.objectContaining({ member: extra, check: 'sums' }));
    }
  });

  it('refuses to countersign a case file that does not verify, and writes nothing', () => {
    const path = signedCase();
    const members = unzipSync(readFileSync(path));
    const caseJson = Buffer.from(members['case.json'] ?? []);
    caseJson[10] = (caseJson[10] ?? 0) ^ 1;
    writeFileSync(path, zipSync({ ...members, 'case.json': caseJson }));
    const before = readFileSync(path);
    expect(() => addReview(path, reviewer, { verdict: 'accepted', comment: '' }, NOW)).toThrow(WorkbenchError);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('works on a case file written as a folder', () => {
    const dir = join(tempDir(), 'case');
    writeCaseFile(buildCaseFile(sampleInput(), signer), `${dir}/`);
    const added = addReview(dir, reviewer, { verdict: 'accepted', comment: 'ok' }, NOW);
    const result = verifyCaseFile(dir);
    expect(result.valid).toBe(true);
    expect(result.reviews[0]).toMatchObject({ member: added.member, valid: true });
  });
});

describe.skipIf(!HAS_SSH_KEYGEN || !HAS_SHA256SUM)('a review checked by hand with standard tools', () => {
  it('unzip -t accepts the rewritten zip; ssh-keygen -Y verify accepts the review; sha256sum matches its reviewed hash', () => {
    const path = signedCase();
    const added = addReview(path, reviewer, { verdict: 'accepted', comment: 'fine' }, NOW);
    if (existsSync('/usr/bin/unzip')) expect(run('/usr/bin/unzip', ['-tq', path]).status).toBe(0);
    const dir = tempDir();
    for (const [name, data] of Object.entries(unzipSync(readFileSync(path)))) {
      const file = join(dir, ...name.split('/'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, data);
    }
    writeFileSync(join(dir, 'trusted'), trustLine(reviewer, 'nhi-workbench-review'));
    const json = readFileSync(join(dir, added.member));
    const ok = run(SSH_KEYGEN, ['-Y', 'verify', '-f', 'trusted', '-I', 'reviewer@example.org', '-n', 'nhi-workbench-review', '-s', `${added.member}.sig`], { input: json, cwd: dir });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Good "nhi-workbench-review" signature for reviewer@example.org');
    const sums = run(SHA256SUM, ['SHA256SUMS'], { cwd: dir });
    expect(sums.stdout.split(' ')[0]).toBe(JSON.parse(json.toString()).reviewed.sha256sums);
    // The original signature still checks, and sha256sum -c still passes: nothing it covers changed.
    expect(run(SHA256SUM, ['-c', 'SHA256SUMS'], { cwd: dir }).status).toBe(0);
    // A review signature is not a case signature: the namespace keeps them apart.
    const wrongNs = run(SSH_KEYGEN, ['-Y', 'verify', '-f', 'trusted', '-I', 'reviewer@example.org', '-n', 'nhi-workbench-case', '-s', `${added.member}.sig`], { input: json, cwd: dir });
    expect(wrongNs.status).not.toBe(0);
  });
});
