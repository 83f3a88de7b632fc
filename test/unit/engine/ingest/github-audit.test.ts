import { describe, it, expect } from 'vitest';
import { githubAudit } from '../../../../src/main/engine/ingest/formats/github-audit';
import { at, expectActorsLinked, fixture, foreignFiles, Identities, records, signals, thrown } from './parser-kit';

const F = 'github-audit';
// The SHA-256 (base64) of the fake PAT that the secret-scanning, gitleaks and TruffleHog fixtures leak.
const PAT_HASH = 'OQHSCanBPgHA+SYg3yi2671soCOo+q8iIiNnyQoj9y4=';
const token = (value: string) => ({ type: 'github.token', value });
const user = (value: string) => ({ type: 'github.user', value });
const DEPLOY_KEY_FP = 'SHA256:3vQm8XkP2rT7nLw9ZbY4cH6dJ1sF5gA0eU2oI8pK3xM';

describe('github.audit: detection', () => {
  it.each(['audit-export.json', 'audit-stream.ndjson', 'audit-export.csv'])('detects %s by its content', (name) => {
    expect(githubAudit.detect(fixture(F, name), 'evidence.bin')).toBe(true);
  });

  it('detects a sample cut in the middle of the first event', () => {
    expect(githubAudit.detect(fixture(F, 'audit-export.json').slice(0, 500), 'x.json')).toBe(true);
  });

  it('does not claim other GitHub JSON, or CSV without the audit columns', () => {
    expect(githubAudit.detect(fixture(F, 'not-audit.json'), 'audit.json')).toBe(false);
    expect(githubAudit.detect('name,action,when\nx,y,z\n', 'audit.csv')).toBe(false);
  });

  it('does not claim CloudTrail, the other formats, or their real files', () => {
    for (const { name, text } of foreignFiles(F, [])) expect(githubAudit.detect(text, name), name).toBe(false);
  });
});

