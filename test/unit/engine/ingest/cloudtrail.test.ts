import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Identifier } from '../../../../src/shared/schemas';
import { textSource } from '../../../../src/main/engine/ingest/evidence-source';
import { cloudtrail } from '../../../../src/main/engine/ingest/formats/cloudtrail';
import type { ParsedSignal, RawRecord } from '../../../../src/main/engine/ingest/types';
import { Identities, thrown } from './parser-kit';

const repoRoot = resolve(__dirname, '../../../..');
const fixtureDir = join(repoRoot, 'test/fixtures/cloudtrail');
const realDir = resolve(repoRoot, '../shared/fixtures/real/aws-cloudtrail/invictus-ir_aws_dataset');
const demoDir = join(repoRoot, 'resources/demo');

const ACCOUNT = '284619370215';
const DEPLOY_BOT = `arn:aws:iam::${ACCOUNT}:user/deploy-bot`;
const DEPLOY_KEY = 'AKIAUQ3XK7PLWD4HN2QB';
const READER_ROLE = `arn:aws:iam::${ACCOUNT}:role/prod-data-reader`;
const READER_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/prod-data-reader/deploy-20260105`;
const READER_KEY = 'ASIAUQ3XK7PLR6YB2KFE';
const LAMBDA_ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/invoice-processor-exec`;

function fixture(name: string): string {
  return readFileSync(join(fixtureDir, name), 'utf8');
}

function records(text: string, file: string): RawRecord[] {
  return [...cloudtrail.records(textSource(file, text))];
}

function signals(text: string, file: string): ParsedSignal[] {
  return records(text, file).map((record) => {
    const signal = cloudtrail.toSignal(record, file);
    if (signal === null) throw new Error(`${file}: record ${record.index} was skipped`);
    return signal;
  });
}

// Runs `fn` and returns the WorkbenchError it throws, failing the test when it throws nothing or something else.

const arn = (value: string): Identifier => ({ type: 'aws.arn', value });
const key = (value: string): Identifier => ({ type: 'aws.access_key', value });

// Every string under a secret-bearing key anywhere in a JSON value.
function secretsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => secretsIn(item, out));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (/^(secretAccessKey|sessionToken|password)$/i.test(k) && typeof v === 'string') out.push(v);
      else secretsIn(v, out);
    }
  }
  return out;
}

describe('cloudtrail: detection', () => {
  it.each([
    'records.json',
    'events-array.json',
    'events.ndjson',
    'lookup-events.json',
    'lookup-events-array.json',
    'truncated.json',
  ])('detects %s by its content', (name) => {
    expect(cloudtrail.detect(fixture(name).slice(0, 65536), 'evidence.bin')).toBe(true);
  });

  it('detects a sample cut in the middle of the first record', () => {
    expect(cloudtrail.detect(fixture('records.json').slice(0, 700), 'x.json')).toBe(true);
  });

  it('detects an event carried as a JSON string under "message"', () => {
    const messageLine = fixture('events.ndjson').split('\n')[4] ?? '';
    expect(messageLine).toContain('"message":"{');
    expect(cloudtrail.detect(messageLine, 'x.ndjson')).toBe(true);
  });

  it('does not claim other JSON, S3 event notifications or text that merely mentions the markers', () => {
    expect(cloudtrail.detect(fixture('not-cloudtrail.json'), 'CloudTrail.json')).toBe(false);
    expect(cloudtrail.detect(fixture('s3-notification.json'), 'x.json')).toBe(false);
    expect(cloudtrail.detect('eventTime,eventSource,eventName\n2026-01-05,"eventSource":"s3.amazonaws.com"', 'x.csv')).toBe(false);
  });
});

