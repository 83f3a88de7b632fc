import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inProcessEngine } from '../../../src/main/engine/engine-client';
import { parsers } from '../../../src/main/engine/ingest/registry';
import { REAL_FIXTURES, tempDir } from '../../helpers/workspace';

const present = existsSync(REAL_FIXTURES);
if (!present) console.log(`real fixtures not found at ${REAL_FIXTURES}; skipping the real-evidence import tests`);
const registered = new Set(parsers.map((p) => p.id));

/** Real evidence folders, the format each must import as, and whether its records name NHIs (so cases must come out). */
const FOLDERS: [string, string, boolean][] = [
  ['aws-cloudtrail', 'aws.cloudtrail', true],
  ['gcp-audit', 'gcp.audit', true],
  ['azure-entra/log2timeline_plaso', 'azure.activity', true],
  ['azure-entra/otrf_security-datasets_GoldenSAMLADFSMailAccess', 'azure.entra-audit', true],
  ['github-secret-scanning', 'github.secret-scanning', true],
  ['gitleaks', 'gitleaks', true],
  ['trufflehog', 'trufflehog', true],
  ['detect-secrets', 'detect-secrets', true],
  ['ocsf', 'ocsf', true],
  ['otel-genai', 'otel.genai', true],
  ['stix', 'stix', false],
];

describe('real evidence imports through the engine', () => {
  for (const [folder, format, namesNhis] of FOLDERS) {
    it.skipIf(!present || !registered.has(format))(`imports every file of ${folder} as ${format}`, async () => {
      const engine = inProcessEngine();
      await engine.call('open', { path: join(tempDir(), 'ws'), create: true });
      const result = await engine.call('ingest', { paths: [join(REAL_FIXTURES, folder)] });
      for (const file of result.files) {
        if (file.duplicate) continue; // the same upstream file copied twice
        expect({ path: file.path, format: file.format, error: file.error }).toEqual({ path: file.path, format, error: undefined });
      }
      expect(result.signals).toBeGreaterThan(0);
      if (namesNhis) expect(result.cases).toBeGreaterThan(0);
      await engine.dispose();
    }, 60_000);
  }

  it.skipIf(!present || !registered.has('k8s.audit'))('imports the Kubernetes audit trace files, and refuses the malformed fal_01_003.json by name and place', async () => {
    const engine = inProcessEngine();
    await engine.call('open', { path: join(tempDir(), 'ws'), create: true });
    const dir = join(REAL_FIXTURES, 'k8s-audit/falcosecurity_falco_trace_files');
    await expect(engine.call('ingest', { paths: [join(dir, 'fal_01_003.json')] })).rejects.toMatchObject({ code: 'BAD_INPUT', file: expect.stringContaining('fal_01_003.json'), record: expect.any(String) });
    const { readdirSync } = await import('node:fs');
    const good = readdirSync(dir).filter((f) => f !== 'fal_01_003.json').map((f) => join(dir, f));
    const result = await engine.call('ingest', { paths: good });
    expect(result.files.filter((f) => !f.duplicate).every((f) => f.format === 'k8s.audit')).toBe(true);
    expect(result.cases).toBeGreaterThan(0);
    await engine.dispose();
  }, 60_000);
});
