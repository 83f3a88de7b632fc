import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WorkbenchError } from '../../../../src/shared/errors';
import type { Identifier } from '../../../../src/shared/schemas';
import { textSource } from '../../../../src/main/engine/ingest/evidence-source';
import { stix } from '../../../../src/main/engine/ingest/formats/stix';
import type { ParsedSignal, RawRecord } from '../../../../src/main/engine/ingest/types';

const repoRoot = resolve(__dirname, '../../../..');
const fixtureDir = join(repoRoot, 'test/fixtures/stix');
const realDir = resolve(repoRoot, '../shared/fixtures/real/stix/oasis-open_cti-stix2-json-schemas');

const ACCOUNT = '284619370215';
const fixture = (name: string): string => readFileSync(join(fixtureDir, name), 'utf8');
const records = (text: string, file: string): RawRecord[] => [...stix.records(textSource(file, text))];
const signals = (text: string, file: string): (ParsedSignal | null)[] => records(text, file).map((r) => stix.toSignal(r, file));
const arn = (value: string): Identifier => ({ type: 'aws.arn', value });
const key = (value: string): Identifier => ({ type: 'aws.access_key', value });

function present(list: (ParsedSignal | null)[], i: number): ParsedSignal {
  const signal = list[i];
  if (signal === undefined || signal === null) throw new Error(`no signal ${i}`);
  return signal;
}

function thrown(fn: () => unknown): WorkbenchError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WorkbenchError);
    return err as WorkbenchError;
  }
  throw new Error('expected a WorkbenchError, nothing was thrown');
}

describe('stix: detection', () => {
  it.each(['bundle.json', 'stix20-bundle.json', 'taxii-envelope.json'])('detects %s', (name) => {
    expect(stix.detect(fixture(name).slice(0, 65536), name)).toBe(true);
  });

  const foreign = [
    ...readdirSync(join(repoRoot, 'test/fixtures/cloudtrail')).map((f) => join('test/fixtures/cloudtrail', f)),
    'test/fixtures/story/good/trail.json',
    ...['api-activity.ndjson', 'authentication.json', 'findings.json', 'single-event.json'].map((f) => join('test/fixtures/ocsf', f)),
    ...['otlp-export.json', 'collector.ndjson', 'sdk-spans.json', 'sdk-bigint.json'].map((f) => join('test/fixtures/otel-genai', f)),
    'test/fixtures/stix/not-stix.json',
  ];
  it.each(foreign)('does not claim %s', (path) => {
    expect(stix.detect(readFileSync(join(repoRoot, path), 'utf8').slice(0, 65536), path)).toBe(false);
  });
});

