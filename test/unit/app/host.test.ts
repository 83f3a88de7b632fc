import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
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

describe('read paths the renderer names', () => {
  const TRAIL = join(REPO, 'test/fixtures/story/good/trail.json');

  /** A workspace opened through the (fake) folder dialog, and evidence files copied outside any chosen place. */
  async function opened(dialogs: Partial<Dialogs> = {}) {
    const ws = join(tempDir(), 'ws');
    const made = host({ chooseFolder: async () => ws, ...dialogs });
    await made.host.handle('chooseWorkspace', { mode: 'create' });
    return { ...made, ws };
  }
  const signals = async (h: Host): Promise<number> => ((await h.handle('workspaceInfo', {})) as { signals: number }).signals;
  const evidenceFiles = (ws: string): string[] => readdirSync(join(ws, 'evidence'));

  it('refuses a path never chosen: REFUSED, saying to use the dialog or drop it, and nothing is imported', async () => {
    const { host: h, engine, ws } = await opened();
    const err = await h.handle('ingestPaths', { paths: [TRAIL] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'REFUSED', file: TRAIL, message: expect.stringContaining('not chosen'), hint: expect.stringMatching(/Import evidence.*drop it/) });
    expect(await signals(h)).toBe(0);
    expect(existsSync(join(ws, 'evidence')) ? evidenceFiles(ws) : []).toEqual([]);
    // One refused path refuses the whole call, even beside a chosen one; relative and climbing paths are never chosen.
    h.grantDropped([TRAIL]);
    await expect(h.handle('ingestPaths', { paths: [TRAIL, '/etc/passwd'] })).rejects.toMatchObject({ code: 'REFUSED', file: '/etc/passwd' });
    await expect(h.handle('ingestPaths', { paths: ['trail.json'] })).rejects.toMatchObject({ code: 'REFUSED' });
    await expect(h.handle('ingestPaths', { paths: [`${TRAIL}/../../../../../../etc/passwd`] })).rejects.toMatchObject({ code: 'REFUSED' });
    expect(await signals(h)).toBe(0);
    // Case files are read paths too.
    for (const method of ['openCaseFile', 'verifyCaseFile']) {
      await expect(h.handle(method, { path: '/etc/passwd' })).rejects.toMatchObject({ code: 'REFUSED', file: '/etc/passwd' });
    }
    await expect(h.handle('trustCaseFileSigner', { path: '/etc/passwd', fingerprint: 'SHA256:x' })).rejects.toMatchObject({ code: 'REFUSED' });
    // Grants come only from dialogs and the dropped-files grant, which is not a contract method.
    await expect(h.handle('grantDropped', ['/etc/passwd'])).rejects.toMatchObject({ code: 'USAGE' });
    expect(() => h.grantDropped('/etc/passwd')).toThrow(/Grant refused/);
    await engine.dispose();
  }, 60_000);

  it('accepts a path chosen in the import dialog or dropped (granted by preload), again later in the session', async () => {
    const dir = tempDir();
    const picked = join(dir, 'picked.json');
    const dropped = join(dir, 'dropped.ndjson');
    cpSync(TRAIL, picked);
    cpSync(join(REPO, 'test/fixtures/story/good/more.ndjson'), dropped);
    const { host: h, engine } = await opened({ chooseFiles: async () => [picked] });
    await h.handle('chooseEvidence', {});
    const afterDialog = await signals(h);
    expect(afterDialog).toBeGreaterThan(0);
    await expect(h.handle('ingestPaths', { paths: [dropped] })).rejects.toMatchObject({ code: 'REFUSED' });
    h.grantDropped([dropped]);
    await h.handle('ingestPaths', { paths: [dropped] });
    expect(await signals(h)).toBeGreaterThan(afterDialog);
    await h.handle('ingestPaths', { paths: [picked] }); // chosen earlier in the session: still readable (already imported, nothing new)
    await engine.dispose();
  }, 60_000);

  it('a chosen folder grants the files under it, and nothing beside it', async () => {
    const bundle = join(tempDir(), 'bundle');
    mkdirSync(join(bundle, 'cloudtrail'), { recursive: true });
    cpSync(TRAIL, join(bundle, 'cloudtrail/trail.json'));
    cpSync(TRAIL, `${bundle}-sibling.json`);
    const { host: h, engine } = await opened({ chooseFiles: async () => [bundle] });
    await h.handle('chooseEvidence', {});
    const first = await signals(h);
    expect(first).toBeGreaterThan(0);
    await h.handle('ingestPaths', { paths: [join(bundle, 'cloudtrail/trail.json')] });
    await expect(h.handle('ingestPaths', { paths: [`${bundle}-sibling.json`] })).rejects.toMatchObject({ code: 'REFUSED' });
    await expect(h.handle('ingestPaths', { paths: [join(bundle, '..')] })).rejects.toMatchObject({ code: 'REFUSED' });
    await engine.dispose();
  }, 60_000);

  it('a case file opened from the dialog, or exported through the save dialog, may be named again to verify or trust', async () => {
    const out = join(tempDir(), 'exported.nhicase');
    const { host: h, engine } = host({ chooseSavePath: async () => out, chooseCaseFile: async () => out });
    await h.handle('openDemo', {});
    const page = (await h.handle('listCases', { offset: 0, limit: 1 })) as { items: { id: string }[] };
    await h.handle('exportCase', { id: page.items[0]!.id });
    expect(await h.handle('verifyCaseFile', { path: out })).toMatchObject({ valid: true });
    expect(await h.handle('openCaseFile', { path: out })).toMatchObject({ verification: { valid: true } });
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
