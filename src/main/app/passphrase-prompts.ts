// Asking the user for the signing key's passphrase when the OS keychain cannot keep it: main asks the window
// (an event), the window answers through the contract's `answerPassphrase`. No passphrase is ever stored.
import type { BrowserWindow } from 'electron';
import { randomUUID } from 'node:crypto';
import { IPC_EVENT_CHANNEL } from '../../shared/ipc-channels';

/** A question waiting for the window's answer. */
interface Pending {
  resolve: (passphrase: string | null) => void;
}

/** Routes passphrase questions to the window and its answers back. */
export class PassphrasePrompts {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly getWindow: () => BrowserWindow | null) {}

  /** Asks the window; resolves to null when there is no window or the user cancels. */
  ask(request: { creating: boolean; attempt: number; why: string }): Promise<string | null> {
    const win = this.getWindow();
    if (!win) return Promise.resolve(null);
    const id = randomUUID();
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      win.webContents.send(IPC_EVENT_CHANNEL, 'passphraseRequest', { id, creating: request.creating, attempt: request.attempt, why: request.why });
    });
  }

  /** The window's answer to question `id`; unknown ids are ignored (a stale or forged answer). */
  answer(id: string, passphrase: string | null): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    pending.resolve(passphrase);
  }

  /** Resolves every open question as cancelled. */
  cancelAll(): void {
    for (const pending of this.pending.values()) pending.resolve(null);
    this.pending.clear();
  }
}
