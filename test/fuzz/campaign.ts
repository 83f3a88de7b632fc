// Runs one fuzz target for a number of inputs and collects every distinct failure, each with the seed, the replay
// path and the shrunk counterexample. A failure found once is not reported again: the run goes on with a new seed
// and counts further inputs that break the same way, so one campaign can find more than one bug per target.
import fc from 'fast-check';
import { FuzzFailure, preview } from './oracle';
import type { FuzzSession } from './target';
import { knownBug } from './known-bugs';

/** One distinct failure of a target. */
export interface Finding {
  /** The property that broke (typed-error, time-budget, signal-shape, verify-valid, …). */
  check: string;
  /** The failure with numbers and quoted values blanked, used to tell failures apart. */
  signature: string;
  /** Replays the shrunk counterexample: fc.check(property, { seed, path }). */
  seed: number;
  path: string;
  /** The shrunk counterexample, printable. */
  counterexample: string;
  /** What went wrong for it. */
  error: string;
  /** The shrunk input as bytes, when the target has a byte form. */
  bytes: Uint8Array | null;
}

/** What a campaign on one target found. */
export interface CampaignResult {
  tried: number;
  failures: Finding[];
  /** Inputs that broke a property already reported (not shrunk again). */
  repeats: number;
  /** Inputs that hit an open bug of known-bugs.ts, by bug id. */
  known: Record<string, number>;
  /** The slowest input: its time and a preview. */
  slowest: { ms: number; input: string };
  elapsedMs: number;
}

/** How to run a campaign. */
export interface CampaignOptions {
  runs: number;
  seed: number;
  /** Replay one input: the path printed with a failure (runs the seed's property once down that path). */
  path?: string;
  /** Called before each input is checked (the campaign's watchdog uses it to name an input that hangs). */
  onInput?: (at: { seed: number; index: number }, input: unknown) => void;
  /** Stop after this many distinct failures. */
  maxFailures?: number;
  /** Report open bugs of known-bugs.ts like new ones (shrunk, with a seed) instead of counting them. */
  strict?: boolean;
}

/** The signature of a failure: its check and message with numbers and quoted values blanked, plus where it was thrown. */
export function signatureOf(err: unknown): string {
  const check = err instanceof FuzzFailure ? err.check : 'escaped';
  const message = err instanceof Error ? err.message : String(err);
  const [first = '', frame = ''] = message.split('\n');
  const blank = (s: string): string => s.replace(/"(?:[^"\\]|\\.)*"|'[^']*'|`[^`]*`/g, '…').replace(/\d+/g, 'N').slice(0, 160);
  return `${check}|${blank(first)}|${frame.trim().replace(/\(.*[\\/]/, '(').replace(/:\d+:\d+\)$/, ')')}`;
}

/** Runs the session's property for `runs` inputs, collecting distinct failures. */
export async function runCampaign(session: FuzzSession, options: CampaignOptions): Promise<CampaignResult> {
  const started = performance.now();
  const known = new Set<string>();
  const failures: Finding[] = [];
  let repeats = 0;
  const knownHits: Record<string, number> = {};
  let tried = 0;
  let index = 0;
  let seed = options.seed;
  let slowest = { ms: 0, input: '' };
  const property = fc.asyncProperty(session.arbitrary, async (input) => {
    options.onInput?.({ seed, index: index++ }, input);
    const t0 = performance.now();
    try {
      await session.run(input);
    } catch (err) {
      const bug = options.strict === true ? null : knownBug(err);
      if (bug !== null) {
        knownHits[bug.id] = (knownHits[bug.id] ?? 0) + 1;
        return;
      }
      if (known.has(signatureOf(err))) {
        repeats += 1;
        return;
      }
      throw err;
    } finally {
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { ms, input: preview(input, 300) };
    }
  });
  for (let round = 0; tried < options.runs; round++) {
    seed = (options.seed + round) | 0;
    index = 0;
    const details = await fc.check(property, { seed, numRuns: options.runs - tried, path: options.path, endOnFailure: false });
    tried += details.numRuns;
    if (!details.failed) break;
    const error = details.errorInstance;
    const input = details.counterexample?.[0];
    const signature = signatureOf(error);
    known.add(signature);
    failures.push({
      check: error instanceof FuzzFailure ? error.check : 'escaped',
      signature,
      seed,
      path: details.counterexamplePath ?? '',
      counterexample: preview(input, 2000),
      error: error instanceof Error ? error.message : String(error),
      bytes: input === undefined ? null : bytesOrNull(session, input),
    });
    if (options.path !== undefined || failures.length >= (options.maxFailures ?? 20)) break;
    if (details.numRuns === 0) tried += 1; // never loop without progress
  }
  return { tried, failures, repeats, known: knownHits, slowest, elapsedMs: performance.now() - started };
}

function bytesOrNull(session: FuzzSession, input: unknown): Uint8Array | null {
  try {
    return session.bytesOf(input);
  } catch {
    return null; // the failure itself may be that the input cannot be built; the preview still shows it
  }
}

/** A failure as a person reads it: what broke, how to replay it, and the shrunk input. */
export function formatFinding(target: string, finding: Finding): string {
  return [
    `  ✗ ${target} [${finding.check}]`,
    `    replay: npm run fuzz -- --target ${target} --seed ${finding.seed} --path ${finding.path}`,
    `    error: ${finding.error.split('\n').join('\n           ')}`,
    `    counterexample (shrunk): ${finding.counterexample}`,
  ].join('\n');
}
