// The passphrase protection of OpenSSH private key files (openssh-key-v1): bcrypt_pbkdf derives a key and IV from
// the passphrase, and an AES mode encrypts the private section. Written so `ssh-keygen -p` and `-y` agree with us.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { pbkdf } from 'bcrypt-pbkdf';
import { SshReader, SshWireError, sshString, u32 } from './ssh-wire';

/** What `ssh-keygen` writes by default, and what we write. */
export const WRITE_CIPHER = 'aes256-ctr';
export const WRITE_KDF = 'bcrypt';
/** OpenSSH's default number of bcrypt_pbkdf rounds (`ssh-keygen -a`). */
export const WRITE_ROUNDS = 16;
const SALT_BYTES = 16;
// A key file is the user's own, but a huge round count would still hang the export; OpenSSH users rarely pass 100.
const MAX_ROUNDS = 1024;

interface CipherSpec {
  node: string;
  keyBytes: number;
  ivBytes: number;
  tagBytes: number;
}

// The ciphers ssh-keygen has written for key files; we read them all and write aes256-ctr.
const CIPHERS: Record<string, CipherSpec> = {
  'aes128-ctr': { node: 'aes-128-ctr', keyBytes: 16, ivBytes: 16, tagBytes: 0 },
  'aes192-ctr': { node: 'aes-192-ctr', keyBytes: 24, ivBytes: 16, tagBytes: 0 },
  'aes256-ctr': { node: 'aes-256-ctr', keyBytes: 32, ivBytes: 16, tagBytes: 0 },
  'aes256-cbc': { node: 'aes-256-cbc', keyBytes: 32, ivBytes: 16, tagBytes: 0 },
  'aes256-gcm@openssh.com': { node: 'aes-256-gcm', keyBytes: 32, ivBytes: 12, tagBytes: 16 },
};

/** The AES block size: the private section is padded to it when encrypted (to 8 when not). */
export const CIPHER_BLOCK = 16;

/** The passphrase is wrong: the decrypted check values differ, or the GCM tag does not verify. */
export class WrongPassphraseError extends Error {
  constructor() {
    super('wrong passphrase');
    this.name = 'WrongPassphraseError';
  }
}

/** True for a cipher name we can decrypt. */
export function isKnownCipher(name: string): boolean {
  return Object.hasOwn(CIPHERS, name);
}

/** Bytes of authentication tag that follow the encrypted section in the file for this cipher. */
export function tagBytesOf(cipher: string): number {
  return CIPHERS[cipher]?.tagBytes ?? 0;
}

/** Makes fresh kdf options (salt, rounds) in their wire form. */
export function newKdfOptions(): Buffer {
  return Buffer.concat([sshString(randomBytes(SALT_BYTES)), u32(WRITE_ROUNDS)]);
}

/** Encrypts a padded private section with aes256-ctr under the passphrase and the kdf options given. */
export function encryptPrivateSection(plain: Buffer, passphrase: string, kdfOptions: Buffer): Buffer {
  const spec = specOf(WRITE_CIPHER);
  const { key, iv } = derive(passphrase, kdfOptions, spec);
  const cipher = createCipheriv(spec.node, key, iv);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}

/** Decrypts a private section; throws WrongPassphraseError when the passphrase cannot be right. */
export function decryptPrivateSection(cipherName: string, kdfName: string, kdfOptions: Buffer, encrypted: Buffer, tag: Buffer, passphrase: string): Buffer {
  if (kdfName !== WRITE_KDF) throw new SshWireError(`unsupported key derivation "${kdfName}"`);
  const spec = specOf(cipherName);
  if (encrypted.length % CIPHER_BLOCK !== 0) throw new SshWireError('encrypted section is not a whole number of blocks');
  const { key, iv } = derive(passphrase, kdfOptions, spec);
  const decipher = createDecipheriv(spec.node, key, iv);
  decipher.setAutoPadding(false);
  if (spec.tagBytes > 0) (decipher as unknown as { setAuthTag(tag: Buffer): void }).setAuthTag(tag);
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(encrypted), decipher.final()]);
  } catch {
    throw new WrongPassphraseError();
  }
  // Equal check values are OpenSSH's own test for the right passphrase; a wrong one yields random bytes.
  if (plain.length < 8 || plain.readUInt32BE(0) !== plain.readUInt32BE(4)) throw new WrongPassphraseError();
  return plain;
}

function specOf(name: string): CipherSpec {
  const spec = CIPHERS[name];
  if (!spec) throw new SshWireError(`unsupported cipher "${name}"`);
  return spec;
}

function derive(passphrase: string, kdfOptions: Buffer, spec: CipherSpec): { key: Buffer; iv: Buffer } {
  const r = new SshReader(kdfOptions);
  const salt = r.string();
  const rounds = r.u32();
  r.end('kdf options');
  if (salt.length === 0 || rounds < 1 || rounds > MAX_ROUNDS) throw new SshWireError(`unusable bcrypt options (rounds ${rounds})`);
  const pass = Buffer.from(passphrase, 'utf8');
  if (pass.length === 0) throw new WrongPassphraseError();
  const out = new Uint8Array(spec.keyBytes + spec.ivBytes);
  if (pbkdf(pass, pass.length, salt, salt.length, out, out.length, rounds) !== 0) throw new SshWireError('bcrypt_pbkdf refused its arguments');
  const bytes = Buffer.from(out);
  return { key: bytes.subarray(0, spec.keyBytes), iv: bytes.subarray(spec.keyBytes) };
}
