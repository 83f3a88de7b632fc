import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Identifier } from '../../../../src/shared/schemas';
import { textSource } from '../../../../src/main/engine/ingest/evidence-source';
import { gcpAudit } from '../../../../src/main/engine/ingest/formats/gcp-audit';
import { azureActivity } from '../../../../src/main/engine/ingest/formats/azure-activity';
import { entraAudit } from '../../../../src/main/engine/ingest/formats/entra-audit';
import { entraSignIn } from '../../../../src/main/engine/ingest/formats/entra-signin';
import { okta } from '../../../../src/main/engine/ingest/formats/okta';
import type { FormatParser, ParsedSignal, RawRecord } from '../../../../src/main/engine/ingest/types';
import { Identities, thrown } from './parser-kit';

const repoRoot = resolve(__dirname, '../../../..');
const fixtureDir = join(repoRoot, 'test/fixtures/gcp-audit');
const realDir = resolve(repoRoot, '../shared/fixtures/real/gcp-audit/log2timeline_plaso');

const PROJECT = 'harbor-ledger-prod';
const SYNC_SA = `ledger-sync@${PROJECT}.iam.gserviceaccount.com`;
const DEPLOY_SA = `deployer@${PROJECT}.iam.gserviceaccount.com`;
const CI_SA = `ci-runner@${PROJECT}.iam.gserviceaccount.com`;
const USER = 'mira.okafor@harborledger.example';
const USED_KEY = '8c1f4e2a9b7d3c6e5f0a1b2c3d4e5f6a7b8c9d0e';
const NEW_KEY = 'd41e7a90c3b25f6e81a4c7d09b3e2f5a6c8d1e7b';

const sa = (value: string): Identifier => ({ type: 'gcp.sa', value });
const user = (value: string): Identifier => ({ type: 'gcp.user', value });
const saKey = (value: string): Identifier => ({ type: 'gcp.sa_key', value });

function fixture(name: string): string {
  return readFileSync(join(fixtureDir, name), 'utf8');
}

function records(text: string, file: string): RawRecord[] {
  return [...gcpAudit.records(textSource(file, text))];
}

function signals(text: string, file: string): ParsedSignal[] {
  return records(text, file)
    .map((record) => gcpAudit.toSignal(record, file))
    .filter((signal): signal is ParsedSignal => signal !== null);
}

describe('gcp audit: detection', () => {
  it.each(['entries.ndjson', 'entries-array.json', 'entries-list.json', 'bigquery-export.ndjson', 'truncated.json'])('detects %s by its content', (name) => {
    expect(gcpAudit.detect(fixture(name).slice(0, 65536), 'evidence.bin')).toBe(true);
  });

  it('detects a sample cut in the middle of the first entry', () => {
    expect(gcpAudit.detect(fixture('entries-array.json').slice(0, 600), 'x.json')).toBe(true);
  });

  it('does not claim other JSON or CloudTrail', () => {
    expect(gcpAudit.detect(fixture('not-gcp.json'), 'audit.json')).toBe(false);
    for (const name of readdirSync(join(repoRoot, 'test/fixtures/cloudtrail'))) {
      expect(gcpAudit.detect(readFileSync(join(repoRoot, 'test/fixtures/cloudtrail', name), 'utf8').slice(0, 65536), name), name).toBe(false);
    }
    expect(gcpAudit.detect(readFileSync(join(repoRoot, 'test/fixtures/story/good/trail.json'), 'utf8'), 'trail.json')).toBe(false);
  });
});

