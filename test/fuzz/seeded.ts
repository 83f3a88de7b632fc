// The small seeded set inside `npm test`: a fixed seed and a few hundred inputs per target, through fc.assert, so a
// failure prints the seed, the replay path and the shrunk counterexample.
import fc from 'fast-check';
import type { FuzzTarget } from './target';
import { knownBug } from './known-bugs';

/** The seed of the set inside `npm test` (the long campaign picks its own; see scripts/fuzz.ts). */
export const TEST_SEED = 20260303;

/** Runs `runs` inputs of a target with the fixed seed; throws fast-check's report on the first failure. */
export async function assertTarget(target: FuzzTarget, runs: number, seed = TEST_SEED): Promise<void> {
  const session = await target.open();
  try {
    await fc.assert(
      fc.asyncProperty(session.arbitrary, async (input) => {
        try {
          await session.run(input);
        } catch (err) {
          // Open bugs have their own reproducers (known-bugs.test.ts); the seeded run looks for new ones.
          if (knownBug(err) === null) throw err;
        }
      }),
      { seed, numRuns: runs },
    );
  } finally {
    await session.close();
  }
}
