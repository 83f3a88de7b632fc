// The IPC routes main opens, against a fake ipcMain: contract calls and the dropped-files grant are both accepted
// only from the top-level frame of our page; a grant from anywhere else records nothing.
import { describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';

const fake = vi.hoisted(() => ({ value: null as null | ReturnType<typeof import('./electron-fakes').fakeElectron> }));
vi.mock('electron', async () => {
  const { fakeElectron } = await import('./electron-fakes');
  fake.value = fakeElectron();
  return fake.value.electron;
});

import { routeIpc } from '../../../src/main/app/ipc-router';
import { Host, type Dialogs } from '../../../src/main/app/host';
import { createKeyStore } from '../../../src/main/app/key-store';
import { inProcessEngine } from '../../../src/main/engine/engine-client';
import { IPC_CHANNEL, IPC_GRANT_CHANNEL } from '../../../src/shared/ipc-channels';
import { REPO, tempDir } from '../../helpers/workspace';

const OUR_PAGE = 'app://workbench/index.html';
const event = (url: string, parent: unknown = null) => ({ sender: {}, senderFrame: { url, parent } });

describe('the IPC routes', () => {
  it('grants dropped paths only from our top-level frame, and only granted paths are read', async () => {
    const dataDir = tempDir();
    const engine = inProcessEngine();
    const ws = join(tempDir(), 'ws');
    const dialogs: Dialogs = { chooseFolder: async () => ws, chooseFiles: async () => [], chooseSavePath: async () => null, chooseCaseFile: async () => null };
    const keys = createKeyStore({ dataDir, signerName: 'ipc-test', safeStorage: null, askPassphrase: async () => 'ipc-test-passphrase' });
    routeIpc(new Host(engine, dialogs, { dataDir, demoBundle: join(REPO, 'resources/demo') }, keys), (_contents, url) => url === OUR_PAGE);
    const call = fake.value!.ipcHandlers.get(IPC_CHANNEL)!;
    const grant = fake.value!.ipcHandlers.get(IPC_GRANT_CHANNEL)!;
    const trail = join(REPO, 'test/fixtures/story/good/trail.json');

    expect(await call(event(OUR_PAGE), 'chooseWorkspace', { mode: 'create' })).toMatchObject({ ok: true });
    // From a subframe or another page, the grant is refused and records nothing.
    expect(await grant(event(OUR_PAGE, {}), [trail])).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expect(await grant(event('https://evil.example/'), [trail])).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expect(await grant(event(OUR_PAGE), 'not a list')).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    expect(await call(event(OUR_PAGE), 'ingestPaths', { paths: [trail] })).toMatchObject({ ok: false, error: { code: 'REFUSED', file: trail } });
    // From our page (preload, after taking the paths from File objects), the path becomes readable.
    expect(await grant(event(OUR_PAGE), [trail])).toEqual({ ok: true, result: null });
    expect(await call(event(OUR_PAGE), 'ingestPaths', { paths: [trail] })).toMatchObject({ ok: true, result: { files: [expect.anything()] } });
    // Contract calls from elsewhere are refused as before.
    expect(await call(event('https://evil.example/'), 'workspaceInfo', {})).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    await engine.dispose();
  }, 60_000);
});
