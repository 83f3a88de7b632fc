import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Identifier } from '../../../../src/shared/schemas';
import { textSource } from '../../../../src/main/engine/ingest/evidence-source';
import { entraSignIn } from '../../../../src/main/engine/ingest/formats/entra-signin';
import { entraAudit } from '../../../../src/main/engine/ingest/formats/entra-audit';
import { azureActivity } from '../../../../src/main/engine/ingest/formats/azure-activity';
import type { FormatParser, ParsedSignal, RawRecord } from '../../../../src/main/engine/ingest/types';
import { Identities, thrown } from './parser-kit';

const repoRoot = resolve(__dirname, '../../../..');
const fixtureDir = join(repoRoot, 'test/fixtures/entra-signin');

const PAY_APP = 'a41f7c3e-9b2d-4e58-8c61-0d7e3b9f5a24';
const PAY_SP = 'd8e3b6a1-4c9f-4b72-a05e-6f1d2c8b7e93';
const PAY_OBJ = '1e6c9a4f-3b8d-4f27-9e15-7a2c5d0b8f36';
const AUTO_APP = '5b8d2f41-7c3e-4a96-b1e0-8f4c2d6a9e73';
const K1 = 'f3e2d1c0-b9a8-4c7d-9e6f-5a4b3c2d1e0f';
const K2 = '7c6b5a49-3827-4e16-a5f4-e3d2c1b0a998';
const MI_OID = 'e5c8a3b2-1f94-4d07-b6e2-3a9d8c7f1e60';
const MI_APP = '7a2e9c14-5d3b-4e6f-8a09-b1c4d7e2f583';
const MIRID = '/subscriptions/b3d9e7a1-58c2-4f06-a1e4-7c9d2b6e8f05/resourcegroups/rg-ledger/providers/microsoft.managedidentity/userassignedidentities/id-ledger-batch';
const USER = 'mira.okafor@harborledger.example';
const PORTAL = 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c';

const app = (value: string): Identifier => ({ type: 'azure.app', value });
const sp = (value: string): Identifier => ({ type: 'azure.sp', value });
const mi = (value: string): Identifier => ({ type: 'azure.mi', value });
const credential = (value: string): Identifier => ({ type: 'azure.credential', value });

function fixture(name: string, folder = fixtureDir): string {
  return readFileSync(join(folder, name), 'utf8');
}

function signalsOf(parser: FormatParser, text: string, file: string): ParsedSignal[] {
  return [...parser.records(textSource(file, text))]
    .map((record) => parser.toSignal(record, file))
    .filter((signal): signal is ParsedSignal => signal !== null);
}

function records(text: string, file: string): RawRecord[] {
  return [...entraSignIn.records(textSource(file, text))];
}

const signals = (text: string, file: string): ParsedSignal[] => signalsOf(entraSignIn, text, file);

const SHAPES = ['signins-beta.json', 'log-analytics-rows.json', 'diagnostic-export.ndjson'];

describe('entra sign-in: detection', () => {
  it.each([...SHAPES, 'truncated.json', 'bad-line.ndjson'])('detects %s by its content', (name) => {
    expect(entraSignIn.detect(fixture(name).slice(0, 65536), 'evidence.bin')).toBe(true);
  });

  it('does not claim a Graph servicePrincipals listing, audit logs or CloudTrail', () => {
    expect(entraSignIn.detect(fixture('not-signin.json'), 'signins.json')).toBe(false);
    expect(entraSignIn.detect(fixture('directory-audits.json', join(repoRoot, 'test/fixtures/entra-audit')), 'x.json')).toBe(false);
    expect(entraSignIn.detect(fixture('records.json', join(repoRoot, 'test/fixtures/cloudtrail')), 'x.json')).toBe(false);
  });
});

