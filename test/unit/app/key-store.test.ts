import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeyStore, safeStorageRefusal, type KeyStoreOptions, type SafeStorageLike } from '../../../src/main/app/key-store';
import { isProtectedKey, parseSigningKey } from '../../../src/main/engine/report/ssh-key';
import { tempDir } from '../../helpers/workspace';

/** A stand-in for Electron's safeStorage: reversible, but never the plaintext, and it counts its calls. */
function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike & { decrypts: number } {
  return {
    decrypts: 0,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => Buffer.from(`sealed:${Buffer.from(text).toString('hex')}`),
    decryptString(sealed) {
      this.decrypts++;
      const text = sealed.toString();
      if (!text.startsWith('sealed:')) throw new Error('not sealed by us');
      return Buffer.from(text.slice(7), 'hex').toString();
    },
  };
}

function options(over: Partial<KeyStoreOptions>, answers: (string | null)[] = []): KeyStoreOptions & { asked: number } {
  const o = {
    asked: 0,
    dataDir: tempDir(),
    signerName: 'analyst@example.org',
    safeStorage: fakeSafeStorage(),
    platform: 'linux' as NodeJS.Platform,
    async askPassphrase() {
      o.asked++;
      return answers.shift() ?? null;
    },
    ...over,
  };
  return o;
}

describe('the app key store', () => {
  it('with a real keychain, makes a protected key whose random passphrase only the keychain can unseal', async () => {
    const o = options({});
    const store = createKeyStore(o);
    const path = await store.keyPath();
    expect(path).toBe(join(o.dataDir, 'signing-key'));
    expect(isProtectedKey(readFileSync(path, 'utf8'))).toBe(true);
    const sealed = readFileSync(`${path}.passphrase`, 'utf8');
    const pass = await store.passphrase();
    expect(sealed).not.toContain(pass);
    expect(parseSigningKey(readFileSync(path, 'utf8'), path, undefined, pass).name).toBe('analyst@example.org');
    expect(await store.protection()).toBe('safeStorage');
    expect(o.asked).toBe(0);
    // A new session (a new store over the same folder) unseals it through the keychain.
    const again = createKeyStore({ ...o, safeStorage: o.safeStorage });
    expect(await again.passphrase()).toBe(pass);
    expect((o.safeStorage as ReturnType<typeof fakeSafeStorage>).decrypts).toBe(1);
  });

  it("refuses Linux's basic_text backend and falls back to a passphrase the user chooses", async () => {
    expect(safeStorageRefusal(fakeSafeStorage('basic_text'), 'linux')).toMatch(/basic_text/);
    expect(safeStorageRefusal(fakeSafeStorage('basic_text'), 'darwin')).toBeNull();
    expect(safeStorageRefusal(fakeSafeStorage('kwallet5', false), 'linux')).toMatch(/not available/);
    const o = options({ safeStorage: fakeSafeStorage('basic_text') }, ['chosen words']);
    const store = createKeyStore(o);
    const path = await store.keyPath();
    expect(existsSync(`${path}.passphrase`)).toBe(false);
    expect(await store.protection()).toBe('passphrase');
    expect(await store.passphrase()).toBe('chosen words');
    expect(parseSigningKey(readFileSync(path, 'utf8'), path, undefined, 'chosen words').fingerprint).toMatch(/^SHA256:/);
  });

  it('asks again after a wrong passphrase, and stays locked after three', async () => {
    const first = options({ safeStorage: null }, ['right one']);
    await createKeyStore(first).keyPath();
    const retry = options({ dataDir: first.dataDir, safeStorage: null }, ['wrong', 'right one']);
    expect(await createKeyStore(retry).passphrase()).toBe('right one');
    expect(retry.asked).toBe(2);
    const locked = options({ dataDir: first.dataDir, safeStorage: null }, ['a', 'b', 'c', 'right one']);
    await expect(createKeyStore(locked).passphrase()).rejects.toThrow(/stays locked/);
    expect(locked.asked).toBe(3);
  });

  it('makes no key when the user cancels, and one key when asked twice at once', async () => {
    const cancelled = options({ safeStorage: null }, [null]);
    await expect(createKeyStore(cancelled).keyPath()).rejects.toThrow(/no signing key was made/);
    expect(existsSync(join(cancelled.dataDir, 'signing-key'))).toBe(false);
    const o = options({});
    const store = createKeyStore(o);
    const [a, b] = await Promise.all([store.keyPath(), store.keyPath()]);
    expect(a).toBe(b);
  });

  it('says so when the keychain that sealed the passphrase is gone', async () => {
    const o = options({});
    await createKeyStore(o).keyPath();
    const later = createKeyStore({ ...o, safeStorage: fakeSafeStorage('basic_text') });
    await expect(later.passphrase()).rejects.toThrow(/sealed by the OS keychain/);
  });
});