describe('gcp audit: reading every shape', () => {
  it('reads NDJSON with line numbers, skipping entries that are not audit logs', () => {
    const all = records(fixture('entries.ndjson'), 'entries.ndjson');
    expect(all.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(gcpAudit.toSignal(all[7] as RawRecord, 'entries.ndjson')).toBeNull();
    expect(signals(fixture('entries.ndjson'), 'entries.ndjson')).toHaveLength(7);
  });

  it('reads a gcloud JSON array and an entries.list response, naming the line of each entry', () => {
    expect(records(fixture('entries-array.json'), 'a.json').map((r) => r.line)).toEqual([2, 32, 68]);
    const listed = records(fixture('entries-list.json'), 'l.json');
    expect(listed).toHaveLength(2);
    expect(listed[0]?.line).toBe(3);
    expect(signals(fixture('entries-list.json'), 'l.json').map((s) => s.action)).toEqual(['compute:v1.compute.instances.insert', 'iam:google.iam.admin.v1.CreateServiceAccount']);
  });

  it('reads a BigQuery export: protopayload_auditlog, "… UTC" timestamps and string status codes', () => {
    const [list, del] = signals(fixture('bigquery-export.ndjson'), 'bq.ndjson');
    expect(list).toMatchObject({ time: '2026-02-03T08:13:59.812Z', action: 'storage:storage.objects.list', outcome: 'success', region: 'europe-west2' });
    expect(del).toMatchObject({ outcome: 'failure', errorCode: 'PERMISSION_DENIED', severity: 'high' });
    expect(list?.actor.primary).toEqual(sa(SYNC_SA));
  });

  it('reads the same entry the same way in every shape', () => {
    const fromNdjson = signals(fixture('entries.ndjson'), 'n.ndjson')[1];
    const fromArray = signals(fixture('entries-array.json'), 'a.json')[1];
    expect(fromArray).toEqual(fromNdjson);
  });
});

describe('gcp audit: normalized fields', () => {
  const all = signals(fixture('entries.ndjson'), 'entries.ndjson');
  const at = (i: number): ParsedSignal => {
    const signal = all[i];
    if (signal === undefined) throw new Error(`no signal ${i}`);
    return signal;
  };

  it('keeps time, action, target, caller IP, user agent, region and severity', () => {
    expect(at(0)).toMatchObject({
      time: '2026-02-03T08:14:22.401Z',
      source: 'gcp.audit',
      action: 'storage:storage.objects.get',
      outcome: 'success',
      errorCode: null,
      target: `projects/_/buckets/${PROJECT}-exports/objects/ledger-2026-02.csv`,
      sourceIp: '203.0.113.77',
      userAgent: 'python-requests/2.31.0',
      region: 'europe-west2',
      severity: 'low',
    });
    expect(at(3).region).toBe('europe-west2-b');
  });

  it('turns a non-zero status code into a named failure with the source severity', () => {
    expect(at(4)).toMatchObject({ outcome: 'failure', errorCode: 'PERMISSION_DENIED', severity: 'high' });
    expect(at(4).summary).toBe(`sa/${SYNC_SA} called iam:google.iam.admin.v1.CreateServiceAccount on projects/${PROJECT} — PERMISSION_DENIED`);
    expect(at(6)).toMatchObject({ outcome: 'failure', errorCode: 'UNAUTHENTICATED' });
  });

  it('tells service accounts, people, Kubernetes service accounts and anonymous callers apart', () => {
    expect(at(0).actor).toMatchObject({ kind: 'gcp.service-account', label: `sa/${SYNC_SA}`, primary: sa(SYNC_SA) });
    expect(at(1).actor).toMatchObject({ kind: 'gcp.user', label: `user/${USER}`, primary: user(USER) });
    expect(at(5).actor).toMatchObject({ kind: 'k8s.service-account', primary: { type: 'k8s.sa', value: 'payments/ledger-api' } });
    expect(at(6).actor).toEqual({ label: 'system:anonymous', kind: 'unknown', primary: null, identifiers: [] });
  });

  it('dedupes by log, time and insertId, and by content hash when there is no insertId', () => {
    expect(at(0).dedupeKey).toBe(`projects/${PROJECT}/logs/cloudaudit.googleapis.com%2Fdata_access|2026-02-03T08:14:22.401Z|1x9k2ld3f0a`);
    const entry = JSON.parse(fixture('entries.ndjson').split('\n')[0] ?? '{}') as Record<string, unknown>;
    delete entry.insertId;
    entry.logName = 'projects/x/logs/cloudaudit.googleapis.com%2Factivity';
    const reordered = Object.fromEntries(Object.entries(entry).reverse());
    const a = gcpAudit.toSignal({ index: 0, line: 1, value: entry }, 'x')?.dedupeKey;
    const b = gcpAudit.toSignal({ index: 3, line: 9, value: reordered }, 'y')?.dedupeKey;
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a).toBe(b);
  });
});

