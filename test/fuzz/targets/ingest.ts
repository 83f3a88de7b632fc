// The engine's ingest end to end on generated files, zips and gzips: each one either imports or is refused with a
// BAD_INPUT WorkbenchError carrying a message and the file, and after a refusal the workspace on disk and the
// counts the UI shows are exactly as before.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import fc from 'fast-check';
import { inProcessEngine, type EngineClient } from '../../../src/main/engine/engine-client';
import { parsers } from '../../../src/main/engine/ingest/registry';
import { snapshotTree, tempDir } from '../../helpers/workspace';
import { FIXTURES } from '../fixtures';
import { describeSpec, evidenceBytes, evidenceSpec, type EvidenceSpec } from '../evidence-files';
import { expectBadInput, expectNoPollution, FuzzFailure, withinBudget } from '../oracle';
import { defineTarget, type FuzzTarget } from '../target';

/** One ingest call: the file, and the options a user could pick. */
export interface IngestInput {
  spec: EvidenceSpec;
  skipBadRecords: boolean;
  format: string | null;
}

interface IngestContext {
  engine: EngineClient;
  dir: string;
  inputs: string;
  count: number;
}

/** The ingest inputs: generated evidence, sometimes with "skip bad records" or a forced format. */
export function ingestInputs(): fc.Arbitrary<IngestInput> {
  return fc.record({
    spec: evidenceSpec(),
    skipBadRecords: fc.boolean(),
    format: fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...parsers.map((p) => p.id)) }),
  });
}

async function freshWorkspace(): Promise<{ engine: EngineClient; dir: string }> {
  const engine = inProcessEngine({ user: 'fuzz@test', now: () => new Date('2026-03-03T00:00:00Z') });
  const dir = join(tempDir('nhi-fuzz-ws-'), 'ws');
  await engine.call('open', { path: dir, create: true, initialize: true });
  // Something real in it, so "unchanged" compares against a workspace with data.
  await engine.call('ingest', { paths: [join(FIXTURES, 'cloudtrail/events.ndjson')] });
  return { engine, dir };
}

/** Checks one generated import against the open workspace. */
export async function checkIngest(ctx: IngestContext, input: IngestInput, budgetMs: number): Promise<void> {
  // Imports make the workspace grow; a fresh one now and then keeps snapshots cheap.
  if (++ctx.count % 100 === 0) {
    await ctx.engine.dispose();
    rmSync(join(ctx.dir, '..'), { recursive: true, force: true });
    Object.assign(ctx, await freshWorkspace());
  }
  const folder = mkdtempSync(join(ctx.inputs, 'in-'));
  const path = join(folder, input.spec.name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path, evidenceBytes(input.spec));
  const what = describeSpec(input.spec);
  const before = snapshotTree(ctx.dir);
  const infoBefore = await ctx.engine.call('info', {});
  try {
    const result = await withinBudget(budgetMs, `ingest of ${what}`, () =>
      ctx.engine.call('ingest', { paths: [path], skipBadRecords: input.skipBadRecords, ...(input.format === null ? {} : { format: input.format }) }),
    );
    if (!Array.isArray(result.files) || result.files.length === 0) throw new FuzzFailure('ingest-result', `ingest of ${what} returned no file lines`);
    for (const file of result.files) {
      if (typeof file.path !== 'string' || !Number.isInteger(file.signals) || file.signals < 0) throw new FuzzFailure('ingest-result', `ingest of ${what} returned a malformed file line ${JSON.stringify(file)}`);
    }
  } catch (err) {
    if (err instanceof FuzzFailure) throw err;
    const refusal = expectBadInput(err, `ingest of ${what}`);
    const after = snapshotTree(ctx.dir);
    if (!isDeepStrictEqual(after, before)) {
      const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => before[k] !== after[k]);
      throw new FuzzFailure('workspace-unchanged', `ingest of ${what} was refused (${refusal.message}) but changed ${changed.join(', ')}`);
    }
    const infoAfter = await ctx.engine.call('info', {});
    if (!isDeepStrictEqual(infoAfter, infoBefore)) throw new FuzzFailure('workspace-unchanged', `ingest of ${what} was refused but the workspace now reports ${JSON.stringify(infoAfter)} instead of ${JSON.stringify(infoBefore)}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  expectNoPollution(`ingest of ${what}`);
}

/** The ingest target. */
export function ingestTarget(budgetMs = 10_000): FuzzTarget {
  return defineTarget<IngestContext, IngestInput>({
    name: 'engine:ingest',
    description: 'engine ingest of generated files, gzips and zips: imported, or refused with BAD_INPUT and the workspace unchanged',
    budgetMs,
    setup: async () => ({ ...(await freshWorkspace()), inputs: tempDir('nhi-fuzz-in-'), count: 0 }),
    arbitrary: () => ingestInputs(),
    run: (ctx, input) => checkIngest(ctx, input, budgetMs),
    bytesOf: (input) => evidenceBytes(input.spec),
    teardown: async (ctx) => {
      await ctx.engine.dispose();
      rmSync(join(ctx.dir, '..'), { recursive: true, force: true });
      rmSync(ctx.inputs, { recursive: true, force: true });
    },
  });
}
