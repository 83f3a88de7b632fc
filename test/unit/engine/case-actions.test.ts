import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inProcessEngine, type EngineClient } from '../../../src/main/engine/engine-client';
import { FIXTURES, REPO, tempDir } from '../../helpers/workspace';

const TRAIL = join(FIXTURES, 'story/good/trail.json');

async function storyWorkspace(dir = join(tempDir(), 'ws')): Promise<{ engine: EngineClient; dir: string; ids: Record<string, string> }> {
  const engine = inProcessEngine({ user: 'analyst@test', now: () => new Date('2026-03-03T12:00:00Z') });
  await engine.call('open', { path: dir, create: true });
  await engine.call('ingest', { paths: [TRAIL] });
  return { engine, dir, ids: await caseIds(engine) };
}

async function caseIds(engine: EngineClient): Promise<Record<string, string>> {
  const page = await engine.call('listCases', { offset: 0, limit: 100 });
  return Object.fromEntries(page.items.map((c) => [c.anchor.label, c.id]));
}

async function signalIds(engine: EngineClient, id: string): Promise<number[]> {
  return (await engine.call('caseSignals', { id, offset: 0, limit: 1000 })).items.map((s) => s.id);
}

describe('case actions', () => {
  it('merges related anchors without a reason, refuses unrelated ones without one, and undoes both', async () => {
    const { engine, ids } = await storyWorkspace();
    const user = ids['user/ci-deployer']!;
    const role = ids['role/prod-data-reader']!;
    const monitoring = ids['user/monitoring']!;

    // The user assumed the role: related, so no reason is needed.
    const merged = await engine.call('mergeCases', { ids: [user, role] });
    expect(merged.cases).toEqual([user, role]);
    expect((await engine.call('getCase', { id: user })).signals).toBe(12);
    expect(Object.keys(await caseIds(engine))).not.toContain('role/prod-data-reader');

    await expect(engine.call('mergeCases', { ids: [user, monitoring] })).rejects.toMatchObject({ code: 'REFUSED', message: expect.stringContaining('unrelated') });
    await engine.call('mergeCases', { ids: [user, monitoring], reason: 'same operator, shared runbook' });
    const marked = await engine.call('getCase', { id: user });
    expect(marked).toMatchObject({ signals: 13, marked: 'merged unrelated anchors' });

    await engine.call('undo', {});
    await engine.call('undo', {});
    const back = await caseIds(engine);
    expect(back).toEqual({ 'user/ci-deployer': user, 'role/prod-data-reader': role, 'user/monitoring': monitoring });
    expect((await engine.call('getCase', { id: user })).signals).toBe(8);
    expect((await engine.call('getCase', { id: user })).marked).toBeNull();
    await engine.call('redo', {});
    expect((await engine.call('getCase', { id: user })).signals).toBe(12);
  });

  it('splits chosen signals into a new case anchored on their identity, with reasons, and keeps undo across a restart', async () => {
    const { engine, dir, ids } = await storyWorkspace();
    const user = ids['user/ci-deployer']!;
    const role = ids['role/prod-data-reader']!;
    await engine.call('mergeCases', { ids: [user, role] });
    const all = await engine.call('caseSignals', { id: user, offset: 0, limit: 100 });
    const sessionSignals = all.items.filter((s) => s.reason.includes('assumed-role session')).map((s) => s.id);
    expect(sessionSignals).toHaveLength(4);

    const split = await engine.call('splitCase', { id: user, signalIds: sessionSignals, reason: 'the exfil session is its own story' });
    const newCase = split.cases[1]!;
    const detail = await engine.call('getCase', { id: newCase });
    expect(detail.anchor.label).toBe('role/prod-data-reader');
    expect(detail.signals).toBe(4);
    const moved = await engine.call('caseSignals', { id: newCase, offset: 0, limit: 10 });
    expect(moved.items[0]!.reason).toContain(`split from ${user}: the exfil session is its own story`);
    expect((await engine.call('undoState', {})).undo?.label).toBe(`Split 4 signals from ${user} into ${newCase}`);

    await engine.dispose(); // restart: the undo stack lives in the workspace
    const again = inProcessEngine({ user: 'analyst@test' });
    await again.call('open', { path: dir, create: false });
    expect((await again.call('undoState', {})).undo?.type).toBe('case.split');
    await again.call('undo', {});
    expect(await signalIds(again, user)).toHaveLength(12);
    expect(Object.values(await caseIds(again))).not.toContain(newCase);
    await again.call('redo', {});
    expect(await signalIds(again, newCase)).toEqual(sessionSignals);
    await again.dispose();
  });

  it('refuses to split every signal out, or signals of another case', async () => {
    const { engine, ids } = await storyWorkspace();
    const user = ids['user/ci-deployer']!;
    const everything = await signalIds(engine, user);
    await expect(engine.call('splitCase', { id: user, signalIds: everything })).rejects.toMatchObject({ code: 'REFUSED' });
    const other = await signalIds(engine, ids['user/monitoring']!);
    await expect(engine.call('splitCase', { id: user, signalIds: other })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('moves signals; an unrelated destination needs a reason; undo restores case and reason', async () => {
    const { engine, ids } = await storyWorkspace();
    const user = ids['user/ci-deployer']!;
    const monitoring = ids['user/monitoring']!;
    const [first] = await signalIds(engine, user);
    const before = (await engine.call('caseSignals', { id: user, offset: 0, limit: 1 })).items[0]!.reason;
    await expect(engine.call('moveSignals', { signalIds: [first!], to: monitoring })).rejects.toMatchObject({ code: 'REFUSED' });
    const result = await engine.call('moveSignals', { signalIds: [first!], to: monitoring, reason: 'test traffic' });
    expect(result.cases).toEqual([monitoring, user]);
    expect(await signalIds(engine, monitoring)).toContain(first);
    await engine.call('undo', {});
    expect((await engine.call('caseSignals', { id: user, offset: 0, limit: 1 })).items[0]).toMatchObject({ id: first, reason: before });
  });

  it('notes, status, owner, severity, steps and mappings are actions with undo', async () => {
    const { engine, ids } = await storyWorkspace();
    const id = ids['user/ci-deployer']!;
    await engine.call('addNote', { id, text: 'Key rotated by the platform team at 11:00.' });
    await engine.call('updateCase', { id, status: 'contained', owner: 'platform-team', severity: 'critical' });
    await engine.call('setStep', { id, step: 'rotate', done: true, note: 'AKIA…01XY deactivated' });
    await engine.call('setMappings', { id, add: ['owasp-nhi:NHI2'] });
    expect(await engine.call('caseNotes', { id })).toMatchObject([{ author: 'analyst@test', text: 'Key rotated by the platform team at 11:00.' }]);
    expect(await engine.call('getCase', { id })).toMatchObject({ status: 'contained', owner: 'platform-team', severity: 'critical' });
    expect((await engine.call('caseSteps', { id })).find((s) => s.step === 'rotate')).toMatchObject({ done: true, by: 'analyst@test', at: '2026-03-03T12:00:00.000Z' });
    expect(await engine.call('caseMappings', { id })).toEqual(['owasp-nhi:NHI2']);
    await expect(engine.call('setMappings', { id, add: ['owasp-nhi:NHI99'] })).rejects.toMatchObject({ code: 'BAD_INPUT' });

    for (let i = 0; i < 4; i++) await engine.call('undo', {});
    expect(await engine.call('caseNotes', { id })).toEqual([]);
    expect(await engine.call('getCase', { id })).toMatchObject({ status: 'new', owner: null, severity: 'high' });
    expect((await engine.call('caseSteps', { id })).find((s) => s.step === 'rotate')?.done).toBe(false);
    expect(await engine.call('caseMappings', { id })).toEqual([]);
    expect(await engine.call('undo', {})).toBeNull(); // the proposals themselves are not undoable

    const history = await engine.call('caseHistory', { id });
    expect(history.map((h) => h.label)).toEqual([
      expect.stringContaining('Proposed'),
      `Note on ${id}`,
      expect.stringContaining('Set status to contained'),
      `Tick rotate on ${id}`,
      `Change framework mappings of ${id}`,
      `Undo: Change framework mappings of ${id}`,
      `Undo: Tick rotate on ${id}`,
      expect.stringContaining('Undo: Set status'),
      `Undo: Note on ${id}`,
    ]);
    expect(await engine.call('auditVerify', {})).toMatchObject({ valid: true, entries: 11 });
  });
});

describe('never lose work', () => {
  it('replays journaled actions after a crash that left no checkpoint, and ignores a torn last line', async () => {
    const dir = join(tempDir(), 'ws');
    const { engine, ids } = await storyWorkspace(dir);
    const id = ids['user/ci-deployer']!;
    await engine.call('addNote', { id, text: 'first' });
    await engine.call('addNote', { id, text: 'second' });
    // Simulate a crash: copy the workspace as it is on disk right now (checkpoint + journal), plus a torn write.
    const crashed = join(tempDir(), 'crashed');
    const { cpSync } = await import('node:fs');
    cpSync(dir, crashed, { recursive: true });
    writeFileSync(join(crashed, 'journal.ndjson'), `${readFileSync(join(crashed, 'journal.ndjson'), 'utf8')}{"seq":99,"type":"case.no`);
    const { rmSync } = await import('node:fs');
    rmSync(join(crashed, 'workspace.lock'));
    const reopened = inProcessEngine();
    const info = await reopened.call('open', { path: crashed, create: false });
    expect(info.warnings).toEqual([expect.stringContaining('incomplete')]);
    expect((await reopened.call('caseNotes', { id })).map((n) => n.text)).toEqual(['first', 'second']);
    expect(await reopened.call('auditVerify', {})).toMatchObject({ valid: true });
    await reopened.dispose();
    await engine.dispose();
  });

  it('refuses a second process on the same workspace, and takes over the lock of a crashed one', async () => {
    const { engine, dir } = await storyWorkspace();
    const second = inProcessEngine();
    await expect(second.call('open', { path: dir, create: false })).rejects.toMatchObject({ code: 'REFUSED', message: expect.stringContaining('open in another process') });
    await engine.dispose();
    await second.call('open', { path: dir, create: false });
    await second.dispose();
    // A lock left by a process that no longer exists is stale.
    writeFileSync(join(dir, 'workspace.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), since: '2026-01-01T00:00:00Z' }));
    const third = inProcessEngine();
    await third.call('open', { path: dir, create: false });
    await third.dispose();
  });

  it('kill -9 at random moments loses no acknowledged action and always reopens with a valid chain', async () => {
    const { engine, dir, ids } = await storyWorkspace();
    const id = ids['user/ci-deployer']!;
    await engine.dispose();
    let acked = 0;
    for (let round = 0; round < 6; round++) {
      const before = await noteState(dir, id);
      const acks = await runAndKill(dir, id, 150 + Math.floor(Math.random() * 600));
      const after = await noteState(dir, id);
      // Every acknowledged action is there; at most one more (durable, killed before it could answer).
      expect(after.entries - before.entries).toBeGreaterThanOrEqual(acks.length);
      expect(after.entries - before.entries).toBeLessThanOrEqual(acks.length + 1);
      if (acks.length > 0) expect(after.entries).toBeGreaterThanOrEqual(acks.at(-1)!);
      expect(after.valid).toBe(true);
      acked += acks.length;
    }
    expect(acked).toBeGreaterThan(0);
  }, 120_000);
});

async function noteState(dir: string, id: string): Promise<{ entries: number; valid: boolean; notes: number }> {
  const engine = inProcessEngine();
  await engine.call('open', { path: dir, create: false });
  const audit = await engine.call('auditVerify', {});
  const notes = (await engine.call('caseNotes', { id })).length;
  await engine.dispose();
  return { entries: audit.entries, valid: audit.valid, notes };
}

/** Runs the action loop in a child process, SIGKILLs it after `ms` of work, returns the acknowledged seqs. */
function runAndKill(dir: string, id: string, ms: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'test/helpers/action-loop.ts'), dir, id, '3'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (!out.includes('ready') && `${out}${chunk}`.includes('ready')) setTimeout(() => child.kill('SIGKILL'), ms);
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`action loop ended on its own (${code}): ${err}`));
      const acks = out.split('\n').filter((l) => /^ack \d+ /.test(l)).map((l) => Number(l.split(' ')[1]));
      resolve(acks);
    });
  });
}


