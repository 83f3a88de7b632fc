// `npm run lint:electron`: Electronegativity (pinned devDependency, run offline) on the sources (`src`) and on the
// built app (`out`, so run `npm run build` first; `npm test` does), judged by scripts/electronegativity-policy.ts
// against docs/electronegativity-accepted.json. Exit 1 on any HIGH or MEDIUM finding that is not accepted there.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { judge, parseAccepted, type ScanResult } from './electronegativity-policy';

const REPO = resolve(__dirname, '..');
/** The Electron version the app ships (Electronegativity cannot read it from package.json here). */
const ELECTRON_VERSION = (JSON.parse(readFileSync(join(REPO, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

function scan(name: string, dir: string): ScanResult {
  const work = mkdtempSync(join(tmpdir(), 'nhi-electronegativity-'));
  try {
    const output = join(work, 'findings.json');
    const run = spawnSync(process.execPath, [join(REPO, 'scripts/electronegativity-run.cjs'), dir, ELECTRON_VERSION, output], { cwd: REPO, encoding: 'utf8' });
    if (run.status !== 0 || !existsSync(output)) throw new Error(`Electronegativity failed on ${name}/ (exit ${run.status}):\n${run.stderr}${run.stdout}`);
    const result = JSON.parse(readFileSync(output, 'utf8')) as Omit<ScanResult, 'scan'> & { checks: number };
    process.stdout.write(`${name}/: ${result.checks} checks, ${result.findings.length} findings\n`);
    return { scan: name, findings: result.findings, errors: result.errors };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function main(): number {
  if (!existsSync(join(REPO, 'out/main/index.js'))) {
    process.stderr.write('out/ is missing: run `npm run build` first (npm test does).\n');
    return 2;
  }
  const accepted = parseAccepted(JSON.parse(readFileSync(join(REPO, 'docs/electronegativity-accepted.json'), 'utf8')));
  const verdict = judge([scan('src', join(REPO, 'src')), scan('out', join(REPO, 'out'))], accepted);
  for (const { finding, scan: s } of verdict.passed) process.stdout.write(`  ${finding.severity.toLowerCase()}: ${finding.id} at ${s}/${finding.file}:${finding.line} (passes: below medium)\n`);
  for (const { finding, scan: s, reason } of verdict.accepted) process.stdout.write(`  accepted: ${finding.id} (${finding.severity}) at ${s}/${finding.file}:${finding.line}: ${reason}\n`);
  for (const entry of verdict.unused) process.stdout.write(`  note: accepted entry ${entry.scan}/${entry.file} ${entry.id} matched nothing; remove it from docs/electronegativity-accepted.json\n`);
  if (verdict.failures.length > 0) {
    for (const failure of verdict.failures) process.stderr.write(`ELECTRONEGATIVITY: ${failure}\n`);
    process.stderr.write('Fix the finding, or accept it in docs/electronegativity-accepted.json with the reason it is safe (and say so in docs/security.md).\n');
    return 1;
  }
  process.stdout.write('Electronegativity: no high or medium finding that is not accepted.\n');
  return 0;
}

process.exit(main());
