import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Identifier } from '../../../../src/shared/schemas';
import { textSource } from '../../../../src/main/engine/ingest/evidence-source';
import { okta } from '../../../../src/main/engine/ingest/formats/okta';
import type { ParsedSignal, RawRecord } from '../../../../src/main/engine/ingest/types';
import { Identities, thrown } from './parser-kit';

const repoRoot = resolve(__dirname, '../../../..');
const fixtureDir = join(repoRoot, 'test/fixtures/okta');

const ADMIN = '00u8k2mxq4LpTz7Wd5d7';
const NEW_USER = '00uab12cd34EF56gh5d7';
const SERVICE_APP = '0oa7f3kq9sBw2XhL95d7';
const TOKEN = '00T5m8q2vXk7Rn4Bw5d7';
const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImZha2Uta2lkIn0.eyJzdWIiOiJmYWtlLXN1YmplY3QiLCJpc3MiOiJodHRwczovL2Zha2UifQ.ZmFrZS1zaWduYXR1cmUtZm9yLXRlc3RzLW9ubHk';

const user = (value: string): Identifier => ({ type: 'okta.user', value });
const app = (value: string): Identifier => ({ type: 'okta.app', value });
const token = (value: string): Identifier => ({ type: 'api_key.id', value });

function fixture(name: string): string {
  return readFileSync(join(fixtureDir, name), 'utf8');
}

function records(text: string, file: string): RawRecord[] {
  return [...okta.records(textSource(file, text))];
}

function signals(text: string, file: string): ParsedSignal[] {
  return records(text, file).map((record) => {
    const signal = okta.toSignal(record, file);
    if (signal === null) throw new Error(`${file}: record ${record.index} was skipped`);
    return signal;
  });
}

describe('okta: detection', () => {
  it.each(['system-log.json', 'system-log.ndjson', 'truncated.json', 'bad-line.ndjson'])('detects %s by its content', (name) => {
    expect(okta.detect(fixture(name).slice(0, 65536), 'evidence.bin')).toBe(true);
  });

  it('does not claim an Okta users listing or CloudTrail', () => {
    expect(okta.detect(fixture('not-okta.json'), 'okta-logs.json')).toBe(false);
    expect(okta.detect(readFileSync(join(repoRoot, 'test/fixtures/cloudtrail/events.ndjson'), 'utf8'), 'x.ndjson')).toBe(false);
  });
});

