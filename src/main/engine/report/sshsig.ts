// SSHSIG (OpenSSH PROTOCOL.sshsig): the detached signature `ssh-keygen -Y sign` makes and `ssh-keygen -Y verify` checks.
import { createHash, sign, verify } from 'node:crypto';
import { ED25519_KEY_TYPE, ed25519PublicKey, fingerprintOf, type SigningKey } from './ssh-key';
import { SshReader, SshWireError, sshString, strictBase64, u32, wrapBase64 } from './ssh-wire';

const MAGIC = Buffer.from('SSHSIG', 'latin1');
const VERSION = 1;
const BEGIN = '-----BEGIN SSH SIGNATURE-----';
const END = '-----END SSH SIGNATURE-----';
const SIGN_HASH = 'sha512';
const MAX_ARMOR_BYTES = 64 * 1024;

/** The fields of a decoded SSHSIG blob. */
export interface ParsedSshsig {
  publicKeyBlob: Buffer;
  namespace: string;
  reserved: Buffer;
  hashAlgorithm: string;
  signatureBlob: Buffer;
}

/** Why a signature was refused: its encoding, its namespace or hash, its key type, or the cryptographic check. */
export type SshsigFailure = 'format' | 'namespace' | 'hash' | 'key-type' | 'signature';

/** The outcome of checking one signature; the key is known whenever the blob could be decoded. */
export type SshsigCheck =
  | { ok: true; publicKeyBlob: Buffer; fingerprint: string; hashAlgorithm: string }
  | { ok: false; failure: SshsigFailure; message: string; publicKeyBlob: Buffer | null; fingerprint: string | null };

/** Signs `message` for `namespace` with an Ed25519 key and returns the armored signature text, as `ssh-keygen -Y sign` writes it. */
export function signSshsig(message: Uint8Array, key: SigningKey, namespace: string): string {
  if (namespace === '') throw new Error('SSHSIG needs a namespace');
  const signature = sign(null, signedData(namespace, Buffer.alloc(0), SIGN_HASH, message), key.privateKey);
  const blob = Buffer.concat([
    MAGIC,
    u32(VERSION),
    sshString(key.publicKeyBlob),
    sshString(namespace),
    sshString(''),
    sshString(SIGN_HASH),
    sshString(Buffer.concat([sshString(ED25519_KEY_TYPE), sshString(signature)])),
  ]);
  return `${BEGIN}\n${wrapBase64(blob, 70)}\n${END}\n`;
}

/** Decodes armored SSHSIG text; throws SshWireError on anything that is not exactly one well-formed signature. */
export function parseSshsig(armored: string | Uint8Array): ParsedSshsig {
  if (armored.length > MAX_ARMOR_BYTES) throw new SshWireError('signature file is too large');
  const text = typeof armored === 'string' ? armored : Buffer.from(armored).toString('utf8');
  // Strict line handling: the signature file is not covered by SHA256SUMS, so no byte of it may be ignorable.
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines[0] !== BEGIN) throw new SshWireError(`first line is not ${BEGIN}`);
  if (lines[lines.length - 1] !== END || lines.length < 3) throw new SshWireError(`last line is not ${END}`);
  const blob = strictBase64(lines.slice(1, -1).join(''));
  if (!blob) throw new SshWireError('signature body is not valid base64');
  const r = new SshReader(blob);
  if (!r.bytes(MAGIC.length).equals(MAGIC)) throw new SshWireError('missing SSHSIG magic');
  const version = r.u32();
  if (version !== VERSION) throw new SshWireError(`unsupported SSHSIG version ${version}`);
  const parsed: ParsedSshsig = {
    publicKeyBlob: r.string(),
    namespace: r.text(),
    reserved: r.string(),
    hashAlgorithm: r.text(),
    signatureBlob: r.string(),
  };
  r.end('signature');
  return parsed;
}

/** Checks an armored signature over `message` in `namespace`, returning the signer's key blob and fingerprint. */
export function verifySshsig(armored: string | Uint8Array, message: Uint8Array, namespace: string): SshsigCheck {
  let parsed: ParsedSshsig;
  try {
    parsed = parseSshsig(armored);
  } catch (err) {
    return fail('format', `malformed SSH signature: ${messageOf(err)}`, null);
  }
  const keyBlob = parsed.publicKeyBlob;
  if (parsed.namespace !== namespace) return fail('namespace', `signature namespace is "${parsed.namespace}", expected "${namespace}"`, keyBlob);
  if (parsed.hashAlgorithm !== 'sha512' && parsed.hashAlgorithm !== 'sha256') {
    return fail('hash', `unsupported hash algorithm "${parsed.hashAlgorithm}"`, keyBlob);
  }
  let publicKey;
  let rawSignature: Buffer;
  try {
    publicKey = ed25519PublicKey(keyBlob);
    const r = new SshReader(parsed.signatureBlob);
    const sigType = r.text();
    rawSignature = r.string();
    r.end('signature blob');
    if (sigType !== ED25519_KEY_TYPE || rawSignature.length !== 64) throw new SshWireError(`signature type ${sigType} is not ${ED25519_KEY_TYPE}`);
  } catch (err) {
    return fail('key-type', `only Ed25519 signatures are accepted: ${messageOf(err)}`, keyBlob);
  }
  const data = signedData(parsed.namespace, parsed.reserved, parsed.hashAlgorithm, message);
  if (!verify(null, data, publicKey, rawSignature)) return fail('signature', 'the signature does not match the signed data', keyBlob);
  return { ok: true, publicKeyBlob: keyBlob, fingerprint: fingerprintOf(keyBlob), hashAlgorithm: parsed.hashAlgorithm };
}

// What is actually signed: the message is hashed first so the signer never sees (or needs) the whole file.
function signedData(namespace: string, reserved: Buffer, hashAlgorithm: string, message: Uint8Array): Buffer {
  const digest = createHash(hashAlgorithm).update(message).digest();
  return Buffer.concat([MAGIC, sshString(namespace), sshString(reserved), sshString(hashAlgorithm), sshString(digest)]);
}

function fail(failure: SshsigFailure, message: string, keyBlob: Buffer | null): SshsigCheck {
  return { ok: false, failure, message, publicKeyBlob: keyBlob, fingerprint: keyBlob ? fingerprintOf(keyBlob) : null };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
