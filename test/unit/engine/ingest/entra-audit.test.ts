import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Identifier } from '../../../../src/shared/schemas';
import { textSource } from '../../../../src/main/engine/ingest/evidence-source';
import { entraAudit } from '../../../../src/main/engine/ingest/formats/entra-audit';
import type { ParsedSignal, RawRecord } from '../../../../src/main/engine/ingest/types';
import { Identities, thrown } from './parser-kit';

const repoRoot = resolve(__dirname, '../../../..');
const fixtureDir = join(repoRoot, 'test/fixtures/entra-audit');
const realDir = resolve(repoRoot, '../shared/fixtures/real/azure-entra/otrf_security-datasets_GoldenSAMLADFSMailAccess');

const AUTO_APP = '5b8d2f41-7c3e-4a96-b1e0-8f4c2d6a9e73';
const AUTO_SP = 'c2a7e4b9-1d5f-4c83-9a60-3e8b1f7d2c45';
const PAY_APP = 'a41f7c3e-9b2d-4e58-8c61-0d7e3b9f5a24';
const PAY_SP = 'd8e3b6a1-4c9f-4b72-a05e-6f1d2c8b7e93';
const PAY_OBJ = '1e6c9a4f-3b8d-4f27-9e15-7a2c5d0b8f36';
const NEW_OBJ = '2f7d0b5a-4c9e-4f38-a026-8b3d6e1c9f47';
const NEW_APP = 'b52e8d1c-6f3a-4d97-8e24-9c0f7a3b5d18';
const K0 = '0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
const K1 = 'f3e2d1c0-b9a8-4c7d-9e6f-5a4b3c2d1e0f';
const K2 = '7c6b5a49-3827-4e16-a5f4-e3d2c1b0a998';
const USER = 'mira.okafor@harborledger.example';

const app = (value: string): Identifier => ({ type: 'azure.app', value });
const sp = (value: string): Identifier => ({ type: 'azure.sp', value });
const appObject = (value: string): Identifier => ({ type: 'azure.app_object', value });
const credential = (value: string): Identifier => ({ type: 'azure.credential', value });
const user = (value: string): Identifier => ({ type: 'azure.user', value });

function fixture(name: string): string {
  return readFileSync(join(fixtureDir, name), 'utf8');
}

function records(text: string, file: string): RawRecord[] {
  return [...entraAudit.records(textSource(file, text))];
}

function signals(text: string, file: string): ParsedSignal[] {
  return records(text, file).map((record) => {
    const signal = entraAudit.toSignal(record, file);
    if (signal === null) throw new Error(`${file}: record ${record.index} was skipped`);
    return signal;
  });
}

const SHAPES = ['directory-audits.json', 'audit-logs-rows.json', 'diagnostic-export.ndjson'];

describe('entra audit: detection', () => {
  it.each([...SHAPES, 'truncated.json', 'bad-line.ndjson'])('detects %s by its content', (name) => {
    expect(entraAudit.detect(fixture(name).slice(0, 65536), 'evidence.bin')).toBe(true);
  });

  it('does not claim a Graph applications listing, sign-ins or CloudTrail', () => {
    expect(entraAudit.detect(fixture('not-audit.json'), 'audit.json')).toBe(false);
    expect(entraAudit.detect(readFileSync(join(repoRoot, 'test/fixtures/entra-signin/signins-beta.json'), 'utf8'), 'x.json')).toBe(false);
    expect(entraAudit.detect(readFileSync(join(repoRoot, 'test/fixtures/cloudtrail/records.json'), 'utf8'), 'x.json')).toBe(false);
  });
});

