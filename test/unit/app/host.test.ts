import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Host, type Dialogs } from '../../../src/main/app/host';
import { createKeyStore } from '../../../src/main/app/key-store';
import { checkSender } from '../../../src/main/app/sender-check';
import { inProcessEngine } from '../../../src/main/engine/engine-client';
import { REPO, tempDir } from '../../helpers/workspace';

function host(dialogs: Partial<Dialogs> = {}) {
  const dataDir = tempDir();
  const engine = inProcessEngine();
  const noDialog: Dialogs = { chooseFolder: async () => null, chooseFiles: async () => [], chooseSavePath: async () => null, chooseCaseFile: async () => null, ...dialogs };
  const keys = createKeyStore({ dataDir, signerName: 'host-test', safeStorage: null, askPassphrase: async () => 'host-test-passphrase' });
  return { host: new Host(engine, noDialog, { dataDir, demoBundle: join(REPO, 'resources/demo') }, keys), engine };
}

describe('the renderer contract as the host serves it', () => {
  it('refuses unknown methods and input outside the schema before anything runs', async () => {
    const { host: h } = host();
    await expect(h.handle('deleteEverything', {})).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('Unknown method') });
    await expect(h.handle('__proto__', {})).rejects.toMatchObject({ code: 'USAGE' });
    await expect(h.handle('getCase', { id: 42 })).rejects.toMatchObject({ code: 'USAGE' });
    // The renderer never names where to write or which key to sign with: main chooses both.
    await expect(h.handle('exportCase', { id: 'C-0001', outPath: '/etc/passwd', keyPath: '/tmp/k' })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(h.handle('listCases', { offset: 0, limit: 5000 })).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('treats a cancelled dialog as "nothing to do", and exports only to the path the save dialog chose', async () => {
    const out = join(tempDir(), 'chosen.nhicase');
    let asked = 0;
    const { host: h, engine } = host({ chooseSavePath: async () => (asked++ === 0 ? null : out) });
    expect(await h.handle('chooseEvidence', {})).toBeNull();
    await h.handle('openDemo', {});
    const page = (await h.handle('listCases', { offset: 0, limit: 1 })) as { items: { id: string }[] };
    const id = page.items[0]!.id;
    expect(await h.handle('exportCase', { id })).toBeNull(); // the user cancelled the save dialog
    const result = (await h.handle('exportCase', { id })) as { path: string; signer: string };
    expect(result).toMatchObject({ path: out, signer: 'host-test' });
    const verified = (await h.handle('verifyCaseFile', { path: out })) as { valid: boolean; trusted: boolean | null };
    expect(verified).toMatchObject({ valid: true, trusted: true }); // the app trusts its own key
    await engine.dispose();
  }, 60_000);
});

describe('IPC sender check', () => {
  const ours = (url: string): boolean => url === 'app://workbench/index.html';
  it('accepts only the top-level frame showing our page', () => {
    expect(() => checkSender({ url: 'app://workbench/index.html', parent: null }, ours)).not.toThrow();
    expect(() => checkSender({ url: 'app://workbench/index.html', parent: {} }, ours)).toThrow(/did not come from the workbench window/);
    expect(() => checkSender({ url: 'https://evil.example/', parent: null }, ours)).toThrow(/did not come from the workbench window/);
    expect(() => checkSender(null, ours)).toThrow();
  });
});
