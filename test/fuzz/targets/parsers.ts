// Every registered parser against arbitrary JSON, arbitrary strings, and mutations of our own fixtures: detection
// answers true or false, records and signals come out well-formed, and the only failure is a BAD_INPUT refusal.
import fc from 'fast-check';
import { parsers, detectFormat } from '../../../src/main/engine/ingest/registry';
import { textSource } from '../../../src/main/engine/ingest/evidence-source';
import { DETECT_SAMPLE_CHARS } from '../../../src/main/engine/ingest/detect-sample';
import { MAX_RECORD_DEPTH, parseEvidence } from '../../../src/main/engine/ingest/parse-evidence';
import { redactRecord } from '../../../src/main/engine/ingest/redact';
import type { FormatParser, ParsedSignal, RawRecord } from '../../../src/main/engine/ingest/types';
import { IdentifierSchema, IdentityKindSchema, OutcomeSchema, SeveritySchema } from '../../../src/shared/schemas';
import { allSeeds, parsedSeed, seedsFor, type SeedFile } from '../fixtures';
import { applyMutations, hostileJson, hostileString, jsonText, mutations, replaceSomewhere } from '../hostile';
import { describeThrown, expectBadInput, expectNoPollution, FuzzFailure, withinBudget } from '../oracle';
import { defineTarget, type FuzzTarget } from '../target';

/** One generated evidence file for a parser. */
export interface ParserInput {
  /** How it was made, for reports. */
  origin: string;
  name: string;
  bytes: Uint8Array;
}

const NAMES = ['evidence.json', 'events.ndjson', 'audit-export.csv', 'x', '<img src=x onerror=alert(1)>.json', '\u202egnp.json', 'a'.repeat(300) + '.json'];

/** The inputs for one parser: its fixtures mutated at byte and value level, other formats' fixtures, and noise. */
export function parserInputs(parser: FormatParser): fc.Arbitrary<ParserInput> {
  const others = allSeeds();
  // A parser added without fixtures is still fuzzed, with every other format's fixtures as seeds.
  const own = seedsFor(parser.id).length > 0 ? seedsFor(parser.id) : others;
  const jsonSeeds = own.filter((s) => parsedSeed(s) !== null);
  const name = fc.oneof({ weight: 3, arbitrary: fc.constant<string | null>(null) }, { weight: 1, arbitrary: fc.constantFrom(...NAMES) });
  const named = (seed: SeedFile, n: string | null): string => n ?? seed.name;
  const variants: fc.Arbitrary<ParserInput>[] = [
    // Byte-level damage to our own fixtures: flips, truncations, insertions of huge, deep and __proto__ values.
    fc.tuple(fc.constantFrom(...own), mutations(), name).map(([seed, edits, n]) => ({ origin: `mutated ${seed.name}`, name: named(seed, n), bytes: applyMutations(seed.bytes, edits) })),
    // Our fixtures unchanged (every parser must at least read its own files) and other formats' fixtures.
    fc.tuple(fc.constantFrom(...others), name).map(([seed, n]) => ({ origin: `fixture ${seed.name}`, name: named(seed, n), bytes: seed.bytes })),
    // Arbitrary JSON documents and NDJSON.
    fc.tuple(jsonText(), name).map(([text, n]) => ({ origin: 'arbitrary JSON', name: n ?? 'evidence.json', bytes: Buffer.from(text, 'utf8') })),
    // Arbitrary strings.
    fc.tuple(hostileString(400), name).map(([text, n]) => ({ origin: 'arbitrary string', name: n ?? 'evidence.json', bytes: Buffer.from(text, 'utf8') })),
  ];
  if (jsonSeeds.length > 0) {
    // A value inside a well-formed fixture replaced by an arbitrary one: gets past detection into toSignal.
    variants.push(
      fc
        .tuple(fc.constantFrom(...jsonSeeds), fc.array(fc.tuple(fc.nat(), hostileJson(3)), { minLength: 1, maxLength: 4 }), fc.boolean(), name)
        .map(([seed, replacements, pretty, n]) => {
          const parsed = parsedSeed(seed)!;
          const apply = (doc: unknown): unknown => replacements.reduce((d, [pick, value]) => replaceSomewhere(d, pick, value), doc);
          const text =
            parsed.kind === 'document'
              ? (JSON.stringify(apply(parsed.value), null, pretty ? 2 : undefined) ?? 'null')
              : parsed.values.map((v, i) => JSON.stringify(i === replacements[0]![0] % parsed.values.length ? apply(v) : v) ?? 'null').join('\n') + '\n';
          return { origin: `values replaced in ${seed.name}`, name: named(seed, n), bytes: Buffer.from(text, 'utf8') };
        }),
    );
  }
  return fc.oneof(...variants.map((arbitrary, i) => ({ arbitrary, weight: i === 0 || i === 4 ? 3 : 1 })));
}

/** Checks one input against one parser, at the parser contract and through the engine's parse step. */
export async function checkParser(parser: FormatParser, input: ParserInput, budgetMs: number): Promise<void> {
  const text = new TextDecoder('utf-8').decode(input.bytes);
  await withinBudget(budgetMs, `${parser.id} on ${input.origin}`, () => {
    const sample = text.slice(0, DETECT_SAMPLE_CHARS);
    const detected = guard('detect', () => parser.detect(sample, input.name));
    if (typeof detected !== 'boolean') throw new FuzzFailure('detect', `${parser.id}.detect returned ${typeof detected}, not a boolean`);
    guard('detectFormat', () => detectFormat(text, input.name));
    contractRun(parser, input.name, text);
    engineRun(parser, input.name, text);
  });
  expectNoPollution(`${parser.id} on ${input.origin}`);
}

