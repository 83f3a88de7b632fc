import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inProcessEngine, type EngineClient } from '../../../src/main/engine/engine-client';
import { Db } from '../../../src/main/engine/db/database';
import { matchExpression, SEARCH_COUNT_CAP, searchSignals } from '../../../src/main/engine/queries/search';
import { FIXTURES, tempDir } from '../../helpers/workspace';

const TRAIL = join(FIXTURES, 'story/good/trail.json');
const INVENTORY = join(FIXTURES, 'inventory/nhi-inventory.csv');

async function storyWorkspace(paths = [TRAIL]): Promise<{ engine: EngineClient; dir: string; cases: Record<string, { id: string; title: string }> }> {
  const engine = inProcessEngine({ user: 'analyst@test', now: () => new Date('2026-03-03T12:00:00Z') });
  const dir = join(tempDir(), 'ws');
  await engine.call('open', { path: dir, create: true });
  await engine.call('ingest', { paths });
  return { engine, dir, cases: await casesByAnchor(engine) };
}

async function casesByAnchor(engine: EngineClient): Promise<Record<string, { id: string; title: string }>> {
  const page = await engine.call('listCases', { offset: 0, limit: 100 });
  return Object.fromEntries(page.items.map((c) => [c.anchor.label, { id: c.id, title: c.title }]));
}

async function search(engine: EngineClient, query: string, more: { limit?: number; offset?: number; caseId?: string } = {}) {
  return engine.call('searchSignals', { query, limit: more.limit ?? 100, offset: more.offset ?? 0, ...(more.caseId ? { caseId: more.caseId } : {}) });
}

