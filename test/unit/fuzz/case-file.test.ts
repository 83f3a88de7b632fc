// A real exported case file, changed at byte and member level (and re-signed by a forger): verification never
// throws and never calls a changed case file valid against the real signer.
import { describe, it } from 'vitest';
import { caseFileTarget } from '../../fuzz/targets/case-file';
import { assertTarget } from '../../fuzz/seeded';

describe('case-file verification on mutated .nhicase files', () => {
  it('never throws, and any change to a signed member is reported as not valid', async () => {
    await assertTarget(caseFileTarget(), 150);
  }, 60_000);
});
