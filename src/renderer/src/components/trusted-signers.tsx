// The reviewer's trust list, shown and pruned: who may sign case files this app reports as trusted.
import { useState, type ReactNode } from 'react';
import type { TrustedSigner } from '../../../shared/schemas';
import { describeError, toErrorInfo } from '../../../shared/errors';
import { api } from '../api';
import { Modal } from './modal';

/** A button that opens the trust list. */
export function TrustedSignersButton(): ReactNode {
  const [list, setList] = useState<TrustedSigner[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (fn: () => Promise<TrustedSigner[]>): Promise<void> => {
    try {
      setError(null);
      setList(await fn());
    } catch (err) {
      setError(describeError(toErrorInfo(err)));
    }
  };
  return (
    <>
      <button type="button" className="secondary" data-testid="trusted-signers" onClick={() => void act(() => api().listTrustedSigners({}))}>
        Trusted signers…
      </button>
      {list !== null && (
        <Modal title="Trusted signers" testId="trusted-signers-dialog" onClose={() => setList(null)} wide>
          <p>Case files signed by these keys show as trusted. The first is this app's own key.</p>
          <ul className="trusted-list">
            {list.map((s, i) => (
              <li key={s.fingerprint} data-testid="trusted-signer">
                <span className="mono">{s.signer}</span> <span className="mono">{s.fingerprint}</span>{' '}
                {i > 0 && (
                  <button type="button" className="secondary" onClick={() => void act(() => api().untrustSigner({ fingerprint: s.fingerprint }))}>
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
          {error !== null && <p className="dialog-error">{error}</p>}
        </Modal>
      )}
    </>
  );
}
