import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSigningKey, isProtectedKey, parseSigningKey, publicKeyOfKeyFile } from '../../../../src/main/engine/report/ssh-key';
import { WorkbenchError } from '../../../../src/shared/errors';
import { HAS_SSH_KEYGEN, run, SSH_KEYGEN, tempDir } from './helpers';

function refusal(fn: () => unknown): WorkbenchError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WorkbenchError);
    expect((err as WorkbenchError).code).toBe('BAD_INPUT');
    return err as WorkbenchError;
  }
  throw new Error('expected a BAD_INPUT error');
}

describe('passphrase-protected keys', () => {
  const gen = generateSigningKey('alice@example.org', 'correct horse');

  it('are encrypted (aes256-ctr, bcrypt) and load back only with the passphrase', () => {
    expect(isProtectedKey(gen.privateKeyText)).toBe(true);
    expect(isProtectedKey(generateSigningKey('bob').privateKeyText)).toBe(false);
    // The private part and the comment are not in the clear; the public key is, as in OpenSSH.
    const body = Buffer.from(gen.privateKeyText.split('\n').slice(1, -2).join(''), 'base64');
    expect(body.includes(Buffer.from('aes256-ctr'))).toBe(true);
    expect(body.includes(Buffer.from('bcrypt'))).toBe(true);
    expect(body.includes(Buffer.from('alice@example.org'))).toBe(false);
    expect(publicKeyOfKeyFile(gen.privateKeyText, 'k').fingerprint).toBe(gen.fingerprint);
    const key = parseSigningKey(gen.privateKeyText, 'k', undefined, 'correct horse');
    expect(key.name).toBe('alice@example.org');
    expect(key.fingerprint).toBe(gen.fingerprint);
  });

  it('a wrong or missing passphrase is a clear error naming the file', () => {
    expect(refusal(() => parseSigningKey(gen.privateKeyText, 'my.key', undefined, 'Correct horse')).message).toBe('Wrong passphrase for my.key.');
    expect(refusal(() => parseSigningKey(gen.privateKeyText, 'my.key')).message).toMatch(/my\.key is protected by a passphrase/);
  });
});

describe.skipIf(!HAS_SSH_KEYGEN)('protected keys and ssh-keygen agree both ways', () => {
  it('ssh-keygen -y opens our key with the passphrase and refuses a wrong one', () => {
    const dir = tempDir();
    const gen = generateSigningKey('case-signer', 'pass phrase');
    const path = join(dir, 'ours');
    writeFileSync(path, gen.privateKeyText, { mode: 0o600 });
    const ok = run(SSH_KEYGEN, ['-y', '-P', 'pass phrase', '-f', path]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout.trim()).toBe(gen.publicKeyLine);
    expect(run(SSH_KEYGEN, ['-y', '-P', 'wrong', '-f', path]).status).not.toBe(0);
  });

  it('ssh-keygen -p changes the passphrase of our key, and we load it with the new one', () => {
    const dir = tempDir();
    const gen = generateSigningKey('case-signer', 'old one');
    const path = join(dir, 'ours');
    writeFileSync(path, gen.privateKeyText, { mode: 0o600 });
    const changed = run(SSH_KEYGEN, ['-p', '-P', 'old one', '-N', 'new one', '-f', path]);
    expect(changed.status, changed.stderr).toBe(0);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toBe(gen.privateKeyText);
    expect(parseSigningKey(text, path, undefined, 'new one').fingerprint).toBe(gen.fingerprint);
    refusal(() => parseSigningKey(text, path, undefined, 'old one'));
    // And removing the passphrase with ssh-keygen gives a key we load without one.
    expect(run(SSH_KEYGEN, ['-p', '-P', 'new one', '-N', '', '-f', path]).status).toBe(0);
    expect(parseSigningKey(readFileSync(path, 'utf8'), path).name).toBe('case-signer');
  });

  it('a key made by ssh-keygen -t ed25519 -N loads with its passphrase', () => {
    const dir = tempDir();
    const path = join(dir, 'theirs');
    const made = run(SSH_KEYGEN, ['-q', '-t', 'ed25519', '-N', 'their secret', '-C', 'bob@example.org', '-f', path]);
    expect(made.status, made.stderr).toBe(0);
    const text = readFileSync(path, 'utf8');
    expect(isProtectedKey(text)).toBe(true);
    const key = parseSigningKey(text, path, undefined, 'their secret');
    expect(key.name).toBe('bob@example.org');
    const fp = run(SSH_KEYGEN, ['-l', '-f', `${path}.pub`]);
    expect(fp.stdout).toContain(key.fingerprint);
    expect(refusal(() => parseSigningKey(text, path, undefined, 'not it')).message).toMatch(/Wrong passphrase/);
  });
});
