import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inProcessEngine } from '../../../src/main/engine/engine-client';
import { type WorkbenchError } from '../../../src/shared/errors';
import { FIXTURES, snapshotTree, tempDir } from '../../helpers/workspace';
import { ctNdjson } from '../../fixtures/bundles/bundles';
import { writeFileSync } from 'node:fs';
import { Db } from '../../../src/main/engine/db/database';
import { allAuditEntries } from '../../../src/main/engine/cases/audit-log';
import { verifyEntries } from '../../../src/main/engine/cases/audit-chain';

const GOOD = join(FIXTURES, 'story/good');
const TRAIL = join(GOOD, 'trail.json');
const BAD = join(FIXTURES, 'story/bad');

async function openNew() {
  const engine = inProcessEngine({ user: 'tester@test', now: () => new Date('2026-03-03T00:00:00Z') });
  const dir = join(tempDir(), 'ws');
  await engine.call('open', { path: dir, create: true });
  return { engine, dir };
}

async function caughtError(promise: Promise<unknown>): Promise<WorkbenchError> {
  try {
    await promise;
  } catch (err) {
    return err as WorkbenchError;
  }
  throw new Error('expected the call to fail');
}

describe('engine: import to proposed cases', () => {
  it('resolves a key, its user and the keys it minted to one identity, and the assumed role to another', async () => {
    const { engine } = await openNew();
    const result = await engine.call('ingest', { paths: [TRAIL] });
    expect(result.files).toHaveLength(1);
    expect(result.files[0]).toMatchObject({ format: 'aws.cloudtrail', duplicate: false, signals: 13 });
    expect(result.identities).toBe(3);
    expect(result.cases).toBe(3);

    const identities = await engine.call('listIdentities', {});
    const user = identities.find((i) => i.label === 'user/ci-deployer')!;
    const values = user.identifiers.map((i) => i.value);
    expect(values).toContain('AKIAEXAMPLEKEY0001XY');
    expect(values).toContain('AKIAEXAMPLENEWKEY002'); // minted by CreateAccessKey: same NHI
    expect(values).toContain('arn:aws:iam::111122223333:user/ci-deployer');
    const role = identities.find((i) => i.label === 'role/prod-data-reader')!;
    expect(role.identifiers.map((i) => i.value)).toContain('ASIAEXAMPLESESSION01');
    expect(role.identifiers.map((i) => i.value)).toContain('arn:aws:sts::111122223333:assumed-role/prod-data-reader/exfil');
    expect(role.identifiers.map((i) => i.value)).not.toContain('AKIAEXAMPLEKEY0001XY'); // related, not merged
  });

  it('tells the UI the workspace figures after imports and actions: actions change the case count only', async () => {
    const { engine } = await openNew();
    await engine.call('ingest', { paths: [TRAIL] });
    const first = (await engine.call('info', {}))!;
    expect(first).toMatchObject({ files: 1, signals: 13, identities: 3, cases: 3 });
    const [a, b] = (await engine.call('listCases', { offset: 0, limit: 10 })).items;
    await engine.call('mergeCases', { ids: [a!.id, b!.id], reason: 'one operator' });
    expect(await engine.call('info', {})).toMatchObject({ files: 1, signals: 13, identities: 3, cases: 2 });
    await engine.call('undo', {});
    expect(await engine.call('info', {})).toMatchObject({ cases: 3 });
    await engine.call('ingest', { paths: [join(GOOD, 'more.ndjson')] });
    const after = (await engine.call('info', {}))!;
    expect(after.files).toBe(2);
    expect(after.signals).toBeGreaterThan(13);
  });

  it('pages the signals of a case in every sort, both ways, deep offsets included: the pages join into the whole list', async () => {
    const { engine } = await openNew();
    // 90 events of one key, two in every second (ties in time break by signal id), plus a few failures.
    const file = join(tempDir(), 'one-key.ndjson');
    writeFileSync(file, ctNdjson(0, 90));
    await engine.call('ingest', { paths: [file] });
    const [only] = (await engine.call('listCases', { offset: 0, limit: 10 })).items;
    for (const sort of ['time', 'action', 'sourceIp'] as const) {
      for (const descending of [false, true]) {
        for (const query of [undefined, 'GetObject']) {
          const whole = await engine.call('caseSignals', { id: only!.id, offset: 0, limit: 500, sort, descending, query });
          expect(whole.items.length).toBe(whole.total);
          const paged = [];
          for (let offset = 0; offset < whole.total; offset += 7) {
            const page = await engine.call('caseSignals', { id: only!.id, offset, limit: 7, sort, descending, query });
            expect(page.total).toBe(whole.total);
            paged.push(...page.items);
          }
          expect(paged.map((s) => s.id)).toEqual(whole.items.map((s) => s.id));
          if (sort === 'time') {
            const keys = whole.items.map((s) => [s.time, s.id] as const);
            const sorted = [...keys].sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1));
            expect(keys).toEqual(descending ? sorted.reverse() : sorted);
          }
        }
      }
    }
  });

  it('pages the case queue in every sort, both ways, filtered or not: the pages join into the whole list', async () => {
    const { engine } = await openNew();
    // 30 keys of 30 users, user n acting n+1 times: counts, first and last seen all differ.
    const lines: string[] = [];
    for (let n = 0; n < 30; n++) {
      for (let k = 0; k <= n; k++) {
        const event = JSON.parse(ctNdjson(n * 100 + k, n * 100 + k + 1)) as Record<string, Record<string, string>>;
        event['userIdentity'] = { ...event['userIdentity'], arn: `arn:aws:iam::111122223333:user/svc-${n}`, accessKeyId: `AKIAQUEUETEST${String(n).padStart(7, '0')}`, principalId: `AIDAQUEUE${n}`, userName: `svc-${n}` };
        lines.push(JSON.stringify(event));
      }
    }
    const file = join(tempDir(), 'queue.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);
    await engine.call('ingest', { paths: [file] });
    const all = (await engine.call('listCases', { offset: 0, limit: 500 })).items;
    await engine.call('updateCase', { id: all[3]!.id, status: 'triage' });
    await engine.call('mergeCases', { ids: [all[0]!.id, all[1]!.id], reason: 'one operator' });
    for (const sort of ['severity', 'lastSeen', 'firstSeen', 'signals', 'id', 'anchor', 'status'] as const) {
      for (const descending of [false, true]) {
        for (const filter of [{}, { status: 'new' as const }, { query: 'svc-1' }]) {
          const whole = await engine.call('listCases', { offset: 0, limit: 500, sort, descending, ...filter });
          expect(whole.items.length).toBe(whole.total);
          const paged = [];
          for (let offset = 0; offset < whole.total; offset += 7) {
            const page = await engine.call('listCases', { offset, limit: 7, sort, descending, ...filter });
            expect(page.total).toBe(whole.total);
            paged.push(...page.items);
          }
          expect(paged.map((c) => c.id)).toEqual(whole.items.map((c) => c.id));
        }
      }
    }
    expect((await engine.call('listCases', { offset: 0, limit: 500 })).total).toBe(29); // one merged away
    expect((await engine.call('listCases', { offset: 0, limit: 500, query: 'svc-1' })).items.map((c) => c.anchor.label).sort()).toContain('user/svc-1');
    // An identifier of the anchor finds its case too (the key id appears in no label or title).
    expect((await engine.call('listCases', { offset: 0, limit: 500, query: 'queuetest0000007' })).items.map((c) => c.anchor.label)).toEqual(['user/svc-7']);
    const bySignals = (await engine.call('listCases', { offset: 0, limit: 500, sort: 'signals', descending: true })).items.map((c) => c.signals);
    expect(bySignals).toEqual([...bySignals].sort((a, b) => b - a));
  });

  it('lists cases with anchors, counts, first and last seen, and gives every signal a reason', async () => {
    const { engine } = await openNew();
    await engine.call('ingest', { paths: [TRAIL] });
    const page = await engine.call('listCases', { offset: 0, limit: 50 });
    const userCase = page.items.find((c) => c.anchor.label === 'user/ci-deployer')!;
    expect(userCase).toMatchObject({ signals: 8, firstSeen: '2026-03-02T09:00:00.000Z', lastSeen: '2026-03-02T10:05:00.000Z', status: 'new' });
    expect(userCase.severity).toBe('high'); // CreateAccessKey with 3 failures
    expect(page.items[0]!.severity).toBe('high'); // sorted by severity first

    const signals = await engine.call('caseSignals', { id: userCase.id, offset: 0, limit: 100 });
    expect(signals.total).toBe(8);
    expect(signals.items.every((s) => s.reason.length > 0)).toBe(true);
    // Every one of these records names the user itself: the engine is sure.
    expect(signals.items.every((s) => s.confidence === 'high')).toBe(true);
    expect(signals.items[0]!.reason).toBe('access key AKIA…01XY belongs to user/ci-deployer');
    const roleCase = page.items.find((c) => c.anchor.label === 'role/prod-data-reader')!;
    const roleSignals = await engine.call('caseSignals', { id: roleCase.id, offset: 0, limit: 100 });
    expect(roleSignals.items[0]!.reason).toContain('assumed-role session "exfil" of role/prod-data-reader');
  });

  it('builds a graph with the identity in the middle, its identifiers, IPs, resources and the related role', async () => {
    const { engine } = await openNew();
    await engine.call('ingest', { paths: [TRAIL] });
    const cases = await engine.call('listCases', { offset: 0, limit: 50 });
    const userCase = cases.items.find((c) => c.anchor.label === 'user/ci-deployer')!;
    const graph = await engine.call('caseGraph', { id: userCase.id });
    const kinds = (k: string) => graph.nodes.filter((n) => n.kind === k).map((n) => n.label);
    expect(kinds('identity')).toEqual(['user/ci-deployer']);
    expect(kinds('ip').sort()).toEqual(['198.51.100.7', '203.0.113.10']);
    expect(kinds('resource')).toContain('prod/db/password');
    expect(kinds('related-identity')).toEqual(['role/prod-data-reader']);
    expect(kinds('identifier')).toContain('key AKIA…01XY');
    for (const edge of graph.edges) {
      expect(graph.nodes.some((n) => n.id === edge.source)).toBe(true);
      expect(graph.nodes.some((n) => n.id === edge.target)).toBe(true);
    }
  });

  it('collapses the same event seen in two files and adds nothing when a file is imported twice', async () => {
    const { engine } = await openNew();
    await engine.call('ingest', { paths: [TRAIL] });
    const again = await engine.call('ingest', { paths: [TRAIL] });
    expect(again.files[0]).toMatchObject({ duplicate: true, signals: 0 });
    const more = await engine.call('ingest', { paths: [join(GOOD, 'more.ndjson')] });
    expect(more.signals).toBe(1); // one new event; the overlapping one only raises a count
    const info = await engine.call('info', {});
    expect(info).toMatchObject({ signals: 14, cases: 3, files: 2 });
    const cases = await engine.call('listCases', { offset: 0, limit: 50 });
    const monitoring = cases.items.find((c) => c.anchor.label === 'user/monitoring')!;
    const signals = await engine.call('caseSignals', { id: monitoring.id, offset: 0, limit: 10 });
    expect(signals.items.map((s) => s.count).sort()).toEqual([1, 2]);
  });

  it('keeps the workspace on disk: reopening shows the same cases, and evidence is stored by SHA-256', async () => {
    const { engine, dir } = await openNew();
    const result = await engine.call('ingest', { paths: [TRAIL] });
    const before = await engine.call('listCases', { offset: 0, limit: 50 });
    await engine.dispose();
    const sha = result.files[0]!.sha256;
    expect(readFileSync(join(dir, 'evidence', sha))).toEqual(readFileSync(TRAIL));
    const reopened = inProcessEngine();
    await reopened.call('open', { path: dir, create: false });
    expect(await reopened.call('listCases', { offset: 0, limit: 50 })).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps a valid hash-chained audit trail of every proposal', async () => {
    const { engine, dir } = await openNew();
    await engine.call('ingest', { paths: [TRAIL] });
    await engine.call('ingest', { paths: [join(GOOD, 'more.ndjson')] });
    await engine.dispose();
    const db = await Db.open(readFileSync(join(dir, 'workspace.sqlite')), 'workspace.sqlite');
    const entries = allAuditEntries(db);
    expect(entries.map((e) => e.type)).toEqual(['case.proposed', 'case.proposed', 'case.proposed', 'case.signals-added']);
    expect(verifyEntries(entries, true)).toEqual({ valid: true });
    entries[1]!.payload['signals'] = 999;
    expect(verifyEntries(entries, true)).toEqual({ valid: false, firstBroken: 2 });
  });

  it('never stores a secret from the evidence in the database', async () => {
    const { engine, dir } = await openNew();
    await engine.call('ingest', { paths: [TRAIL] });
    await engine.dispose();
    const db = readFileSync(join(dir, 'workspace.sqlite'));
    expect(db.includes('wJalrXUtnFEMIK7MDENGbPxRfiCYFIXTURESECRET1')).toBe(false);
    expect(db.includes('FwoGZXIvYXdzEXAMPLESESSIONTOKENVALUEdonotuse')).toBe(false);
  });
});

