// `npm run package`: packages the built app (out/) for this platform with electron-builder, flipping the Electron
// fuses and leaving the test harness out (scripts/package/config.ts). By default it writes an unpacked app folder
// under dist/; `npm run package -- --installer` builds the platform's installers (AppImage, NSIS, DMG) instead,
// which fetches their tools too. Needs the Electron binary: node_modules/electron's (a normal `npm install`), or
// electron-builder downloads the Electron build, so it needs network on the machine that packages.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, Platform } from 'electron-builder';
import { builderConfig } from './config';

const REPO = resolve(__dirname, '../..');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--installer');
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown[0]}; usage: npm run package [-- --installer]`);
  if (!existsSync(join(REPO, 'out/main/index.js'))) throw new Error('out/ is missing: run `npm run build` first (npm run package does).');
  const config = builderConfig(REPO);
  if (config.electronDist === null) process.stdout.write('node_modules/electron has no binary: electron-builder will download the Electron build.\n');
  const targets = args.includes('--installer') ? Platform.current().createTarget() : Platform.current().createTarget('dir');
  const artifacts = await build({ projectDir: REPO, config, targets });
  process.stdout.write(`packaged (fuses flipped and read back, no harness.html):\n${artifacts.map((a) => `  ${a}`).join('\n')}\n`);
  process.stdout.write('check any build again with: npm run package:verify -- <path to its executable or .app>\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
