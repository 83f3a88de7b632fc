// Adding a reviewer's countersignature to a case file: a signed review member next to the original members, which
// stay byte for byte as they were. The case file is verified first: nobody should countersign a file that fails.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CASE_MEMBERS, REVIEW_NAMESPACE, reviewMembers, ReviewJsonSchema, type ReviewJson, type ReviewVerdict } from '../../../shared/case-file';
import { WorkbenchError } from '../../../shared/errors';
import { writeFileAtomic } from '../db/atomic-write';
import { printable, readFolderMembers, readZipMembers, READ_LIMITS } from './case-file-read';
import type { SigningKey } from './ssh-key';
import { signSshsig } from './sshsig';
import { verifyCaseFileMembers } from './verify';
import { MAX_REVIEWS, reviewNames, reviewNumber } from './verify-reviews';
import { appendZipEntries } from './zip-append';

const MAX_COMMENT = 4000;

/** What the reviewer says about the case file. */
export interface ReviewInput {
  verdict: ReviewVerdict;
  comment: string;
  /** The reviewer's own trust list, to check the case signer against before countersigning. */
  allowedSignersText?: string;
}

/** The review that was added, and where. */
export interface AddedReview {
  path: string;
  member: string;
  reviewer: string;
  fingerprint: string;
  verdict: ReviewVerdict;
  at: string;
  caseId: string;
}

/** Verifies the case file at `path` and adds a review signed with `key`; refuses (REFUSED) a case file that does not verify. */
export function addReview(path: string, key: SigningKey, review: ReviewInput, now: Date): AddedReview {
  if (review.comment.length > MAX_COMMENT) throw new WorkbenchError('BAD_INPUT', `The review comment is ${review.comment.length} characters; at most ${MAX_COMMENT} fit in a review.`);
  const { members, zip } = readCaseFile(path);
  const result = verifyCaseFileMembers(members.members, review.allowedSignersText, members.problems);
  if (!result.valid || result.caseId === null) {
    const first = result.problems[0];
    throw new WorkbenchError('REFUSED', `${path} does not verify, so it cannot be countersigned${first ? `: ${first.member}: ${first.check}: ${first.message}` : ''}.`, {
      file: path,
      hint: 'run `nhi-workbench verify` on it to see every problem',
    });
  }
  const existing = reviewNames(members.members.keys());
  if (existing.length >= MAX_REVIEWS) throw new WorkbenchError('REFUSED', `${path} already holds ${existing.length} reviews.`, { file: path });
  const n = existing.reduce((max, name) => Math.max(max, reviewNumber(name)), 0) + 1;
  const keyHex = createHash('sha256').update(key.publicKeyBlob).digest('hex');
  const names = reviewMembers(n, keyHex);
  const sums = members.members.get(CASE_MEMBERS.sums) ?? new Uint8Array();
  const json: ReviewJson = ReviewJsonSchema.parse({
    schemaVersion: 1,
    kind: 'nhi-workbench-review',
    reviewer: key.name,
    fingerprint: key.fingerprint,
    publicKey: key.publicKeyLine,
    verdict: review.verdict,
    comment: review.comment,
    at: now.toISOString(),
    reviewed: { caseId: result.caseId, sha256sums: createHash('sha256').update(sums).digest('hex'), signerFingerprint: result.fingerprint },
  });
  const jsonBytes = Buffer.from(`${JSON.stringify(json, null, 2)}\n`, 'utf8');
  const sigBytes = Buffer.from(signSshsig(jsonBytes, key, REVIEW_NAMESPACE), 'utf8');
  if (zip) {
    writeFileAtomic(path, appendZipEntries(zip, new Map([[names.json, jsonBytes], [names.sig, sigBytes]])));
  } else {
    // The signature goes last: a crash in between leaves an unsigned review, which verification reports on its own.
    writeFileAtomic(join(path, ...names.json.split('/')), jsonBytes);
    writeFileAtomic(join(path, ...names.sig.split('/')), sigBytes);
  }
  return { path, member: names.json, reviewer: key.name, fingerprint: key.fingerprint, verdict: review.verdict, at: json.at, caseId: result.caseId };
}

function readCaseFile(path: string): { members: ReturnType<typeof readZipMembers>; zip: Uint8Array | null } {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new WorkbenchError('NOT_FOUND', `No case file at ${path}.`, { file: path });
  }
  if (stat.isDirectory()) return { members: readFolderMembers(path), zip: null };
  if (stat.size > READ_LIMITS.maxArchiveBytes) throw new WorkbenchError('BAD_INPUT', `${path} is too large to be a case file.`, { file: path });
  const zip = readFileSync(path);
  return { members: readZipMembers(zip, printable(basename(path))), zip };
}
