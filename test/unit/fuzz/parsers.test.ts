// Every registered parser against a seeded set of mutated fixtures, arbitrary JSON and strings (the long campaign
// is `npm run fuzz`): detection answers, signals are well-formed, and the only refusal is a BAD_INPUT naming the file.
import { describe, it } from 'vitest';
import { parserTargets } from '../../fuzz/targets/parsers';
import { assertTarget } from '../../fuzz/seeded';

describe('parsers never crash on hostile input; they import it or refuse it with BAD_INPUT', () => {
  for (const target of parserTargets()) {
    it(target.name, async () => {
      await assertTarget(target, 250);
    });
  }
});
