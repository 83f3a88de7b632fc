// The shape of a fuzz target, shared by the long campaign (scripts/fuzz.ts) and the seeded set in `npm test`.
import type fc from 'fast-check';

/** An opened target: its input generator, the check of one input, and what to free afterwards. */
export interface FuzzSession {
  arbitrary: fc.Arbitrary<unknown>;
  /** Checks one input; throws (a FuzzFailure, or whatever escaped the code under test) when a property is broken. */
  run(input: unknown): Promise<void>;
  /** The input as bytes to save beside a report (a file that reproduces it), when it has one. */
  bytesOf(input: unknown): Uint8Array | null;
  close(): Promise<void>;
}

/** One thing to fuzz. */
export interface FuzzTarget {
  name: string;
  /** What is generated and what is checked, one line. */
  description: string;
  /** Time one input may take before it is reported as too slow. */
  budgetMs: number;
  open(): Promise<FuzzSession>;
}

/** Builds a target with a typed context and input, erased to FuzzTarget so targets can share one list. */
export function defineTarget<Ctx, I>(spec: {
  name: string;
  description: string;
  budgetMs: number;
  setup(): Promise<Ctx>;
  arbitrary(ctx: Ctx): fc.Arbitrary<I>;
  run(ctx: Ctx, input: I): Promise<void>;
  bytesOf?(input: I): Uint8Array | null;
  teardown?(ctx: Ctx): Promise<void>;
}): FuzzTarget {
  return {
    name: spec.name,
    description: spec.description,
    budgetMs: spec.budgetMs,
    open: async () => {
      const ctx = await spec.setup();
      return {
        arbitrary: spec.arbitrary(ctx) as fc.Arbitrary<unknown>,
        run: (input) => spec.run(ctx, input as I),
        bytesOf: (input) => spec.bytesOf?.(input as I) ?? null,
        close: async () => {
          await spec.teardown?.(ctx);
        },
      };
    },
  };
}