function guard<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new FuzzFailure(what, `${what} threw: ${describeThrown(err)}`);
  }
}

// The parser's own promise (types.ts): records() and toSignal() throw nothing but BAD_INPUT. The engine wraps other
// throws, so a TypeError here is a parser bug that users see as a vague "cannot be read" message.
function contractRun(parser: FormatParser, name: string, text: string): void {
  let iterator: Iterator<RawRecord>;
  try {
    iterator = parser.records(textSource(name, text))[Symbol.iterator]();
  } catch (err) {
    expectBadInput(err, `${parser.id}.records`, false);
    return;
  }
  let expected = 0;
  for (;;) {
    let step: IteratorResult<RawRecord>;
    try {
      step = iterator.next();
    } catch (err) {
      expectBadInput(err, `${parser.id}.records (after ${expected} records)`, false);
      return;
    }
    if (step.done) return;
    const record = step.value;
    if (!Number.isInteger(record.index) || record.index < 0) throw new FuzzFailure('record', `${parser.id} yielded record index ${record.index}`);
    if (record.line !== null && (!Number.isInteger(record.line) || record.line < 1)) throw new FuzzFailure('record', `${parser.id} yielded line ${record.line}`);
    expected += 1;
    // The engine refuses deeper records before a parser sees them (parse-evidence.ts).
    if (depthOf(record.value) > MAX_RECORD_DEPTH) continue;
    guard('redactRecord', () => redactRecord(record.value));
    let signal: ParsedSignal | null;
    try {
      signal = parser.toSignal(record, name);
    } catch (err) {
      expectBadInput(err, `${parser.id}.toSignal(record ${record.index + 1})`, false);
      continue;
    }
    if (signal !== null) checkSignal(parser, signal, `record ${record.index + 1}`);
  }
}

// What a user meets: parse-evidence refuses with BAD_INPUT naming the file as they gave it.
function engineRun(parser: FormatParser, name: string, text: string): void {
  const display = `/evidence/${name}`;
  try {
    parseEvidence({ display, name, source: textSource(name, text) }, parser, {}, ({ signal }) => checkSignal(parser, signal, 'engine signal'));
  } catch (err) {
    if (err instanceof FuzzFailure) throw err;
    const refusal = expectBadInput(err, `parseEvidence(${parser.id})`);
    if (refusal.file !== display) throw new FuzzFailure('typed-error', `refusal names ${JSON.stringify(refusal.file)}, not the file ${display}`);
  }
}

function checkSignal(parser: FormatParser, signal: ParsedSignal, where: string): void {
  const fail = (what: string): never => {
    throw new FuzzFailure('signal-shape', `${parser.id} ${where}: ${what}`);
  };
  if (typeof signal.time !== 'string' || Number.isNaN(Date.parse(signal.time)) || new Date(signal.time).toISOString() !== signal.time) fail(`time is not ISO 8601 UTC: ${JSON.stringify(signal.time)}`);
  if (typeof signal.source !== 'string' || signal.source === '') fail('no source');
  if (typeof signal.action !== 'string') fail(`action is ${typeof signal.action}`);
  if (!OutcomeSchema.safeParse(signal.outcome).success) fail(`outcome ${JSON.stringify(signal.outcome)}`);
  for (const key of ['errorCode', 'target', 'sourceIp', 'region', 'userAgent'] as const) {
    if (signal[key] !== null && typeof signal[key] !== 'string') fail(`${key} is ${typeof signal[key]}`);
  }
  if (typeof signal.summary !== 'string') fail('summary is not a string');
  if (signal.severity !== undefined && signal.severity !== null && !SeveritySchema.safeParse(signal.severity).success) fail(`severity ${JSON.stringify(signal.severity)}`);
  if (typeof signal.dedupeKey !== 'string' || signal.dedupeKey === '') fail('no dedupe key');
  if (typeof signal.actor?.label !== 'string') fail('actor has no label');
  if (!IdentityKindSchema.safeParse(signal.actor.kind).success) fail(`actor kind ${JSON.stringify(signal.actor.kind)}`);
  if (signal.actor.primary !== null && !IdentifierSchema.safeParse(signal.actor.primary).success) fail('actor.primary is not an identifier');
  if (!Array.isArray(signal.actor.identifiers) || !signal.actor.identifiers.every((id) => IdentifierSchema.safeParse(id).success)) fail('actor.identifiers are not identifiers');
  if (!Array.isArray(signal.links) || !signal.links.every((l) => IdentifierSchema.safeParse(l.a).success && IdentifierSchema.safeParse(l.b).success && typeof l.reason === 'string')) fail('links are malformed');
  if (!Array.isArray(signal.relations) || !signal.relations.every((r) => IdentifierSchema.safeParse(r.from).success && IdentifierSchema.safeParse(r.to).success && typeof r.relation === 'string')) fail('relations are malformed');
}

function depthOf(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    max = Math.max(max, depth);
    if (depth > MAX_RECORD_DEPTH) return depth;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
}

/** One target per registered parser. */
export function parserTargets(budgetMs = 2000): FuzzTarget[] {
  return parsers.map((parser) =>
    defineTarget<FormatParser, ParserInput>({
      name: `parser:${parser.id}`,
      description: `${parser.label}: detect, records and toSignal on mutated fixtures, arbitrary JSON and strings`,
      budgetMs,
      setup: async () => parser,
      arbitrary: (p) => parserInputs(p),
      run: (p, input) => checkParser(p, input, budgetMs),
      bytesOf: (input) => input.bytes,
    }),
  );
}
