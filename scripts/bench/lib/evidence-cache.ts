// Generated evidence is deterministic, so it is kept under bench-results/data/ keyed by its spec and reused:
// a second run spends its time measuring, not generating a gigabyte of JSON again.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultSpec, generateEvidence, type Evidence, type EvidenceSpec } from '../generate-evidence';

/** Bump when the generator's output changes, so stale caches are not reused. */
const GENERATOR_VERSION = 2;

/** The evidence for `partial`, generated now or taken from the cache; `seconds` is 0 when cached. */
export function evidenceFor(dataDir: string, partial: Partial<EvidenceSpec> & { events: number }): { evidence: Evidence; seconds: number; cached: boolean } {
  const spec = defaultSpec(partial);
  const key = `v${GENERATOR_VERSION}-e${spec.events}-i${spec.identities}-s${spec.seed}-h${spec.hot.join('_') || 'none'}-${spec.format}`;
  const dir = resolve(join(dataDir, key));
  const specFile = join(dir, 'bench-spec.json');
  if (existsSync(specFile)) {
    const saved = JSON.parse(readFileSync(specFile, 'utf8')) as { spec: EvidenceSpec; evidence: Evidence };
    if (JSON.stringify(saved.spec) === JSON.stringify(spec) && saved.evidence.cloudtrail.every((f) => existsSync(f))) return { evidence: saved.evidence, seconds: 0, cached: true };
  }
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const evidence = generateEvidence(spec, dir);
  return { evidence, seconds: (performance.now() - started) / 1000, cached: false };
}
