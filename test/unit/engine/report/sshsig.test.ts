import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAllowedSigner, parseAllowedSigners } from '../../../../src/main/engine/report/allowed-signers';
import { generateSigningKey, parseSigningKey } from '../../../../src/main/engine/report/ssh-key';
import { signSshsig, verifySshsig } from '../../../../src/main/engine/report/sshsig';
import { HAS_SSH_KEYGEN, run, SSH_KEYGEN, tempDir } from './helpers';

const NS = 'nhi-workbench-case';
const message = Buffer.from('abc  case.json\n');

function newKey(name = 'signer@example.org') {
  const gen = generateSigningKey(name);
  return { gen, key: parseSigningKey(gen.privateKeyText, 'key') };
}

describe('SSHSIG in our own code', () => {
  it('signs in the armored format, wrapped at 70 columns, and verifies', () => {
    const { key } = newKey();
    const sig = signSshsig(message, key, NS);
    const lines = sig.trimEnd().split('\n');
    expect(lines[0]).toBe('-----BEGIN SSH SIGNATURE-----');
    expect(lines[lines.length - 1]).toBe('-----END SSH SIGNATURE-----');
    const body = lines.slice(1, -1);
    expect(body.slice(0, -1).every((l) => l.length === 70)).toBe(true);
    expect((body[body.length - 1] ?? '').length).toBeLessThanOrEqual(70);
    const result = verifySshsig(sig, message, NS);
    expect(result).toMatchObject({ ok: true, fingerprint: key.fingerprint, hashAlgorithm: 'sha512' });
    expect(result.publicKeyBlob?.equals(key.publicKeyBlob)).toBe(true);
  });

  it('refuses another namespace, another message, and damaged armor', () => {
    const { key } = newKey();
    const sig = signSshsig(message, key, NS);
    expect(verifySshsig(sig, message, 'git')).toMatchObject({ ok: false, failure: 'namespace', fingerprint: key.fingerprint });
    expect(verifySshsig(sig, Buffer.from('abd  case.json\n'), NS)).toMatchObject({ ok: false, failure: 'signature' });
    expect(verifySshsig(sig.replace('BEGIN', 'BEGAN'), message, NS)).toMatchObject({ ok: false, failure: 'format' });
    expect(verifySshsig(sig.replace(/\n(.)/, '\n!$1'), message, NS)).toMatchObject({ ok: false, failure: 'format' });
    expect(verifySshsig('', message, NS)).toMatchObject({ ok: false, failure: 'format' });
    expect(verifySshsig(new Uint8Array([0xff, 0, 1]), message, NS)).toMatchObject({ ok: false, failure: 'format' });
  });
});

describe('allowed_signers', () => {
  const { gen } = newKey('alice@example.org');
  const b64 = gen.publicKeyLine.split(' ')[1] ?? '';
  const blob = Buffer.from(b64, 'base64');

  it('reads principals, options, quoting and comments as OpenSSH does', () => {
    const file = parseAllowedSigners(
      [
        '# trusted signers',
        '',
        `alice@example.org namespaces="${NS},git" ssh-ed25519 ${b64} alice's laptop`,
        `"*@corp.example,!mallory@corp.example" ssh-ed25519 ${b64}`,
        `ca@example.org cert-authority ssh-ed25519 ${b64}`,
        `bob@example.org unknown-option ssh-ed25519 ${b64}`,
        `old@example.org valid-before="20000101Z" ssh-ed25519 ${b64}`,
      ].join('\n'),
    );
    expect(file.entries).toHaveLength(4);
    expect(file.errors).toEqual([{ line: 6, message: 'unknown option "unknown-option"' }]);
    expect(isAllowedSigner(file, 'alice@example.org', NS, blob)).toBe(true);
    expect(isAllowedSigner(file, 'alice@example.org', 'file', blob)).toBe(false);
    expect(isAllowedSigner(file, 'eve@corp.example', 'anything', blob)).toBe(true);
    expect(isAllowedSigner(file, 'mallory@corp.example', NS, blob)).toBe(false);
    expect(isAllowedSigner(file, 'ca@example.org', NS, blob)).toBe(false);
    expect(isAllowedSigner(file, 'old@example.org', NS, blob)).toBe(false);
    expect(isAllowedSigner(file, 'alice@example.org', NS, Buffer.from('other'))).toBe(false);
  });

  it('does not stall on a hostile pattern', () => {
    const file = parseAllowedSigners(`${'*a'.repeat(500)}b ssh-ed25519 ${b64}`);
    const started = Date.now();
    expect(isAllowedSigner(file, 'a'.repeat(1000), NS, blob)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe.skipIf(!HAS_SSH_KEYGEN)('SSHSIG agrees with ssh-keygen', () => {
  it('ssh-keygen -Y verify and -Y check-novalidate accept our signature', () => {
    const dir = tempDir();
    const { key } = newKey('case-signer');
    writeFileSync(join(dir, 'msg'), message);
    writeFileSync(join(dir, 'msg.sig'), signSshsig(message, key, NS));
    writeFileSync(join(dir, 'allowed'), `case-signer namespaces="${NS}" ${key.publicKeyLine}\n`);
    const v = run(SSH_KEYGEN, ['-Y', 'verify', '-f', join(dir, 'allowed'), '-I', 'case-signer', '-n', NS, '-s', join(dir, 'msg.sig')], { input: message });
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout).toContain(`Good "${NS}" signature for case-signer with ED25519 key ${key.fingerprint}`);
    const c = run(SSH_KEYGEN, ['-Y', 'check-novalidate', '-n', NS, '-s', join(dir, 'msg.sig')], { input: message });
    expect(c.status, c.stderr).toBe(0);
    const wrong = run(SSH_KEYGEN, ['-Y', 'check-novalidate', '-n', NS, '-s', join(dir, 'msg.sig')], { input: 'tampered' });
    expect(wrong.status).not.toBe(0);
  });

  it('we verify a signature that ssh-keygen -Y sign made with a key we generated', () => {
    const dir = tempDir();
    const { gen } = newKey('case-signer');
    writeFileSync(join(dir, 'key'), gen.privateKeyText, { mode: 0o600 });
    writeFileSync(join(dir, 'msg'), message);
    const s = run(SSH_KEYGEN, ['-Y', 'sign', '-f', join(dir, 'key'), '-n', NS, join(dir, 'msg')]);
    expect(s.status, s.stderr).toBe(0);
    const sig = readFileSync(join(dir, 'msg.sig'));
    expect(verifySshsig(sig, message, NS)).toMatchObject({ ok: true, fingerprint: gen.fingerprint });
    expect(verifySshsig(sig, Buffer.from('other'), NS)).toMatchObject({ ok: false, failure: 'signature' });
  });
});