describe('gcp audit: identifiers, links and relations', () => {
  const all = [...signals(fixture('entries.ndjson'), 'entries.ndjson'), ...signals(fixture('bigquery-export.ndjson'), 'bq.ndjson')];
  const identities = new Identities(all);
  const relations = all.flatMap((s) => s.relations);

  it('links the key a service account authenticated with to that account', () => {
    expect(all[0]?.actor.identifiers).toEqual([sa(SYNC_SA), saKey(USED_KEY)]);
    expect(identities.same(saKey(USED_KEY), sa(SYNC_SA))).toBe(true);
  });

  it('links a key made by CreateServiceAccountKey to its account, not to the person who made it', () => {
    expect(identities.same(saKey(NEW_KEY), sa(SYNC_SA))).toBe(true);
    expect(identities.same(saKey(NEW_KEY), user(USER))).toBe(false);
    expect(relations).toContainEqual({ from: user(USER), to: sa(SYNC_SA), relation: 'created key for' });
  });

  it('records impersonation as relations along the delegation chain, never as links', () => {
    expect(relations).toContainEqual({ from: user(USER), to: sa(DEPLOY_SA), relation: 'generated access token for' });
    expect(relations).toContainEqual({ from: user(USER), to: sa(CI_SA), relation: 'impersonated' });
    expect(relations).toContainEqual({ from: sa(CI_SA), to: sa(DEPLOY_SA), relation: 'impersonated' });
    expect(identities.same(user(USER), sa(DEPLOY_SA))).toBe(false);
    expect(identities.same(sa(CI_SA), sa(DEPLOY_SA))).toBe(false);
  });

  it('never makes an IP, a user agent, a project or an anonymous principal an identifier', () => {
    const banned = new Set([PROJECT, 'system:anonymous']);
    for (const s of all) {
      if (s.sourceIp !== null) banned.add(s.sourceIp);
      if (s.userAgent !== null) banned.add(s.userAgent);
    }
    const values = all.flatMap((s) => [...s.actor.identifiers, ...s.links.flatMap((l) => [l.a, l.b])]).map((id) => id.value);
    for (const value of values) expect(banned.has(value)).toBe(false);
  });

  it('ties every identifier of an actor to its primary through this record\'s links', () => {
    for (const signal of all) {
      const own = new Identities([signal]);
      const primary = signal.actor.primary;
      for (const id of signal.actor.identifiers) expect(primary !== null && own.same(id, primary)).toBe(true);
    }
  });

  it('lets no private key data or access token from a response reach any signal field', () => {
    const out = JSON.stringify(signals(fixture('entries.ndjson'), 'entries.ndjson'));
    expect(fixture('entries.ndjson')).toContain('FAKE-PRIVATE-KEY-DATA');
    expect(out).not.toContain('FAKE-PRIVATE-KEY-DATA');
    expect(out).not.toContain('ya29.FAKE-ACCESS-TOKEN');
  });
});

