// Export and sign a case of about 10,000 signals, then verify the file, through the engine contract. The key is
// made with `keygen` without a passphrase (the contract's keygen takes none). Export also checkpoints the whole
// workspace (the engine does that after every export), so its time grows with the workspace, not only the case.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineClient } from '../../../src/main/engine/engine-client';
import type { Report } from '../lib/report';
import { median } from '../lib/stats';
import { n } from './engine-util';

/** Reports export+sign and verify medians for `caseId`. */
export async function exportFigures(report: Report, engine: EngineClient, caseId: string, size: number, workspaceSignals: number, runs: number, reduced: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nhi-bench-export-'));
  try {
    const keyPath = join(dir, 'signing-key');
    await engine.call('keygen', { outPath: keyPath, name: 'bench@nhi-workbench' });
    const exports: number[] = [];
    const verifies: number[] = [];
    let valid = true;
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const outPath = join(dir, `case-${i}.nhicase`);
      let started = performance.now();
      await engine.call('exportCase', { id: caseId, outPath, keyPath });
      exports.push((performance.now() - started) / 1000);
      bytes = statSync(outPath).size;
      started = performance.now();
      const result = await engine.call('verifyCaseFile', { path: outPath });
      verifies.push((performance.now() - started) / 1000);
      valid &&= result.valid;
    }
    const where = `${n(size)}-signal case in a ${n(workspaceSignals)}-signal workspace`;
    report.add({ id: 'export.seconds', name: `export + sign (.nhicase) a ${where} (audit entry journaled)`, value: median(exports), unit: 's', target: { text: '<= 2 s', limit: 2, on: 'value' }, reduced, detail: { runs, bytes } });
    report.add({ id: 'verify.seconds', name: `verify that case file (${(bytes / 1e6).toFixed(1)} MB)`, value: median(verifies), unit: 's', note: valid ? undefined : 'verification FAILED', target: { text: '<= 1 s', limit: 1, on: 'value' }, reduced, detail: { runs, valid } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
