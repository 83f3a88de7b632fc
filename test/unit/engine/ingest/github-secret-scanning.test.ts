import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { detectSecrets } from '../../../../src/main/engine/ingest/formats/detect-secrets';
import { githubAudit } from '../../../../src/main/engine/ingest/formats/github-audit';
import { githubSecretScanning } from '../../../../src/main/engine/ingest/formats/github-secret-scanning';
import { gitleaks } from '../../../../src/main/engine/ingest/formats/gitleaks';
import { k8sAudit } from '../../../../src/main/engine/ingest/formats/k8s-audit';
import { trufflehog } from '../../../../src/main/engine/ingest/formats/trufflehog';
import type { FormatParser, ParsedSignal } from '../../../../src/main/engine/ingest/types';
import { at, expectActorsLinked, expectNoSecrets, fixture, foreignFiles, Identities, realFiles, records, repoRoot, signals, stringsIn, thrown } from './parser-kit';

const F = 'github-secret-scanning';
const KEY_ID = 'AKIAQX4FAKE7ZK2PW3NM';
const SECRET_KEY = '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';
const PAT = 'ghp_Zx9Qm2Lk7Vt4Rb8Nw3Yc6Hd1Pf5Gs0Ja2Ue7';
const SLACK = 'https://hooks.slack.com/services/T0FAKE01/B0FAKE02/Zq8mV3kX7pLr2nT9wYc4HdJf';
const sha256 = (s: string) => ({ type: 'secret.sha256', value: createHash('sha256').update(s).digest('hex') });

describe('github.secret-scanning: detection', () => {
  it.each(['repo-alerts.json', 'org-alerts.json', 'webhook-created.json', 'webhook-resolved.json'])('detects %s by its content', (name) => {
    expect(githubSecretScanning.detect(fixture(F, name), 'evidence.bin')).toBe(true);
  });

  it('does not claim code scanning alerts', () => {
    expect(githubSecretScanning.detect(fixture(F, 'not-alerts.json'), 'alerts.json')).toBe(false);
  });

  it('does not claim CloudTrail, the other formats, or their real files', () => {
    for (const { name, text } of foreignFiles(F, ['github-secret-scanning'])) expect(githubSecretScanning.detect(text, name), name).toBe(false);
  });
});

describe('github.secret-scanning: repository listing', () => {
  const all = signals(githubSecretScanning, fixture(F, 'repo-alerts.json'), 'alerts.json');

  it('makes each alert a finding whose actor is the leaked credential, named by its SHA-256', () => {
    expect(at(all, 0)).toMatchObject({
      time: '2026-01-05T08:12:44.000Z',
      source: 'github.secret-scanning',
      action: 'secret-scanning:aws_access_key_id',
      target: 'acme-corp/payments-api',
      severity: 'critical',
      dedupeKey: 'github.secret-scanning:https://api.github.com/repos/acme-corp/payments-api/secret-scanning/alerts/41',
      actor: { label: 'aws_access_key_id AKIA…W3NM', kind: 'secret', primary: sha256(KEY_ID) },
    });
    expect(at(all, 0).summary).toBe('GitHub secret scanning alert #41 AWS Access Key ID AKIA…W3NM in acme-corp/payments-api at deploy/.env.production:3 (open, validity active)');
  });

  it('links an AWS key id to the finding so it joins that key in CloudTrail', () => {
    expect(at(all, 0).actor.identifiers).toContainEqual({ type: 'aws.access_key', value: KEY_ID });
    expect(at(all, 0).links).toEqual([{ a: { type: 'aws.access_key', value: KEY_ID }, b: sha256(KEY_ID), reason: expect.stringContaining('AKIA…W3NM') }]);
  });

  it('links a leaked GitHub token to the hashed_token GitHub\'s audit log records for it', () => {
    const pat = at(all, 2);
    expect(pat.actor.identifiers).toContainEqual({ type: 'github.token', value: 'OQHSCanBPgHA+SYg3yi2671soCOo+q8iIiNnyQoj9y4=' });
    expect(pat.severity).toBe('high');
    expect(pat.summary).toContain('resolved as revoked');
    expect(pat.relations).toEqual([{ from: { type: 'github.user', value: 'mallory-dev' }, to: sha256(PAT), relation: 'pushed past push protection' }]);
  });

  it('keeps every secret value out of every field and ties identifiers to their primary', () => {
    expectNoSecrets(all, [SECRET_KEY, PAT]);
    expectActorsLinked(all);
  });
});