describe('github.audit: reading every shape', () => {
  it('reads the JSON export (an array) with the line each event starts on', () => {
    const all = records(githubAudit, fixture(F, 'audit-export.json'), 'export.json');
    expect(all).toHaveLength(10);
    expect(all[0]?.line).toBe(2);
  });

  it('streams NDJSON and gives the same signals as the export', () => {
    const stream = signals(githubAudit, fixture(F, 'audit-stream.ndjson'), 'stream.ndjson');
    const exported = signals(githubAudit, fixture(F, 'audit-export.json'), 'export.json').slice(0, 3);
    expect(stream).toEqual(exported);
    expect(records(githubAudit, fixture(F, 'audit-stream.ndjson'), 'stream.ndjson').map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it('reads the CSV export: flat columns, text or epoch times, quoted fields with line breaks', () => {
    const csv = signals(githubAudit, fixture(F, 'audit-export.csv'), 'export.csv');
    expect(csv).toHaveLength(2);
    const json = at(signals(githubAudit, fixture(F, 'audit-export.json'), 'export.json'), 0);
    expect(at(csv, 0)).toMatchObject({ time: json.time, action: 'git.clone', actor: json.actor, region: 'NL', dedupeKey: json.dedupeKey, sourceIp: '203.0.113.77' });
    expect(at(csv, 1)).toMatchObject({ time: '2026-01-05T09:33:50.019Z', actor: { primary: user('dana-admin') } });
    expect(at(csv, 1).userAgent).toContain('"Safari"/17.6\nsecond line');
    expect(records(githubAudit, fixture(F, 'audit-export.csv'), 'export.csv').map((r) => r.line)).toEqual([2, 3]);
  });
});

describe('github.audit: who acted', () => {
  const all = signals(githubAudit, fixture(F, 'audit-export.json'), 'export.json');

  it('makes the token the actor when a token acts for a user, related to (not merged with) the user', () => {
    const clone = at(all, 0);
    expect(clone.actor).toMatchObject({ kind: 'github.token', primary: token(PAT_HASH), identifiers: [token(PAT_HASH), token('4417230098')] });
    expect(clone.relations).toEqual([{ from: token(PAT_HASH), to: user('mallory-dev'), relation: 'token of' }]);
    expect(new Identities(all).same(token(PAT_HASH), user('mallory-dev'))).toBe(false);
    expect(clone).toMatchObject({ action: 'git.clone', target: 'acme-corp/payments-api', sourceIp: '203.0.113.77', region: 'NL', userAgent: 'git/2.43.0', dedupeKey: 'Xk2bQ9pLr4TzW7nA-8vYcg', time: '2026-01-05T09:15:02.118Z' });
    expect(clone.summary).toContain('Personal access token (classic) OQHSCanB… of mallory-dev git.clone on acme-corp/payments-api from 203.0.113.77');
  });

  it('turns an API request answered 403 into a failure', () => {
    expect(at(all, 1)).toMatchObject({ action: 'api.request', outcome: 'failure', errorCode: '403' });
  });

  it('relates the token that added a deploy key to that key, and links the key\'s own later use to it', () => {
    expect(at(all, 2).relations).toContainEqual({ from: token(PAT_HASH), to: { type: 'github.deploy_key', value: DEPLOY_KEY_FP }, relation: 'added deploy key' });
    expect(at(all, 2).target).toBe('acme-corp/payments-api deploy key ci-cache');
    const keyClone = at(all, 3);
    expect(keyClone.actor).toMatchObject({ kind: 'github.deploy-key', primary: { type: 'github.deploy_key', value: 'kT9pX2mQ7vL4nR8wZ3bY6cH1dJ5sF0gA2eU7oI4pK9x=' } });
    expect(new Identities(all).same({ type: 'github.deploy_key', value: DEPLOY_KEY_FP }, keyClone.actor.primary ?? token(''))).toBe(true);
  });

  it('names a GitHub App by its slug and links the installation token to it', () => {
    expect(at(all, 4).relations).toEqual([{ from: user('dana-admin'), to: { type: 'github.app', value: 'acme-release-bot' }, relation: 'added app' }]);
    const push = at(all, 5);
    expect(push.actor).toMatchObject({ kind: 'github.app', primary: { type: 'github.app', value: 'acme-release-bot' } });
    expect(push.actor.identifiers).toContainEqual(token('bC4nT8xPz2LqR6vW1kY3mH9dJ5sF7gA0eU4oI2pK8x='));
  });

  it('makes the workflow the actor of workflow events, with the person who ran it related', () => {
    const run = at(all, 6);
    const workflow = { type: 'github.workflow', value: 'acme-corp/payments-api:.github/workflows/release.yml' };
    expect(run.actor).toMatchObject({ kind: 'github.workflow', primary: workflow });
    expect(run.relations).toEqual([
      { from: user('mallory-dev'), to: workflow, relation: 'ran workflow' },
      // Its OIDC token subject: where a cloud's audit log meets the same workflow.
      { from: workflow, to: { type: 'github.oidc_subject', value: 'repo:acme-corp/payments-api:ref:refs/heads/main' }, relation: 'can sign in to clouds as' },
    ]);
    expect(run).toMatchObject({ outcome: 'failure', errorCode: 'failure' });
    // The Actions app's token in that workflow belongs to the workflow, not to the app shared by every repository.
    const botPush = at(all, 7);
    expect(botPush.actor.primary).toEqual(workflow);
    expect(botPush.actor.identifiers.some((id) => id.type === 'github.app')).toBe(false);
  });

  it('names people by login when they act in the web UI', () => {
    expect(at(all, 9).actor).toMatchObject({ label: 'user/dana-admin', kind: 'github.user', primary: user('dana-admin') });
    expect(at(all, 8).target).toBe('fine-grained token');
  });

  it('ties every actor identifier to its primary in the same record', () => {
    expectActorsLinked(all);
  });
});

describe('github.audit: refusing what it cannot read', () => {
  it('refuses broken JSON by naming the file and place', () => {
    const broken = fixture(F, 'audit-export.json').slice(0, 900);
    const err = thrown(() => records(githubAudit, broken, 'cut.json'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toMatch(/^cut\.json is not valid JSON: the JSON ends before it is complete at line \d+, column \d+$/);
  });

  it('refuses JSON that is not an audit log, naming the record', () => {
    const err = thrown(() => records(githubAudit, fixture(F, 'not-audit.json'), 'repos.json'));
    expect(err.message).toBe('repos.json is not a GitHub audit log: record 1 (line 2) is not an audit event');
  });

  it('refuses a broken CSV export by line', () => {
    const err = thrown(() => records(githubAudit, '@timestamp,action,actor\n1767604502118,"git.clone,mallory\n', 'x.csv'));
    expect(err.record).toBe('line 2, column 15');
  });

  it('rejects a record without an action or time, and survives hostile values', () => {
    expect(thrown(() => githubAudit.toSignal({ index: 2, line: 4, value: { actor: 'x' } }, 'a.json')).record).toBe('record 3 (line 4)');
    expect(thrown(() => githubAudit.toSignal({ index: 0, line: 1, value: { action: 'repo.create', created_at: 'soon' } }, 'a.json')).message).toMatch(/no @timestamp or created_at/);
    const hostile = JSON.parse('{"action":"repo.create","@timestamp":1767604502118,"actor":["x"],"hashed_token":{"__proto__":1},"repo":42,"actor_location":"NL"}');
    expect(githubAudit.toSignal({ index: 0, line: 1, value: hostile }, 'a.json')).toMatchObject({ actor: { primary: null }, target: null, region: null });
  });
});