describe('entra sign-in: reading every shape', () => {
  const graph = signals(fixture('signins-beta.json'), 'beta.json');

  it('reads the Graph signIns response: user, service principal and managed identity sign-ins', () => {
    expect(records(fixture('signins-beta.json'), 'b.json').map((r) => r.line)).toEqual([4, 52, 102, 152, 202]);
    expect(graph.map((s) => s.action)).toEqual(['signin:user', 'signin:service-principal', 'signin:service-principal', 'signin:service-principal', 'signin:managed-identity']);
    expect(graph[1]).toMatchObject({
      time: '2026-02-03T08:00:02.000Z',
      source: 'azure.entra-signin',
      outcome: 'success',
      errorCode: null,
      target: 'Microsoft Graph',
      sourceIp: '203.0.113.77',
      region: 'Amsterdam, NL',
      dedupeKey: 'b7d2c4e1-3f5a-4c86-9d0b-2e7a1f4c8d01',
    });
    expect(graph[3]).toMatchObject({ outcome: 'failure', errorCode: '7000215' });
    expect(graph[3]?.summary).toBe('sp/ledger-automation service principal sign-in to Microsoft Graph from 203.0.113.77 (Amsterdam, NL) — failed 7000215: Invalid client secret is provided.');
  });

  it('reads Log Analytics rows, telling the tables apart by Type and ResultType "0" as success', () => {
    const rows = signals(fixture('log-analytics-rows.json'), 'rows.json');
    expect(rows.map((s) => [s.action, s.outcome, s.errorCode])).toEqual([
      ['signin:service-principal', 'success', null],
      ['signin:service-principal', 'failure', '7000215'],
      ['signin:managed-identity', 'success', null],
      ['signin:user', 'failure', '50126'],
    ]);
    expect(rows[0]?.actor).toEqual(graph[1]?.actor);
    expect(rows[3]).toMatchObject({ region: 'Lagos, NG', sourceIp: '192.0.2.145', userAgent: 'python-requests/2.31.0' });
  });

  it('reads the diagnostic export, the sign-in under "properties" and the table in "category"', () => {
    const exported = signals(fixture('diagnostic-export.ndjson'), 'diag.ndjson');
    expect(exported.map((s) => s.action)).toEqual(['signin:service-principal', 'signin:managed-identity', 'signin:user']);
    expect(exported[0]).toEqual(graph[1]);
    expect(exported[1]?.actor).toEqual(graph[4]?.actor);
  });
});

