// Ed25519 signing keys in OpenSSH's own formats, so reviewers can check our signatures with nothing but ssh-keygen.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { WorkbenchError } from '../../../shared/errors';
import { SshReader, SshWireError, sshString, strictBase64, u32, wrapBase64 } from './ssh-wire';

export const ED25519_KEY_TYPE = 'ssh-ed25519';

const AUTH_MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');
const PRIVATE_BEGIN = '-----BEGIN OPENSSH PRIVATE KEY-----';
const PRIVATE_END = '-----END OPENSSH PRIVATE KEY-----';
const KEYGEN_HINT = 'create one with `nhi-workbench keygen` (or `ssh-keygen -t ed25519`)';

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

/** Makes a new Ed25519 key with `name` as its comment, in OpenSSH's private and public formats. */
export function generateSigningKey(name: string): GeneratedSigningKey {
  assertSignerName(name, undefined);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url');
  const raw = rawPublicKey(publicKey);
  const blob = ed25519Blob(raw);
  // Equal check ints are how OpenSSH detects a wrong passphrase; for an unencrypted key they only need to match.
  const check = randomBytes(4);
  let secret = Buffer.concat([check, check, sshString(ED25519_KEY_TYPE), sshString(raw), sshString(Buffer.concat([seed, raw])), sshString(name)]);
  const padLength = (8 - (secret.length % 8)) % 8;
  secret = Buffer.concat([secret, Buffer.from(Array.from({ length: padLength }, (_, i) => i + 1))]);
  const body = Buffer.concat([AUTH_MAGIC, sshString('none'), sshString('none'), sshString(''), u32(1), sshString(blob), sshString(secret)]);
  return {
    privateKeyText: `${PRIVATE_BEGIN}\n${wrapBase64(body, 70)}\n${PRIVATE_END}\n`,
    publicKeyLine: `${ED25519_KEY_TYPE} ${blob.toString('base64')} ${name}`,
    fingerprint: fingerprintOf(blob),
  };
}

/** Loads an unencrypted OpenSSH Ed25519 private key; `name` overrides the key comment as signer name. */
export function parseSigningKey(text: string, file: string, name?: string): SigningKey {
  const body = unarmorPrivateKey(text, file);
  try {
    const r = new SshReader(body);
    if (!r.bytes(AUTH_MAGIC.length).equals(AUTH_MAGIC)) throw new SshWireError('not an openssh-key-v1 key');
    const cipher = r.text();
    const kdf = r.text();
    r.string(); // kdf options: only meaningful for encrypted keys, refused below
    if (cipher !== 'none' || kdf !== 'none') {
      throw new WorkbenchError('BAD_INPUT', `${file} is protected by a passphrase (cipher ${cipher}).`, {
        file,
        hint: 'passphrase-protected keys come in a later version; use `nhi-workbench keygen`',
      });
    }
    if (r.u32() !== 1) throw new SshWireError('the file must hold exactly one key');
    const blob = r.string();
    const keyType = new SshReader(blob).text();
    if (keyType !== ED25519_KEY_TYPE) throw notEd25519(file, keyType);
    const secret = new SshReader(r.string());
    r.end('key file');
    if (secret.u32() !== secret.u32()) throw new SshWireError('check values differ');
    if (secret.text() !== ED25519_KEY_TYPE) throw new SshWireError('private key type differs from public key type');
    const raw = secret.string();
    const pair = secret.string();
    const comment = secret.text();
    const padding = secret.bytes(secret.remaining);
    if (!padding.every((b, i) => b === i + 1) || padding.length >= 8) throw new SshWireError('bad padding');
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
    if (err instanceof WorkbenchError) throw err;
    if (err instanceof SshWireError) {
      throw new WorkbenchError('BAD_INPUT', `${file} is not a valid OpenSSH private key: ${err.message}.`, { file, hint: KEYGEN_HINT });
    }
    throw err;
  }
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
      throw new WorkbenchError('BAD_INPUT', `${file} is an encrypted PEM key.`, { file, hint: 'passphrase-protected keys come in a later version; use `nhi-workbench keygen`' });
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
