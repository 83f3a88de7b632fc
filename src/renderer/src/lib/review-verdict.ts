// What reviewer mode says about a verification. The engine counts "signer not in your allowed signers" as a failure
// (as `ssh-keygen -Y verify` does); a reviewer needs it apart from a broken file: the signature and every hash hold,
// only the key is one they have not trusted yet.
import { CASE_MEMBERS } from '../../../shared/case-file';
import type { VerifyResult } from '../../../shared/schemas';

/** verified: intact and trusted (or no trust list). untrusted: intact, signer not trusted. failed: anything else. */
export type ReviewVerdict = 'verified' | 'untrusted' | 'failed';

/** The verdict of a verification result. */
export function reviewVerdict(v: VerifyResult): ReviewVerdict {
  if (v.valid) return v.trusted === false ? 'untrusted' : 'verified';
  // The trust check adds exactly one problem, on signer.pub, when a signer and key were read; any other problem
  // (a second one on signer.pub included) means the file itself did not verify.
  const [only] = v.problems;
  const trustOnly = v.problems.length === 1 && only?.member === CASE_MEMBERS.signerPub && only.check === 'signer' && v.trusted === false && v.signer !== '' && v.fingerprint !== '';
  return trustOnly ? 'untrusted' : 'failed';
}
