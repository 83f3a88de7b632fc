// The verification of an opened case file, at the top of reviewer mode: who signed it and whether that signer
// is trusted, or every check that failed (member, check, message).
import type { ReactNode } from 'react';
import type { VerifyResult } from '../../../../shared/schemas';
import { reviewVerdict } from '../../lib/review-verdict';
import { TrustSigner } from './trust-signer';

function Trust({ trusted }: { trusted: boolean | null }): ReactNode {
  if (trusted === true) return <span className="review-trust"> · signer in your trust list</span>;
  if (trusted === false) {
    return (
      <span className="review-trust">
        {' '}
        · <strong>signer not in your trust list</strong>: compare the fingerprint with one you got from the signer another way before you rely on it
      </span>
    );
  }
  return <span className="review-trust"> · no trust list to check the signer against</span>;
}

function Failed({ v }: { v: VerifyResult }): ReactNode {
  return (
    <>
      <p>
        <strong>Verification failed</strong> — do not rely on what this case file says.
        {v.signer !== '' && (
          <span>
            {' '}
            It names <span className="mono">{v.signer}</span>
            {v.fingerprint !== '' && (
              <>
                {' '}
                (<span className="mono">{v.fingerprint}</span>)
              </>
            )}{' '}
            as its signer.
          </span>
        )}
      </p>
      {v.problems.length === 0 && <p>The verifier gave no further details.</p>}
      <ul className="problems" data-testid="review-problems">
        {v.problems.map((p, i) => (
          <li key={i} data-testid="review-problem" data-member={p.member} data-check={p.check}>
            Verification failed: <span className="mono">{p.member}</span>: {p.check}: {p.message}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * Green when the case file verified and its signer is trusted, amber when it verified but the signer is not in the
 * trust list, red with every problem when it did not verify. data-valid says whether the file itself is intact.
 */
export function ReviewBanner({ verification, fileName }: { verification: VerifyResult; fileName: string }): ReactNode {
  const v = verification;
  const verdict = reviewVerdict(v);
  const tone = verdict === 'verified' ? 'banner-ok' : verdict === 'untrusted' ? 'banner-warn' : 'banner-error';
  return (
    <div
      className={`banner review-banner ${tone}`}
      data-testid="review-banner"
      data-valid={verdict === 'failed' ? 'false' : 'true'}
      data-trusted={v.trusted === null ? 'unknown' : String(v.trusted)}
      role="status"
    >
      <div className="verify-body">
        {verdict === 'failed' ? (
          <Failed v={v} />
        ) : (
          <p>
            <strong>Verified</strong> — signed by <span className="mono">{v.signer}</span> (<span className="mono">{v.fingerprint}</span>)
            <Trust trusted={v.trusted} />
            {verdict === 'untrusted' && (
              <>
                {' '}
                <TrustSigner path={fileName} signer={v.signer} fingerprint={v.fingerprint} />
              </>
            )}
          </p>
        )}
        <p className="review-file" title={fileName}>
          {fileName}
          {v.caseId !== null && <> · case {v.caseId}</>}
        </p>
      </div>
    </div>
  );
}
