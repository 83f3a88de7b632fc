// Verifies a case file the way a careful reviewer would with OpenSSH and coreutils, plus the checks those tools
// cannot make (unlisted members, schema, audit chain). Hostile input yields problems, never exceptions.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { CASE_FILE_NAMESPACE, CASE_MEMBERS, REVIEW_MEMBER_PATTERN } from '../../../shared/case-file';
import { WorkbenchError } from '../../../shared/errors';
import type { VerifyProblem, VerifyResult } from '../../../shared/schemas';
import { isAllowedSigner, parseAllowedSigners } from './allowed-signers';
import { printable, readFolderMembers, readZipMembers, READ_LIMITS } from './case-file-read';
import { ED25519_KEY_TYPE, fingerprintOf, parsePublicKeyLine, type PublicKeyInfo } from './ssh-key';
import { verifySshsig } from './sshsig';
import { checkCaseJson } from './verify-case-json';
import { checkReportHtml } from './verify-report-html';
import { checkReviews } from './verify-reviews';

const REQUIRED = [CASE_MEMBERS.caseJson, CASE_MEMBERS.report, CASE_MEMBERS.signerPub, CASE_MEMBERS.allowedSigners, CASE_MEMBERS.verifyTxt];

/** Verifies a `.nhicase` zip or case file folder; `allowedSignersText` is the reviewer's own trust list, if any. */
export function verifyCaseFile(path: string, allowedSignersText?: string): VerifyResult {
  let isFolder: boolean;
  let size: number;
  try {
    const stat = statSync(path);
    isFolder = stat.isDirectory();
    size = stat.size;
  } catch (err) {
    throw new WorkbenchError('NOT_FOUND', `Cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}.`, { file: path, hint: 'check the path to the case file' });
  }
  if (isFolder) {
    const read = readFolderMembers(path);
    return verifyCaseFileMembers(read.members, allowedSignersText, read.problems);
  }
  const archive = printable(basename(path));
  if (size > READ_LIMITS.maxArchiveBytes) {
    return verifyCaseFileMembers(new Map(), allowedSignersText, [{ member: archive, check: 'zip', message: `too large to be a case file (${size} bytes)` }]);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new WorkbenchError('NOT_FOUND', `Cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}.`, { file: path });
  }
  const read = readZipMembers(bytes, archive);
  return verifyCaseFileMembers(read.members, allowedSignersText, read.problems);
}

/** Verifies case file members already in memory; `problems` carries what reading the container found. */
export function verifyCaseFileMembers(members: Map<string, Uint8Array>, allowedSignersText?: string, problems: VerifyProblem[] = []): VerifyResult {
  const out = [...problems];
  try {
    return verifyMembers(members, allowedSignersText, out);
  } catch (err) {
    // Every check above is written not to throw; this is the last guard, so a bug still reads as "not valid".
    out.push({ member: '.', check: 'zip', message: `verification stopped: ${err instanceof Error ? err.message : String(err)}` });
    return { valid: false, signer: '', fingerprint: '', trusted: allowedSignersText === undefined ? null : false, caseId: null, problems: out, reviews: [] };
  }
}

function verifyMembers(members: Map<string, Uint8Array>, allowedSignersText: string | undefined, problems: VerifyProblem[]): VerifyResult {
  if (members.size === 0 && problems.length > 0) {
    // Nothing could be read: listing every member as missing would bury the one problem that matters.
    return { valid: false, signer: '', fingerprint: '', trusted: allowedSignersText === undefined ? null : false, caseId: null, problems, reviews: [] };
  }
  const listed = checkSums(members, problems);
  for (const name of REQUIRED) {
    if (!members.has(name) && !listed.has(name)) problems.push({ member: name, check: 'sums', message: 'required member is missing' });
  }
  const signerPub = readSignerPub(members, problems);
  const sigKey = checkSignature(members, signerPub, problems);
  const keyBlob = sigKey ?? signerPub?.blob ?? null;
  const signer = signerPub?.comment ?? '';
  checkBundledAllowedSigners(members, signer, signerPub, problems);
  let trusted: boolean | null = null;
  const allowed = allowedSignersText !== undefined ? parseAllowedSigners(allowedSignersText) : null;
  if (allowed) {
    trusted = keyBlob !== null && signer !== '' && isAllowedSigner(allowed, signer, CASE_FILE_NAMESPACE, keyBlob);
    if (!trusted) {
      problems.push({ member: CASE_MEMBERS.signerPub, check: 'signer', message: `the signing key is not listed for "${printable(signer)}" with namespace ${CASE_FILE_NAMESPACE} in the allowed signers you gave` });
    }
  }
  const fingerprint = keyBlob ? fingerprintOf(keyBlob) : '';
  const { caseId, caseJson } = checkCaseJson(members, problems);
  checkReportHtml(members, problems);
  if (caseJson && (caseJson.signer.fingerprint !== fingerprint || caseJson.signer.name !== signer)) {
    problems.push({ member: CASE_MEMBERS.caseJson, check: 'signer', message: `case.json names signer ${printable(caseJson.signer.name)} ${printable(caseJson.signer.fingerprint)}, but the file is signed by ${printable(signer)} ${fingerprint}` });
  }
  // Reviews are judged after, and apart from, the case file: their problems stay on the review.
  const reviews = checkReviews(members, fingerprint, allowed);
  return { valid: problems.length === 0, signer: printable(signer), fingerprint, trusted, caseId, problems, reviews };
}