describe('entra audit: reading every shape', () => {
  const graph = signals(fixture('directory-audits.json'), 'graph.json');

  it('reads the Graph directoryAudits response with a line per event', () => {
    expect(records(fixture('directory-audits.json'), 'g.json').map((r) => r.line)).toEqual([4, 60, 108, 161, 195, 243]);
    expect(graph[0]).toMatchObject({
      time: '2026-02-03T07:58:12.441Z',
      source: 'azure.entra-audit',
      action: 'Add service principal credentials',
      outcome: 'success',
      errorCode: null,
      target: 'ServicePrincipal/payments-api',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) PowerShell/7.4.1',
      dedupeKey: 'Directory_4e1a7c2d-9b3f-4d68-a0e5-7f2c1b8d6e39_X3K9P_11204551',
    });
    expect(graph[1]).toMatchObject({ action: 'Update application – Certificates and secrets management', sourceIp: '198.51.100.23' });
    expect(graph[3]).toMatchObject({ outcome: 'failure', errorCode: 'Insufficient privileges to complete the operation.' });
  });

  it('reads Log Analytics AuditLogs rows (JSON-string columns) and the diagnostic export the same way', () => {
    const rows = signals(fixture('audit-logs-rows.json'), 'rows.json');
    const exported = signals(fixture('diagnostic-export.ndjson'), 'diag.ndjson');
    const core = (s: ParsedSignal | undefined) => ({ action: s?.action, time: s?.time, actor: s?.actor, links: s?.links, relations: s?.relations, dedupeKey: s?.dedupeKey });
    expect(rows.map(core)).toEqual([graph[0], graph[1], graph[3]].map(core));
    expect(exported.map(core)).toEqual(graph.slice(0, 3).map(core));
  });
});

describe('entra audit: who changed which application', () => {
  const all = SHAPES.flatMap((name) => signals(fixture(name), name));
  const graph = signals(fixture('directory-audits.json'), 'graph.json');
  const identities = new Identities(all);
  const relations = all.flatMap((s) => s.relations);

  it('names an app initiator by app id, linked to its service principal', () => {
    expect(graph[0]?.actor).toMatchObject({ kind: 'azure.service-principal', label: 'app/ledger-automation', primary: app(AUTO_APP) });
    expect(identities.same(sp(AUTO_SP), app(AUTO_APP))).toBe(true);
  });

  it('relates the initiator to the app it added credentials to, without merging them', () => {
    expect(relations).toContainEqual({ from: app(AUTO_APP), to: app(PAY_APP), relation: 'added credentials to' });
    expect(relations).toContainEqual({ from: user(USER), to: appObject(PAY_OBJ), relation: 'added credentials to' });
    expect(relations).toContainEqual({ from: user(USER), to: sp(PAY_SP), relation: 'removed credentials from' });
    expect(relations).toContainEqual({ from: app(AUTO_APP), to: sp('3a5c7e9b-1d4f-4b62-8e05-9f1b3d5a7c80'), relation: 'tried: added credentials to' });
    expect(identities.same(app(AUTO_APP), app(PAY_APP))).toBe(false);
    expect(identities.same(user(USER), appObject(PAY_OBJ))).toBe(false);
  });

  it('makes the target app visible by its ids: app id from the properties, service principal and app object ids', () => {
    expect(identities.same(sp(PAY_SP), app(PAY_APP))).toBe(true);
    expect(identities.same(appObject(NEW_OBJ), app(NEW_APP))).toBe(true);
    expect(relations).toContainEqual({ from: user(USER), to: app(NEW_APP), relation: 'add application' });
  });

  it('links each credential key id to the app that holds it, and only on success', () => {
    expect(identities.same(credential(K1), app(PAY_APP))).toBe(true);
    expect(identities.same(credential(K2), appObject(PAY_OBJ))).toBe(true);
    expect(identities.same(credential(K0), appObject(PAY_OBJ))).toBe(true);
    const failed = graph[3];
    expect(failed?.links.filter((l) => l.a.type === 'azure.credential')).toEqual([]);
  });

  it('gives a first-party Microsoft service no identifier', () => {
    expect(graph[5]?.actor).toEqual({ label: 'app/Microsoft Substrate Management', kind: 'azure.service-principal', primary: null, identifiers: [] });
    expect(graph[5]?.relations).toEqual([]);
  });

  it('ties every identifier of an actor to its primary through this record\'s links', () => {
    for (const signal of all) {
      const own = new Identities([signal]);
      const primary = signal.actor.primary;
      for (const id of signal.actor.identifiers) expect(primary !== null && own.same(id, primary)).toBe(true);
    }
  });

  it('lets no secret in additional details reach any signal field', () => {
    expect(fixture('directory-audits.json')).toContain('FAKE-ENTRA-SECRET');
    expect(JSON.stringify(all)).not.toContain('FAKE-ENTRA-SECRET');
  });
});