describe('cloudtrail: reading every shape', () => {
  it('reads an S3-delivered {"Records":[…]} file, with the line each record starts on', () => {
    const all = records(fixture('records.json'), 'records.json');
    expect(all).toHaveLength(11);
    expect(all.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(all[0]?.line).toBe(3);
    expect(all[1]?.line).toBe(43);
    expect((all[5]?.value as { eventName: string }).eventName).toBe('CreateAccessKey');
  });

  it('reads a .json.gz Records file once the caller has gunzipped it', () => {
    const gz = gzipSync(Buffer.from(fixture('records.json'), 'utf8'));
    expect(gz.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const text = gunzipSync(gz).toString('utf8');
    expect(cloudtrail.detect(text.slice(0, 65536), 'x_CloudTrail_eu-west-1.json.gz')).toBe(true);
    expect(signals(text, 'x.json.gz').map((s) => s.dedupeKey)).toEqual(signals(fixture('records.json'), 'x.json').map((s) => s.dedupeKey));
  });

  it('reads a bare JSON array of events', () => {
    const all = signals(fixture('events-array.json'), 'events-array.json');
    expect(all.map((s) => s.action)).toEqual(['sts:AssumeRole', 'secretsmanager:GetSecretValue', 'iam:CreateAccessKey']);
  });

  it('reads NDJSON: plain lines, shipper fields, EventBridge detail, a JSON string under message, and skips blank lines', () => {
    const all = records(fixture('events.ndjson'), 'events.ndjson');
    expect(all.map((r) => r.line)).toEqual([1, 3, 4, 5, 6]);
    const out = all.map((r) => cloudtrail.toSignal(r, 'events.ndjson'));
    expect(out.map((s) => s?.action)).toEqual(['s3:GetObject', 's3:GetObject', 'iam:CreateAccessKey', 'sts:AssumeRole', 'ec2:SharedSnapshotCopyInitiated']);
    // The shipper's @timestamp must not replace the event's own time.
    expect(out[1]?.time).toBe('2026-01-05T09:01:10.000Z');
    expect(out[1]?.errorCode).toBe('AccessDenied');
    expect(out[2]?.dedupeKey).toBe('e9c4a6b8-0d3f-4e5a-8b7c-1f2e3d4c5b63');
    expect(out[3]?.dedupeKey).toBe('b5e1c9d3-2f7a-4b8c-9e0d-6a5f4e3d2c81');
  });

  it('reads Splunk HEC `event` objects and Elastic `event.original` strings', () => {
    const inner = records(fixture('records.json'), 'records.json')[3]?.value;
    const hec = JSON.stringify({ time: 1767603750, host: 'hf-01', sourcetype: 'aws:cloudtrail', event: inner });
    const ecs = JSON.stringify({ '@timestamp': '2026-01-05T09:02:30Z', event: { kind: 'event', original: JSON.stringify(inner) } });
    const text = `${hec}\n${ecs}\n`;
    expect(cloudtrail.detect(text, 'export.json')).toBe(true);
    const out = signals(text, 'export.json');
    expect(out.map((s) => s.action)).toEqual(['secretsmanager:GetSecretValue', 'secretsmanager:GetSecretValue']);
    expect(out[1]?.actor.primary).toEqual(arn(READER_ROLE));
  });

  it('reads `aws cloudtrail lookup-events` output, yielding the parsed inner event', () => {
    const all = records(fixture('lookup-events.json'), 'lookup-events.json');
    expect(all).toHaveLength(2);
    const first = all[0]?.value as { eventID: string; userIdentity: { type: string } };
    expect(first.eventID).toBe('c7a2e4f6-8b1d-4c3e-a5f7-9d0b2c4e6a91');
    expect(first.userIdentity.type).toBe('AssumedRole');
    expect(all[0]?.line).toBe(3);
  });

  it('reads a bare array of lookup-events objects', () => {
    const all = signals(fixture('lookup-events-array.json'), 'lookup-events-array.json');
    expect(all.map((s) => s.action)).toEqual(['sts:AssumeRole', 'ssm:GetParameter']);
    expect(all[1]?.actor.label).toBe('role/invoice-processor-exec');
  });
});

describe('cloudtrail: normalized fields', () => {
  const all = signals(fixture('records.json'), 'records.json');
  const at = (i: number): ParsedSignal => {
    const signal = all[i];
    if (signal === undefined) throw new Error(`no signal ${i}`);
    return signal;
  };

  it('turns a denied S3 read into a failure with the object as target and a one-line summary', () => {
    const denied = at(1);
    expect(denied).toMatchObject({
      time: '2026-01-05T09:01:10.000Z',
      source: 'aws.cloudtrail',
      action: 's3:GetObject',
      outcome: 'failure',
      errorCode: 'AccessDenied',
      target: 's3://acme-finance-reports/2025/q4-board-pack.xlsx',
      sourceIp: '203.0.113.77',
      region: 'eu-west-1',
      dedupeKey: '3a9d7e21-6c0b-4f5e-8d2a-7b6c5d4e3f12',
    });
    expect(denied.userAgent).toMatch(/^aws-cli\/2\.22\.4/);
    expect(denied.summary).toBe('user/deploy-bot (key AKIA…N2QB) called s3:GetObject on s3://acme-finance-reports/2025/q4-board-pack.xlsx — AccessDenied');
    expect(at(0).outcome).toBe('success');
    expect(at(0).errorCode).toBeNull();
  });

  it('names the resource acted on for role, secret, user and parameter calls', () => {
    expect(at(2).target).toBe(READER_ROLE);
    expect(at(3).target).toBe('prod/reporting/db-password');
    expect(at(5).target).toBe('user/backup-svc');
    expect(at(9).target).toBe('/invoice/api-endpoint');
    expect(at(7).target).toBeNull();
  });

  it('never shows a whole access key id in a summary', () => {
    for (const signal of all) expect(signal.summary).not.toMatch(/(AKIA|ASIA)[A-Z0-9]{16}/);
    expect(at(5).summary).toContain('AKIA…N2QB');
  });

  it('describes each kind of caller', () => {
    expect(at(0).actor).toMatchObject({ kind: 'aws.iam-user', label: 'user/deploy-bot', primary: arn(DEPLOY_BOT) });
    expect(at(3).actor).toMatchObject({ kind: 'aws.role', label: 'role/prod-data-reader', primary: arn(READER_ROLE) });
    expect(at(7).actor).toMatchObject({ kind: 'aws.root', primary: arn(`arn:aws:iam::${ACCOUNT}:root`) });
    expect(at(8).actor).toMatchObject({ kind: 'aws.service', primary: { type: 'aws.service', value: 'lambda.amazonaws.com' } });
    expect(at(9).actor).toMatchObject({ kind: 'aws.role', primary: arn(LAMBDA_ROLE) });
    expect(at(10).actor).toMatchObject({ kind: 'aws.federated', primary: arn(`arn:aws:sts::${ACCOUNT}:federated-user/report-runner`) });
    const noIdentity = signals(fixture('events.ndjson'), 'events.ndjson')[4];
    expect(noIdentity?.actor).toEqual({ label: 'no identity', kind: 'unknown', primary: null, identifiers: [] });
  });

  it('derives the role from the session ARN when sessionIssuer is empty', () => {
    expect(at(4).actor.primary).toEqual(arn(READER_ROLE));
    expect(at(4).actor.identifiers).toContainEqual(arn(READER_SESSION));
  });

  it('uses the event id as dedupe key, and a content hash that ignores key order when there is none', () => {
    const a = { eventTime: '2026-01-05T09:00:00Z', eventName: 'ListBuckets', eventSource: 's3.amazonaws.com' };
    const b = { eventSource: 's3.amazonaws.com', eventName: 'ListBuckets', eventTime: '2026-01-05T09:00:00Z' };
    const ka = cloudtrail.toSignal({ index: 0, line: 1, value: a }, 'x')?.dedupeKey;
    const kb = cloudtrail.toSignal({ index: 5, line: 9, value: b }, 'y')?.dedupeKey;
    expect(ka).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(ka).toBe(kb);
    const kc = cloudtrail.toSignal({ index: 0, line: 1, value: { ...a, eventName: 'ListObjects' } }, 'x')?.dedupeKey;
    expect(kc).not.toBe(ka);
  });
});

describe('cloudtrail: identifiers and links', () => {
  const all = [
    ...signals(fixture('records.json'), 'records.json'),
    ...signals(fixture('events.ndjson'), 'events.ndjson'),
  ];
  const identities = new Identities(all);

  it('resolves a user, its access key, its principal id and the session keys it obtained to one identity', () => {
    expect(identities.same(key(DEPLOY_KEY), arn(DEPLOY_BOT))).toBe(true);
    expect(identities.same({ type: 'aws.principal_id', value: 'AIDAUQ3XK7PLM2RVN4TZE' }, arn(DEPLOY_BOT))).toBe(true);
    expect(identities.same(key('ASIAUQ3XK7PLG3NQ5WHD'), arn(DEPLOY_BOT))).toBe(true);
  });

  it('resolves a role, its sessions, their keys and its principal id to one identity', () => {
    expect(identities.same(arn(READER_SESSION), arn(READER_ROLE))).toBe(true);
    expect(identities.same(key(READER_KEY), arn(READER_ROLE))).toBe(true);
    expect(identities.same({ type: 'aws.principal_id', value: 'AROAUQ3XK7PLT5MZCW8JA' }, arn(READER_ROLE))).toBe(true);
    expect(identities.same(key('ASIAUQ3XK7PLK9DW4RTC'), arn(LAMBDA_ROLE))).toBe(true);
  });

  it('ties the session key minted by AssumeRole to the role within that one record', () => {
    const assume = all.find((s) => s.dedupeKey === 'b5e1c9d3-2f7a-4b8c-9e0d-6a5f4e3d2c81');
    const only = new Identities(assume === undefined ? [] : [assume]);
    expect(only.same(key(READER_KEY), arn(READER_ROLE))).toBe(true);
    expect(only.same(arn(READER_SESSION), arn(READER_ROLE))).toBe(true);
  });

  it('ties a key made by CreateAccessKey to the user it was made for, not to the caller', () => {
    expect(identities.same(key('AKIAUQ3XK7PLZ8VT3MXA'), arn(`arn:aws:iam::${ACCOUNT}:user/backup-svc`))).toBe(true);
    expect(identities.same(key('AKIAUQ3XK7PLZ8VT3MXA'), arn(DEPLOY_BOT))).toBe(false);
  });

  it('records who assumed or created what as relations, which never merge identities', () => {
    const relations = all.flatMap((s) => s.relations);
    expect(relations).toContainEqual({ from: arn(DEPLOY_BOT), to: arn(READER_ROLE), relation: 'assumed role' });
    expect(relations).toContainEqual({ from: { type: 'aws.service', value: 'lambda.amazonaws.com' }, to: arn(LAMBDA_ROLE), relation: 'assumed role' });
    expect(relations).toContainEqual({ from: arn(DEPLOY_BOT), to: arn(`arn:aws:iam::${ACCOUNT}:user/backup-svc`), relation: 'created access key for' });
    expect(identities.same(arn(DEPLOY_BOT), arn(READER_ROLE))).toBe(false);
  });

  it('never makes an account id, an IP, a user agent or "AWS Internal" an identifier', () => {
    const banned = new Set([ACCOUNT, 'AWS Internal']);
    for (const s of all) {
      if (s.sourceIp !== null) banned.add(s.sourceIp);
      if (s.userAgent !== null) banned.add(s.userAgent);
    }
    banned.delete('lambda.amazonaws.com'); // the service principal legitimately names the caller here
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

  it('lets no secret from responseElements reach any signal field', () => {
    const names = ['records.json', 'events-array.json', 'events.ndjson', 'lookup-events.json', 'lookup-events-array.json'];
    const secrets = new Set<string>();
    for (const name of names) {
      for (const record of records(fixture(name), name)) secretsIn(record.value).forEach((s) => secrets.add(s));
      const out = JSON.stringify(signals(fixture(name), name));
      for (const secret of secrets) expect(out).not.toContain(secret);
    }
    expect(secrets.size).toBeGreaterThanOrEqual(4);
  });
});

describe('cloudtrail: refusing bad input', () => {
  it('refuses a truncated file with BAD_INPUT naming the file, line and column', () => {
    const err = thrown(() => records(fixture('truncated.json'), 'truncated.json'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.file).toBe('truncated.json');
    expect(err.record).toBe('line 58, column 31');
    expect(err.message).toContain('line 58, column 31');
    expect(err.hint).toMatch(/truncated/);
  });

  it('refuses a truncated NDJSON line by its line number', () => {
    const text = fixture('events.ndjson').trimEnd();
    const err = thrown(() => records(text.slice(0, text.length - 40), 'cut.ndjson'));
    expect(err.record).toMatch(/^line 6, column \d+$/);
  });

  it('refuses invalid NDJSON naming the line and column', () => {
    const err = thrown(() => records(fixture('bad-line.ndjson'), 'bad-line.ndjson'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.record).toBe('line 3, column 48');
  });

  it.each([
    ['not-cloudtrail.json', fixture('not-cloudtrail.json')],
    ['array.json', '[{"foo":1},{"bar":2}]'],
    ['lines.ndjson', '{"foo":1}\n{"bar":2}\n'],
    ['s3-notification.json', fixture('s3-notification.json')],
  ])('refuses JSON that is not CloudTrail (%s) with a hint saying what was expected', (name, text) => {
    const err = thrown(() => records(text, name));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.file).toBe(name);
    expect(err.message).toMatch(/not AWS CloudTrail/);
    expect(err.hint).toMatch(/Records/);
  });

  it('rejects a record without eventTime by naming the record and its line', () => {
    const all = records(fixture('missing-event-time.ndjson'), 'missing.ndjson');
    expect(all).toHaveLength(2);
    expect(cloudtrail.toSignal(all[0] as RawRecord, 'missing.ndjson')).not.toBeNull();
    const err = thrown(() => cloudtrail.toSignal(all[1] as RawRecord, 'missing.ndjson'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.record).toBe('record 2 (line 2)');
    expect(err.message).toMatch(/no eventTime/);
  });

  it('rejects a record that is not an object, or whose eventTime is not a date', () => {
    expect(thrown(() => cloudtrail.toSignal({ index: 16, line: 18, value: 42 }, 'x.json')).record).toBe('record 17 (line 18)');
    const badTime = { eventTime: 'yesterday', eventName: 'ListBuckets', eventSource: 's3.amazonaws.com' };
    expect(thrown(() => cloudtrail.toSignal({ index: 0, line: null, value: badTime }, 'x.json')).record).toBe('record 1');
  });

  it('refuses lookup-events output whose CloudTrailEvent string is damaged', () => {
    const text = JSON.stringify({ Events: [{ EventId: 'x', EventName: 'GetObject', CloudTrailEvent: '{"eventVersion":"1.09","eventName":"Get' }] });
    const err = thrown(() => records(text, 'lookup.json'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.record).toBe('record 1 (line 1)');
  });
});

const realFiles = existsSync(realDir) ? readdirSync(realDir).filter((f) => f.endsWith('.json')) : [];
if (realFiles.length === 0) console.log(`real CloudTrail fixtures were not found at ${realDir}; skipping those tests`);

describe.skipIf(realFiles.length === 0)('cloudtrail: real public dataset (invictus-ir)', () => {
  const parsed = realFiles.map((name) => {
    const text = readFileSync(join(realDir, name), 'utf8');
    return { name, text };
  });

  it('detects every file as CloudTrail', () => {
    for (const { name, text } of parsed) expect(cloudtrail.detect(text.slice(0, 65536), name), name).toBe(true);
  });

  it('normalizes every record without throwing, and links every ASIA session key to its user or role', () => {
    const all = parsed.flatMap(({ name, text }) => signals(text, name));
    expect(all.length).toBeGreaterThan(1000);
    const identities = new Identities(all);
    let sessionKeys = 0;
    for (const signal of all) {
      const primary = signal.actor.primary;
      for (const id of signal.actor.identifiers) {
        if (id.type !== 'aws.access_key' || !id.value.startsWith('ASIA')) continue;
        sessionKeys += 1;
        expect(primary !== null && ['aws.iam-user', 'aws.role'].includes(signal.actor.kind)).toBe(true);
        expect(primary !== null && identities.same(id, primary)).toBe(true);
      }
    }
    expect(sessionKeys).toBeGreaterThan(100);
  });
});

describe('cloudtrail: the demo bundle written by scripts/make-demo.ts', () => {
  const DEMO_ACCOUNT = '739104582263';
  const CI_DEPLOYER = arn(`arn:aws:iam::${DEMO_ACCOUNT}:user/ci-deployer`);
  const PROD_DATA_READER = arn(`arn:aws:iam::${DEMO_ACCOUNT}:role/prod-data-reader`);
  const files = existsSync(demoDir) ? readdirSync(demoDir) : [];
  const texts = files.map((name) => {
    const bytes = readFileSync(join(demoDir, name));
    return { name, bytes: bytes.length, text: name.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8') };
  });
  const all = texts.flatMap(({ name, text }) => signals(text, name));
  const identities = new Identities(all);

  it('holds a Records file, a gzipped Records file and an NDJSON file, small enough to ship', () => {
    expect(files.some((f) => /_CloudTrail_.*\.json$/.test(f))).toBe(true);
    expect(files.some((f) => /_CloudTrail_.*\.json\.gz$/.test(f))).toBe(true);
    expect(files.some((f) => f.endsWith('.ndjson'))).toBe(true);
    expect(texts.reduce((sum, t) => sum + t.bytes, 0)).toBeLessThan(300 * 1024);
    expect(existsSync(join(demoDir, '..', 'demo-README.md'))).toBe(true);
  });

  it('is detected and normalized in full: a few hundred events in 2026', () => {
    for (const { name, text } of texts) expect(cloudtrail.detect(text.slice(0, 65536), name), name).toBe(true);
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(all.length).toBeLessThanOrEqual(400);
    for (const signal of all) expect(signal.time.startsWith('2026-01-')).toBe(true);
  });

  it('tells the story through links: the new key is ci-deployer\'s, the stolen session is prod-data-reader\'s', () => {
    expect(identities.same(key('AKIA3JX7QPLM4VRTD2KW'), CI_DEPLOYER)).toBe(true);
    expect(identities.same(key('AKIA3JX7QPLMZ5CW8RHE'), CI_DEPLOYER)).toBe(true);
    expect(identities.same(key('ASIA3JX7QPLMT8NQ4YBF'), PROD_DATA_READER)).toBe(true);
    expect(identities.same(CI_DEPLOYER, PROD_DATA_READER)).toBe(false);
    expect(all.flatMap((s) => s.relations)).toContainEqual({ from: CI_DEPLOYER, to: PROD_DATA_READER, relation: 'assumed role' });
    const attacker = all.filter((s) => s.sourceIp === '203.0.113.77');
    expect(attacker.filter((s) => s.outcome === 'failure').length).toBeGreaterThanOrEqual(10);
    expect(attacker.filter((s) => s.action === 's3:GetObject').length).toBeGreaterThanOrEqual(50);
  });

  it('resolves to four to six identities, one per case', () => {
    const anchors = new Set<string>();
    for (const signal of all) {
      const primary = signal.actor.primary;
      expect(primary).not.toBeNull();
      if (primary !== null) anchors.add([...anchors].find((a) => identities.same(JSON.parse(a) as Identifier, primary)) ?? JSON.stringify(primary));
    }
    expect(anchors.size).toBeGreaterThanOrEqual(4);
    expect(anchors.size).toBeLessThanOrEqual(6);
  });

  it('carries no credential: every secret-bearing field holds the placeholder', () => {
    const secrets = texts.flatMap(({ name, text }) => records(text, name).flatMap((r) => secretsIn(r.value)));
    expect(secrets.length).toBeGreaterThan(0);
    expect(new Set(secrets)).toEqual(new Set(['HIDDEN_DUE_TO_SECURITY_REASONS']));
  });
});
