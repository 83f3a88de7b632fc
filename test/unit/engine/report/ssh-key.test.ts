import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSigningKey, isSignerName, parsePublicKeyLine, parseSigningKey } from '../../../../src/main/engine/report/ssh-key';
import { WorkbenchError } from '../../../../src/shared/errors';
import { HAS_SSH_KEYGEN, run, SSH_KEYGEN, tempDir } from './helpers';

function badInput(fn: () => unknown): WorkbenchError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WorkbenchError);
    expect((err as WorkbenchError).code).toBe('BAD_INPUT');
    return err as WorkbenchError;
  }
  throw new Error('expected a BAD_INPUT error');
}

describe('our Ed25519 keys', () => {
  it('load back with the same name, public key and fingerprint', () => {
    const gen = generateSigningKey('alice@example.org');
    expect(gen.privateKeyText).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+\n-----END OPENSSH PRIVATE KEY-----\n$/);
    expect(gen.publicKeyLine).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]+=* alice@example.org$/);
    expect(gen.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const key = parseSigningKey(gen.privateKeyText, 'key');
    expect(key.name).toBe('alice@example.org');
    expect(key.publicKeyLine).toBe(gen.publicKeyLine);
    expect(key.fingerprint).toBe(gen.fingerprint);
    expect(parsePublicKeyLine(gen.publicKeyLine, 'pub').fingerprint).toBe(gen.fingerprint);
  });

  it('refuses signer names that would change meaning in allowed_signers or a shell', () => {
    for (const name of ['', 'two words', 'a,b', 'a*', '!x', '"q"', '-rf', 'x'.repeat(129)]) {
      expect(isSignerName(name)).toBe(false);
      badInput(() => generateSigningKey(name));
    }
    expect(isSignerName('ci-signer+1@corp.example')).toBe(true);
  });

  it('refuses a damaged key file with a clear error, not a crash', () => {
    const gen = generateSigningKey('bob');
    const lines = gen.privateKeyText.split('\n');
    lines[3] = (lines[3] ?? '').replace(/[A-Z]/, 'a');
    const err = badInput(() => parseSigningKey(lines.join('\n'), 'damaged.key'));
    expect(err.file).toBe('damaged.key');
    badInput(() => parseSigningKey('hello', 'x'));
    badInput(() => parseSigningKey(gen.publicKeyLine, 'id.pub'));
  });
});

describe.skipIf(!HAS_SSH_KEYGEN)('keys and OpenSSH agree', () => {
  it('ssh-keygen loads our key and prints the same public key and fingerprint', () => {
    const dir = tempDir();
    const gen = generateSigningKey('case-signer');
    const path = join(dir, 'signer');
    writeFileSync(path, gen.privateKeyText, { mode: 0o600 });
    const pub = run(SSH_KEYGEN, ['-y', '-f', path]);
    expect(pub.status, pub.stderr).toBe(0);
    expect(pub.stdout.trim().split(' ').slice(0, 2)).toEqual(gen.publicKeyLine.split(' ').slice(0, 2));
    const fp = run(SSH_KEYGEN, ['-l', '-f', path]);
    expect(fp.status, fp.stderr).toBe(0);
    expect(fp.stdout).toContain(`256 ${gen.fingerprint} case-signer (ED25519)`);
  });

  it('we load a key made by ssh-keygen and compute its fingerprint the same way', () => {
    const dir = tempDir();
    const path = join(dir, 'k');
    expect(run(SSH_KEYGEN, ['-q', '-t', 'ed25519', '-N', '', '-C', 'carol@example.org', '-f', path]).status).toBe(0);
    const key = parseSigningKey(readFileSync(path, 'utf8'), path);
    expect(key.name).toBe('carol@example.org');
    expect(run(SSH_KEYGEN, ['-l', '-f', path]).stdout).toContain(key.fingerprint);
    expect(key.publicKeyLine).toBe(readFileSync(`${path}.pub`, 'utf8').trim());
    expect(parseSigningKey(readFileSync(path, 'utf8'), path, 'override').name).toBe('override');
  });

  it('asks for the passphrase of a protected key, saying where it can come from', () => {
    const path = join(tempDir(), 'enc');
    expect(run(SSH_KEYGEN, ['-q', '-t', 'ed25519', '-N', 'secret pass', '-C', 'x', '-f', path]).status).toBe(0);
    const err = badInput(() => parseSigningKey(readFileSync(path, 'utf8'), path));
    expect(err.file).toBe(path);
    expect(err.hint).toMatch(/NHI_WORKBENCH_PASSPHRASE/);
  });

  it('refuses a non-Ed25519 key, saying which kind it is', () => {
    const path = join(tempDir(), 'ec');
    expect(run(SSH_KEYGEN, ['-q', '-t', 'ecdsa', '-N', '', '-C', 'x', '-f', path]).status).toBe(0);
    const err = badInput(() => parseSigningKey(readFileSync(path, 'utf8'), path));
    expect(err.message).toContain('ecdsa-sha2-nistp256');
    expect(err.message).toContain('Ed25519');
  });

  it('refuses a key whose comment cannot be a signer name unless a name is given', () => {
    const path = join(tempDir(), 'spaces');
    expect(run(SSH_KEYGEN, ['-q', '-t', 'ed25519', '-N', '', '-C', 'My Laptop Key', '-f', path]).status).toBe(0);
    badInput(() => parseSigningKey(readFileSync(path, 'utf8'), path));
    expect(parseSigningKey(readFileSync(path, 'utf8'), path, 'laptop').name).toBe('laptop');
  });
});
