// Ed25519 signing keys in OpenSSH's own formats, so reviewers can check our signatures with nothing but ssh-keygen.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { WorkbenchError } from '../../../shared/errors';
import { CIPHER_BLOCK, decryptPrivateSection, encryptPrivateSection, isKnownCipher, newKdfOptions, tagBytesOf, WRITE_CIPHER, WRITE_KDF, WrongPassphraseError } from './openssh-key-cipher';
import { SshReader, SshWireError, sshString, strictBase64, u32, wrapBase64 } from './ssh-wire';

export const ED25519_KEY_TYPE = 'ssh-ed25519';

const AUTH_MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');
const PRIVATE_BEGIN = '-----BEGIN OPENSSH PRIVATE KEY-----';
const PRIVATE_END = '-----END OPENSSH PRIVATE KEY-----';
const KEYGEN_HINT = 'create one with `nhi-workbench keygen` (or `ssh-keygen -t ed25519`)';
const PASSPHRASE_HINT = 'set NHI_WORKBENCH_PASSPHRASE, or run the command in a terminal to be asked for it';

/** A loaded private key, ready to sign case files. */
export interface SigningKey {
  /** The signer's name: the key comment, used as the principal in allowed_signers. */
  name: string;
  privateKey: KeyObject;
  /** The SSH wire encoding of the public key (string "ssh-ed25519", string key). */
  publicKeyBlob: Buffer;
  publicKeyLine: string;
  fingerprint: string;
}

/** A freshly generated key in the text forms that get written to disk and shown to the user. */
export interface GeneratedSigningKey {
  privateKeyText: string;
  publicKeyLine: string;
  fingerprint: string;
}

/** A parsed OpenSSH public key line ("type base64 comment"). */
export interface PublicKeyInfo {
  keyType: string;
  blob: Buffer;
  comment: string;
  fingerprint: string;
}

/** True for a name usable as an allowed_signers principal and on a shell command line without quoting. */
export function isSignerName(name: string): boolean {
  // Pattern characters (* ? ! ,), quotes and whitespace change meaning in allowed_signers, so they are kept out.
  return /^[A-Za-z0-9._@+][A-Za-z0-9._@+-]{0,127}$/.test(name);
}