describe('entra sign-in: who signed in', () => {
  const all = SHAPES.flatMap((name) => signals(fixture(name), name));
  const graph = signals(fixture('signins-beta.json'), 'beta.json');
  const identities = new Identities(all);

  it('names a service principal by app id, with its object id and the credential it used linked', () => {
    expect(graph[1]?.actor).toEqual({
      label: 'sp/payments-api',
      kind: 'azure.service-principal',
      primary: app(PAY_APP),
      identifiers: [app(PAY_APP), sp(PAY_SP), credential(K1)],
    });
    expect(identities.same(credential(K1), app(PAY_APP))).toBe(true);
    expect(identities.same(credential(K2), sp(PAY_SP))).toBe(true);
  });

  it('names a managed identity by principal id, linked to its client id, object id and resource id', () => {
    expect(graph[4]?.actor).toMatchObject({ kind: 'azure.managed-identity', label: 'managed-identity/id-ledger-batch', primary: mi(MI_OID) });
    expect(identities.same(app(MI_APP), mi(MI_OID))).toBe(true);
    expect(identities.same(mi(MIRID), sp(MI_OID))).toBe(true);
  });

  it('names a person by UPN and never links the app they signed in through', () => {
    expect(graph[0]?.actor).toEqual({ label: `user/${USER}`, kind: 'azure.user', primary: { type: 'azure.user', value: USER }, identifiers: [{ type: 'azure.user', value: USER }] });
    const values = all.flatMap((s) => [...s.actor.identifiers, ...s.links.flatMap((l) => [l.a, l.b])]).map((id) => id.value);
    expect(values).not.toContain(PORTAL);
    expect(graph[0]?.summary).toContain('via Azure Portal');
  });

  it('never links the resource signed in to, or an IP, to the one signing in', () => {
    const banned = new Set(['00000003-0000-0000-c000-000000000000', 'cfa8b339-82a2-471a-a3c9-0fc0be7a4093', '6f1c2a9e-4b7d-4e3a-9c51-2d8e7b0f4a13']);
    for (const s of all) if (s.sourceIp !== null) banned.add(s.sourceIp);
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
});

describe('entra sign-in with the audit and activity logs: one story', () => {
  const audit = signalsOf(entraAudit, fixture('directory-audits.json', join(repoRoot, 'test/fixtures/entra-audit')), 'audit.json');
  const activity = signalsOf(azureActivity, fixture('records.json', join(repoRoot, 'test/fixtures/azure-activity')), 'activity.json');
  const signIns = signals(fixture('signins-beta.json'), 'beta.json');
  const identities = new Identities([...audit, ...signIns, ...activity]);

  it('resolves the credential added in the audit log and the app signing in with it to one identity', () => {
    expect(identities.same(sp(PAY_SP), app(PAY_APP))).toBe(true);
    // The key added to the app registration (known there only by its object id) is the key the app signs in with.
    expect(identities.same(credential(K2), { type: 'azure.app_object', value: PAY_OBJ })).toBe(true);
    expect(identities.same({ type: 'azure.app_object', value: PAY_OBJ }, app(PAY_APP))).toBe(true);
  });

  it('keeps the app that added the credential a separate identity, related by what it did', () => {
    expect(identities.same(app(AUTO_APP), app(PAY_APP))).toBe(false);
    expect(audit.flatMap((s) => s.relations)).toContainEqual({ from: app(AUTO_APP), to: app(PAY_APP), relation: 'added credentials to' });
  });

  it('joins the managed identity of the activity log and of its sign-ins', () => {
    expect(identities.same(mi(MIRID), mi(MI_OID))).toBe(true);
  });
});

describe('entra sign-in: refusing bad input', () => {
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
    ['not-signin.json', fixture('not-signin.json')],
    ['lines.ndjson', '{"foo":1}\n{"bar":2}\n'],
    ['audit.json', fixture('directory-audits.json', join(repoRoot, 'test/fixtures/entra-audit'))],
  ])('refuses JSON that is not a sign-in log (%s) with a hint saying what was expected', (name, text) => {
    const err = thrown(() => records(text, name));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.file).toBe(name);
    expect(err.message).toMatch(/not Entra ID sign-in logs/);
    expect(err.hint).toMatch(/AADServicePrincipalSignInLogs/);
  });

  it('rejects malformed records by name, and survives hostile values', () => {
    expect(thrown(() => entraSignIn.toSignal({ index: 0, line: 2, value: 'x' }, 'f')).record).toBe('record 1 (line 2)');
    expect(thrown(() => entraSignIn.toSignal({ index: 0, line: null, value: { createdDateTime: '2026-01-01T00:00:00Z' } }, 'f')).message).toMatch(/names no one/);
    const badTime = { createdDateTime: 'then', appId: PAY_APP, status: { errorCode: 0 } };
    expect(thrown(() => entraSignIn.toSignal({ index: 0, line: null, value: badTime }, 'f')).message).toMatch(/not a date/);
    const hostile = JSON.parse(
      `{"createdDateTime":"2026-01-01T00:00:00Z","servicePrincipalId":"${PAY_SP}","__proto__":{"appId":"${PAY_APP}"},"status":{"errorCode":{"x":1}},"signInEventTypes":"servicePrincipal","location":[1],"servicePrincipalCredentialKeyId":42,"managedServiceIdentity":"x"}`,
    ) as unknown;
    const signal = entraSignIn.toSignal({ index: 0, line: 1, value: hostile }, 'f');
    expect(signal?.actor).toEqual({ label: `sp/${PAY_SP}`, kind: 'azure.service-principal', primary: sp(PAY_SP), identifiers: [sp(PAY_SP)] });
    expect(signal?.outcome).toBe('success');
  });

  it('replaces a secret-shaped string in a failure reason', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlLXN1YmplY3QifQ.ZmFrZS1zaWduYXR1cmUtdmFsdWU';
    const value = { createdDateTime: '2026-01-01T00:00:00Z', appId: PAY_APP, status: { errorCode: 50000, failureReason: `bad assertion ${jwt}` } };
    const out = JSON.stringify(entraSignIn.toSignal({ index: 0, line: 1, value }, 'f'));
    expect(out).not.toContain(jwt);
    expect(out).toContain('[redacted secret.sha256:');
  });
});
