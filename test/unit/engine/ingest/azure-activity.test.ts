import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Identifier } from '../../../../src/shared/schemas';
import { textSource } from '../../../../src/main/engine/ingest/evidence-source';
import { azureActivity } from '../../../../src/main/engine/ingest/formats/azure-activity';
import type { ParsedSignal, RawRecord } from '../../../../src/main/engine/ingest/types';
import { Identities, thrown } from './parser-kit';

const repoRoot = resolve(__dirname, '../../../..');
const fixtureDir = join(repoRoot, 'test/fixtures/azure-activity');
const realFile = resolve(repoRoot, '../shared/fixtures/real/azure-entra/log2timeline_plaso/azure_activity_log.jsonl');

const APP = '3c7a1e95-2b64-4d8f-9e0a-5f1b7c2d8e46';
const SP = '9e4b2d71-6a3c-4f85-b0d7-1c8e5a2f9b34';
const MI_APP = '7a2e9c14-5d3b-4e6f-8a09-b1c4d7e2f583';
const MI_OID = 'e5c8a3b2-1f94-4d07-b6e2-3a9d8c7f1e60';
const MIRID = '/subscriptions/b3d9e7a1-58c2-4f06-a1e4-7c9d2b6e8f05/resourcegroups/rg-ledger/providers/microsoft.managedidentity/userassignedidentities/id-ledger-batch';
const USER = 'mira.okafor@harborledger.example';
const AZURE_CLI = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

const app = (value: string): Identifier => ({ type: 'azure.app', value });
const sp = (value: string): Identifier => ({ type: 'azure.sp', value });

function fixture(name: string): string {
  return readFileSync(join(fixtureDir, name), 'utf8');
}

function records(text: string, file: string): RawRecord[] {
  return [...azureActivity.records(textSource(file, text))];
}

function signals(text: string, file: string): ParsedSignal[] {
  return records(text, file)
    .map((record) => azureActivity.toSignal(record, file))
    .filter((signal): signal is ParsedSignal => signal !== null);
}

const SHAPES = ['records.json', 'records.ndjson', 'activity-log-list.json', 'rest-value.json', 'log-analytics.json'];

describe('azure activity: detection', () => {
  it.each([...SHAPES, 'truncated.json', 'bad-line.ndjson'])('detects %s by its content', (name) => {
    expect(azureActivity.detect(fixture(name).slice(0, 65536), 'evidence.bin')).toBe(true);
  });

  it('detects a sample cut in the middle of the first record', () => {
    expect(azureActivity.detect(fixture('activity-log-list.json').slice(0, 2500), 'x.json')).toBe(true);
  });

  it('does not claim a resource listing, CloudTrail, or Entra logs in the same envelope', () => {
    expect(azureActivity.detect(fixture('not-azure.json'), 'activity.json')).toBe(false);
    expect(azureActivity.detect(readFileSync(join(repoRoot, 'test/fixtures/cloudtrail/records.json'), 'utf8'), 'x.json')).toBe(false);
    const entraExport = '{"records":[{"time":"2026-02-03T09:00:00Z","resourceId":"/tenants/x/providers/Microsoft.aadiam","operationName":"Add service principal","category":"AuditLogs","properties":{}}]}';
    expect(azureActivity.detect(entraExport, 'x.json')).toBe(false);
  });
});