describe('entra audit: refusing bad input', () => {
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
    ['not-audit.json', fixture('not-audit.json')],
    ['array.json', '[{"foo":1}]'],
    ['activity.json', readFileSync(join(repoRoot, 'test/fixtures/azure-activity/log-analytics.json'), 'utf8')],
  ])('refuses JSON that is not an Entra audit log (%s) with a hint saying what was expected', (name, text) => {
    const err = thrown(() => records(text, name));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.file).toBe(name);
    expect(err.message).toMatch(/not Entra ID audit logs/);
    expect(err.hint).toMatch(/directoryAudits/);
  });

  it('rejects malformed records by name, and survives hostile values', () => {
    expect(thrown(() => entraAudit.toSignal({ index: 1, line: 9, value: null }, 'f')).record).toBe('record 2 (line 9)');
    expect(thrown(() => entraAudit.toSignal({ index: 0, line: null, value: { activityDisplayName: 'x' } }, 'f')).message).toMatch(/no activity name, time or initiator/);
    const badTime = { activityDisplayName: 'x', activityDateTime: 'later', initiatedBy: {} };
    expect(thrown(() => entraAudit.toSignal({ index: 0, line: null, value: badTime }, 'f')).message).toMatch(/not a date/);
    const hostile = JSON.parse(
      '{"activityDisplayName":"Add service principal credentials","activityDateTime":"2026-01-01T00:00:00Z","__proto__":{"result":"success"},"initiatedBy":{"app":{"appId":["x"],"servicePrincipalId":7}},"targetResources":[null,"s",{"type":"ServicePrincipal","id":{"a":1},"modifiedProperties":[{"displayName":"KeyDescription","newValue":5}]}]}',
    ) as unknown;
    const signal = entraAudit.toSignal({ index: 0, line: 1, value: hostile }, 'f');
    expect(signal).toMatchObject({ outcome: 'unknown', actor: { primary: null }, links: [], relations: [] });
  });
});

const realFiles = existsSync(realDir) ? readdirSync(realDir) : [];
if (realFiles.length === 0) console.log(`real Entra audit fixtures were not found at ${realDir}; skipping those tests`);

describe.skipIf(realFiles.length === 0)('entra audit: real public dataset (OTRF GoldenSAMLADFSMailAccess, AuditLogs rows)', () => {
  const files = realFiles.map((name) => ({ name, text: readFileSync(join(realDir, name), 'utf8') }));

  it('detects every file and normalizes every row', () => {
    for (const { name, text } of files) {
      expect(entraAudit.detect(text.slice(0, 65536), name), name).toBe(true);
      expect(signals(text, name).length).toBe(records(text, name).length);
    }
  });

  it('shows the client secret added to SimuLandApp: the user relates to the app, the key id is linked to it', () => {
    const all = files.flatMap(({ name, text }) => signals(text, name));
    const added = all.find((s) => s.action.startsWith('Update application – Certificates'));
    expect(added?.actor.primary).toEqual(user('pgustavo@simulandlabs.com'));
    expect(added?.relations).toContainEqual({ from: user('pgustavo@simulandlabs.com'), to: appObject('11b49e19-2326-4be6-93cb-7f37439bbd81'), relation: 'added credentials to' });
    expect(new Identities(all).same(credential('59eaeebc-8a6b-44a6-9f24-7d55e64420c9'), appObject('11b49e19-2326-4be6-93cb-7f37439bbd81'))).toBe(true);
  });
});
