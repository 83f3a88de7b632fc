import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { trufflehog } from '../../../../src/main/engine/ingest/formats/trufflehog';
import type { RawRecord } from '../../../../src/main/engine/ingest/types';
import { at, expectActorsLinked, expectNoSecrets, fixture, foreignFiles, Identities, realFiles, records, signals, thrown } from './parser-kit';

const F = 'trufflehog';
const KEY_ID = 'AKIAQX4FAKE7ZK2PW3NM';
const SECRET_KEY = 'q8Vz3LmR7tKx2NcW9pYh4JfB6sDg1AeU5oTi0FAK';
const PAT = 'ghp_Zx9Qm2Lk7Vt4Rb8Nw3Yc6Hd1Pf5Gs0Ja2Ue7';
const NPM = 'npm_FAKEq7Zp2Lm9Rt4Vw8Nc3Yb6Jd0Gf5Hk1Xs2';
const ARN = 'arn:aws:iam::284619370215:user/ci-deployer';
const sha256 = (s: string) => ({ type: 'secret.sha256', value: createHash('sha256').update(s).digest('hex') });
const key = { type: 'aws.access_key', value: KEY_ID };

describe('trufflehog: detection', () => {
  it.each(['results.ndjson', 'results-array.json', 'old-base64.ndjson'])('detects %s by its content', (name) => {
    expect(trufflehog.detect(fixture(F, name), 'evidence.bin')).toBe(true);
  });

  it('does not claim CloudTrail, the other formats, or their real files', () => {
    for (const { name, text } of foreignFiles(F, ['trufflehog'])) expect(trufflehog.detect(text, name), name).toBe(false);
  });
});

describe('trufflehog: results', () => {
  const all = signals(trufflehog, fixture(F, 'results.ndjson'), 'th.ndjson');

  it('reads NDJSON results and skips TruffleHog\'s own log lines', () => {
    const raw = records(trufflehog, fixture(F, 'results.ndjson'), 'th.ndjson');
    expect(raw.map((r) => r.line)).toEqual([1, 2, 3, 4]);
    expect(trufflehog.toSignal(raw[2] as RawRecord, 'th.ndjson')).toBeNull();
    expect(all.map((s) => s.action)).toEqual(['trufflehog:AWS', 'trufflehog:Github', 'trufflehog:NpmToken']);
  });

  it('names a verified AWS key by its id, links its secret key and the ARN STS returned, and marks it critical', () => {
    const aws = at(all, 0);
    expect(aws).toMatchObject({
      time: '2026-01-05T08:11:42.000Z',
      severity: 'critical',
      target: 'https://github.com/acme-corp/payments-api.git',
      actor: { label: 'AWS AKIA…W3NM', kind: 'secret', primary: sha256(KEY_ID) },
    });
    expect(aws.actor.identifiers).toEqual([sha256(KEY_ID), key, sha256(SECRET_KEY), { type: 'aws.arn', value: ARN }, { type: 'aws.principal_id', value: 'AIDAUQ3XK7PLM2VN4BCD' }]);
    expect(aws.links.find((l) => l.a.type === 'aws.arn')?.reason).toContain('verified access key AKIA…W3NM with AWS STS');
    expect(new Identities(all).same(key, { type: 'aws.arn', value: ARN })).toBe(true);
    expect(aws.summary).toBe(`TruffleHog AWS AKIA…W3NM (verified live, belongs to ${ARN}) in deploy/.env.production:3 of https://github.com/acme-corp/payments-api.git (commit 4c1f9e2a7b3d)`);
  });

  it('never makes an identifier of the account id alone', () => {
    for (const s of all) expect(s.actor.identifiers.some((id) => id.value === '284619370215')).toBe(false);
  });

  it('marks unverified results medium, links a GitHub token to its audit-log hash, and dates filesystem finds as undated', () => {
    expect(at(all, 1)).toMatchObject({ severity: 'medium', time: '2026-01-04T17:55:03.000Z' });
    expect(at(all, 1).actor.identifiers).toContainEqual({ type: 'github.token', value: 'OQHSCanBPgHA+SYg3yi2671soCOo+q8iIiNnyQoj9y4=' });
    expect(at(all, 2)).toMatchObject({ time: '1970-01-01T00:00:00.000Z', target: '/home/ci/.npmrc' });
  });

  it('lets no Raw or RawV2 value reach any field, and ties identifiers to their primary', () => {
    expectNoSecrets(all, [SECRET_KEY, KEY_ID + SECRET_KEY, PAT, NPM]);
    expectActorsLinked(all);
  });

  it('reads a JSON array of results the same way', () => {
    expect(signals(trufflehog, fixture(F, 'results-array.json'), 'th.json')).toEqual(all.slice(0, 2));
  });

  it('decodes the base64 Raw of early v3 releases to the same identifiers', () => {
    const [old] = signals(trufflehog, fixture(F, 'old-base64.ndjson'), 'old.ndjson');
    expect(old?.actor.identifiers).toEqual(at(all, 0).actor.identifiers);
    expect(old?.time).toBe('2026-01-05T08:11:42.000Z');
  });
});