describe('gcp audit: refusing bad input', () => {
  it('refuses a truncated array naming the file, line and column', () => {
    const err = thrown(() => records(fixture('truncated.json'), 'truncated.json'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.file).toBe('truncated.json');
    expect(err.record).toMatch(/^line 46, column \d+$/);
    expect(err.hint).toMatch(/truncated/);
  });

  it('refuses a broken NDJSON line by its line number', () => {
    const err = thrown(() => records(fixture('bad-line.ndjson'), 'bad-line.ndjson'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.record).toMatch(/^line 2, column \d+$/);
  });

  it.each([
    ['not-gcp.json', fixture('not-gcp.json')],
    ['array.json', '[{"foo":1},{"bar":2}]'],
    ['lines.ndjson', '{"foo":1}\n{"bar":2}\n'],
    ['cloudtrail.json', readFileSync(join(repoRoot, 'test/fixtures/cloudtrail/records.json'), 'utf8')],
  ])('refuses JSON that is not Cloud Logging (%s) with a hint saying what was expected', (name, text) => {
    const err = thrown(() => records(text, name));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.file).toBe(name);
    expect(err.message).toMatch(/not GCP Cloud Audit Logs/);
    expect(err.hint).toMatch(/protoPayload/);
  });

  it('rejects malformed records by name, and survives hostile values', () => {
    expect(thrown(() => gcpAudit.toSignal({ index: 4, line: 5, value: 'x' }, 'f.ndjson')).record).toBe('record 5 (line 5)');
    const noTime = { insertId: 'a', logName: 'l', protoPayload: { methodName: 'm' } };
    expect(thrown(() => gcpAudit.toSignal({ index: 0, line: null, value: noTime }, 'f')).message).toMatch(/no timestamp/);
    const badTime = { ...noTime, timestamp: 'yesterday' };
    expect(thrown(() => gcpAudit.toSignal({ index: 0, line: null, value: badTime }, 'f')).message).toMatch(/not a date/);
    const noMethod = { insertId: 'a', logName: 'l', timestamp: '2026-01-01T00:00:00Z', protoPayload: {} };
    expect(thrown(() => gcpAudit.toSignal({ index: 0, line: null, value: noMethod }, 'f')).message).toMatch(/no methodName/);
    const hostile = JSON.parse(
      '{"insertId":"h","logName":"l","timestamp":"2026-01-01T00:00:00Z","__proto__":{"x":1},"protoPayload":{"methodName":"m","authenticationInfo":{"principalEmail":42,"serviceAccountDelegationInfo":"nope"},"status":{"code":"NaN"},"requestMetadata":[]},"resource":"str"}',
    ) as unknown;
    const signal = gcpAudit.toSignal({ index: 0, line: 1, value: hostile }, 'f');
    expect(signal?.actor.primary).toBeNull();
    expect(signal?.outcome).toBe('success');
    const huge = { insertId: 'h', logName: 'l', timestamp: '2026-01-01T00:00:00Z', protoPayload: { methodName: 'm'.repeat(100_000), resourceName: 'r'.repeat(100_000) } };
    const big = gcpAudit.toSignal({ index: 0, line: 1, value: huge }, 'f');
    expect(big?.summary.length).toBeLessThan(600);
  });
});

const realFiles = existsSync(realDir) ? readdirSync(realDir) : [];
if (realFiles.length === 0) console.log(`real GCP audit fixtures were not found at ${realDir}; skipping those tests`);

describe.skipIf(realFiles.length === 0)('gcp audit: real public sample (log2timeline/plaso)', () => {
  const files = realFiles.map((name) => ({ name, text: readFileSync(join(realDir, name), 'utf8') }));

  it('detects every file and normalizes every audit entry, skipping only the text and JSON payloads', () => {
    for (const { name, text } of files) {
      expect(gcpAudit.detect(text.slice(0, 65536), name), name).toBe(true);
      const all = records(text, name);
      const out = all.map((r) => gcpAudit.toSignal(r, name));
      const audit = all.filter((r) => typeof r.value === 'object' && r.value !== null && 'protoPayload' in r.value);
      expect(out.filter((s) => s !== null)).toHaveLength(audit.length);
      expect(audit.length).toBeGreaterThanOrEqual(9);
    }
  });

  it('names the service account, its failed call and the service agent acting through it', () => {
    const all = files.flatMap(({ name, text }) => signals(text, name));
    const denied = all.find((s) => s.outcome === 'failure');
    expect(denied).toMatchObject({ errorCode: 'PERMISSION_DENIED', severity: 'high', actor: { kind: 'gcp.service-account', primary: sa('dvwa-service-account@ketchup.iam.gserviceaccount.com') } });
    expect(denied?.relations).toContainEqual({
      from: sa('service-1234567890@compute-system.iam.gserviceaccount.com'),
      to: sa('dvwa-service-account@ketchup.iam.gserviceaccount.com'),
      relation: 'impersonated',
    });
  });
});

// All five cloud-log parsers of this batch, run over each other's fixtures: none may claim another's files.
describe('cloud log formats: detection does not overlap', () => {
  const parsers: Record<string, FormatParser> = {
    'gcp-audit': gcpAudit,
    'azure-activity': azureActivity,
    'entra-audit': entraAudit,
    'entra-signin': entraSignIn,
    okta,
  };
  const foreign = ['not-gcp.json', 'not-azure.json', 'not-audit.json', 'not-signin.json', 'not-okta.json'];

  it.each(Object.keys(parsers))('only its own parser detects the files in test/fixtures/%s', (folder) => {
    const dir = join(repoRoot, 'test/fixtures', folder);
    const names = readdirSync(dir);
    expect(names.length).toBeGreaterThan(4);
    for (const name of names) {
      const sample = readFileSync(join(dir, name), 'utf8').slice(0, 65536);
      // Each folder's not-*.json is look-alike JSON (a resource listing) that no parser may claim.
      const expected = foreign.includes(name) ? null : folder;
      for (const [owner, parser] of Object.entries(parsers)) {
        expect(parser.detect(sample, name), `${parser.id} on ${folder}/${name}`).toBe(owner === expected);
      }
    }
  });

  it('none of them claims CloudTrail', () => {
    const dir = join(repoRoot, 'test/fixtures/cloudtrail');
    const files = [...readdirSync(dir).map((n) => join(dir, n)), join(repoRoot, 'test/fixtures/story/good/trail.json')];
    for (const file of files) {
      const sample = readFileSync(file, 'utf8').slice(0, 65536);
      for (const parser of Object.values(parsers)) expect(parser.detect(sample, file), `${parser.id} on ${file}`).toBe(false);
    }
  });
});