describe('workspace-wide signal search', () => {
  it('finds an IP, an API action, a full access key id and a role name from inside an ARN, each hit naming its case', async () => {
    const { engine, cases } = await storyWorkspace();
    const user = cases['user/ci-deployer']!;
    const role = cases['role/prod-data-reader']!;

    // 11 CloudTrail records came from 203.0.113.10 (plus the first-seen signals derived from them, which copy the IP).
    const ip = await search(engine, '203.0.113.10');
    expect(ip.total).toBe(ip.items.length);
    expect(ip.items.filter((h) => h.source === 'aws.cloudtrail')).toHaveLength(11);
    expect(ip.items.every((h) => h.sourceIp === '203.0.113.10')).toBe(true);
    // Another address sharing some of the numbers is not a hit: the words must follow each other.
    expect((await search(engine, '203.0.113.11')).total).toBe(0);

    const secret = await search(engine, 'GetSecretValue');
    expect(secret.items.map((h) => h.action)).toContain('secretsmanager:GetSecretValue');
    expect(secret.items.find((h) => h.action === 'secretsmanager:GetSecretValue')).toMatchObject({ case: user, reason: expect.any(String), confidence: expect.any(String) });

    // Summaries show the key masked (AKIA…01XY); the full key id is found through the identifiers the signal names.
    const key = await search(engine, 'AKIAEXAMPLEKEY0001XY');
    expect(key.items.filter((h) => h.source === 'aws.cloudtrail')).toHaveLength(8);
    expect(key.items.every((h) => h.case?.id === user.id)).toBe(true);
    expect((await search(engine, 'akiaexamplekey0001xy')).total).toBe(key.total);

    const roleName = await search(engine, 'prod-data-reader');
    expect(roleName.items.filter((h) => h.action === 's3:GetObject')).toHaveLength(4);
    expect(roleName.items.filter((h) => h.action === 's3:GetObject').every((h) => h.case?.id === role.id)).toBe(true);
    // The AssumeRole call names the role as its target, in the user's case.
    expect(roleName.items.find((h) => h.action === 'sts:AssumeRole')?.case?.id).toBe(user.id);

    // Each term must match (AND), in any field.
    expect((await search(engine, '203.0.113.10 GetSecretValue')).items.map((h) => h.action)).toEqual(['secretsmanager:GetSecretValue']);
    // A trailing * matches the start of a word.
    expect((await search(engine, 'GetSecret*')).total).toBe(secret.total);
    await engine.dispose();
  });

  it('gives rows in the case view shape, in import order, paged by limit and offset', async () => {
    const { engine, cases } = await storyWorkspace();
    const all = await search(engine, '203.0.113.10');
    const ids = all.items.map((h) => h.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const first = await search(engine, '203.0.113.10', { limit: 4 });
    const second = await search(engine, '203.0.113.10', { limit: 4, offset: 4 });
    expect(first.items.map((h) => h.id)).toEqual(ids.slice(0, 4));
    expect(second.items.map((h) => h.id)).toEqual(ids.slice(4, 8));
    expect(first.total).toBe(all.total);
    expect(first.capped).toBe(false);
    expect((await search(engine, '203.0.113.10', { offset: all.total })).items).toEqual([]);

    // The same row as the case's own signal table shows, plus the case.
    const hit = first.items[0]!;
    const { case: inCase, ...row } = hit;
    const page = await engine.call('caseSignals', { id: inCase!.id, offset: 0, limit: 1000 });
    expect(page.items.find((s) => s.id === hit.id)).toEqual(row);
    expect(inCase).toEqual(Object.values(cases).find((c) => c.id === inCase!.id));
    await engine.dispose();
  });

  it('narrows to one case, and refuses a case that does not exist', async () => {
    const { engine, cases } = await storyWorkspace();
    const role = cases['role/prod-data-reader']!;
    const inRole = await search(engine, '203.0.113.10', { caseId: role.id });
    expect(inRole.total).toBeGreaterThanOrEqual(4);
    expect(inRole.items.every((h) => h.case?.id === role.id)).toBe(true);
    expect((await search(engine, 'GetSecretValue', { caseId: role.id })).total).toBe(0);
    await expect(search(engine, '203.0.113.10', { caseId: 'C-9999' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await engine.dispose();
  });

  it('answers no hits, never an error, for unknown words, punctuation and query syntax', async () => {
    const { engine } = await storyWorkspace();
    expect(await search(engine, 'no-such-word-anywhere')).toEqual({ total: 0, capped: false, items: [] });
    for (const text of ['', '   ', '...', '"', '""', '*', '" OR *', '()', '- : /', '"\'', '\\', '%', 'NEAR/2', '^', '\u0000', '🙂']) {
      expect(await search(engine, text), JSON.stringify(text)).toMatchObject({ total: 0, items: [] });
    }
    // Operators are words like any other: no union, no negation, no column filter, no "match everything".
    expect((await search(engine, 'GetSecretValue OR ListUsers')).total).toBe(0);
    expect((await search(engine, 'ListUsers NOT AccessDenied')).total).toBe(0);
    expect((await search(engine, '-AccessDenied')).total).toBe((await search(engine, 'AccessDenied')).total);
    expect((await search(engine, 'action:GetSecretValue')).total).toBe(0);
    expect((await search(engine, '"GetSecretValue')).total).toBe(1);
    // A prefix needs three letters: shorter ones are words of their own.
    expect((await search(engine, 'Get*')).total).toBeGreaterThan(0);
    expect((await search(engine, 'Ge*')).total).toBe(0);
    await engine.dispose();
  });

  it('never fails on any text an analyst could type', async () => {
    const { engine } = await storyWorkspace();
    const alphabet = [...'ab01 .:-/*"()\'^~+&|$%\\_,;{}[]<>=!?#@\t…é😀', 'OR', 'AND', 'NOT', 'NEAR', '203.0.113.10', 'GetObject'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }), async (parts) => {
        const page = await search(engine, parts.join('').slice(0, 200));
        expect(page.total).toBeGreaterThanOrEqual(0);
        expect(page.items.length).toBeLessThanOrEqual(page.total);
      }),
      { numRuns: 150 },
    );
    await engine.dispose();
  });

  it('shows the case a hit is in now: after a merge the surviving case, after undo the original one again', async () => {
    const { engine, cases } = await storyWorkspace();
    const user = cases['user/ci-deployer']!;
    const role = cases['role/prod-data-reader']!;
    const caseOfGetObject = async (): Promise<string[]> =>
      [...new Set((await search(engine, 'GetObject')).items.filter((h) => h.action === 's3:GetObject').map((h) => h.case?.id ?? 'none'))];
    expect(await caseOfGetObject()).toEqual([role.id]);
    await engine.call('mergeCases', { ids: [user.id, role.id] });
    expect(await caseOfGetObject()).toEqual([user.id]);
    expect((await search(engine, 'GetObject', { caseId: role.id })).total).toBe(0);
    await engine.call('undo', {});
    expect(await caseOfGetObject()).toEqual([role.id]);

    // A split moves hits into the new case.
    const getObjects = (await search(engine, 'GetObject')).items.filter((h) => h.action === 's3:GetObject').map((h) => h.id);
    const split = await engine.call('splitCase', { id: role.id, signalIds: getObjects.slice(0, 2), reason: 'the exfil session' });
    const created = split.cases.find((id) => id !== role.id)!;
    const after = (await search(engine, 'GetObject')).items.filter((h) => getObjects.slice(0, 2).includes(h.id));
    expect(after.map((h) => h.case?.id)).toEqual([created, created]);
    await engine.dispose();
  });

  it('indexes each import once: later files become searchable, earlier hits are not repeated, signals in no case have none', async () => {
    const { engine } = await storyWorkspace();
    const before = await search(engine, '203.0.113.10');
    await engine.call('ingest', { paths: [INVENTORY] });
    expect(await search(engine, '203.0.113.10')).toEqual(before);
    // The inventory rows give context only: they are found, in no case.
    const owner = await search(engine, 'platform-team@example.org');
    expect(owner.total).toBeGreaterThan(0);
    expect(owner.items.every((h) => h.case === null && h.reason === null && h.confidence === null)).toBe(true);
    // A refused import (the file does not exist) leaves the index as it was.
    await expect(engine.call('ingest', { paths: [join(FIXTURES, 'no-such-file.json')] })).rejects.toBeTruthy();
    expect(await search(engine, '203.0.113.10')).toEqual(before);
    await engine.dispose();
  });

  it('counts hits up to a cap and says when there are more, still paging past it', async () => {
    const { engine, dir } = await storyWorkspace();
    const all = await search(engine, '203.0.113.10');
    await engine.dispose();
    expect(SEARCH_COUNT_CAP).toBe(10_000);
    const path = join(dir, 'workspace.sqlite');
    const db = await Db.open(readFileSync(path), path);
    expect(searchSignals(db, { query: '203.0.113.10', limit: 2, offset: 0 }, 5)).toMatchObject({ total: 5, capped: true });
    expect(searchSignals(db, { query: '203.0.113.10', limit: 2, offset: 6 }, 5).items.map((h) => h.id)).toEqual(all.items.slice(6, 8).map((h) => h.id));
    expect(searchSignals(db, { query: '203.0.113.10', limit: 2, offset: 0 }, all.total)).toMatchObject({ total: all.total, capped: false });
    db.close();
  });
});

describe('matchExpression', () => {
  it('quotes every term as a phrase, keeps a trailing * only after a word of three or more, and drops what has no letter or digit', () => {
    expect(matchExpression('203.0.113.77')).toBe('"203.0.113.77"');
    expect(matchExpression('  GetSecretValue   AKIAEXAMPLE ')).toBe('"GetSecretValue" "AKIAEXAMPLE"');
    expect(matchExpression('"access denied" s3')).toBe('"access denied" "s3"');
    expect(matchExpression('" OR *')).toBe('"OR"');
    expect(matchExpression('GetSecret* ab* 203.0.113.* *')).toBe('"GetSecret*" "ab" "203.0.113*"');
    // A * or ^ inside a term would be FTS4 syntax even between quotes.
    expect(matchExpression('a*b ^start x^y*')).toBe('"a b" "start" "x y"');
    expect(matchExpression('... -- ** "" ^')).toBeNull();
    expect(matchExpression('')).toBeNull();
  });
});