describe('exports in the journal', () => {
  it('journals an export instead of rewriting the checkpoint, and a crash keeps it in the chain', async () => {
    const dir = join(tempDir(), 'ws');
    const { engine, ids } = await storyWorkspace(dir);
    const keyDir = tempDir();
    await engine.call('keygen', { outPath: join(keyDir, 'key'), name: 'analyst@example.org' });
    const checkpoint = readFileSync(join(dir, 'workspace.sqlite'));
    await engine.call('exportCase', { id: ids['user/ci-deployer']!, outPath: join(keyDir, 'c.nhicase'), keyPath: join(keyDir, 'key') });
    expect(readFileSync(join(dir, 'workspace.sqlite'))).toEqual(checkpoint); // not rewritten
    expect(readFileSync(join(dir, 'journal.ndjson'), 'utf8')).toContain('"case.exported"');
    // Crash: copy the folder as it is on disk, without closing.
    const { cpSync, rmSync } = await import('node:fs');
    const crashed = join(tempDir(), 'crashed');
    cpSync(dir, crashed, { recursive: true });
    rmSync(join(crashed, 'workspace.lock'));
    const reopened = inProcessEngine();
    await reopened.call('open', { path: crashed, create: false });
    const history = await reopened.call('caseHistory', { id: ids['user/ci-deployer']! });
    expect(history.at(-1)).toMatchObject({ type: 'case.exported', label: 'Exported, signed by analyst@example.org' });
    expect(await reopened.call('auditVerify', {})).toMatchObject({ valid: true });
    await reopened.dispose();
    await engine.dispose();
  });
});
