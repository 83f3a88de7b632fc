// The bench's evidence generator: `npx tsx scripts/bench/generate-evidence.ts --events N --identities N --seed S
// --out DIR [--hot 100000,10000] [--format ndjson|records] [--per-file N] [--days D] [--no-incidents]`.
// Deterministic from the seed: the same flags give the same bytes, so runs on different days compare like with like.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Rng } from './generate/prng';
import { writeTrail, type TrailSpec } from './generate/cloudtrail';
import { writeOtherSources } from './generate/other-sources';
import type { Planted } from './generate/incidents';

/** Everything the generator is asked for. */
export interface EvidenceSpec extends TrailSpec {
  /** Sizes of the smaller sources (0 = none). */
  k8s: number;
  findings: number;
  spans: number;
}

/** Where the evidence went and what it contains. */
export interface Evidence {
  dir: string;
  cloudtrail: string[];
  other: string[];
  events: number;
  bytes: number;
  hot: string[];
  planted: Planted;
}

/** Sensible sizes for the smaller sources given the trail's size. */
export function defaultSpec(partial: Partial<EvidenceSpec> & { events: number }): EvidenceSpec {
  const events = partial.events;
  return {
    identities: 2000,
    seed: 1,
    hot: [],
    perFile: 100_000,
    format: 'ndjson',
    days: 7,
    incidents: true,
    k8s: Math.min(20_000, Math.ceil(events / 50)),
    findings: 200,
    spans: 500,
    ...partial,
  };
}

/** Writes the evidence set into `dir` (cloudtrail/ and other/), plus bench-spec.json beside them. */
export function generateEvidence(spec: EvidenceSpec, dir: string): Evidence {
  const trail = writeTrail(spec, join(dir, 'cloudtrail'));
  const otherDir = join(dir, 'other');
  mkdirSync(otherDir, { recursive: true });
  // The other sources draw from their own stream so that changing their sizes never changes the trail.
  const other = spec.k8s + spec.findings + spec.spans > 0 ? writeOtherSources(new Rng(spec.seed ^ 0x5eed), otherDir, { ...spec, days: spec.days }, trail.planted) : [];
  const evidence: Evidence = { dir, cloudtrail: trail.files, other, events: trail.events, bytes: trail.bytes, hot: trail.hot, planted: trail.planted };
  // Not named manifest.json: that name means an evidence-bundle manifest to the engine.
  writeFileSync(join(dir, 'bench-spec.json'), `${JSON.stringify({ spec, evidence }, null, 2)}\n`);
  return evidence;
}

if (/generate-evidence\.ts$/.test(process.argv[1] ?? '')) {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '100000' },
      identities: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: 'bench-results/evidence' },
      hot: { type: 'string', default: '' },
      format: { type: 'string', default: 'ndjson' },
      'per-file': { type: 'string', default: '100000' },
      days: { type: 'string', default: '7' },
      'no-incidents': { type: 'boolean', default: false },
    },
  });
  const format = values.format === 'records' ? 'records' : 'ndjson';
  const spec = defaultSpec({
    events: Number(values.events),
    identities: Number(values.identities),
    seed: Number(values.seed),
    hot: values.hot ? values.hot.split(',').map(Number) : [],
    perFile: Number(values['per-file']),
    format,
    days: Number(values.days),
    incidents: !values['no-incidents'],
  });
  const started = performance.now();
  const out = generateEvidence(spec, resolve(values.out));
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${out.events} CloudTrail events in ${out.cloudtrail.length} files, ${(out.bytes / 1e6).toFixed(1)} MB (${Math.round(out.bytes / out.events)} B/event), plus ${out.other.length} other files, in ${seconds.toFixed(1)} s -> ${out.dir}\n`);
}
