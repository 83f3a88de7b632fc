// Where the app keeps its signing key: an OpenSSH key file that is always passphrase-protected, with the passphrase
// sealed by Electron's safeStorage (the OS keychain) when that is real protection, or typed by the user when it is
// not. Electron's safeStorage is passed in, so this file never imports electron and is tested with a fake.
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { WorkbenchError } from '../../shared/errors';
import { writeFileAtomic } from '../engine/db/atomic-write';
import { keygen, loadKey } from '../engine/report/export-case';

/** The part of Electron's `safeStorage` the store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store backs the encryption. */
  getSelectedStorageBackend?(): string;
}

/** How the key's passphrase is kept. */
export type KeyProtection = 'safeStorage' | 'passphrase';

/** The app's signing key: a key file path for the engine, and the passphrase that unlocks it. */
export interface KeyStore {
  /** The private key file, made on first use. */
  keyPath(): Promise<string>;
  /** The passphrase of the key file, unsealed or asked for once per session. */
  passphrase(): Promise<string>;
  /** How the passphrase is kept (decided when the key is made). */
  protection(): Promise<KeyProtection>;
}

/** What the store needs from the app. */
export interface KeyStoreOptions {
  dataDir: string;
  signerName: string;
  /** Electron's safeStorage, or null where there is none (tests, the harness). */
  safeStorage: SafeStorageLike | null;
  platform?: NodeJS.Platform;
  /** Asks the user for a passphrase (twice when `creating`); null when they cancel. */
  askPassphrase(request: { keyPath: string; creating: boolean; attempt: number; why: string }): Promise<string | null>;
}

const MAX_ATTEMPTS = 3;

/** Why safeStorage cannot protect the key here, or null when it can: Linux's `basic_text` backend is plaintext. */
export function safeStorageRefusal(safeStorage: SafeStorageLike | null, platform: NodeJS.Platform = process.platform): string | null {
  if (!safeStorage) return 'no OS keychain is available to this process';
  if (!safeStorage.isEncryptionAvailable()) return 'the OS keychain is not available';
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    // basic_text "encrypts" with a hard-coded password, and unknown means it was asked too early to say.
    if (backend === 'basic_text' || backend === 'unknown') return `the Linux secret store backend is "${backend}", which is not real protection`;
  }
  return null;
}

/** Makes the key store over `dataDir`; nothing is created until the key is first needed. */
export function createKeyStore(options: KeyStoreOptions): KeyStore {
  const keyFile = join(options.dataDir, 'signing-key');
  const sealedFile = `${keyFile}.passphrase`;
  let making: Promise<string> | null = null;
  let unlocked: string | null = null;

  const make = async (): Promise<string> => {
    const refusal = safeStorageRefusal(options.safeStorage, options.platform);
    if (refusal === null && options.safeStorage) {
      // A random passphrase sealed by the keychain: the user never sees it, and the key file alone is useless.
      const secret = randomBytes(32).toString('base64url');
      writeFileAtomic(sealedFile, options.safeStorage.encryptString(secret));
      keygen(keyFile, options.signerName, secret);
      unlocked = secret;
      return keyFile;
    }
    const chosen = await options.askPassphrase({ keyPath: keyFile, creating: true, attempt: 1, why: `${refusal ?? 'no keychain'}; choose a passphrase for the signing key` });
    if (!chosen) throw new WorkbenchError('REFUSED', 'No passphrase was chosen, so no signing key was made.', { hint: 'a signing key needs a passphrase when the OS keychain cannot protect it' });
    keygen(keyFile, options.signerName, chosen);
    unlocked = chosen;
    return keyFile;
  };

  const keyPath = (): Promise<string> => {
    if (existsSync(keyFile)) return Promise.resolve(keyFile);
    // Two callers at once must not make two keys.
    making ??= make().finally(() => {
      making = null;
    });
    return making;
  };

  const unseal = (): string => {
    const refusal = safeStorageRefusal(options.safeStorage, options.platform);
    if (refusal !== null || !options.safeStorage) {
      throw new WorkbenchError('REFUSED', `The signing key's passphrase is sealed by the OS keychain, but ${refusal ?? 'it is unavailable'}.`, {
        file: sealedFile,
        hint: 'unlock the keychain (or log in to the desktop session) and try again',
      });
    }
    return options.safeStorage.decryptString(readFileSync(sealedFile));
  };

  const ask = async (): Promise<string> => {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const typed = await options.askPassphrase({ keyPath: keyFile, creating: false, attempt, why: attempt === 1 ? 'unlock the signing key' : 'wrong passphrase, try again' });
      if (!typed) break;
      try {
        loadKey(keyFile, typed);
        return typed;
      } catch (err) {
        if (!(err instanceof WorkbenchError) || !/Wrong passphrase/.test(err.message)) throw err;
      }
    }
    throw new WorkbenchError('BAD_INPUT', 'The signing key stays locked: no correct passphrase was given.', { file: keyFile });
  };

  return {
    keyPath,
    async passphrase() {
      await keyPath();
      unlocked ??= existsSync(sealedFile) ? unseal() : await ask();
      return unlocked;
    },
    async protection() {
      await keyPath();
      return existsSync(sealedFile) ? 'safeStorage' : 'passphrase';
    },
  };
}
