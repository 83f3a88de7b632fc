// The app:// handler: serves only files under the built renderer folder, never harness.html, with the CSP header.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../helpers/workspace';

const fake = vi.hoisted(() => ({ value: null as null | ReturnType<typeof import('./electron-fakes').fakeElectron>, fetched: [] as string[] }));
vi.mock('electron', async () => {
  const { fakeElectron } = await import('./electron-fakes');
  fake.value = fakeElectron();
  // net.fetch of a file:// URL, as Electron does it: the file's bytes, or 404.
  fake.value.electron.net.fetch = async (url: string) => {
    fake.fetched.push(url);
    const path = fileURLToPath(url);
    if (!existsSync(path) || !statSync(path).isFile()) return new Response('missing', { status: 404 });
    return new Response(readFileSync(path), { status: 200, headers: { 'content-type': path.endsWith('.html') ? 'text/html' : 'text/javascript' } });
  };
  return fake.value.electron;
});

import { APP_ORIGIN, CSP, registerAppScheme, serveRenderer } from '../../../src/main/app/app-protocol';

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

describe('the app:// protocol', () => {
  let handler: (request: Request) => Promise<Response>;
  const base = tempDir('nhi-app-protocol-');
  const renderer = join(base, 'renderer');

  beforeAll(() => {
    write(join(renderer, 'index.html'), '<!doctype html><title>ours</title>');
    write(join(renderer, 'assets/main.js'), 'console.log(1)');
    write(join(renderer, 'harness.html'), '<!doctype html><title>harness</title>');
    write(join(base, 'renderer-evil/secret.txt'), 'sibling secret');
    write(join(base, 'secret.txt'), 'parent secret');
    registerAppScheme();
    serveRenderer(renderer);
    handler = fake.value!.protocolHandlers.get('app') as typeof handler;
  });

  const get = (url: string): Promise<Response> => handler(new Request(url));

  it('is registered as a standard, secure scheme', () => {
    expect(fake.value!.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(APP_ORIGIN).toBe('app://workbench');
  });

  it('serves our page and its assets with the CSP header and nosniff', async () => {
    for (const url of ['app://workbench/', 'app://workbench/index.html', 'app://workbench/assets/main.js']) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('Content-Security-Policy'), url).toBe(CSP);
      expect(response.headers.get('X-Content-Type-Options'), url).toBe('nosniff');
    }
    expect(await (await get('app://workbench/index.html')).text()).toContain('ours');
    expect(CSP).toMatch(/^default-src 'none'; script-src 'self';/);
    expect(CSP).toContain("frame-ancestors 'none'");
    expect(CSP).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  });

  it('refuses harness.html', async () => {
    expect((await get('app://workbench/harness.html')).status).toBe(404);
    expect((await get('app://workbench/./harness.html')).status).toBe(404);
  });

  it('refuses every path outside the renderer folder, however it is spelled, without reading it', async () => {
    fake.fetched.length = 0;
    for (const url of [
      'app://workbench/..%2fsecret.txt',
      'app://workbench/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
      'app://workbench/%2e%2e%2fsecret.txt',
      'app://workbench/..%2frenderer-evil%2fsecret.txt',
      `app://workbench/${encodeURIComponent(join(base, 'secret.txt'))}`,
      'app://workbench/assets/..%2f..%2fsecret.txt',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('secret');
    }
    // Nothing outside the folder was even fetched (an absolute path is looked up inside it, and is not there).
    expect(fake.fetched.filter((u) => !fileURLToPath(u).startsWith(renderer + sep))).toEqual([]);
    // `..` segments are resolved by the URL parser before the handler sees them: they stay inside the folder.
    expect((await get('app://workbench/../../secret.txt')).status).toBe(404);
  });

  it('refuses other hosts of the scheme', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
  });
});