describe('okta: normalized fields', () => {
  const all = signals(fixture('system-log.json'), 'system-log.json');
  const at = (i: number): ParsedSignal => {
    const signal = all[i];
    if (signal === undefined) throw new Error(`no signal ${i}`);
    return signal;
  };

  it('reads the API array and NDJSON alike, with a line per event', () => {
    expect(records(fixture('system-log.json'), 'a.json')[1]?.line).toBe(76);
    expect(records(fixture('system-log.ndjson'), 'a.ndjson').map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(signals(fixture('system-log.ndjson'), 'a.ndjson')).toEqual(all);
  });

  it('keeps time, event type, client, place, user agent, severity and the uuid as dedupe key', () => {
    expect(at(0)).toMatchObject({
      time: '2026-02-03T07:40:11.204Z',
      source: 'okta.system-log',
      action: 'user.session.start',
      outcome: 'success',
      errorCode: null,
      sourceIp: '198.51.100.23',
      region: 'London, England, United Kingdom',
      userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15 Safari/605.1.15',
      severity: 'low',
      dedupeKey: '3f2c1d7e-8a4b-11f0-9c2e-5b7d1a3e9f01',
      summary: 'user/mira.okafor@harborledger.example: User login to Okta',
    });
    expect(at(3).severity).toBe('medium');
  });

  it('maps FAILURE and DENY to failures with the reason as error code', () => {
    expect(at(8)).toMatchObject({ outcome: 'failure', errorCode: 'INVALID_CREDENTIALS' });
    expect(at(5).outcome).toBe('failure');
    expect(at(5).errorCode).toMatch(/^invalid_client: client assertion \[redacted secret\.sha256:[0-9a-f]{64} eyJh…/);
  });

  it('names users, OAuth service apps and API tokens, and gives Okta\'s system principal no identifier', () => {
    expect(at(0).actor).toEqual({ label: 'user/mira.okafor@harborledger.example', kind: 'okta.user', primary: user(ADMIN), identifiers: [user(ADMIN)] });
    expect(at(4).actor).toEqual({ label: 'app/ledger-sync-service', kind: 'okta.app', primary: app(SERVICE_APP), identifiers: [app(SERVICE_APP)] });
    expect(at(2).actor).toMatchObject({ kind: 'api-key', primary: token(TOKEN), identifiers: [token(TOKEN), user(ADMIN)] });
    expect(at(6).actor).toMatchObject({ kind: 'unknown', primary: null, identifiers: [] });
  });
});

describe('okta: identifiers, links and relations', () => {
  const all = signals(fixture('system-log.json'), 'system-log.json');
  const identities = new Identities(all);
  const relations = all.flatMap((s) => s.relations);

  it('ties a new API token to the user who created it, and a token-made request to the token', () => {
    const created = all[1];
    expect(created?.links).toEqual([{ a: token(TOKEN), b: user(ADMIN), reason: 'user/mira.okafor@harborledger.example created API token ledger-provisioning (00T5m8q2vXk7Rn4Bw5d7)' }]);
    expect(new Identities(all.slice(2, 3)).same(token(TOKEN), user(ADMIN))).toBe(true);
    expect(identities.same(token(TOKEN), user(ADMIN))).toBe(true);
  });

  it('records what the token did to other users as relations that never merge them', () => {
    expect(relations).toContainEqual({ from: token(TOKEN), to: user(NEW_USER), relation: 'create okta user' });
    expect(relations).toContainEqual({ from: token(TOKEN), to: user(NEW_USER), relation: 'add user to group membership' });
    expect(identities.same(user(NEW_USER), user(ADMIN))).toBe(false);
  });

  it('never makes an IP, a user agent, the OAuth client of a user or Okta\'s system principal an identifier', () => {
    const banned = new Set(['0oa1gjh63g214q0Hq0g4', 'system@okta.com']);
    for (const s of all) {
      if (s.sourceIp !== null) banned.add(s.sourceIp);
      if (s.userAgent !== null) banned.add(s.userAgent);
    }
    const values = all.flatMap((s) => [...s.actor.identifiers, ...s.links.flatMap((l) => [l.a, l.b]), ...s.relations.flatMap((r) => [r.from, r.to])]).map((id) => id.value);
    for (const value of values) expect(banned.has(value)).toBe(false);
  });

  it('ties every identifier of an actor to its primary through this record\'s links', () => {
    for (const signal of all) {
      const own = new Identities([signal]);
      const primary = signal.actor.primary;
      for (const id of signal.actor.identifiers) expect(primary !== null && own.same(id, primary)).toBe(true);
    }
  });

  it('lets no token from a reason or a request URI reach any signal field', () => {
    const text = fixture('system-log.json');
    expect(text).toContain(JWT);
    expect(text).toContain('FAKE-OKTA-QUERY-TOKEN');
    const out = JSON.stringify(all);
    expect(out).not.toContain(JWT.slice(0, 60));
    expect(out).not.toContain('FAKE-OKTA-QUERY-TOKEN');
  });
});

describe('okta: refusing bad input', () => {
  it('refuses a truncated file naming the file, line and column', () => {
    const err = thrown(() => records(fixture('truncated.json'), 'truncated.json'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.file).toBe('truncated.json');
    expect(err.record).toMatch(/^line \d+, column \d+$/);
    expect(err.hint).toMatch(/truncated/);
  });

  it('refuses a broken NDJSON line by its line number', () => {
    expect(thrown(() => records(fixture('bad-line.ndjson'), 'bad-line.ndjson')).record).toMatch(/^line 2, column \d+$/);
  });

  it.each([
    ['not-okta.json', fixture('not-okta.json')],
    ['object.json', '{"eventType":"user.session.start"}'],
    ['cloudtrail.ndjson', readFileSync(join(repoRoot, 'test/fixtures/cloudtrail/events.ndjson'), 'utf8')],
  ])('refuses JSON that is not the System Log (%s) with a hint saying what was expected', (name, text) => {
    const err = thrown(() => records(text, name));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.file).toBe(name);
    expect(err.message).toMatch(/not the Okta System Log/);
    expect(err.hint).toMatch(/api\/v1\/logs/);
  });

  it('rejects malformed records by name, and survives hostile values', () => {
    expect(thrown(() => okta.toSignal({ index: 3, line: 4, value: 12 }, 'f')).record).toBe('record 4 (line 4)');
    expect(thrown(() => okta.toSignal({ index: 0, line: null, value: { published: '2026-01-01T00:00:00Z' } }, 'f')).message).toMatch(/no eventType/);
    expect(thrown(() => okta.toSignal({ index: 0, line: null, value: { eventType: 'a.b', published: 'x' } }, 'f')).message).toMatch(/not a date/);
    const hostile = JSON.parse(
      '{"eventType":"a.b","published":"2026-01-01T00:00:00Z","__proto__":{"actor":{"id":"00uAAAAAAAAAAAAAAAA","type":"User"}},"actor":{"id":"00u 1; DROP","type":"User"},"target":{"id":"x"},"outcome":"FAILURE","client":{"userAgent":"x","geographicalContext":[]},"transaction":{"detail":{"requestApiTokenId":{"a":1}}}}',
    ) as unknown;
    const signal = okta.toSignal({ index: 0, line: 1, value: hostile }, 'f');
    expect(signal).toMatchObject({ outcome: 'unknown', actor: { primary: null }, target: null, region: null, userAgent: null });
  });
});
