// Asks for the signing key's passphrase when main needs it (the OS keychain cannot keep it). The passphrase goes
// straight back to main and is never kept in any store.
import { useEffect, useState, type ReactNode } from 'react';
import type { EventPayload } from '../../../shared/contract';
import { api } from '../api';
import { Modal } from './modal';

type Request = EventPayload<'passphraseRequest'>;

/** Shows one passphrase question at a time, as main asks them. */
export function PassphrasePrompt(): ReactNode {
  const [request, setRequest] = useState<Request | null>(null);
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  useEffect(() => api().onEvent('passphraseRequest', (r) => setRequest(r)), []);
  if (request === null) return null;

  const answer = (passphrase: string | null): void => {
    void api().answerPassphrase({ id: request.id, passphrase });
    setRequest(null);
    setFirst('');
    setSecond('');
  };
  const mismatch = request.creating && second !== '' && first !== second;
  const ready = first.length >= 8 && (!request.creating || first === second);
  return (
    <Modal title={request.creating ? 'Choose a passphrase for your signing key' : 'Unlock your signing key'} testId="passphrase-prompt" onClose={() => answer(null)}>
      <form className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) answer(first);
        }}
      >
        <p>{request.why}</p>
        <label>
          Passphrase
          <input type="password" autoFocus autoComplete="off" value={first} onChange={(e) => setFirst(e.target.value)} data-testid="passphrase-input" />
        </label>
        {request.creating && (
          <label>
            Again
            <input type="password" autoComplete="off" value={second} onChange={(e) => setSecond(e.target.value)} data-testid="passphrase-again" />
          </label>
        )}
        {mismatch && <p className="dialog-error">The two passphrases differ.</p>}
        {first !== '' && first.length < 8 && <p className="dialog-error">At least 8 characters.</p>}
        <div className="button-row dialog-buttons">
          <button type="button" className="secondary" onClick={() => answer(null)}>
            Cancel
          </button>
          <button type="submit" disabled={!ready} data-testid="passphrase-ok">
            {request.creating ? 'Make the key' : 'Unlock'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