describe('github.secret-scanning: organization listing and webhooks', () => {
  it('takes the repository from the alert in an organization listing', () => {
    const [org] = signals(githubSecretScanning, fixture(F, 'org-alerts.json'), 'org.json');
    expect(org).toMatchObject({ target: 'acme-corp/payments-api', action: 'secret-scanning:slack_incoming_webhook_url', severity: 'high' });
    expectNoSecrets(org === undefined ? [] : [org], [SLACK, 'Zq8mV3kX7pLr2nT9wYc4HdJf']);
  });

  it('reads webhook payloads, which carry no secret: named but unlinked, dated by what happened', () => {
    const [created] = signals(githubSecretScanning, fixture(F, 'webhook-created.json'), 'created.json');
    const [resolved] = signals(githubSecretScanning, fixture(F, 'webhook-resolved.json'), 'resolved.json');
    expect(created?.actor).toEqual({ label: 'aws_access_key_id (value not in the record)', kind: 'secret', primary: null, identifiers: [] });
    expect(created?.dedupeKey).toBe(at(signals(githubSecretScanning, fixture(F, 'repo-alerts.json'), 'a.json'), 0).dedupeKey);
    expect(resolved).toMatchObject({ time: '2026-01-05T12:30:00.000Z', target: 'acme-corp/payments-api' });
    expect(resolved?.dedupeKey).toMatch(/#resolved$/);
    expect(resolved?.summary).toContain('#41 resolved: AWS Access Key ID');
  });
});

describe('github.secret-scanning: refusing what it cannot read', () => {
  it('refuses broken JSON by naming the file and place', () => {
    const err = thrown(() => records(githubSecretScanning, fixture(F, 'repo-alerts.json').slice(0, 600), 'cut.json'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.file).toBe('cut.json');
    expect(err.record).toMatch(/^line \d+, column \d+$/);
  });

  it('refuses JSON that is not secret scanning alerts, naming the record', () => {
    const err = thrown(() => records(githubSecretScanning, fixture(F, 'not-alerts.json'), 'code.json'));
    expect(err.message).toBe('code.json is not GitHub secret scanning alerts: record 1 (line 2) is not an alert');
  });

  it('rejects a malformed alert by name, and survives hostile values', () => {
    expect(thrown(() => githubSecretScanning.toSignal({ index: 1, line: 9, value: { number: 1 } }, 'a.json')).record).toBe('record 2 (line 9)');
    const hostile = JSON.parse('{"number":1,"secret_type":"x","created_at":"2026-01-05T00:00:00Z","secret":{"__proto__":"s"},"repository":"nope","first_location_detected":[1]}');
    expect(githubSecretScanning.toSignal({ index: 0, line: 1, value: hostile }, 'a.json')).toMatchObject({ actor: { primary: null }, target: null });
  });
});

const real = realFiles('github-secret-scanning', 'GitHub secret scanning');

describe.skipIf(real.length === 0)('github.secret-scanning: real DefectDojo sample', () => {
  it('detects the file, normalizes every alert and leaks none of the secrets', () => {
    for (const { name, text } of real) {
      expect(githubSecretScanning.detect(text.slice(0, 65536), name)).toBe(true);
      const all = signals(githubSecretScanning, text, name);
      expect(all).toHaveLength(3);
      const secrets = (JSON.parse(text) as { secret: string; secret_type: string }[]).filter((a) => a.secret_type !== 'aws_access_key_id').map((a) => a.secret);
      expectNoSecrets(all, secrets);
      expect(all.map((s) => s.severity)).toEqual(['critical', 'critical', 'high']);
      expect(at(all, 1).actor.identifiers).toContainEqual({ type: 'aws.access_key', value: 'AKIAIOSFODNN7EXAMPLE' });
    }
  });
});

describe('cross-format: one fake AWS key found by gitleaks, TruffleHog and GitHub secret scanning', () => {
  const fromGitleaks = signals(gitleaks, fixture('gitleaks', 'report-v8.json'), 'gitleaks.json');
  const fromTrufflehog = signals(trufflehog, fixture('trufflehog', 'results.ndjson'), 'th.ndjson');
  const fromGithub = signals(githubSecretScanning, fixture(F, 'repo-alerts.json'), 'alerts.json');

  it('yields the same aws.access_key and secret.sha256 identifiers in all three, linked the same way', () => {
    const keyFinding = (all: ParsedSignal[]) => all.find((s) => s.actor.identifiers.some((id) => id.type === 'aws.access_key' && id.value === KEY_ID));
    const expected = [sha256(KEY_ID), { type: 'aws.access_key', value: KEY_ID }];
    for (const all of [fromGitleaks, fromTrufflehog, fromGithub]) {
      const finding = keyFinding(all);
      expect(finding?.actor.primary).toEqual(sha256(KEY_ID));
      expect(finding?.actor.identifiers.slice(0, 2)).toEqual(expected);
    }
    // The secret access key, found as a generic secret by gitleaks, as its own alert by GitHub and paired with the
    // key id by TruffleHog, ends in the same identity as the key id.
    const identities = new Identities([...fromGitleaks, ...fromTrufflehog, ...fromGithub]);
    expect(identities.same(sha256(SECRET_KEY), { type: 'aws.access_key', value: KEY_ID })).toBe(true);
    expect(identities.same(sha256(PAT), { type: 'github.token', value: 'OQHSCanBPgHA+SYg3yi2671soCOo+q8iIiNnyQoj9y4=' })).toBe(true);
  });

  it('lets no fixture secret appear in any field of any signal of any of these parsers, and the key id only as an identifier', () => {
    const parsers: [FormatParser, string][] = [
      [githubSecretScanning, F],
      [gitleaks, 'gitleaks'],
      [trufflehog, 'trufflehog'],
      [detectSecrets, 'detect-secrets'],
      [k8sAudit, 'k8s-audit'],
      [githubAudit, 'github-audit'],
    ];
    const all = parsers.flatMap(([parser, dir]) =>
      readdirSync(join(repoRoot, 'test/fixtures', dir))
        .filter((name) => parser.detect(fixture(dir, name), name))
        .flatMap((name) => {
          try {
            return signals(parser, fixture(dir, name), name);
          } catch {
            return []; // the deliberately broken fixtures
          }
        }),
    );
    expect(all.length).toBeGreaterThan(40);
    const PEM_BODY = 'b3BlbnNzaC1rZXktdjEAAAAAFAKEFAKEFAKE';
    expectNoSecrets(all, [SECRET_KEY, PAT, SLACK, 'sk_test_FAKE51Hq7ZpXk2Lm9Rt4Vw8Nc3Yb6Jd0Gf', 'npm_FAKEq7Zp2Lm9Rt4Vw8Nc3Yb6Jd0Gf5Hk1Xs2', PEM_BODY, `AWS_ACCESS_KEY_ID=${KEY_ID}`]);
    const outsideIdentifiers = all.flatMap((signal) => stringsIn(withoutKeyIdentifiers(signal)));
    expect(outsideIdentifiers.filter((s) => s.includes(KEY_ID))).toEqual([]);
  });
});

// A copy of a value with every {type: 'aws.access_key', value} identifier removed.
function withoutKeyIdentifiers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutKeyIdentifiers);
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  if (object.type === 'aws.access_key') return null;
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, withoutKeyIdentifiers(v)]));
}
