// Trusting the signer of a case file that verified: the reviewer compares the fingerprint with one they got from
// the signer another way, then adds the key to their trust list (OpenSSH allowed_signers).
import { useState, type ReactNode } from 'react';
import { api } from '../../api';
import { useReviewStore } from '../../stores/review-store';
import { describeError, toErrorInfo } from '../../../../shared/errors';
import { Modal } from '../modal';

/** "Trust this signer…" for an intact case file whose signer is not in the trust list yet. */
export function TrustSigner({ path, signer, fingerprint }: { path: string; signer: string; fingerprint: string }): ReactNode {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reopen = useReviewStore((s) => s.openPath);
  const trust = async (): Promise<void> => {
    try {
      await api().trustCaseFileSigner({ path, fingerprint });
      setOpen(false);
      await reopen(path);
    } catch (err) {
      setError(describeError(toErrorInfo(err)));
    }
  };
  return (
    <>
      <button type="button" className="secondary" data-testid="trust-signer" onClick={() => setOpen(true)}>
        Trust this signer…
      </button>
      {open && (
        <Modal title="Trust this signer?" testId="trust-signer-dialog" onClose={() => setOpen(false)}>
          <p>
            Add <span className="mono">{signer}</span> to your trust list only if this fingerprint is the one the signer gave you by another channel
            (phone, a signed message, in person):
          </p>
          <p className="mono" data-testid="trust-fingerprint">
            {fingerprint}
          </p>
          {error !== null && <p className="dialog-error">{error}</p>}
          <div className="button-row dialog-buttons">
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="button" data-testid="trust-signer-confirm" onClick={() => void trust()}>
              The fingerprints match: trust
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}
