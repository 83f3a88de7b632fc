// What src/main/index.ts sets up before the app is ready, against a fake Electron: the app:// scheme is registered,
// and every web contents ever created (not only our window) denies new windows, <webview> and navigation away.
import { describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({ value: null as null | ReturnType<typeof import('./electron-fakes').fakeElectron> }));
vi.mock('electron', async () => {
  const { fakeElectron } = await import('./electron-fakes');
  fake.value = fakeElectron();
  return fake.value.electron;
});

import { FakeWebContents } from './electron-fakes';

describe('the Electron entry', () => {
  it('locks down every web contents as it is created', async () => {
    delete process.env['ELECTRON_RENDERER_URL'];
    await import('../../../src/main/index');
    expect(fake.value!.privileged).toEqual([expect.objectContaining({ scheme: 'app' })]);
    const created = fake.value!.appHandlers.get('web-contents-created') ?? [];
    expect(created).toHaveLength(1);

    const contents = new FakeWebContents();
    created[0]!({}, contents);
    expect(contents.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.fire('will-attach-webview', {}, {})).toBe(true);
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'app://workbench/harness.html')).toBe(true);
    expect(contents.fire('will-navigate', 'app://workbench/index.html#x')).toBe(false);
  });
});
