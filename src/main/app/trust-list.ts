// The reviewer's trust list: an OpenSSH allowed_signers file in the app's data folder, the same file the CLI's
// `verify --allowed-signers` and `ssh-keygen -Y verify -f` read. The app's own key is always its first line.
import { existsSync, readFileSync } from 'node:fs';
import { WorkbenchError } from '../../shared/errors';
import type { TrustedSigner } from '../../shared/schemas';
import { writeFileAtomic } from '../engine/db/atomic-write';
import { parseAllowedSigners } from '../engine/report/allowed-signers';
import { fingerprintOf } from '../engine/report/ssh-key';

const NAMESPACE = 'nhi-workbench-case';

/** The signers in an allowed_signers file. */
export function readTrustList(path: string): TrustedSigner[] {
  if (!existsSync(path)) return [];
  return parseAllowedSigners(readFileSync(path, 'utf8')).entries.map((e) => ({
    signer: e.principals,
    fingerprint: fingerprintOf(e.blob),
    publicKey: `${e.keyType} ${e.blob.toString('base64')}`,
  }));
}

function write(path: string, signers: TrustedSigner[]): void {
  writeFileAtomic(path, signers.map((s) => `${s.signer} namespaces="${NAMESPACE}" ${s.publicKey}\n`).join(''));
}

/** Adds a signer (once per key). */
export function addTrusted(path: string, signer: TrustedSigner): TrustedSigner[] {
  const list = readTrustList(path).filter((s) => s.fingerprint !== signer.fingerprint);
  list.push(signer);
  write(path, list);
  return list;
}

/** Removes a signer by fingerprint; the app's own key (`keep`) stays. */
export function removeTrusted(path: string, fingerprint: string, keep: string): TrustedSigner[] {
  if (fingerprint === keep) throw new WorkbenchError('REFUSED', 'This is the app\'s own signing key; it stays in the trust list.');
  const list = readTrustList(path).filter((s) => s.fingerprint !== fingerprint);
  write(path, list);
  return list;
}
