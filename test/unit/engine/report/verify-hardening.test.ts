// The acceptance list for verification: every way a case file can be changed after signing is caught and named.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCaseFile, sha256sums } from '../../../../src/main/engine/report/case-file';
import { generateSigningKey, parseSigningKey, type SigningKey } from '../../../../src/main/engine/report/ssh-key';
import { signSshsig } from '../../../../src/main/engine/report/sshsig';
import { verifyCaseFile, verifyCaseFileMembers } from '../../../../src/main/engine/report/verify';
import type { VerifyResult } from '../../../../src/shared/schemas';
import { sampleInput, tempDir } from './helpers';

const SIGNER = 'case-signer@example.org';
let key: SigningKey;
let members: Map<string, Uint8Array>;
let trusted: string;

beforeAll(() => {
  key = parseSigningKey(generateSigningKey(SIGNER).privateKeyText, 'k');
  members = buildCaseFile(sampleInput(), key);
  trusted = `${SIGNER} namespaces="nhi-workbench-case" ${key.publicKeyLine.split(' ').slice(0, 2).join(' ')}\n`;
});

/** Rebuilds SHA256SUMS and its signature after `change`, as someone holding `signingKey` would. */
function resigned(signingKey: SigningKey, change: (m: Map<string, Uint8Array>) => void): Map<string, Uint8Array> {
  const copy = new Map(members);
  change(copy);
  const sums = Buffer.from(sha256sums(copy));
  copy.set('SHA256SUMS', sums);
  copy.set('SHA256SUMS.sig', Buffer.from(signSshsig(sums, signingKey, 'nhi-workbench-case')));
  return copy;
}

function named(result: VerifyResult, member: string): string[] {
  return result.problems.filter((p) => p.member === member).map((p) => p.check);
}

describe('every change after signing is detected, with the failing check named', () => {
  it('every single-byte change in every member', () => {
    // Small members are changed at every byte; large ones at ~300 spread positions plus both ends.
    for (const [name, data] of members) {
      const step = data.length <= 4096 ? 1 : Math.floor(data.length / 300);
      const positions = new Set([0, data.length - 1]);
      for (let at = 0; at < data.length; at += step) positions.add(at);
      for (const at of positions) {
        const copy = new Map(members);
        const bytes = Uint8Array.from(data);
        bytes[at] = (bytes[at] ?? 0) ^ 0x01;
        copy.set(name, bytes);
        const result = verifyCaseFileMembers(copy);
        expect(result.valid, `${name} byte ${at}`).toBe(false);
        const checks = named(result, name);
        expect(checks.length, `${name} byte ${at}: ${JSON.stringify(result.problems)}`).toBeGreaterThan(0);
        const expected = name === 'SHA256SUMS' ? ['signature', 'sums'] : name === 'SHA256SUMS.sig' ? ['signature', 'signer'] : ['sums'];
        expect(checks.some((c) => expected.includes(c)), `${name} byte ${at}: ${checks.join(',')}`).toBe(true);
      }
    }
  }, 120_000);

  it('a removed member', () => {
    for (const name of members.keys()) {
      const copy = new Map(members);
      copy.delete(name);
      const result = verifyCaseFileMembers(copy);
      expect(result.valid, name).toBe(false);
      expect(named(result, name).length, name).toBeGreaterThan(0);
    }
  });

  it('an added member', () => {
    for (const extra of ['notes.txt', 'evidence/extra.ndjson', `evidence/${'a'.repeat(64)}.ndjson`, 'reviews/x.html']) {
      const copy = new Map(members).set(extra, Buffer.from('{}\n'));
      const result = verifyCaseFileMembers(copy);
      expect(result.valid, extra).toBe(false);
      expect(named(result, extra), extra).toContain('sums');
    }
  });

  it('a swapped signer key: re-signed by another key, it passes the embedded check but not your allowed_signers', () => {
    const other = parseSigningKey(generateSigningKey(SIGNER).privateKeyText, 'other');
    const swapped = buildCaseFile(sampleInput(), other);
    expect(verifyCaseFileMembers(swapped).valid).toBe(true);
    const result = verifyCaseFileMembers(swapped, trusted);
    expect(result).toMatchObject({ valid: false, trusted: false, fingerprint: other.fingerprint });
    expect(named(result, 'signer.pub')).toContain('signer');
    // Swapping only the signature (the original signer.pub kept) is caught without any trust list.
    const sigOnly = new Map(members).set('SHA256SUMS.sig', swapped.get('SHA256SUMS.sig') ?? new Uint8Array());
    expect(named(verifyCaseFileMembers(sigOnly), 'SHA256SUMS.sig')).toEqual(expect.arrayContaining(['signature']));
  });

  it('a reordered audit entry, even when re-signed by the real key', () => {
    const reordered = resigned(key, (m) => {
      const json = JSON.parse(Buffer.from(m.get('case.json') ?? []).toString());
      const [a, b, ...rest] = json.audit.entries;
      json.audit.entries = [b, a, ...rest];
      m.set('case.json', Buffer.from(`${JSON.stringify(json, null, 2)}\n`));
    });
    const result = verifyCaseFileMembers(reordered, trusted);
    expect(result.valid).toBe(false);
    expect(named(result, 'case.json')).toContain('audit-chain');
    expect(result.problems.every((p) => p.check === 'audit-chain')).toBe(true);
  });
});