/** The key fingerprint exactly as `ssh-keygen -l` prints it: SHA256 of the wire blob, unpadded base64. */
export function fingerprintOf(blob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Makes a new Ed25519 key with `name` as its comment; a non-empty `passphrase` encrypts it as `ssh-keygen -N` does. */
export function generateSigningKey(name: string, passphrase?: string): GeneratedSigningKey {
  assertSignerName(name, undefined);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url');
  const raw = rawPublicKey(publicKey);
  const blob = ed25519Blob(raw);
  const encrypt = passphrase !== undefined && passphrase !== '';
  // Equal check ints are how OpenSSH detects a wrong passphrase; for an unencrypted key they only need to match.
  const check = randomBytes(4);
  let secret = Buffer.concat([check, check, sshString(ED25519_KEY_TYPE), sshString(raw), sshString(Buffer.concat([seed, raw])), sshString(name)]);
  const block = encrypt ? CIPHER_BLOCK : 8;
  const padLength = (block - (secret.length % block)) % block;
  secret = Buffer.concat([secret, Buffer.from(Array.from({ length: padLength }, (_, i) => i + 1))]);
  const kdfOptions = encrypt ? newKdfOptions() : Buffer.alloc(0);
  const section = encrypt ? encryptPrivateSection(secret, passphrase, kdfOptions) : secret;
  const body = Buffer.concat([
    AUTH_MAGIC,
    sshString(encrypt ? WRITE_CIPHER : 'none'),
    sshString(encrypt ? WRITE_KDF : 'none'),
    sshString(kdfOptions),
    u32(1),
    sshString(blob),
    sshString(section),
  ]);
  return {
    privateKeyText: `${PRIVATE_BEGIN}\n${wrapBase64(body, 70)}\n${PRIVATE_END}\n`,
    publicKeyLine: `${ED25519_KEY_TYPE} ${blob.toString('base64')} ${name}`,
    fingerprint: fingerprintOf(blob),
  };
}

/** True when the private key file text is passphrase-protected, so a caller knows to ask before loading it. */
export function isProtectedKey(text: string): boolean {
  try {
    return readKeyFile(unarmorPrivateKey(text, 'key')).cipher !== 'none';
  } catch {
    return false; // loading it will report what is wrong
  }
}

/** The public key stored in the clear in a private key file, so a protected key can be shown without its passphrase. */
export function publicKeyOfKeyFile(text: string, file: string): { blob: Buffer; fingerprint: string } {
  try {
    const blob = readKeyFile(unarmorPrivateKey(text, file)).blob;
    return { blob, fingerprint: fingerprintOf(blob) };
  } catch (err) {
    throw asKeyError(err, file);
  }
}

/** Loads an OpenSSH Ed25519 private key, decrypting it with `passphrase` when protected; `name` overrides the comment. */
export function parseSigningKey(text: string, file: string, name?: string, passphrase?: string): SigningKey {
  try {
    const parts = readKeyFile(unarmorPrivateKey(text, file));
    let plain = parts.section;
    let block = 8;
    if (parts.cipher !== 'none') {
      if (!isKnownCipher(parts.cipher)) throw new WorkbenchError('BAD_INPUT', `${file} is encrypted with ${parts.cipher}, which this version cannot read.`, { file, hint: 'change it with `ssh-keygen -p -Z aes256-ctr -f <key>`' });
      if (passphrase === undefined || passphrase === '') {
        throw new WorkbenchError('BAD_INPUT', `${file} is protected by a passphrase, and none was given.`, { file, hint: PASSPHRASE_HINT });
      }
      plain = decryptPrivateSection(parts.cipher, parts.kdf, parts.kdfOptions, parts.section, parts.tag, passphrase);
      block = CIPHER_BLOCK;
    } else if (parts.kdf !== 'none') throw new SshWireError(`key derivation "${parts.kdf}" without a cipher`);
    const blob = parts.blob;
    const keyType = new SshReader(blob).text();
    if (keyType !== ED25519_KEY_TYPE) throw notEd25519(file, keyType);
    const secret = new SshReader(plain);
    if (secret.u32() !== secret.u32()) throw new SshWireError('check values differ');
    if (secret.text() !== ED25519_KEY_TYPE) throw new SshWireError('private key type differs from public key type');
    const raw = secret.string();
    const pair = secret.string();
    const comment = secret.text();
    const padding = secret.bytes(secret.remaining);
    if (!padding.every((b, i) => b === i + 1) || padding.length >= block) throw new SshWireError('bad padding');
    if (raw.length !== 32 || pair.length !== 64 || !pair.subarray(32).equals(raw)) throw new SshWireError('bad Ed25519 key lengths');
    if (!ed25519Blob(raw).equals(blob)) throw new SshWireError('public key section differs from private section');
    const privateKey = createPrivateKey({
      key: { kty: 'OKP', crv: 'Ed25519', d: pair.subarray(0, 32).toString('base64url'), x: raw.toString('base64url') },
      format: 'jwk',
    });
    // A file whose stored public half does not belong to its seed would sign with a key nobody can verify.
    if (!rawPublicKey(createPublicKey(privateKey)).equals(raw)) throw new SshWireError('public key does not match private key');
    const signer = name ?? comment;
    assertSignerName(signer, file);
    return {
      name: signer,
      privateKey,
      publicKeyBlob: Buffer.from(blob),
      publicKeyLine: `${ED25519_KEY_TYPE} ${blob.toString('base64')} ${signer}`,
      fingerprint: fingerprintOf(blob),
    };
  } catch (err) {
    throw asKeyError(err, file);
  }
}

interface KeyFileParts {
  cipher: string;
  kdf: string;
  kdfOptions: Buffer;
  blob: Buffer;
  section: Buffer;
  tag: Buffer;
}

// The outer, never-encrypted layout of openssh-key-v1; with AES-GCM the tag follows the encrypted section.
function readKeyFile(body: Buffer): KeyFileParts {
  const r = new SshReader(body);
  if (!r.bytes(AUTH_MAGIC.length).equals(AUTH_MAGIC)) throw new SshWireError('not an openssh-key-v1 key');
  const cipher = r.text();
  const kdf = r.text();
  const kdfOptions = r.string();
  if (r.u32() !== 1) throw new SshWireError('the file must hold exactly one key');
  const blob = r.string();
  const section = r.string();
  const tag = r.bytes(tagBytesOf(cipher));
  r.end('key file');
  return { cipher, kdf, kdfOptions, blob, section, tag };
}

function asKeyError(err: unknown, file: string): unknown {
  if (err instanceof WorkbenchError) return err;
  if (err instanceof WrongPassphraseError) {
    return new WorkbenchError('BAD_INPUT', `Wrong passphrase for ${file}.`, { file, hint: 'check NHI_WORKBENCH_PASSPHRASE or type the passphrase again' });
  }
  if (err instanceof SshWireError) return new WorkbenchError('BAD_INPUT', `${file} is not a valid OpenSSH private key: ${err.message}.`, { file, hint: KEYGEN_HINT });
  return err;
}

/** Parses one OpenSSH public key line ("ssh-ed25519 AAAA… comment"); any key type, checked for self-consistency. */
export function parsePublicKeyLine(line: string, file: string): PublicKeyInfo {
  const fields = line.trim().split(/[ \t]+/);
  const [keyType = '', b64 = ''] = fields;
  const blob = strictBase64(b64);
  if (!keyType || !blob) throw new WorkbenchError('BAD_INPUT', `${file} does not hold an OpenSSH public key line.`, { file });
  let inner: string;
  try {
    inner = new SshReader(blob).text();
  } catch {
    inner = '';
  }
  if (inner !== keyType) throw new WorkbenchError('BAD_INPUT', `${file}: the key says it is ${keyType} but its data is not.`, { file });
  return { keyType, blob, comment: fields.slice(2).join(' '), fingerprint: fingerprintOf(blob) };
}

/** Turns an ssh-ed25519 wire blob into a public KeyObject for signature checks. */
export function ed25519PublicKey(blob: Uint8Array): KeyObject {
  const r = new SshReader(blob);
  if (r.text() !== ED25519_KEY_TYPE) throw new SshWireError(`not an ${ED25519_KEY_TYPE} key`);
  const raw = r.string();
  r.end('public key');
  if (raw.length !== 32) throw new SshWireError('Ed25519 public key is not 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/** The wire blob of a raw 32-byte Ed25519 public key. */
export function ed25519Blob(raw: Uint8Array): Buffer {
  return Buffer.concat([sshString(ED25519_KEY_TYPE), sshString(raw)]);
}

function rawPublicKey(publicKey: KeyObject): Buffer {
  return Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
}

function assertSignerName(name: string, file: string | undefined): void {
  if (isSignerName(name)) return;
  throw new WorkbenchError('BAD_INPUT', `"${name.slice(0, 80)}" cannot be a signer name: use letters, digits and . _ @ + - (up to 128).`, {
    file,
    hint: file ? 'give a signer name explicitly, or set the key comment with `ssh-keygen -c -C <name> -f <key>`' : 'choose a name like alice@example.org',
  });
}

function notEd25519(file: string, keyType: string): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${file} holds a ${keyType} key; case files are signed with Ed25519 keys only.`, { file, hint: KEYGEN_HINT });
}

// Pulls the binary body out of the armor, naming the common wrong files so the user knows what they passed.
function unarmorPrivateKey(text: string, file: string): Buffer {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const begin = lines.indexOf(PRIVATE_BEGIN);
  const end = lines.indexOf(PRIVATE_END);
  if (begin < 0 || end < begin) {
    const pem = /-----BEGIN ((?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY)-----/.exec(text);
    if (pem?.[1] === 'ENCRYPTED PRIVATE KEY') {
      throw new WorkbenchError('BAD_INPUT', `${file} is an encrypted PEM key, not an OpenSSH private key.`, { file, hint: 'convert it with `ssh-keygen -p -f <key>`, or create one with `nhi-workbench keygen`' });
    }
    if (pem) throw new WorkbenchError('BAD_INPUT', `${file} is a PEM ${pem[1]}, not an OpenSSH Ed25519 private key.`, { file, hint: KEYGEN_HINT });
    if (/^\s*(ssh-|ecdsa-|sk-)/.test(text)) {
      throw new WorkbenchError('BAD_INPUT', `${file} is a public key; signing needs the private key file.`, { file, hint: 'pass the file without .pub' });
    }
    throw new WorkbenchError('BAD_INPUT', `${file} is not an OpenSSH private key.`, { file, hint: KEYGEN_HINT });
  }
  const body = strictBase64(lines.slice(begin + 1, end).join(''));
  if (!body) throw new WorkbenchError('BAD_INPUT', `${file} is not a valid OpenSSH private key: bad base64.`, { file, hint: KEYGEN_HINT });
  return body;
}
