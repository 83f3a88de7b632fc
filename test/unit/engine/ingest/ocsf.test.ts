import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WorkbenchError } from '../../../../src/shared/errors';
import type { Identifier } from '../../../../src/shared/schemas';
import { textSource } from '../../../../src/main/engine/ingest/evidence-source';
import { ocsf } from '../../../../src/main/engine/ingest/formats/ocsf';
import type { ParsedSignal, RawRecord } from '../../../../src/main/engine/ingest/types';

const repoRoot = resolve(__dirname, '../../../..');
const fixtureDir = join(repoRoot, 'test/fixtures/ocsf');
const realDir = resolve(repoRoot, '../shared/fixtures/real/ocsf/defectdojo_unittests_prowler');

const ACCOUNT = '284619370215';
const DEPLOY_BOT = `arn:aws:iam::${ACCOUNT}:user/deploy-bot`;
const READER_ROLE = `arn:aws:iam::${ACCOUNT}:role/prod-data-reader`;
const READER_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/prod-data-reader/deploy-20260105`;

const fixture = (name: string): string => readFileSync(join(fixtureDir, name), 'utf8');
const records = (text: string, file: string): RawRecord[] => [...ocsf.records(textSource(file, text))];
const arn = (value: string): Identifier => ({ type: 'aws.arn', value });
const key = (value: string): Identifier => ({ type: 'aws.access_key', value });

function signals(text: string, file: string): (ParsedSignal | null)[] {
  return records(text, file).map((record) => ocsf.toSignal(record, file));
}

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

// Every identifier of an actor must reach the primary through this record's links.
function linkedToPrimary(signal: ParsedSignal): boolean {
  const primary = signal.actor.primary;
  if (primary === null) return signal.actor.identifiers.length === 0;
  const k = (id: Identifier): string => `${id.type}:${id.value}`;
  const reach = new Set([k(primary)]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const link of signal.links) {
      if (reach.has(k(link.a)) !== reach.has(k(link.b))) {
        reach.add(k(link.a));
        reach.add(k(link.b));
        changed = true;
      }
    }
  }
  return signal.actor.identifiers.every((id) => reach.has(k(id)));
}

describe('ocsf: detection', () => {
  it.each(['api-activity.ndjson', 'authentication.json', 'findings.json', 'single-event.json'])('detects %s', (name) => {
    expect(ocsf.detect(fixture(name).slice(0, 65536), name)).toBe(true);
  });

  const foreign = [
    ...readdirSync(join(repoRoot, 'test/fixtures/cloudtrail')).map((f) => join('test/fixtures/cloudtrail', f)),
    'test/fixtures/story/good/trail.json',
    ...['otlp-export.json', 'collector.ndjson', 'sdk-spans.json', 'sdk-bigint.json'].map((f) => join('test/fixtures/otel-genai', f)),
    ...['bundle.json', 'stix20-bundle.json', 'taxii-envelope.json'].map((f) => join('test/fixtures/stix', f)),
    'test/fixtures/ocsf/not-ocsf.json',
  ];
  it.each(foreign)('does not claim %s', (path) => {
    expect(ocsf.detect(readFileSync(join(repoRoot, path), 'utf8').slice(0, 65536), path)).toBe(false);
  });
});

describe('ocsf: API Activity', () => {
  const all = signals(fixture('api-activity.ndjson'), 'api-activity.ndjson');

  it('reads NDJSON with one record per line', () => {
    expect(records(fixture('api-activity.ndjson'), 'a.ndjson').map((r) => r.line)).toEqual([1, 2, 3, 4, 5]);
  });

  it('normalizes an IAM user call, tying its access key and principal id to the user ARN', () => {
    const s = present(all, 0);
    expect(s).toMatchObject({
      time: '2026-01-05T09:00:00.000Z',
      source: 'ocsf',
      action: 's3:ListBuckets',
      outcome: 'success',
      errorCode: null,
      sourceIp: '198.51.100.23',
      region: 'eu-west-1',
      userAgent: 'aws-cli/2.22.4 Python/3.12.6',
      dedupeKey: '7c1e4b2a-1f3d-4e5a-9b8c-0d1e2f3a4b5c',
    });
    expect(s.actor).toMatchObject({ kind: 'aws.iam-user', label: 'user/deploy-bot', primary: arn(DEPLOY_BOT) });
    expect(s.actor.identifiers).toContainEqual(key('AKIAUQ3XK7PLWD4HN2QB'));
    expect(s.actor.identifiers).toContainEqual({ type: 'aws.principal_id', value: 'AIDAUQ3XK7PLM2RVN4TZE' });
    expect(s.links.find((l) => l.a.type === 'aws.access_key')?.reason).toMatch(/AKIA…N2QB.*deploy-bot/);
    expect(linkedToPrimary(s)).toBe(true);
  });

  it('anchors an assumed-role session on its role, as CloudTrail does, and reports the failure', () => {
    const s = present(all, 1);
    expect(s.actor).toMatchObject({ kind: 'aws.role', label: 'role/prod-data-reader', primary: arn(READER_ROLE) });
    expect(s.actor.identifiers).toEqual(expect.arrayContaining([arn(READER_SESSION), key('ASIAUQ3XK7PLR6YB2KFE')]));
    expect(s).toMatchObject({ outcome: 'failure', errorCode: 'AccessDenied', target: 'arn:aws:s3:::acme-finance-reports/2025/q4-board-pack.xlsx' });
    expect(s.summary).toBe('role/prod-data-reader called s3:GetObject on arn:aws:s3:::acme-finance-reports/2025/q4-board-pack.xlsx — AccessDenied');
    expect(linkedToPrimary(s)).toBe(true);
  });

  it('names a GCP service account by its email, reads time_dt, and keeps a medium severity', () => {
    const s = present(all, 2);
    expect(s.actor).toMatchObject({ kind: 'gcp.service-account', primary: { type: 'gcp.sa', value: 'etl-runner@acme-data-prod.iam.gserviceaccount.com' } });
    expect(s.time).toBe('2026-01-05T09:05:00.000Z');
    expect(s.action).toBe('iam:google.iam.admin.v1.CreateServiceAccountKey');
    expect(s.severity).toBe('medium');
    expect(present(all, 0).severity).toBeNull();
  });

  it('scopes a generic user id by its product and ties the credential id to it', () => {
    const s = present(all, 3);
    expect(s.actor.primary).toEqual({ type: 'ocsf.user', value: 'Okta/00u8f2k3l4m5n6o7p8q9' });
    expect(s.actor.kind).toBe('user');
    expect(s.actor.identifiers).toContainEqual({ type: 'api_key.id', value: '00T9a8b7c6d5e4f3g2h1' });
    expect(linkedToPrimary(s)).toBe(true);
  });

  it('never makes an account id an identifier', () => {
    const s = present(all, 4);
    expect(s.actor.primary).toBeNull();
    expect(s.actor.identifiers).toEqual([]);
    const values = all.flatMap((x) => [...(x?.actor.identifiers ?? []), ...(x?.links ?? []).flatMap((l) => [l.a, l.b])]).map((id) => id.value);
    expect(values).not.toContain(ACCOUNT);
    expect(values.some((v) => /^\d+\.\d+\.\d+\.\d+$/.test(v))).toBe(false);
  });

  it('reads a single event object', () => {
    const [s] = signals(fixture('single-event.json'), 'single-event.json');
    expect(s?.action).toBe('iam:CreateAccessKey');
    expect(s?.actor.primary).toEqual(arn(DEPLOY_BOT));
  });
});

describe('ocsf: Authentication', () => {
  const all = signals(fixture('authentication.json'), 'authentication.json');

  it('names the authenticating user, the service and the failure', () => {
    const s = present(all, 0);
    expect(s).toMatchObject({ action: 'auth:Logon', outcome: 'failure', errorCode: 'INVALID_CREDENTIALS', target: 'okta-api', sourceIp: '203.0.113.77' });
    expect(s.actor.primary).toEqual({ type: 'ocsf.user', value: 'Okta/0oa4svc9billing2exporter' });
    expect(s.summary).toBe('billing-exporter authenticated with auth:Logon on okta-api — INVALID_CREDENTIALS');
    expect(present(all, 1).outcome).toBe('success');
  });

  it('gives "anonymous" no identifier', () => {
    const s = present(all, 2);
    expect(s.actor.primary).toBeNull();
    expect(s.target).toBe('sso.acme.example');
  });

  it('records the line of each array element', () => {
    expect(records(fixture('authentication.json'), 'a.json').map((r) => r.line)).toEqual([2, 20, 33]);
  });
});

describe('ocsf: Detection Findings', () => {
  const all = signals(fixture('findings.json'), 'findings.json');

  it('anchors a finding about an IAM user on the user ARN, with its severity and a seconds-based time', () => {
    const s = present(all, 0);
    expect(s.actor).toMatchObject({ kind: 'aws.iam-user', primary: arn(`arn:aws:iam::${ACCOUNT}:user/backup-svc`) });
    expect(s).toMatchObject({ action: 'finding:iam_user_accesskey_unused', severity: 'high', outcome: 'failure', time: '2026-01-05T11:00:00.000Z', region: 'us-east-1' });
    expect(s.summary).toBe('Prowler high finding on user/backup-svc: Ensure unused access keys are disabled [FAIL]');
    expect(s.dedupeKey).toBe('finding-event-0001');
  });

  it('anchors an exposed-key finding on the key, maps fatal to critical and masks the key in the summary', () => {
    const s = present(all, 1);
    expect(s.actor).toMatchObject({ kind: 'aws.access-key', primary: key('AKIAUQ3XK7PLZ8VT3MXA') });
    expect(s.severity).toBe('critical');
    expect(s.summary).toContain('AKIA…3MXA');
    expect(s.summary).not.toContain('AKIAUQ3XK7PLZ8VT3MXA');
  });

  it('names GCP and Kubernetes service accounts', () => {
    expect(present(all, 2).actor.primary).toEqual({ type: 'gcp.sa', value: 'etl-runner@acme-data-prod.iam.gserviceaccount.com' });
    expect(present(all, 3).actor).toMatchObject({ kind: 'k8s.service-account', primary: { type: 'k8s.sa', value: 'build/ci-runner' } });
    expect(present(all, 3).severity).toBe('critical');
  });

  it('keeps a finding with no NHI resource as a signal without an anchor', () => {
    const s = present(all, 4);
    expect(s.actor.primary).toBeNull();
    expect(s.target).toBe('arn:aws:s3:::acme-public-assets');
    expect(s.severity).toBe('low');
  });

  it('skips passed checks', () => {
    expect(all[5]).toBeNull();
  });
});

describe('ocsf: refusing bad input', () => {
  it('refuses a truncated file naming the line and column', () => {
    const text = fixture('authentication.json');
    const err = thrown(() => records(text.slice(0, 400), 'cut.json'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.record).toMatch(/^line \d+, column \d+$/);
    expect(err.hint).toMatch(/truncated/);
  });

  it('refuses a broken NDJSON line by its number', () => {
    const lines = fixture('api-activity.ndjson').split('\n');
    lines[2] = '{"class_uid":6003,"time":';
    const err = thrown(() => records(lines.join('\n'), 'bad.ndjson'));
    expect(err.record).toMatch(/^line 3, column \d+$/);
  });

  it.each([
    ['not-ocsf.json', fixture('not-ocsf.json')],
    ['lines.ndjson', '{"a":1}\n{"b":2}\n'],
    ['object.json', '{"Records":[]}'],
  ])('refuses JSON that is not OCSF (%s) with a hint', (name, text) => {
    const err = thrown(() => records(text, name));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.file).toBe(name);
    expect(err.message).toMatch(/not OCSF/);
    expect(err.hint).toMatch(/class_uid/);
  });

  it('rejects a record with no usable time, or of the wrong shape, by name', () => {
    const noTime = { class_uid: 6003, activity_name: 'Read' };
    expect(thrown(() => ocsf.toSignal({ index: 2, line: 3, value: noTime }, 'x.ndjson')).record).toBe('record 3 (line 3)');
    expect(thrown(() => ocsf.toSignal({ index: 0, line: null, value: 'text' }, 'x.json')).message).toMatch(/not an object/);
    const hostile = JSON.parse('{"class_uid":6003,"time":1767603600000,"__proto__":{"x":1},"actor":{"user":{"uid":["a"],"name":42}},"api":"x"}') as unknown;
    expect(ocsf.toSignal({ index: 0, line: 1, value: hostile }, 'x.json')?.actor.primary).toBeNull();
  });
});

const realFiles = existsSync(realDir) ? readdirSync(realDir).filter((f) => f.endsWith('.json')) : [];
if (realFiles.length === 0) console.log(`real OCSF fixtures were not found at ${realDir}; skipping those tests`);

describe.skipIf(realFiles.length === 0)('ocsf: real Prowler output (DefectDojo unit tests)', () => {
  const parsed = realFiles.map((name) => ({ name, text: readFileSync(join(realDir, name), 'utf8') }));

  it('detects every file and normalizes every record', () => {
    let count = 0;
    for (const { name, text } of parsed) {
      expect(ocsf.detect(text.slice(0, 65536), name), name).toBe(true);
      for (const signal of signals(text, name)) {
        expect(signal, name).not.toBeNull();
        expect(signal?.time.startsWith('2025-02-14T')).toBe(true);
        expect(signal?.severity).toMatch(/^(low|medium)$/);
        count += 1;
      }
    }
    expect(count).toBe(7);
  });

  it('anchors the findings about the root user on its ARN and keeps the others unanchored', () => {
    const aws = parsed.find((p) => p.name.includes('aws'));
    const all = aws === undefined ? [] : signals(aws.text, aws.name);
    const rooted = all.filter((s) => s?.actor.kind === 'aws.root');
    expect(rooted).toHaveLength(2);
    for (const s of rooted) expect(s?.actor.primary).toEqual(arn('arn:aws:iam::<account_uid>:root'));
    // The sample's placeholder finding uids are all equal, so they must not become dedupe keys.
    expect(new Set(all.map((s) => s?.dedupeKey)).size).toBe(3);
  });
});