describe('stix: a bundle of intel about NHIs', () => {
  const all = signals(fixture('bundle.json'), 'bundle.json');

  it('yields every object with its line, and skips context objects', () => {
    const recs = records(fixture('bundle.json'), 'bundle.json');
    expect(recs).toHaveLength(10);
    expect(recs[0]?.line).toBe(5);
    expect(all.map((s) => s?.action ?? null)).toEqual([
      null,
      null,
      'intel:indicator',
      'intel:indicator',
      'intel:indicator',
      null,
      null,
      'intel:observed-data',
      'intel:sighting',
      null,
    ]);
  });

  it('makes the access key in an indicator pattern the actor, tied to the ARN in the same expression', () => {
    const s = present(all, 2);
    expect(s).toMatchObject({
      time: '2026-01-05T09:30:00.000Z',
      source: 'stix',
      outcome: 'unknown',
      severity: 'high',
      dedupeKey: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f@2026-01-05T10:00:00.000Z',
    });
    expect(s.actor).toMatchObject({ kind: 'aws.access-key', primary: key('AKIAUQ3XK7PLWD4HN2QB') });
    expect(s.actor.identifiers).toContainEqual(arn(`arn:aws:iam::${ACCOUNT}:user/deploy-bot`));
    expect(s.links).toHaveLength(1);
    expect(s.summary).toMatch(/^Indicator "Leaked deploy-bot access key traded on paste site" \(compromised\): \[user-account:user_id = 'AKIA…N2QB'/);
    expect(s.summary).not.toContain('AKIAUQ3XK7PLWD4HN2QB');
  });

  it('puts IPs and domains in sourceIp and target, never in identifiers', () => {
    const s = present(all, 3);
    expect(s).toMatchObject({ sourceIp: '203.0.113.77', target: '203.0.113.77', severity: 'medium' });
    expect(s.actor).toEqual({ label: 'no identity', kind: 'unknown', primary: null, identifiers: [] });
    const values = all.flatMap((x) => x?.actor.identifiers ?? []).map((id) => id.value);
    expect(values).not.toContain('203.0.113.77');
    expect(values).not.toContain('cdn-sync.example.org');
  });

  it('finds a service account in a custom x_ property and masks a password in the pattern', () => {
    const s = present(all, 4);
    expect(s.actor).toMatchObject({ kind: 'gcp.service-account', primary: { type: 'gcp.sa', value: 'etl-runner@acme-data-prod.iam.gserviceaccount.com' } });
    expect(s.severity).toBe('low');
    expect(s.summary).toContain("user-account:credential = '");
    expect(JSON.stringify(all)).not.toContain('STIX-SECRET-Hunter2-42a9');
  });

  it('resolves observed data through object_refs: the role session key joins the role', () => {
    const s = present(all, 7);
    expect(s.time).toBe('2026-01-05T09:01:10.000Z');
    expect(s.actor).toMatchObject({ kind: 'aws.role', primary: arn(`arn:aws:iam::${ACCOUNT}:role/prod-data-reader`) });
    expect(s.actor.identifiers).toContainEqual(key('ASIAUQ3XK7PLR6YB2KFE'));
    expect(s.links[0]?.reason).toMatch(/observed user-account/);
    expect(s.sourceIp).toBe('203.0.113.77');
    expect(s.summary).toMatch(/^Observed 57×: user-account arn:aws:iam::284619370215:role\/prod-data-reader, ipv4-addr 203\.0\.113\.77$/);
  });

  it('ties a sighting to the key of the indicator it sighted, naming where it was seen', () => {
    const s = present(all, 8);
    expect(s.time).toBe('2026-01-05T09:02:00.000Z');
    expect(s.actor.primary).toEqual(key('AKIAUQ3XK7PLWD4HN2QB'));
    expect(s.summary).toBe('Sighting 3× of indicator "Leaked deploy-bot access key traded on paste site" at Acme SOC');
  });
});

describe('stix: other shapes', () => {
  it('reads STIX 2.0 observed data with embedded objects and indicator labels', () => {
    const all = signals(fixture('stix20-bundle.json'), 'stix20-bundle.json');
    expect(present(all, 0).actor.primary).toEqual({ type: 'gcp.sa', value: 'etl-runner@acme-data-prod.iam.gserviceaccount.com' });
    expect(present(all, 0).target).toBe('storage-mirror.example.net');
    expect(present(all, 1)).toMatchObject({ action: 'intel:indicator', target: 'https://storage-mirror.example.net/drop', severity: null });
    expect(present(all, 1).summary).toContain('(malicious-activity)');
  });

  it('reads a TAXII envelope and anchors a role session on its role', () => {
    const [s] = signals(fixture('taxii-envelope.json'), 'taxii-envelope.json');
    expect(s?.actor.primary).toEqual(arn(`arn:aws:iam::${ACCOUNT}:role/ci-deployer`));
    expect(s?.actor.identifiers).toContainEqual(arn(`arn:aws:sts::${ACCOUNT}:assumed-role/ci-deployer/gh-run-8812`));
    expect(s?.actor.label).toBe('role/ci-deployer');
  });

  it('does not link identifiers joined by OR: they may be different NHIs', () => {
    const bundle = {
      type: 'bundle',
      id: 'bundle--00000000-0000-4000-8000-000000000001',
      objects: [
        {
          type: 'indicator',
          id: 'indicator--00000000-0000-4000-8000-000000000002',
          created: '2026-01-05T00:00:00Z',
          pattern: "[user-account:user_id = 'AKIAUQ3XK7PLWD4HN2QB' OR user-account:user_id = 'AKIAUQ3XK7PLZ8VT3MXA']",
          valid_from: '2026-01-05T00:00:00Z',
        },
      ],
    };
    const [s] = signals(JSON.stringify(bundle), 'or.json');
    expect(s?.links).toEqual([]);
    expect(s?.actor.identifiers).toEqual([key('AKIAUQ3XK7PLWD4HN2QB')]);
    expect(s?.summary).toContain('also names 1 other identifier');
  });
});

describe('stix: refusing bad input', () => {
  it('refuses truncated JSON naming line and column', () => {
    const err = thrown(() => records(fixture('bundle.json').slice(0, 900), 'cut.json'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.record).toMatch(/^line \d+, column \d+$/);
  });

  it.each([
    ['not-stix.json', fixture('not-stix.json')],
    ['array.json', '[{"type":"indicator"}]'],
    ['other.json', '{"Records":[]}'],
  ])('refuses JSON that is not STIX (%s) with a hint', (name, text) => {
    const err = thrown(() => records(text, name));
    expect(err.message).toMatch(/not STIX/);
    expect(err.hint).toMatch(/bundle/);
  });

  it('rejects an object without an id or a time by name, and survives hostile values', () => {
    expect(thrown(() => stix.toSignal({ index: 3, line: 40, value: { type: 'indicator' } }, 'b.json')).record).toBe('object 4 (line 40)');
    const noTime = { type: 'indicator', id: 'indicator--1', pattern: "[ipv4-addr:value = '1.2.3.4']" };
    expect(thrown(() => stix.toSignal({ index: 0, line: null, value: noTime }, 'b.json')).message).toMatch(/valid_from or created/);
    const hostile = JSON.parse('{"type":"indicator","id":"indicator--2","created":"2026-01-05T00:00:00Z","pattern":42,"name":["x"],"__proto__":{"a":1},"x_key":{"k":"AKIAUQ3XK7PLWD4HN2QB"},"confidence":"high"}') as unknown;
    const s = stix.toSignal({ index: 0, line: 1, value: hostile }, 'b.json');
    expect(s?.actor.primary).toEqual(key('AKIAUQ3XK7PLWD4HN2QB'));
    expect(s?.severity).toBeNull();
  });
});

const realFiles = existsSync(realDir) ? readdirSync(realDir).filter((f) => f.endsWith('.json')) : [];
if (realFiles.length === 0) console.log(`real STIX fixtures were not found at ${realDir}; skipping those tests`);

describe.skipIf(realFiles.length === 0)('stix: real bundles (OASIS cti-stix2-json-schemas examples)', () => {
  it('imports every file: one signal per indicator, observed-data and sighting, the rest skipped', () => {
    for (const name of realFiles) {
      const text = readFileSync(join(realDir, name), 'utf8');
      expect(stix.detect(text.slice(0, 65536), name), name).toBe(true);
      const objects = (JSON.parse(text) as { objects: { type: string }[] }).objects;
      const expected = objects.filter((o) => ['indicator', 'observed-data', 'sighting'].includes(o.type)).length;
      const all = signals(text, name);
      expect(all, name).toHaveLength(objects.length);
      expect(all.filter((s) => s !== null), name).toHaveLength(expected);
    }
  });

  it('keeps IP indicators out of identities', () => {
    const text = readFileSync(join(realDir, 'poisonivy.json'), 'utf8');
    const all = signals(text, 'poisonivy.json').filter((s): s is ParsedSignal => s !== null);
    expect(all.length).toBe(25);
    expect(all.every((s) => s.actor.primary === null)).toBe(true);
    expect(all.filter((s) => s.sourceIp !== null).length).toBeGreaterThan(10);
  });
});