describe('azure activity: reading every shape', () => {
  it('reads the diagnostic export, skipping the service-health notice', () => {
    const all = records(fixture('records.json'), 'records.json');
    expect(all.map((r) => r.line)).toEqual([3, 50, 99, 145, 193]);
    expect(azureActivity.toSignal(all[4] as RawRecord, 'records.json')).toBeNull();
    expect(signals(fixture('records.json'), 'records.json')).toHaveLength(4);
  });

  it('reads one record a line the same way as the {"records":[…]} file', () => {
    const lines = signals(fixture('records.ndjson'), 'records.ndjson');
    expect(lines).toEqual(signals(fixture('records.json'), 'records.json'));
    expect(records(fixture('records.ndjson'), 'r.ndjson').map((r) => r.line)).toEqual([1, 2, 3, 4]);
  });

  it('reads the REST / CLI shape: eventTimestamp, operationName.value, status.value and httpRequest', () => {
    const [write, denied, deploy] = signals(fixture('activity-log-list.json'), 'list.json');
    expect(write).toMatchObject({
      time: '2026-02-03T09:20:31.512Z',
      action: 'Microsoft.KeyVault/vaults/secrets/write',
      outcome: 'success',
      sourceIp: '203.0.113.77',
      severity: 'low',
      dedupeKey: '1c3e5a7b-9d2f-4b61-8e04-6a8c0e2b4d17',
    });
    expect(write?.target).toMatch(/secrets\/ledger-db-password$/);
    expect(denied).toMatchObject({ outcome: 'failure', errorCode: 'Forbidden', severity: 'high' });
    expect(deploy?.actor.primary).toEqual({ type: 'azure.user', value: USER });
    expect(signals(fixture('rest-value.json'), 'v.json')).toEqual([write]);
  });

  it('reads Log Analytics AzureActivity rows with Claims as a JSON string', () => {
    const [read, denied] = signals(fixture('log-analytics.json'), 'la.json');
    expect(read).toMatchObject({ action: 'Microsoft.KeyVault/vaults/secrets/read', outcome: 'success', dedupeKey: '4f6b8d0e-2a5c-4e94-b137-9d1f3b5e7a40' });
    expect(read?.actor.identifiers).toEqual([app(APP), sp(SP)]);
    // Without claims, a GUID caller is the service principal's object id.
    expect(denied?.actor).toMatchObject({ kind: 'azure.service-principal', primary: sp(SP), label: `sp/${SP}` });
    expect(denied).toMatchObject({ outcome: 'failure', errorCode: 'Forbidden' });
  });
});