// Mirrors `sha256sum -c` and adds what it cannot see: members present on disk that SHA256SUMS does not list. Review
// members are the one exception, since they are added after signing; they are checked by checkReviews.
function checkSums(members: Map<string, Uint8Array>, problems: VerifyProblem[]): Set<string> {
  const listed = new Set<string>();
  const sums = members.get(CASE_MEMBERS.sums);
  const fail = (member: string, message: string): void => {
    problems.push({ member: printable(member), check: 'sums', message });
  };
  if (!sums) {
    fail(CASE_MEMBERS.sums, 'SHA256SUMS is missing');
    return listed;
  }
  const lines = Buffer.from(sums).toString('utf8').split('\n');
  if (lines.pop() !== '') fail(CASE_MEMBERS.sums, 'does not end with a newline');
  lines.forEach((line, i) => {
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line);
    const [, hex, name] = m ?? [];
    if (!hex || !name) return fail(CASE_MEMBERS.sums, `line ${i + 1} is not "<sha256>  <member>"`);
    if (listed.has(name)) return fail(CASE_MEMBERS.sums, `line ${i + 1} lists ${printable(name)} a second time`);
    listed.add(name);
    if (name === CASE_MEMBERS.sums || name === CASE_MEMBERS.signature) return fail(CASE_MEMBERS.sums, `line ${i + 1} lists ${name}, which cannot cover itself`);
    const data = members.get(name);
    if (!data) return fail(name, 'is listed in SHA256SUMS but missing');
    if (createHash('sha256').update(data).digest('hex') !== hex.toLowerCase()) fail(name, 'does not match its SHA-256 in SHA256SUMS (changed after signing)');
  });
  for (const name of members.keys()) {
    if (name === CASE_MEMBERS.sums || name === CASE_MEMBERS.signature || listed.has(name) || REVIEW_MEMBER_PATTERN.test(name)) continue;
    fail(name, 'is not listed in SHA256SUMS (added after signing)');
  }
  return listed;
}

function readSignerPub(members: Map<string, Uint8Array>, problems: VerifyProblem[]): PublicKeyInfo | null {
  const bytes = members.get(CASE_MEMBERS.signerPub);
  if (!bytes) return null;
  const text = Buffer.from(bytes).toString('utf8');
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  try {
    if (lines.length !== 1) throw new Error('signer.pub must hold exactly one public key line');
    const info = parsePublicKeyLine(lines[0] ?? '', CASE_MEMBERS.signerPub);
    if (info.keyType !== ED25519_KEY_TYPE) throw new Error(`signer key is ${info.keyType}, not ${ED25519_KEY_TYPE}`);
    if (info.comment === '') throw new Error('signer.pub names no signer (the key comment is empty)');
    return info;
  } catch (err) {
    problems.push({ member: CASE_MEMBERS.signerPub, check: 'signer', message: printable(err instanceof Error ? err.message : String(err)) });
    return null;
  }
}

// Returns the key that made the signature whenever the signature could be decoded, valid or not.
function checkSignature(members: Map<string, Uint8Array>, signerPub: PublicKeyInfo | null, problems: VerifyProblem[]): Buffer | null {
  const sig = members.get(CASE_MEMBERS.signature);
  const sums = members.get(CASE_MEMBERS.sums);
  const fail = (member: string, message: string): void => {
    problems.push({ member, check: 'signature', message });
  };
  if (!sig) {
    fail(CASE_MEMBERS.signature, 'SHA256SUMS.sig is missing: the case file is not signed');
    return null;
  }
  const result = verifySshsig(sig, sums ?? new Uint8Array(), CASE_FILE_NAMESPACE);
  if (!result.ok && result.failure === 'signature') {
    // Ed25519 cannot say which side changed, so both are named.
    fail(CASE_MEMBERS.signature, 'the signature does not verify over SHA256SUMS');
    if (sums) fail(CASE_MEMBERS.sums, 'SHA256SUMS is not what was signed (or the signature was changed)');
  } else if (!result.ok) {
    fail(CASE_MEMBERS.signature, printable(result.message));
  }
  if (result.publicKeyBlob && signerPub && !result.publicKeyBlob.equals(signerPub.blob)) {
    problems.push({ member: CASE_MEMBERS.signature, check: 'signer', message: `signed by ${result.fingerprint ?? '?'}, but signer.pub holds ${signerPub.fingerprint}` });
  }
  return result.publicKeyBlob;
}

// The bundled allowed_signers is what the VERIFY.txt command uses, so it must name the same signer and key.
function checkBundledAllowedSigners(members: Map<string, Uint8Array>, signer: string, signerPub: PublicKeyInfo | null, problems: VerifyProblem[]): void {
  const bytes = members.get(CASE_MEMBERS.allowedSigners);
  if (!bytes || !signerPub) return;
  const file = parseAllowedSigners(Buffer.from(bytes).toString('utf8'));
  const fail = (message: string): void => {
    problems.push({ member: CASE_MEMBERS.allowedSigners, check: 'signer', message });
  };
  for (const e of file.errors) fail(`line ${e.line}: ${printable(e.message)}`);
  if (!isAllowedSigner(file, signer, CASE_FILE_NAMESPACE, signerPub.blob)) {
    fail(`does not list signer.pub's key for "${printable(signer)}" with namespace ${CASE_FILE_NAMESPACE}`);
  }
}