describe('engine: refused imports change nothing', () => {
  for (const [name, expected] of [
    ['truncated.json', /line \d+, column \d+/],
    ['other.json', /start of file/],
  ] as const) {
    it(`refuses ${name}, names the file and the place, and leaves the workspace byte for byte`, async () => {
      const { engine, dir } = await openNew();
      await engine.call('ingest', { paths: [TRAIL] });
      const before = snapshotTree(dir);
      const err = await caughtError(engine.call('ingest', { paths: [join(GOOD, 'more.ndjson'), join(BAD, name)] }));
      expect(err.code).toBe('BAD_INPUT');
      expect(err.file).toContain(name);
      expect(err.record).toMatch(expected);
      expect(err.hint).toBeTruthy();
      expect(snapshotTree(dir)).toEqual(before);
      expect(await engine.call('info', {})).toMatchObject({ signals: 13, files: 1 }); // memory unchanged too
    });
  }

  it('does not even create a new workspace folder when the first import is refused', async () => {
    const { engine, dir } = await openNew();
    await expect(engine.call('ingest', { paths: [join(BAD, 'truncated.json')] })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(existsSync(dir)).toBe(false);
  });

  it('skips files of unknown format found inside a folder, and says so', async () => {
    const { engine } = await openNew();
    const dir = tempDir();
    const { copyFileSync, writeFileSync } = await import('node:fs');
    copyFileSync(TRAIL, join(dir, 'trail.json'));
    writeFileSync(join(dir, 'notes.txt'), 'analyst notes, not evidence');
    const result = await engine.call('ingest', { paths: [dir] });
    expect(result.files.map((f) => [f.path.split('/').pop(), f.format, f.rejected])).toEqual([
      ['notes.txt', 'unknown', 1],
      ['trail.json', 'aws.cloudtrail', 0],
    ]);
    expect(result.files[0]!.error).toMatch(/not in a format/);
  });

  it('refuses calls before a workspace is open, and invalid input, with typed errors', async () => {
    const engine = inProcessEngine();
    await expect(engine.call('listCases', { offset: 0, limit: 10 })).rejects.toMatchObject({ code: 'REFUSED' });
    await expect(engine.call('getCase', { id: '' } as never)).rejects.toMatchObject({ code: 'USAGE' });
  });
});
