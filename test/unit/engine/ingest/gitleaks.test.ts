import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { gitleaks } from '../../../../src/main/engine/ingest/formats/gitleaks';
import { at, expectActorsLinked, expectNoSecrets, fixture, foreignFiles, realFiles, records, signals, thrown } from './parser-kit';

const F = 'gitleaks';
const KEY_ID = 'AKIAQX4FAKE7ZK2PW3NM';
const sha256 = (s: string) => ({ type: 'secret.sha256', value: createHash('sha256').update(s).digest('hex') });

// Every value in a report that holds the secret: Secret and Match (v8), offender and line (v7), and the fixture's
// commit message, which quotes a secret key too. The AWS key id is an identifier and is checked separately.
function secretsOf(text: string): string[] {
  const findings = JSON.parse(text) as Record<string, unknown>[];
  return findings
    .flatMap((f) => [f.Secret, f.Match, f.offender, f.line, f.Message, f.commitMessage])
    .filter((v): v is string => typeof v === 'string' && v.length >= 8 && v !== KEY_ID);
}

describe('gitleaks: detection', () => {
  it.each(['report-v8.json', 'report-v7.json'])('detects %s by its content', (name) => {
    expect(gitleaks.detect(fixture(F, name), 'evidence.bin')).toBe(true);
  });

  it('does not claim other JSON arrays', () => {
    expect(gitleaks.detect(fixture(F, 'not-gitleaks.json'), 'gitleaks-report.json')).toBe(false);
  });

  it('does not claim CloudTrail, the other formats, or their real files', () => {
    for (const { name, text } of foreignFiles(F, ['gitleaks'])) expect(gitleaks.detect(text, name), name).toBe(false);
  });
});

describe('gitleaks: v8 report', () => {
  const text = fixture(F, 'report-v8.json');
  const all = signals(gitleaks, text, 'gitleaks.json');

  it('summarizes a finding by rule, file, line, commit and a masked preview', () => {
    expect(at(all, 0)).toMatchObject({
      time: '2026-01-05T08:11:42.000Z',
      source: 'gitleaks',
      action: 'gitleaks:aws-access-token',
      outcome: 'unknown',
      target: 'deploy/.env.production',
      severity: 'high',
      dedupeKey: 'gitleaks:4c1f9e2a7b3d5c8e0f6a1b9d2c7e4f3a8b5d0c62:deploy/.env.production:aws-access-token:3',
      actor: { label: 'aws-access-token AKIA…W3NM', kind: 'secret', primary: sha256(KEY_ID) },
    });
    expect(at(all, 0).summary).toBe('gitleaks aws-access-token: AWS AKIA…W3NM in deploy/.env.production:3 (commit 4c1f9e2a7b3d by Mallory Dev)');
  });

  it('links the AWS key id and the GitHub token hash to the secret', () => {
    expect(at(all, 0).actor.identifiers).toContainEqual({ type: 'aws.access_key', value: KEY_ID });
    expect(at(all, 2).actor.identifiers).toContainEqual({ type: 'github.token', value: 'OQHSCanBPgHA+SYg3yi2671soCOo+q8iIiNnyQoj9y4=' });
    expectActorsLinked(all);
  });

  it('dates an uncommitted finding as undated and keeps its fingerprint apart from other projects', () => {
    expect(at(all, 3)).toMatchObject({ time: '1970-01-01T00:00:00.000Z', action: 'gitleaks:stripe-access-token' });
    expect(at(all, 3).summary).toContain('(not in a commit)');
    expect(at(all, 3).dedupeKey).toMatch(/^gitleaks:config\/billing\.py:stripe-access-token:8:[0-9a-f]{16}$/);
  });

  it('calls a private key a private key, without any of its text', () => {
    expect(at(all, 4).actor.label).toBe('private-key OPENSSH private key …');
  });

  it('lets no secret, match or commit message reach any field', () => {
    expectNoSecrets(all, secretsOf(text));
  });
});

describe('gitleaks: v7 report', () => {
  const text = fixture(F, 'report-v7.json');
  const all = signals(gitleaks, text, 'gitleaks-v7.json');

  it('normalizes v7 findings to the same identifiers as v8', () => {
    const v8 = at(signals(gitleaks, fixture(F, 'report-v8.json'), 'v8.json'), 0);
    expect(at(all, 0).actor.identifiers).toEqual(v8.actor.identifiers);
    expect(at(all, 0)).toMatchObject({ action: 'gitleaks:AWS Access Key', time: '2026-01-05T08:11:42.000Z', target: 'https://github.com/acme-corp/payments-api' });
    expect(at(all, 0).dedupeKey).toBe('https://github.com/acme-corp/payments-api/blob/4c1f9e2a7b3d5c8e0f6a1b9d2c7e4f3a8b5d0c62/deploy/.env.production#L3');
    expect(at(all, 1).target).toBe('config/billing.py');
    expect(at(all, 1).dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('lets neither the offender nor the line reach any field', () => {
    expectNoSecrets(all, secretsOf(text));
  });
});

describe('gitleaks: refusing what it cannot read', () => {
  it('refuses broken JSON by naming the file and place', () => {
    const err = thrown(() => records(gitleaks, fixture(F, 'report-v8.json').slice(0, 300), 'cut.json'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.record).toMatch(/^line \d+, column \d+$/);
  });

  it('refuses JSON that is not a gitleaks report, naming the record', () => {
    const err = thrown(() => records(gitleaks, fixture(F, 'not-gitleaks.json'), 'x.json'));
    expect(err.message).toBe('x.json is not a gitleaks report: record 1 (line 2) is not a gitleaks finding');
    expect(thrown(() => records(gitleaks, '{"RuleID":"x","Secret":"y"}', 'obj.json')).record).toBe('the top-level JSON value');
  });

  it('rejects a malformed finding by name, and survives hostile values', () => {
    expect(thrown(() => gitleaks.toSignal({ index: 3, line: 40, value: { RuleID: 'x' } }, 'a.json')).record).toBe('record 4 (line 40)');
    expect(thrown(() => gitleaks.toSignal({ index: 0, line: 2, value: { RuleID: 'x', Secret: '', Match: '' } }, 'a.json')).message).toMatch(/without the secret/);
    const hostile = JSON.parse('{"RuleID":"r","Secret":"s3cr3t-value-long-enough","File":{"__proto__":1},"StartLine":"7","Date":12,"Commit":["c"]}');
    expect(gitleaks.toSignal({ index: 0, line: 1, value: hostile }, 'a.json')).toMatchObject({ target: null, time: '1970-01-01T00:00:12.000Z' });
  });
});

const real = realFiles('gitleaks', 'gitleaks');

describe.skipIf(real.length === 0)('gitleaks: real DefectDojo samples (v8 and v7)', () => {
  it('detects both files, normalizes every finding and leaks nothing', () => {
    expect(real).toHaveLength(2);
    for (const { name, text } of real) {
      expect(gitleaks.detect(text.slice(0, 65536), name), name).toBe(true);
      const all = signals(gitleaks, text, name);
      expect(all.length, name).toBe((JSON.parse(text) as unknown[]).length);
      expectNoSecrets(all, secretsOf(text).filter((s) => s !== 'AKIAIOSFODNN7EXAMPLE'));
      expectActorsLinked(all);
    }
  });
});
