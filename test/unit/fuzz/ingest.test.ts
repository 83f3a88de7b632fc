// The engine's ingest on a seeded set of generated files, gzips and zips: each imports, or is refused with a
// BAD_INPUT naming the file while the workspace on disk and its counts stay exactly as they were.
import { describe, it } from 'vitest';
import { ingestTarget } from '../../fuzz/targets/ingest';
import { bundleZipTarget } from '../../fuzz/targets/bundle-zip';
import { assertTarget } from '../../fuzz/seeded';

describe('hostile evidence through the engine', () => {
  it('ingest: every generated file imports, or is refused with BAD_INPUT and the workspace unchanged', async () => {
    await assertTarget(ingestTarget(), 150);
  }, 60_000);

  it('the bundle zip reader lists only safe names, never over-reads, and refuses damage with BAD_INPUT', async () => {
    await assertTarget(bundleZipTarget(), 250);
  }, 60_000);
});
