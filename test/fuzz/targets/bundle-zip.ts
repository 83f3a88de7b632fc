// The evidence bundle's zip reader (src/main/engine/ingest/bundle/) on generated and damaged zips: it lists only
// safe entry names, never yields more bytes than an entry declares, and refuses everything else with BAD_INPUT.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readZipDirectory } from '../../../src/main/engine/ingest/bundle/zip-directory';
import { zipMemberReader } from '../../../src/main/engine/ingest/bundle/zip-member';
import { entryNameProblem } from '../../../src/main/engine/ingest/bundle/entry-name';
import { tempDir } from '../../helpers/workspace';
import { describeSpec, evidenceBytes, zipSpec, type EvidenceSpec } from '../evidence-files';
import { expectBadInput, expectNoPollution, FuzzFailure, withinBudget } from '../oracle';
import { defineTarget, type FuzzTarget } from '../target';

type ZipSpec = Extract<EvidenceSpec, { kind: 'zip' }>;

/** Reads every entry of one generated zip through the bundle reader. */
export async function checkBundleZip(dir: string, spec: ZipSpec, budgetMs: number): Promise<void> {
  const folder = mkdtempSync(join(dir, 'z-'));
  const path = join(folder, 'bundle.zip');
  writeFileSync(path, evidenceBytes(spec));
  const what = describeSpec(spec);
  try {
    await withinBudget(budgetMs, `bundle reader on ${what}`, () => {
      try {
        const entries = readZipDirectory(path, path);
        for (const entry of entries) {
          const problem = entryNameProblem(entry.name);
          if (problem !== null) throw new FuzzFailure('entry-name', `the reader listed entry ${JSON.stringify(entry.name)}, which ${problem}`);
          const reader = zipMemberReader(path, entry, `${path}!/${entry.name}`);
          let size = 0;
          try {
            for (let chunk = reader.next(); chunk; chunk = reader.next()) {
              size += chunk.length;
              if (size > entry.size) throw new FuzzFailure('entry-size', `entry ${entry.name} yielded ${size} bytes, more than the ${entry.size} it declares`);
            }
          } finally {
            reader.close();
          }
        }
      } catch (err) {
        if (err instanceof FuzzFailure) throw err;
        expectBadInput(err, `bundle reader on ${what}`);
      }
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  expectNoPollution(`bundle reader on ${what}`);
}

/** The bundle zip reader target. */
export function bundleZipTarget(budgetMs = 3000): FuzzTarget {
  return defineTarget<{ dir: string }, ZipSpec>({
    name: 'bundle:zip',
    description: 'evidence zip reader (central directory, entry names, inflate limits, CRC) on generated and damaged zips',
    budgetMs,
    setup: async () => ({ dir: tempDir('nhi-fuzz-zip-') }),
    arbitrary: () => zipSpec(),
    run: (ctx, spec) => checkBundleZip(ctx.dir, spec, budgetMs),
    bytesOf: (spec) => evidenceBytes(spec),
    teardown: async (ctx) => rmSync(ctx.dir, { recursive: true, force: true }),
  });
}
