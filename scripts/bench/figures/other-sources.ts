// Ingest of the smaller sources (Kubernetes audit, gitleaks findings, agent traces) into a fresh workspace, so a
// regression in those parsers shows too. In-process: these sets are small and their memory is not a target.
import { rmSync } from 'node:fs';
import { inProcessEngine } from '../../../src/main/engine/engine-client';
import type { Report } from '../lib/report';

/** Reports the time to ingest `files` into a new workspace at `workspace`. */
export async function otherSourcesFigure(report: Report, files: string[], workspace: string, label: string): Promise<void> {
  rmSync(workspace, { recursive: true, force: true });
  const engine = inProcessEngine({ user: 'bench@localhost' });
  try {
    await engine.call('open', { path: workspace, create: true, initialize: true });
    const started = performance.now();
    const result = await engine.call('ingest', { paths: files, skipBadRecords: true });
    const seconds = (performance.now() - started) / 1000;
    const rejected = result.files.reduce((sum, f) => sum + f.rejected, 0);
    const formats = result.files.map((f) => `${f.format}:${f.signals}`).join(', ');
    report.add({ id: 'ingest.other', name: `ingest ${label} (engine, in-process)`, value: seconds, unit: 's', note: `${result.signals} signals, ${result.identities} identities; ${formats}${rejected ? `; ${rejected} rejected` : ''}` });
  } catch (err) {
    report.unavailable('ingest.other', `ingest ${label}`, 's', `failed: ${(err as Error).message}`);
  } finally {
    await engine.dispose();
    rmSync(workspace, { recursive: true, force: true });
  }
}
