// The electron-builder configuration of NHI Workbench. Packaging downloads the Electron build for the target
// platform (unless node_modules/electron holds the binary for this one), so it runs on a developer's machine with
// network, never inside `npm test`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Arch, type AfterPackContext, type Configuration } from 'electron-builder';
import { checkAppAsar, excludedFromApp, runtimeModules } from './app-contents';
import { flipAppFuses, verifyFuses } from './fuses';

/** The Electron executable (or .app) electron-builder wrote into `appOutDir`. */
export function packagedExecutable(context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager'>): string {
  const platform = context.electronPlatformName;
  if (platform === 'linux') return join(context.appOutDir, (context.packager as unknown as { executableName: string }).executableName);
  const name = context.packager.appInfo.productFilename;
  return join(context.appOutDir, platform === 'win32' ? `${name}.exe` : `${name}.app`);
}

/**
 * Runs after the app is packed and before it is signed: flips the fuses (scripts/package/fuses.ts), reads them back,
 * and checks that app.asar holds what it must and nothing it must not (harness.html). Any difference stops packaging.
 */
export async function afterPack(context: AfterPackContext): Promise<void> {
  const repo = context.packager.projectDir;
  const binary = packagedExecutable(context);
  // Flipping fuses breaks the ad-hoc signature every arm64 macOS binary needs; the hook re-signs ad hoc, and a real
  // signing identity (if configured) signs over it right after this hook.
  const arm64Mac = (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') && context.arch === Arch.arm64;
  await flipAppFuses(binary, { resetAdHocDarwinSignature: arm64Mac });
  const report = await verifyFuses(binary);
  if (report.problems.length > 0) throw new Error(`Fuses not as wanted in ${binary}:\n${report.problems.join('\n')}`);
  const contents = checkAppAsar(join(context.packager.getResourcesDir(context.appOutDir), 'app.asar'), runtimeModules(repo));
  if (contents.length > 0) throw new Error(`The packaged app is not as it should be:\n${contents.join('\n')}`);
}

/** electron-builder's configuration; `electronDist` is the local Electron build to use instead of downloading one. */
export function builderConfig(repo: string, options: { electronDist?: string } = {}): Configuration {
  const localElectron = join(repo, 'node_modules/electron/dist');
  const haveLocal = existsSync(join(repo, 'node_modules/electron/path.txt')) && existsSync(localElectron);
  return {
    appId: 'org.nhi-workbench.app',
    productName: 'NHI Workbench',
    executableName: 'nhi-workbench',
    directories: { output: 'dist', buildResources: 'resources/build' },
    files: ['package.json', 'out/main/**', 'out/preload/**', 'out/renderer/**', ...excludedFromApp(repo)],
    // The demo bundle is read from process.resourcesPath/demo by src/main/index.ts when packaged.
    extraResources: [{ from: 'resources/demo', to: 'demo' }],
    asar: true,
    // No native module ships (better-sqlite3 is left out above), so nothing is rebuilt for Electron.
    npmRebuild: false,
    nodeGypRebuild: false,
    electronDist: options.electronDist ?? (haveLocal ? localElectron : null),
    // Fuses come from scripts/package/fuses.ts through afterPack, not electron-builder's own electronFuses, so the
    // wanted set lives in one module that packaging and `npm run package:verify` share.
    electronFuses: null,
    afterPack,
    publish: null,
    linux: { category: 'Utility' },
  };
}
