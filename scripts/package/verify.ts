// `npm run package:verify -- <path to the Electron executable or .app>`: reads the fuse wire back and fails (exit 1)
// when any fuse differs from scripts/package/fuses.ts. Used by `npm run package` on what it built, and by hand on
// any build (e.g. dist/linux-unpacked/nhi-workbench, dist/mac-arm64/NHI Workbench.app, dist/win-unpacked/NHI Workbench.exe).
import { verifyFuses } from './fuses';

async function main(): Promise<number> {
  const binary = process.argv[2];
  if (binary === undefined || process.argv.length > 3) {
    process.stderr.write('usage: npm run package:verify -- <path to the Electron executable or .app>\n');
    return 2;
  }
  const report = await verifyFuses(binary);
  for (const fuse of report.fuses) {
    process.stdout.write(`${fuse.name.padEnd(40)} ${fuse.state.padEnd(8)}${fuse.wanted === null ? '(left as Electron ships it)' : `(wanted ${fuse.wanted})`}\n`);
  }
  if (report.problems.length > 0) {
    for (const problem of report.problems) process.stderr.write(`FUSE WRONG: ${problem}\n`);
    return 1;
  }
  process.stdout.write(`fuses OK: ${binary}\n`);
  return 0;
}

void main().then((code) => process.exit(code));
