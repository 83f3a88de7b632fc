// Every fuzz target, in the order the campaign runs them.
import { parserTargets } from './parsers';
import { ingestTarget } from './ingest';
import { bundleZipTarget } from './bundle-zip';
import { caseFileTarget } from './case-file';
import type { FuzzTarget } from '../target';

/** All targets: one per parser, then the bundle zip reader, the engine's ingest, and the case-file verifier. */
export function allTargets(): FuzzTarget[] {
  return [...parserTargets(), bundleZipTarget(), ingestTarget(), caseFileTarget()];
}