describe('trufflehog: refusing what it cannot read', () => {
  it('refuses broken NDJSON by naming the line', () => {
    const text = fixture(F, 'results.ndjson').split('\n');
    const broken = [text[0], (text[1] ?? '').slice(0, 80), ''].join('\n');
    const err = thrown(() => records(trufflehog, broken, 'th.ndjson'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.record).toMatch(/^line 2, column \d+$/);
  });

  it('refuses JSON that is not TruffleHog output, naming the record', () => {
    const err = thrown(() => records(trufflehog, '{"a":1}\n{"b":2}\n', 'x.ndjson'));
    expect(err.message).toBe('x.ndjson is not TruffleHog output: record 1 (line 1) is not a TruffleHog result');
  });

  it('rejects a result without its secret, and survives hostile values', () => {
    const bare = { SourceMetadata: {}, DetectorName: 'AWS', Raw: '' };
    expect(thrown(() => trufflehog.toSignal({ index: 5, line: 6, value: bare }, 'a.ndjson')).message).toMatch(/record 6 \(line 6\) is a TruffleHog result without the secret/);
    const hostile = JSON.parse('{"SourceMetadata":{"Data":{"__proto__":{"file":1}}},"DetectorName":"X","DecoderName":"PLAIN","Raw":"value-that-is-long","ExtraData":{"arn":7}}');
    expect(trufflehog.toSignal({ index: 0, line: 1, value: hostile }, 'a.ndjson')).toMatchObject({ target: null, time: '1970-01-01T00:00:00.000Z' });
  });
});

const real = realFiles('trufflehog', 'TruffleHog');

describe.skipIf(real.length === 0)('trufflehog: real scan of trufflesecurity/test_keys (DefectDojo sample)', () => {
  it('detects the file, decodes its base64 Raw, and links the canary key to the ARN STS returned', () => {
    for (const { name, text } of real) {
      expect(trufflehog.detect(text.slice(0, 65536), name)).toBe(true);
      const all = signals(trufflehog, text, name);
      expect(all).toHaveLength(text.trim().split('\n').length);
      expect(at(all, 0).actor.identifiers).toContainEqual({ type: 'aws.access_key', value: 'AKIAYVP4CIPPERUVIFXG' });
      expect(at(all, 0).actor.identifiers).toContainEqual({ type: 'aws.arn', value: 'arn:aws:iam::595918472158:user/canarytokens.com@@mirux23ppyky6hx3l6vclmhnj' });
      const raws = text
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { Raw: string }).Raw)
        .flatMap((raw) => [raw, Buffer.from(raw, 'base64').toString('utf8')])
        .filter((s) => s !== 'AKIAYVP4CIPPERUVIFXG');
      expectNoSecrets(all, raws);
      expectActorsLinked(all);
    }
  });
});
