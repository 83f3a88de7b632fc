// The result of checking an exported case file, as a reviewer would: signer and fingerprint, or what failed.
import type { ReactNode } from 'react';
import type { ExportResult, VerifyResult } from '../../../shared/schemas';
import { baseName } from '../format';

/** Green when the case file verified, red with every problem when it did not. */
export function VerifyBanner({ exported, verified, onDismiss }: { exported: ExportResult; verified: VerifyResult; onDismiss: () => void }): ReactNode {
  return (
    <div className={`banner ${verified.valid ? 'banner-ok' : 'banner-error'}`} data-testid="verify-banner" data-valid={verified.valid ? 'true' : 'false'} role="status">
      <div className="verify-body">
        {verified.valid ? (
          <p>
            <strong>Verified</strong> — signed by <span className="mono">{verified.signer}</span> (<span className="mono">{verified.fingerprint}</span>)
            {verified.trusted === false && <span> · this signer is not in the allowed signers list</span>}
          </p>
        ) : (
          <>
            <p>
              <strong>Verification failed</strong> for the exported case file.
            </p>
            {verified.problems.length === 0 && <p>The verifier gave no further details.</p>}
            <ul className="problems">
              {verified.problems.map((p, i) => (
                <li key={i}>
                  <span className="mono">{p.member}</span> · {p.check}: {p.message}
                </li>
              ))}
            </ul>
          </>
        )}
        <p className="muted" title={exported.path}>
          Saved as {baseName(exported.path)}
        </p>
      </div>
      <button type="button" className="link-button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
