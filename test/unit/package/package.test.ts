// The packaging step for real, offline: electron-builder packs a small project shaped like ours (out/ with the
// harness page, its shim and a source map; a runtime dependency; a benchmark-only optional one) around a synthetic
// Electron build whose binary carries a fuse wire. Our afterPack flips the fuses and checks app.asar.
import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { listPackage } from '@electron/asar';
import { SENTINEL } from '@electron/fuses/dist/constants';
import { build, Platform } from 'electron-builder';
import { builderConfig } from '../../../scripts/package/config';
import { appContentProblems, excludedFromApp, runtimeModules } from '../../../scripts/package/app-contents';
import { verifyFuses } from '../../../scripts/package/fuses';
import { REPO, tempDir } from '../../helpers/workspace';

function write(path: string, text: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A project with our layout: package.json, out/, resources/demo, node_modules with a runtime and an optional dependency. */
function fakeProject(): string {
  const dir = tempDir('nhi-package-');
  write(join(dir, 'package.json'), JSON.stringify({ name: 'nhi-workbench', version: '0.1.0', description: 'test', main: './out/main/index.js', dependencies: { tiny: '1.0.0' }, optionalDependencies: { 'bench-only': '1.0.0' } }));
  write(join(dir, 'node_modules/tiny/package.json'), JSON.stringify({ name: 'tiny', version: '1.0.0', main: 'index.js' }));
  write(join(dir, 'node_modules/tiny/index.js'), 'module.exports = 1;\n');
  write(join(dir, 'node_modules/bench-only/package.json'), JSON.stringify({ name: 'bench-only', version: '1.0.0', dependencies: { 'bench-helper': '1.0.0' } }));
  write(join(dir, 'node_modules/bench-only/index.js'), 'module.exports = 2;\n');
  write(join(dir, 'node_modules/bench-helper/package.json'), JSON.stringify({ name: 'bench-helper', version: '1.0.0' }));
  write(join(dir, 'node_modules/bench-helper/index.js'), 'module.exports = 3;\n');
  for (const file of ['out/main/index.js', 'out/main/worker.js', 'out/main/chunks/engine-x.js', 'out/preload/index.cjs', 'out/renderer/assets/main-x.js', 'out/renderer/assets/harness-x.js', 'out/main/index.js.map']) {
    write(join(dir, file), '// built\n');
  }
  write(join(dir, 'out/renderer/index.html'), '<!doctype html>');
  write(join(dir, 'out/renderer/harness.html'), '<!doctype html><script src="./assets/harness-x.js"></script>');
  write(join(dir, 'resources/demo/trail.json'), '{"Records":[]}');
  // A stand-in for node_modules/electron/dist on Linux: the `electron` executable with Electron 45's fuse wire.
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, 9]), Buffer.from('101100011')]);
  write(join(dir, 'electron-dist/electron'), Buffer.concat([Buffer.alloc(2048, 0x7f), wire, Buffer.alloc(2048, 0x45)]));
  chmodSync(join(dir, 'electron-dist/electron'), 0o755);
  write(join(dir, 'electron-dist/LICENSE'), 'MIT');
  write(join(dir, 'electron-dist/version'), '45.6.1');
  return dir;
}

describe('npm run package', () => {
  it('packs the app with its fuses flipped, without the harness, source maps or benchmark-only packages', async () => {
    const project = fakeProject();
    const base = builderConfig(project, { electronDist: join(project, 'electron-dist') });
    const config = { ...base, electronVersion: '45.6.1', directories: { ...base.directories, output: join(project, 'dist') } };
    await build({ projectDir: project, config, targets: Platform.LINUX.createTarget('dir') });

    const appDir = join(project, 'dist/linux-unpacked');
    const report = await verifyFuses(join(appDir, 'nhi-workbench'));
    expect(report.problems).toEqual([]);
    const entries = listPackage(join(appDir, 'resources/app.asar'), { isPack: false }).map((e) => e.replace(/\\/g, '/'));
    expect(entries).toContain('/out/renderer/index.html');
    expect(entries).toContain('/node_modules/tiny/index.js');
    expect(entries.filter((e) => /harness|\.map$|bench-/.test(e))).toEqual([]);
    expect(readFileSync(join(appDir, 'resources/demo/trail.json'), 'utf8')).toBe('{"Records":[]}');
  }, 120_000);

  it('a packaging run stops when the Electron build has no fuse wire', async () => {
    const project = fakeProject();
    write(join(project, 'electron-dist/electron'), Buffer.alloc(4096, 0x41));
    const base = builderConfig(project, { electronDist: join(project, 'electron-dist') });
    const config = { ...base, electronVersion: '45.6.1', directories: { ...base.directories, output: join(project, 'dist') } };
    await expect(build({ projectDir: project, config, targets: Platform.LINUX.createTarget('dir') })).rejects.toThrow(/sentinel/);
  }, 120_000);

  it('leaves out the packages only optional (benchmark) dependencies need, and keeps every runtime one', () => {
    const runtime = runtimeModules(REPO);
    expect([...runtime].sort()).toEqual(expect.arrayContaining(['sql.js', 'zod', 'fflate', 'bcrypt-pbkdf']));
    const excluded = excludedFromApp(REPO);
    expect(excluded).toEqual(expect.arrayContaining(['!out/renderer/harness.html', '!out/renderer/assets/harness-*.js', '!**/node_modules/better-sqlite3/**']));
    for (const name of runtime) expect(excluded).not.toContain(`!**/node_modules/${name}/**`);
  });

  it('the content check names the harness, a stray package and a missing entry point', () => {
    const good = ['/package.json', '/out/main/index.js', '/out/main/worker.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/node_modules/zod/index.js'];
    expect(appContentProblems(good, new Set(['zod']))).toEqual([]);
    const problems = appContentProblems([...good.slice(1), '/out/renderer/harness.html', '/node_modules/better-sqlite3/lib/index.js', '/node_modules/@scope/x/node_modules/zod/a.js'], new Set(['zod']));
    expect(problems).toEqual([
      'out/renderer/harness.html is in the packaged app: the browser test harness page must be left out',
      'node_modules/@scope/x is in the packaged app but is not a runtime dependency',
      'node_modules/better-sqlite3 is in the packaged app but is not a runtime dependency',
      'package.json is missing from the packaged app',
    ]);
  });
});