describe('hostile case files are reported, never opened or unpacked', () => {
  function written(files: Record<string, Uint8Array>): { path: string; dir: string } {
    const dir = tempDir();
    const path = join(dir, 'hostile.nhicase');
    writeFileSync(path, zipSync(files));
    return { path, dir };
  }
  const asRecord = (m: Map<string, Uint8Array>): Record<string, Uint8Array> => Object.fromEntries(m);

  it('a zip bomb member that lies about its size is refused without inflating it', () => {
    const zip = Buffer.from(zipSync({ ...asRecord(members), 'case.json': new Uint8Array(64 * 1024 * 1024) }, { level: 9 }));
    // Point the central directory entry of case.json at a tiny declared size.
    const eocd = zip.length - 22;
    let p = zip.readUInt32LE(eocd + 16);
    for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
      const nameLen = zip.readUInt16LE(p + 28);
      if (zip.subarray(p + 46, p + 46 + nameLen).toString() === 'case.json') zip.writeUInt32LE(1000, p + 24);
      p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    }
    expect(zip.length).toBeLessThan(1024 * 1024);
    const dir = tempDir();
    writeFileSync(join(dir, 'bomb.nhicase'), zip);
    const result = verifyCaseFile(join(dir, 'bomb.nhicase'));
    expect(result.valid).toBe(false);
    expect(named(result, 'case.json')).toContain('zip');
  });

  it('a member declared larger than the limit is refused before reading it', () => {
    const zip = Buffer.from(zipSync(asRecord(members)));
    const eocd = zip.length - 22;
    zip.writeUInt32LE(300 * 1024 * 1024, zip.readUInt32LE(eocd + 16) + 24); // the first entry claims 300 MiB
    const dir = tempDir();
    writeFileSync(join(dir, 'big.nhicase'), zip);
    const result = verifyCaseFile(join(dir, 'big.nhicase'));
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => p.message).join(' ')).toMatch(/too large/);
  });

  it('zip-slip names are only reported by name, and nothing is written anywhere', () => {
    const { path, dir } = written({ ...asRecord(members), '../../evil.sh': Buffer.from('rm -rf /'), '/etc/cron.d/x': Buffer.from('x'), 'C:\\evil.bat': Buffer.from('x') });
    const before = readdirSync(dir);
    const result = verifyCaseFile(path);
    expect(result.valid).toBe(false);
    for (const name of ['../../evil.sh', '/etc/cron.d/x', 'C:\\evil.bat']) expect(named(result, name)).toContain('sums');
    expect(readdirSync(dir)).toEqual(before);
    expect(readdirSync(join(dir, '..'))).not.toContain('evil.sh');
  });

  it('a case.json that is not JSON, correctly signed by a forger, fails the schema check', () => {
    const forger = parseSigningKey(generateSigningKey(SIGNER).privateKeyText, 'forger');
    const forged = resigned(forger, (m) => m.set('case.json', Buffer.from('this is not json {')));
    const result = verifyCaseFileMembers(forged);
    expect(named(result, 'case.json')).toEqual(['schema']);
    expect(result.problems.find((p) => p.member === 'case.json')?.message).toMatch(/not valid UTF-8 JSON/);
  });

  it('a report.html with a script or remote content is reported even when the signature holds', () => {
    for (const [inject, words] of [
      ['<script>alert(1)</script>', /<script>/],
      ['<img src="https://evil.example/p.gif">', /<img>|src=/],
      ['<p onclick="x()">hi</p>', /event handler/],
      ['<svg><a href="javascript:alert(1)"><text>x</text></a></svg>', /href=/],
      ['<style>@import url(https://evil.example/x.css);</style>', /remote content/],
    ] as const) {
      const forged = resigned(key, (m) => m.set('report.html', Buffer.from(Buffer.from(m.get('report.html') ?? []).toString().replace('</body>', `${inject}</body>`))));
      const result = verifyCaseFileMembers(forged, trusted);
      expect(result.valid, inject).toBe(false);
      expect(named(result, 'report.html'), inject).toContain('schema');
      expect(result.problems.map((p) => p.message).join(' '), inject).toMatch(words);
    }
  });
});
