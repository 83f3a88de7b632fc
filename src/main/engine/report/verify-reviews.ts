// Checks reviewers' countersignatures. A review is added after signing, so it is judged on its own: a damaged or
// untrusted review is reported on that review and never makes the case file itself invalid.
import { createHash } from 'node:crypto';
import { CASE_MEMBERS, REVIEW_MEMBER_PATTERN, REVIEW_NAMESPACE, ReviewJsonSchema } from '../../../shared/case-file';
import type { ReviewCheck } from '../../../shared/schemas';
import { isAllowedSigner, type AllowedSignersFile } from './allowed-signers';
import { printable } from './case-file-read';
import { parsePublicKeyLine } from './ssh-key';
import { verifySshsig } from './sshsig';

/** More reviews than this in one case file are reported, not checked: each costs a signature check. */
export const MAX_REVIEWS = 100;
const MAX_REVIEW_BYTES = 64 * 1024;

/** The review members' base names (`reviews/<n>-<hex>.json`), in review order, whether or not both halves are present. */
export function reviewNames(members: Iterable<string>): string[] {
  const names = new Set<string>();
  for (const name of members) {
    const m = REVIEW_MEMBER_PATTERN.exec(name);
    if (m) names.add(m[3] ? name.slice(0, -4) : name);
  }
  return [...names].sort((a, b) => reviewNumber(a) - reviewNumber(b) || (a < b ? -1 : 1));
}

/** The `n` of `reviews/<n>-….json`. */
export function reviewNumber(name: string): number {
  return Number(REVIEW_MEMBER_PATTERN.exec(name)?.[1] ?? 0);
}

/** Checks every review against this case file's SHA256SUMS and signer, and against `allowed` when the reviewer gave one. */
export function checkReviews(members: Map<string, Uint8Array>, signerFingerprint: string, allowed: AllowedSignersFile | null): ReviewCheck[] {
  const sums = members.get(CASE_MEMBERS.sums);
  const sumsHash = sums ? createHash('sha256').update(sums).digest('hex') : null;
  return reviewNames(members.keys()).map((name, i) => {
    if (i >= MAX_REVIEWS) return failed(name, `more than ${MAX_REVIEWS} reviews; this one was not checked`);
    return checkOne(name, members, sumsHash, signerFingerprint, allowed);
  });
}

function checkOne(name: string, members: Map<string, Uint8Array>, sumsHash: string | null, signerFingerprint: string, allowed: AllowedSignersFile | null): ReviewCheck {
  const out: ReviewCheck = { member: printable(name), reviewer: '', fingerprint: '', verdict: '', comment: '', at: '', valid: false, trusted: allowed ? false : null, problems: [] };
  const problem = (member: string, message: string): void => {
    out.problems.push({ member: printable(member), check: 'review', message });
  };
  const json = members.get(name);
  const sig = members.get(`${name}.sig`);
  if (!json) problem(name, 'the review is missing; only its signature is present');
  if (!sig) problem(`${name}.sig`, 'the review is not signed (its .sig member is missing)');
  if (!json || !sig) return out;
  if (json.length > MAX_REVIEW_BYTES) {
    problem(name, `is too large for a review (${json.length} bytes)`);
    return out;
  }
  let review;
  try {
    review = ReviewJsonSchema.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)));
  } catch (err) {
    problem(name, `is not UTF-8 JSON: ${printable(err instanceof Error ? err.message : String(err))}`);
    return out;
  }
  if (!review.success) {
    const issue = review.error.issues[0];
    problem(name, `does not match the review schema at ${issue?.path.join('.') || '(root)'}: ${printable(issue?.message ?? '')}`);
    return out;
  }
  const r = review.data;
  Object.assign(out, { reviewer: printable(r.reviewer), fingerprint: printable(r.fingerprint), verdict: r.verdict, comment: printable(r.comment), at: printable(r.at) });
  const result = verifySshsig(sig, json, REVIEW_NAMESPACE);
  if (!result.ok) problem(`${name}.sig`, `the review signature does not verify: ${printable(result.message)}`);
  const blob = result.publicKeyBlob;
  if (blob) {
    if (result.fingerprint !== r.fingerprint) problem(name, `names key ${printable(r.fingerprint)} but was signed by ${result.fingerprint ?? '?'}`);
    const hex = createHash('sha256').update(blob).digest('hex');
    if (!name.includes(`-${hex.slice(0, 16)}.json`)) problem(name, 'its name does not match the key that signed it');
    let claimed: Buffer | null = null;
    try {
      claimed = parsePublicKeyLine(r.publicKey, name).blob;
    } catch {
      claimed = null;
    }
    if (!claimed?.equals(blob)) problem(name, 'its publicKey is not the key that signed it');
  }
  if (sumsHash === null || r.reviewed.sha256sums !== sumsHash) problem(name, "reviewed another version of this case file: the SHA-256 of SHA256SUMS differs");
  if (r.reviewed.signerFingerprint !== signerFingerprint) problem(name, `reviewed a case file signed by ${printable(r.reviewed.signerFingerprint)}, not ${signerFingerprint || 'this signer'}`);
  if (allowed && blob) {
    out.trusted = isAllowedSigner(allowed, r.reviewer, REVIEW_NAMESPACE, blob);
    if (!out.trusted) problem(name, `the reviewer key is not listed for "${printable(r.reviewer)}" with namespace ${REVIEW_NAMESPACE} in the allowed signers you gave`);
  }
  out.valid = out.problems.length === 0;
  return out;
}

function failed(name: string, message: string): ReviewCheck {
  return { member: printable(name), reviewer: '', fingerprint: '', verdict: '', comment: '', at: '', valid: false, trusted: null, problems: [{ member: printable(name), check: 'review', message }] };
}
