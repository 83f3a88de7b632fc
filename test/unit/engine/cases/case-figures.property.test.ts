// The figures a case row carries (signal count, first and last seen, severity) and the summary they are kept from are
// adjusted by each action instead of recomputed. As a property: after any sequence of merges, splits, moves, manual
// severities, undos and redos — and after replaying that sequence's journal onto the checkpoint — every case's kept
// figures and summary are exactly what a full recompute from its signals gives.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { inProcessEngine } from '../../../../src/main/engine/engine-client';
import { Db } from '../../../../src/main/engine/db/database';
import { fillCaseSummary } from '../../../../src/main/engine/db/case-summary-schema';
import { Journal } from '../../../../src/main/engine/cases/journal';
import { ActionRunner } from '../../../../src/main/engine/cases/action-runner';
import { mergeCases, planMerge } from '../../../../src/main/engine/cases/merge-cases';
import { planSplit, splitCase } from '../../../../src/main/engine/cases/split-case';
import { moveSignals, planMove } from '../../../../src/main/engine/cases/move-signals';
import { planUpdate, updateCase } from '../../../../src/main/engine/cases/case-fields';
import { recomputeCase, refreshCase, shiftSignals, storedSummary } from '../../../../src/main/engine/resolve/case-stats';
import { WorkbenchError } from '../../../../src/shared/errors';
import type { Severity } from '../../../../src/shared/schemas';
import { defaultSpec, generateEvidence } from '../../../../scripts/bench/generate-evidence';
import { TEST_SEED } from '../../../fuzz/seeded';
import { tempDir } from '../../../helpers/workspace';

/** A checkpoint of a small generated workspace: ~640 signals in ~33 cases of every severity, with failures and findings. */
let checkpoint: Uint8Array;
const dirs: string[] = [];

beforeAll(async () => {
  const evidenceDir = tempDir();
  const workspace = tempDir();
  dirs.push(evidenceDir, workspace);
  const evidence = generateEvidence(defaultSpec({ events: 600, identities: 8, seed: 7, k8s: 20, findings: 10, spans: 10 }), evidenceDir);
  const engine = inProcessEngine({ user: 'analyst@test', now: () => new Date('2026-03-03T12:00:00Z') });
  await engine.call('open', { path: workspace, create: true, initialize: true });
  await engine.call('ingest', { paths: [...evidence.cloudtrail, ...evidence.other] });
  await engine.dispose();
  checkpoint = readFileSync(join(workspace, 'workspace.sqlite'));
});

/** A database of the checkpoint. sql.js takes the bytes it is given as its file and writes into them, so each gets a copy. */
function openCheckpoint(): Promise<Db> {
  return Db.open(new Uint8Array(checkpoint), 'template');
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface CaseState {
  id: string;
  signal_count: number;
  first_seen: string | null;
  last_seen: string | null;
  severity: string;
  severity_manual: number;
  status: string;
  merged_into: string | null;
  withdrawn: number;
}

function caseRows(db: Db): CaseState[] {
  return db.all<CaseState>('SELECT id, signal_count, first_seen, last_seen, severity, severity_manual, status, merged_into, withdrawn FROM cases ORDER BY id');
}

/** Every case's kept figures and summary against a full recompute from its signals. */
function expectExact(db: Db, after: string): void {
  for (const row of caseRows(db)) {
    const full = recomputeCase(db, row.id);
    const kept = { count: row.signal_count, first: row.first_seen, last: row.last_seen, severity: row.severity_manual ? full.figures.severity : row.severity };
    expect(kept, `${row.id} after ${after}`).toEqual(full.figures);
    expect(storedSummary(db, row.id), `summary of ${row.id} after ${after}`).toEqual(full.summary);
  }
}

type Op =
  | { kind: 'merge'; cases: number[]; into: number }
  | { kind: 'split'; case: number; picks: number[]; anchor: number | null }
  | { kind: 'move'; picks: number[]; to: number }
  | { kind: 'severity'; case: number; severity: Severity }
  | { kind: 'undo' }
  | { kind: 'redo' };

const picks = (max: number): fc.Arbitrary<number[]> => fc.array(fc.nat(), { minLength: 1, maxLength: max });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('merge' as const), cases: fc.array(fc.nat(), { minLength: 2, maxLength: 3 }), into: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('split' as const), case: fc.nat(), picks: picks(60), anchor: fc.option(fc.nat(), { nil: null }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('move' as const), picks: picks(30), to: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('severity' as const), case: fc.nat(), severity: fc.constantFrom<Severity>('low', 'medium', 'high', 'critical') }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'redo' as const }) },
);

const REASON = 'property test';
const RUNS = Number(process.env['CASE_FIGURES_RUNS'] ?? 40);

