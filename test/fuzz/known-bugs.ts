// Bugs the fuzzer found in src/ that are not fixed yet. Each has a minimal reproducer marked `it.fails` in
// test/unit/fuzz/known-bugs.test.ts; while it is open the fuzzer counts inputs that hit it instead of stopping on them,
// so it can go on looking for other bugs. When a bug is fixed its reproducer starts failing: remove both.

/** One open bug: how to recognize a failure caused by it. */
export interface KnownBug {
  id: string;
  summary: string;
  matches(err: unknown): boolean;
}

/** The open bugs. */
export const KNOWN_BUGS: readonly KnownBug[] = [];

/** The known bug a failure belongs to, or null for a new one. */
export function knownBug(err: unknown): KnownBug | null {
  return KNOWN_BUGS.find((bug) => bug.matches(err)) ?? null;
}
