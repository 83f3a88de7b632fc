// What every fuzz target checks after each input: the only acceptable failure is a typed BAD_INPUT refusal with a
// message, nothing pollutes Object.prototype, and no input takes longer than its time budget.
import { WorkbenchError } from '../../src/shared/errors';

/** A finding the fuzzer reports: which property broke, and the detail a person needs to reproduce it. */
export class FuzzFailure extends Error {
  constructor(
    readonly check: string,
    message: string,
  ) {
    super(`[${check}] ${message}`);
    this.name = 'FuzzFailure';
  }
}

/** Describes anything thrown, with its type, for failure messages. */
export function describeThrown(err: unknown): string {
  if (err instanceof WorkbenchError) return `WorkbenchError ${err.code}: ${err.message}`;
  if (err instanceof Error) return `${err.constructor.name}: ${err.message}\n${(err.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
  return `non-Error thrown: ${String(err)}`;
}

/** Fails unless `err` is a BAD_INPUT WorkbenchError with a message (and, when `needFile`, the file it concerns). */
export function expectBadInput(err: unknown, where: string, needFile = true): WorkbenchError {
  if (!(err instanceof WorkbenchError)) throw new FuzzFailure('typed-error', `${where} threw something other than a WorkbenchError: ${describeThrown(err)}`);
  if (err.code !== 'BAD_INPUT') throw new FuzzFailure('typed-error', `${where} refused with ${err.code}, not BAD_INPUT: ${err.message}`);
  if (err.message.trim() === '') throw new FuzzFailure('typed-error', `${where} refused with an empty message`);
  if (needFile && (err.file === undefined || err.file === '')) throw new FuzzFailure('typed-error', `${where} refused without naming the file: ${err.message}`);
  return err;
}

const PROTO_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));
const ARRAY_PROTO_NAMES = new Set(Object.getOwnPropertyNames(Array.prototype));

/** Fails when anything was added to Object.prototype or Array.prototype (prototype pollution from hostile keys). */
export function expectNoPollution(where: string): void {
  const added = Object.getOwnPropertyNames(Object.prototype).filter((n) => !PROTO_NAMES.has(n));
  const addedArray = Object.getOwnPropertyNames(Array.prototype).filter((n) => !ARRAY_PROTO_NAMES.has(n));
  if (added.length > 0 || addedArray.length > 0) {
    for (const name of added) delete (Object.prototype as Record<string, unknown>)[name];
    for (const name of addedArray) delete (Array.prototype as unknown as Record<string, unknown>)[name];
    throw new FuzzFailure('prototype-pollution', `${where} added ${[...added, ...addedArray].join(', ')} to a built-in prototype`);
  }
}

/** Runs `fn` and fails when it took longer than `budgetMs` (a hang that returns is still a finding). */
export async function withinBudget<T>(budgetMs: number, where: string, fn: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await fn();
  const took = performance.now() - start;
  if (took > budgetMs) throw new FuzzFailure('time-budget', `${where} took ${Math.round(took)} ms, over the ${budgetMs} ms budget for one input`);
  return result;
}

/** A short, printable preview of a value for reports (full inputs are written to files by the campaign). */
export function preview(value: unknown, max = 600): string {
  let text: string;
  if (value instanceof Uint8Array) text = `<${value.length} bytes> ${JSON.stringify(Buffer.from(value.subarray(0, max)).toString('latin1'))}`;
  else if (typeof value === 'string') text = JSON.stringify(value);
  else {
    try {
      // Buffer.toJSON runs before a replacer sees the value, so byte fields are looked up on their holder.
      text =
        JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
          const raw = this[key];
          return raw instanceof Uint8Array ? `<${raw.length} bytes> ${Buffer.from(raw.subarray(0, max)).toString('utf8')}` : v;
        }) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}
