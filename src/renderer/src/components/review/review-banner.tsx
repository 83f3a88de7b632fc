// The verification of an opened case file, at the top of reviewer mode: who signed it and whether that signer
// is trusted, or every check that failed (member, check, message).
import type { ReactNode } from 'react';
import type { VerifyResult } from '../../../../shared/schemas';

function Trust({ trusted }: { trusted: boolean | null }): ReactNode {
  if (trusted === true) return <span className="review-trust tone-ok"> · signer in your trust list</span>;
  if (trusted === false) {
    return (
      <span className="review-trust tone-bad">
        {' '}
        · signer not in your trust list: compare the fingerprint with one you got from the signer by another channel
      </span>
    );
  }
  return <span className="review-trust muted"> · no trust list to check the signer against</span>;
}

/** Green with the signer when the case file verified, red with every problem when it did not. */
export function ReviewBanner({ verification, fileName }: { verification: VerifyResult; fileName: string }): ReactNode {
  const v = verification;
  return (
    <div
      className={`banner review-banner ${v.valid ? 'banner-ok' : 'banner-error'}`}
      data-testid="review-banner"
      data-valid={v.valid ? 'true' : 'false'}
      data-trusted={v.trusted === null ? 'unknown' : String(v.trusted)}
      role="status"
    >
      <div className="verify-body">
        {v.valid ? (
          <p>
            <strong>Verified</strong> — signed by <span className="mono">{v.signer}</span> (<span className="mono">{v.fingerprint}</span>)
            <Trust trusted={v.trusted} />
          </p>
        ) : (
          <>
            <p>
              <strong>Verification failed</strong> — do not rely on what this case file says.
              {v.signer !== '' && (
                <span className="muted">
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
        )}
        <p className="muted review-file" title={fileName}>
          {fileName}
          {v.caseId !== null && <> · case {v.caseId}</>}
        </p>
      </div>
    </div>
  );
}
