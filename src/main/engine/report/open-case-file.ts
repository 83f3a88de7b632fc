// Reviewer mode's read: a case file's verification and its content, never trusted beyond what was checked.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { WorkbenchError } from '../../../shared/errors';
import { CASE_MEMBERS, CaseJsonSchema } from '../../../shared/case-file';
import type { CaseFileView } from '../../../shared/case-file-view';
import { readFolderMembers, readZipMembers } from './case-file-read';
import { verifyCaseFileMembers } from './verify';
import { isSignerName, parsePublicKeyLine } from './ssh-key';

/** Reads and verifies a `.nhicase` (zip or folder) for display; a case.json that fails its schema is not shown. */
export function openCaseFile(path: string, allowedSignersPath?: string): CaseFileView {
  if (!existsSync(path)) throw new WorkbenchError('NOT_FOUND', `No case file at ${path}.`, { file: path });
  const allowed = allowedSignersPath && existsSync(allowedSignersPath) ? readFileSync(allowedSignersPath, 'utf8') : undefined;
  const read = statSync(path).isDirectory() ? readFolderMembers(path) : readZipMembers(readFileSync(path), path);
  const verification = verifyCaseFileMembers(read.members, allowed, [...read.problems]);
  const bytes = read.members.get(CASE_MEMBERS.caseJson);
  let caseFile: CaseFileView['caseFile'] = null;
  if (bytes) {
    try {
      const parsed = CaseJsonSchema.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
      if (parsed.success) caseFile = parsed.data;
    } catch {
      // not JSON or not UTF-8: the verification already names case.json
    }
  }
  return { path, verification, caseFile };
}

/** The signer named by a case file's signer.pub: what a reviewer adds to their trust list. */
export function caseFileSigner(path: string): { signer: string; fingerprint: string; publicKey: string } {
  if (!existsSync(path)) throw new WorkbenchError('NOT_FOUND', `No case file at ${path}.`, { file: path });
  const read = statSync(path).isDirectory() ? readFolderMembers(path) : readZipMembers(readFileSync(path), path);
  const bytes = read.members.get(CASE_MEMBERS.signerPub);
  if (!bytes) throw new WorkbenchError('BAD_INPUT', 'The case file has no signer.pub.', { file: path });
  const line = new TextDecoder().decode(bytes).trim();
  const key = parsePublicKeyLine(line, CASE_MEMBERS.signerPub);
  if (!isSignerName(key.comment)) throw new WorkbenchError('BAD_INPUT', 'The signer name in signer.pub cannot be used in a trust list.', { file: path });
  return { signer: key.comment, fingerprint: key.fingerprint, publicKey: `${key.keyType} ${key.blob.toString('base64')}` };
}