/** Turns a random op into an action on the current state; refusals (an empty split, a move to where they are) are skipped. */
function perform(db: Db, runner: ActionRunner, o: Op, at: string): void {
  const active = db.all<{ id: string }>('SELECT id FROM cases WHERE merged_into IS NULL AND withdrawn = 0 ORDER BY id').map((r) => r.id);
  const pick = <T,>(list: T[], i: number): T => list[i % list.length]!;
  const signalsOf = (id: string): number[] => db.all<{ signal_id: number }>('SELECT signal_id FROM case_signals WHERE case_id = ? ORDER BY signal_id', [id]).map((r) => r.signal_id);
  try {
    switch (o.kind) {
      case 'merge': {
        const ids = o.cases.map((i) => pick(active, i));
        runner.run(mergeCases, planMerge(db, { ids, into: pick(ids, o.into), reason: REASON }), 'analyst@test', at);
        break;
      }
      case 'split': {
        const id = pick(active, o.case);
        const members = signalsOf(id);
        if (members.length === 0) return; // a case whose every signal was moved away has nothing to split
        const identities = db.all<{ id: string }>('SELECT id FROM identities ORDER BY id').map((r) => r.id);
        const anchor = o.anchor === null ? undefined : pick(identities, o.anchor);
        runner.run(splitCase, planSplit(db, { id, signalIds: o.picks.map((i) => pick(members, i)), anchor, reason: REASON }), 'analyst@test', at);
        break;
      }
      case 'move': {
        const all = db.all<{ signal_id: number }>(
          'SELECT cs.signal_id FROM case_signals cs JOIN cases c ON c.id = cs.case_id WHERE c.merged_into IS NULL AND c.withdrawn = 0 ORDER BY cs.signal_id',
        ).map((r) => r.signal_id);
        runner.run(moveSignals, planMove(db, { signalIds: o.picks.map((i) => pick(all, i)), to: pick(active, o.to), reason: REASON }), 'analyst@test', at);
        break;
      }
      case 'severity':
        runner.run(updateCase, planUpdate(db, { id: pick(active, o.case), severity: o.severity }), 'analyst@test', at);
        break;
      case 'undo':
        runner.undo('analyst@test', at);
        break;
      case 'redo':
        runner.redo('analyst@test', at);
        break;
    }
  } catch (err) {
    if (!(err instanceof WorkbenchError) || !['REFUSED', 'USAGE'].includes(err.code)) throw err;
  }
}

describe('case figures kept by the actions', () => {
  it('equal a full recompute after any sequence of merge, split, move, severity, undo and redo, and after replaying its journal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const db = await openCheckpoint();
        const journalDir = tempDir();
        const replayed = await openCheckpoint();
        try {
          const runner = new ActionRunner(db, new Journal(journalDir));
          expectExact(db, 'ingest');
          for (const [i, o] of ops.entries()) {
            perform(db, runner, o, new Date(Date.UTC(2026, 2, 3, 12, 0, i)).toISOString());
            expectExact(db, `step ${i + 1} (${o.kind})`);
          }
          // Opening the workspace again replays the journal onto the checkpoint: the same cases, the same figures.
          const replayRunner = new ActionRunner(replayed, new Journal(tempDir()));
          for (const entry of new Journal(journalDir).read().entries) replayRunner.replay(entry);
          expect(caseRows(replayed)).toEqual(caseRows(db));
          expectExact(replayed, 'replay');
        } finally {
          db.close();
          replayed.close();
          rmSync(journalDir, { recursive: true, force: true });
        }
      }),
      // A longer campaign: CASE_FIGURES_RUNS=2000 CASE_FIGURES_SEED=<n> npx vitest run <this file>.
      { seed: Number(process.env['CASE_FIGURES_SEED'] ?? TEST_SEED), numRuns: RUNS },
    );
  }, 60_000 + RUNS * 2_000);

  it('the migration fill gives every case the summary a full recompute gives', async () => {
    const db = await openCheckpoint();
    try {
      const before = caseRows(db).map((c) => storedSummary(db, c.id));
      fillCaseSummary(db);
      expect(caseRows(db).map((c) => storedSummary(db, c.id))).toEqual(before);
      expectExact(db, 'fill');
    } finally {
      db.close();
    }
  });

  it('a summary that disagrees with the signals is recomputed from them instead of going below zero', async () => {
    const db = await openCheckpoint();
    try {
      const [big, small] = db.all<{ id: string }>('SELECT id FROM cases ORDER BY signal_count DESC LIMIT 2').map((r) => r.id);
      // Damage the big case's summary, then move one of its signals away.
      db.run('UPDATE case_summary SET n = 0, failures = 0 WHERE case_id = ?', [big!]);
      const signal = db.count('SELECT signal_id FROM case_signals WHERE case_id = ? ORDER BY signal_id LIMIT 1', [big!]);
      db.run('UPDATE case_signals SET case_id = ? WHERE signal_id = ?', [small!, signal]);
      shiftSignals(db, [{ id: signal, from: big!, to: small! }]);
      expectExact(db, 'a shift over a damaged summary');
      refreshCase(db, big!);
      expectExact(db, 'refreshCase');
    } finally {
      db.close();
    }
  });
});
