// The case-action figures alone, at the size the target names, without the rest of `npm run bench`:
//   npx tsx scripts/bench/actions.ts [--runs 30] [--seed S] [--keep] [--workspace DIR]
// builds a workspace of 500,000 CloudTrail events (evidence cached under bench-results/data/), measures merge, split,
// move and undo on it through the engine contract, prints the figures and writes bench-results/<timestamp>.json.
// --workspace measures on an existing workspace folder instead (for example one kept by an earlier --keep).
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from './lib/config';
import { Report } from './lib/report';
import { actionWorkspaceFigures } from './figures/case-actions';

/** The commit measured, and whether src/ differed from it. */
function revision(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} + uncommitted changes in src/` : head;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { runs: { type: 'string', default: '30' }, seed: { type: 'string', default: '1' }, keep: { type: 'boolean', default: false }, workspace: { type: 'string' } },
  });
  const cfg = readConfig(['--seed', values.seed ?? '1', ...(values.keep ? ['--keep'] : [])]);
  const report = new Report({ mode: 'actions', revision: revision(), config: cfg, workspaces: values.workspace ?? null });
  process.stdout.write(`NHI Workbench bench (case actions), revision ${revision()}: load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
  await actionWorkspaceFigures(report, cfg, Number(values.runs), values.workspace ? resolve(values.workspace) : undefined);
  const path = report.write(resolve(__dirname, '..', '..', 'bench-results'));
  process.stdout.write(`load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')}; written to ${path}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