describe('azure activity: who acted', () => {
  const all = SHAPES.flatMap((name) => signals(fixture(name), name));
  const identities = new Identities(all);

  it('names an application caller by app id, linked to its service principal object id', () => {
    expect(all[0]?.actor).toMatchObject({ kind: 'azure.service-principal', label: `app/${APP}`, primary: app(APP) });
    expect(identities.same(sp(SP), app(APP))).toBe(true);
  });

  it('names a managed identity by its resource id, linked to its client id and principal id', () => {
    expect(all[1]?.actor).toMatchObject({ kind: 'azure.managed-identity', label: 'managed-identity/id-ledger-batch', primary: { type: 'azure.mi', value: MIRID } });
    expect(identities.same(app(MI_APP), { type: 'azure.mi', value: MIRID })).toBe(true);
    expect(identities.same(sp(MI_OID), { type: 'azure.mi', value: MIRID })).toBe(true);
    expect(identities.same(app(MI_APP), app(APP))).toBe(false);
  });

  it('names a person by UPN and never links the client app they used (shared by every user)', () => {
    const person = all[2];
    expect(person?.actor).toEqual({ label: `user/${USER}`, kind: 'azure.user', primary: { type: 'azure.user', value: USER }, identifiers: [{ type: 'azure.user', value: USER }] });
    const values = all.flatMap((s) => [...s.actor.identifiers, ...s.links.flatMap((l) => [l.a, l.b])]).map((id) => id.value);
    expect(values).not.toContain(AZURE_CLI);
  });

  it('never makes an IP, a tenant or a subscription id an identifier', () => {
    const banned = new Set(['6f1c2a9e-4b7d-4e3a-9c51-2d8e7b0f4a13', 'b3d9e7a1-58c2-4f06-a1e4-7c9d2b6e8f05']);
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

  it('lets no secret from a request body reach any signal field', () => {
    expect(fixture('records.json')).toContain('FAKE-AZ-CLIENT-SECRET');
    expect(JSON.stringify(all)).not.toContain('FAKE-AZ-CLIENT-SECRET');
  });
});

describe('azure activity: refusing bad input', () => {
  it('refuses a truncated file naming the file, line and column', () => {
    const err = thrown(() => records(fixture('truncated.json'), 'truncated.json'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.file).toBe('truncated.json');
    expect(err.record).toMatch(/^line 56, column \d+$/);
    expect(err.hint).toMatch(/truncated/);
  });

  it('refuses a broken NDJSON line by its line number', () => {
    expect(thrown(() => records(fixture('bad-line.ndjson'), 'bad-line.ndjson')).record).toMatch(/^line 3, column \d+$/);
  });

  it.each([
    ['not-azure.json', fixture('not-azure.json')],
    ['array.json', '[{"foo":1}]'],
    ['entra.json', '{"records":[{"time":"2026-02-03T09:00:00Z","operationName":"Sign-in activity","category":"SignInLogs","properties":{}}]}'],
  ])('refuses JSON that is not the Activity Log (%s) with a hint saying what was expected', (name, text) => {
    const err = thrown(() => records(text, name));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.file).toBe(name);
    expect(err.message).toMatch(/not the Azure Activity Log/);
    expect(err.hint).toMatch(/az monitor activity-log list/);
  });

  it('rejects malformed records by name, and survives hostile values', () => {
    expect(thrown(() => azureActivity.toSignal({ index: 2, line: 7, value: [] }, 'f')).record).toBe('record 3 (line 7)');
    expect(thrown(() => azureActivity.toSignal({ index: 0, line: null, value: { time: '2026-01-01T00:00:00Z' } }, 'f')).message).toMatch(/no operationName/);
    expect(thrown(() => azureActivity.toSignal({ index: 0, line: null, value: { operationName: 'x', time: 'soon' } }, 'f')).message).toMatch(/not a date/);
    const hostile = JSON.parse('{"time":"2026-01-01T00:00:00Z","operationName":{"value":7},"OperationNameValue":"op","__proto__":{"caller":"x"},"claims":"{not json","caller":["a"],"status":{"value":{"x":1}}}') as unknown;
    const signal = azureActivity.toSignal({ index: 0, line: 1, value: hostile }, 'f');
    expect(signal).toMatchObject({ action: 'op', outcome: 'unknown', actor: { primary: null } });
  });
});

describe.skipIf(!existsSync(realFile))('azure activity: real public sample (log2timeline/plaso, snake_case SDK output)', () => {
  const text = existsSync(realFile) ? readFileSync(realFile, 'utf8') : '';

  it('detects the file and normalizes every record', () => {
    expect(azureActivity.detect(text.slice(0, 65536), 'azure_activity_log.jsonl')).toBe(true);
    const all = records(text, 'azure_activity_log.jsonl');
    const out = all.map((r) => azureActivity.toSignal(r, 'azure_activity_log.jsonl'));
    expect(out.every((s) => s !== null)).toBe(true);
    expect(out).toHaveLength(4);
  });

  it('tells the application caller (idtyp app) from the person, and does not link the person to the app id', () => {
    const all = signals(text, 'real.jsonl');
    expect(all.map((s) => s.actor.kind)).toEqual(['azure.service-principal', 'azure.user', 'azure.service-principal', 'azure.user']);
    expect(all[0]).toMatchObject({ action: 'Microsoft.Compute/disks/delete', sourceIp: '1.2.3.4', outcome: 'unknown', dedupeKey: '587eda65-125e-48c2-9b04-ab5e8d3a1d8e' });
    expect(all[1]?.actor.identifiers).toEqual([{ type: 'azure.user', value: 'fakeemail@fakedomain.com' }]);
    expect(all[1]?.links).toEqual([]);
  });
});
if (!existsSync(realFile)) console.log(`real Azure Activity fixture was not found at ${realFile}; skipping those tests`);

// Keeps the fixture folder listing honest: every file here is one the tests above read.
it('azure activity: fixture folder holds only files these tests use', () => {
  const used = new Set([...SHAPES, 'truncated.json', 'bad-line.ndjson', 'not-azure.json']);
  for (const name of readdirSync(fixtureDir)) expect(used.has(name), name).toBe(true);
});
