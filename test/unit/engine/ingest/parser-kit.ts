// What the parser tests share: reading fixtures through a parser, catching its errors, walking every string of a
// signal (for secret-leak checks), resolving links in miniature, and the other formats' files a detector must refuse.
import { expect } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { WorkbenchError } from '../../../../src/shared/errors';
import type { Identifier } from '../../../../src/shared/schemas';
import { textSource } from '../../../../src/main/engine/ingest/evidence-source';
import type { FormatParser, ParsedSignal, RawRecord } from '../../../../src/main/engine/ingest/types';

export const repoRoot = resolve(__dirname, '../../../..');
export const realRoot = resolve(repoRoot, '../shared/fixtures/real');

/** The text of a fixture under test/fixtures/<format>/. */
export function fixture(format: string, name: string): string {
  return readFileSync(join(repoRoot, 'test/fixtures', format, name), 'utf8');
}

/** Every record a parser reads from a text. */
export function records(parser: FormatParser, text: string, file: string): RawRecord[] {
  return [...parser.records(textSource(file, text))];
}

/** Every signal of a text, nulls (skipped records) left out. */
export function signals(parser: FormatParser, text: string, file: string): ParsedSignal[] {
  return records(parser, text, file)
    .map((record) => parser.toSignal(record, file))
    .filter((signal): signal is ParsedSignal => signal !== null);
}

/** The one signal at `index`, failing the test when there is none. */
export function at(all: ParsedSignal[], index: number): ParsedSignal {
  const signal = all[index];
  if (signal === undefined) throw new Error(`no signal ${index}`);
  return signal;
}

/** Runs `fn` and returns the WorkbenchError it throws, failing the test when it throws nothing or something else. */
export function thrown(fn: () => unknown): WorkbenchError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WorkbenchError);
    return err as WorkbenchError;
  }
  throw new Error('expected a WorkbenchError, nothing was thrown');
}

/** Every string anywhere in a value (keys included), for checks that a secret appears nowhere. */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((item) => stringsIn(item, out));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      stringsIn(item, out);
    }
  }
  return out;
}

/** Fails when any of the secrets appears inside any string of any signal. */
export function expectNoSecrets(all: ParsedSignal[], secrets: string[]): void {
  const strings = all.flatMap((signal) => stringsIn(signal));
  for (const secret of secrets) {
    const leak = strings.find((s) => s.includes(secret));
    expect(leak, `secret ${secret.slice(0, 6)}… leaked`).toBeUndefined();
  }
}

/** An identifier as one string, `type:value`. */
export const idKey = (id: Identifier): string => `${id.type}:${id.value}`;

/** Union-find over the links of many signals: what the resolver will do, in miniature. */
export class Identities {
  private readonly parent = new Map<string, string>();

  constructor(all: ParsedSignal[]) {
    for (const signal of all) for (const link of signal.links) this.union(idKey(link.a), idKey(link.b));
  }

  same(a: Identifier, b: Identifier): boolean {
    return this.find(idKey(a)) === this.find(idKey(b));
  }

  private find(x: string): string {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root) ?? root;
    return root;
  }

  private union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

/** Every actor identifier is the primary or linked to it in the same signal (so resolution keeps them together). */
export function expectActorsLinked(all: ParsedSignal[]): void {
  for (const signal of all) {
    const { primary, identifiers } = signal.actor;
    if (primary === null) {
      expect(identifiers).toEqual([]);
      continue;
    }
    expect(identifiers).toContainEqual(primary);
    const identities = new Identities([signal]);
    for (const id of identifiers) expect(identities.same(id, primary), `${idKey(id)} is not linked to ${idKey(primary)}`).toBe(true);
  }
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * The files a detector must not claim: the CloudTrail and story fixtures, every other format's fixtures in this
 * repository, and every real third-party file of the other formats (when ../shared is present).
 */
export function foreignFiles(ownFixtureDir: string, ownRealDirs: string[]): { name: string; text: string }[] {
  // situations/ and bundles/ mix every format on purpose (the engine tests import them whole), and workspaces/ holds
  // old workspaces whose evidence stores keep copies of other fixtures, so they are not foreign.
  const mixed = ['situations', 'bundles', 'workspaces'].map((d) => join(repoRoot, 'test/fixtures', d) + '/');
  const fixtures = filesUnder(join(repoRoot, 'test/fixtures')).filter(
    (path) => !path.startsWith(join(repoRoot, 'test/fixtures', ownFixtureDir) + '/') && !mixed.some((m) => path.startsWith(m)),
  );
  const real = filesUnder(realRoot).filter((path) => path.endsWith('.json') || path.endsWith('.jsonl') || path.endsWith('.ndjson') || path.endsWith('.baseline'));
  const foreignReal = real.filter((path) => !ownRealDirs.some((own) => path.startsWith(join(realRoot, own) + '/')));
  return [...fixtures, ...foreignReal]
    .filter((path) => !path.endsWith('.gz'))
    .map((path) => ({ name: relative(repoRoot, path), text: readFileSync(path, 'utf8').slice(0, 65536) }));
}

/** The real third-party files of one folder, or [] (with a message) when ../shared is absent. */
export function realFiles(folder: string, what: string): { name: string; text: string }[] {
  const dir = join(realRoot, folder);
  const files = filesUnder(dir);
  if (files.length === 0) console.log(`real ${what} fixtures were not found at ${dir}; skipping those tests`);
  return files.map((path) => ({ name: relative(dir, path), text: readFileSync(path, 'utf8') }));
}
