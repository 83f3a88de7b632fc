// `npm run bench [-- --quick]`: generates evidence, measures every figure of the performance issue through the
// engine contract (and the UI through the browser harness), prints one line per figure and writes
// bench-results/<timestamp>.json. Benchmarks report; they never fail a build and are not part of `npm test`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inProcessEngine } from '../../src/main/engine/engine-client';
import { readConfig, type BenchConfig } from './lib/config';
import { evidenceFor } from './lib/evidence-cache';
import { Report } from './lib/report';
import { ingestFigures } from './figures/ingest';
import { openFigure } from './figures/open-workspace';
import { actionFigures } from './figures/case-actions';
import { queueFigures, searchFigures, signalPageFigures } from './figures/pages';
import { exportFigures } from './figures/export-verify';
import { otherSourcesFigure } from './figures/other-sources';
import { uiFigures } from './figures/ui';
import { casesBySize, closestCase, n } from './figures/engine-util';
import { runMeasured, tail } from './lib/proc';

const REPO = resolve(__dirname, '..', '..');
const CHILD = join(__dirname, 'children', 'ingest-child.ts');

/** Ingests generated evidence into a workspace without reporting it as a figure (setup for other figures). */
async function prepareWorkspace(report: Report, cfg: BenchConfig, label: string, cases: number, events: number, path: string): Promise<boolean> {
  const { evidence, seconds, cached } = evidenceFor(cfg.dataDir, { events, identities: cases, seed: cfg.seed, hot: [], k8s: 0, findings: 0, spans: 0, incidents: false });
  const run = await runMeasured(process.execPath, ['--import', 'tsx', CHILD, path, ...evidence.cloudtrail], { cwd: REPO });
  if (run.code !== 0) {
    report.unavailable(`setup.${label}`, `setup: ${label}`, 's', `failed: ${tail(run.stderr)}`);
    return false;
  }
  const r = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { seconds: number; cases: number };
  report.add({ id: `setup.${label}`, name: `setup: ingest ${n(events)} events -> ${n(r.cases)} cases (${label})`, value: r.seconds, unit: 's', note: cached ? 'evidence cached' : `generated in ${seconds.toFixed(1)} s` });
  return true;
}

/** The commit measured, and whether the work tree differed from it (figures move with the engine's code). */
function revision(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src'], { cwd: REPO, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} + uncommitted changes in src/` : head;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const cfg = readConfig(process.argv.slice(2));
  const rev = revision();
  const started = performance.now();
  const root = mkdtempSync(join(tmpdir(), 'nhi-bench-'));
  const report = new Report({ mode: cfg.quick ? 'quick' : 'full', revision: rev, config: cfg, workspaces: root });
  process.stdout.write(`NHI Workbench bench (${cfg.quick ? 'quick' : 'full'}): ${n(cfg.events)} events, ${n(cfg.identities)} identities, seed ${cfg.seed}; revision ${rev}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; workspaces in ${root}\n`);
  const reduced = cfg.quick || cfg.events < 1_000_000;
  try {
    // 1. The main trail: ingest against the references, then everything that reads or changes that workspace.
    const main = evidenceFor(cfg.dataDir, { events: cfg.events, identities: cfg.identities, seed: cfg.seed, hot: cfg.hot });
    const ev = main.evidence;
    report.add({ id: 'generate', name: `generate ${n(ev.events)} CloudTrail events (${Math.round(ev.bytes / ev.events)} B/event) + k8s, gitleaks, agent traces`, value: main.cached ? null : main.seconds, unit: 's', note: main.cached ? `cached (${(ev.bytes / 1e6).toFixed(0)} MB)` : `${(ev.bytes / 1e6).toFixed(0)} MB` });
    const w1 = join(root, 'main');
    const ingested = await ingestFigures(report, ev.cloudtrail, ev.events, w1, reduced);
    if (ingested) {
      await openFigure(report, w1, ingested.signals, cfg.runs.open, reduced);
      const engine = inProcessEngine({ user: 'bench@localhost' });
      try {
        await engine.call('open', { path: w1, create: false });
        const cases = await casesBySize(engine);
        const hot = cases[0]!;
        const exportCase = closestCase(cases, cfg.hot[1]);
        await signalPageFigures(report, engine, hot.id, hot.signals, cfg.runs.pages, cfg.quick || hot.signals < 100_000);
        await searchFigures(report, engine, hot.id, hot.signals, ingested.signals, cfg.runs.pages);
        await actionFigures(report, engine, ingested.signals, cfg.runs.actions, ingested.signals < 500_000);
        await exportFigures(report, engine, exportCase.id, exportCase.signals, ingested.signals, cfg.runs.export, exportCase.signals < 10_000);
        report.add({ id: 'info.tableCase', name: 'info: the large case used for signal pages and scrolling', value: hot.signals, unit: 'signals', note: hot.id });
      } finally {
        await engine.dispose();
      }
    }
    await otherSourcesFigure(report, ev.other, join(root, 'other'), 'the smaller sources: Kubernetes audit, gitleaks v8 report, agent traces');

    // 2. Many cases: the case queue.
    const w2 = join(root, 'queue');
    if (await prepareWorkspace(report, cfg, 'queue workspace', cfg.queueCases, cfg.queueEvents, w2)) {
      const engine = inProcessEngine({ user: 'bench@localhost' });
      try {
        const info = await engine.call('open', { path: w2, create: false });
        await queueFigures(report, engine, info.cases, cfg.runs.pages, info.cases < 50_000);
      } finally {
        await engine.dispose();
      }
    }

    // 3. The UI in Chromium.
    if (cfg.ui && ingested) {
      let w3 = w2;
      if (cfg.uiCases !== cfg.queueCases) {
        w3 = join(root, 'ui-queue');
        if (!(await prepareWorkspace(report, cfg, 'UI queue workspace', cfg.uiCases, cfg.uiCases * 2, w3))) w3 = '';
      }
      const engine = inProcessEngine({ user: 'bench@localhost' });
      const hot = await engine.call('open', { path: w1, create: false }).then(() => casesBySize(engine)).then((c) => c[0]!);
      await engine.dispose();
      if (w3) {
        await uiFigures(report, {
          queueWorkspace: w3,
          queueCases: cfg.uiCases,
          tableWorkspace: w1,
          tableCaseId: hot.id,
          tableCaseSize: hot.signals,
          build: cfg.build,
          runs: cfg.runs.ui,
          scrollFrames: cfg.scrollFrames,
          reduced: cfg.quick,
        });
      }
    } else if (!cfg.ui) {
      report.unavailable('ui', 'UI figures', 'ms', 'skipped (--no-ui)');
    }
  } finally {
    const path = report.write(resolve(REPO, 'bench-results'));
    process.stdout.write(`\n${report.figures.length} figures in ${((performance.now() - started) / 1000).toFixed(0)} s (load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')}); written to ${path}\n`);
    if (!cfg.keep) rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
