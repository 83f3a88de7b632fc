// Generated evidence files as a user would hand them over: single files (fixtures, mutated or not, arbitrary JSON),
// gzipped files, and zips with manifests and hostile entry names, sometimes damaged at byte level.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { allSeeds, parsedSeed, type SeedFile } from './fixtures';
import { buildZip } from './zip-writer';
import { applyMutations, HOSTILE_SNIPPETS, hostileString, jsonText, mutations, replaceSomewhere, type Mutation } from './hostile';

/** One member of a generated zip. */
export interface ZipMemberSpec {
  name: string;
  bytes: Uint8Array;
}

/** A generated evidence file: its name on disk and how to make its bytes. */
export type EvidenceSpec =
  | { kind: 'file'; name: string; bytes: Uint8Array; origin: string }
  | { kind: 'gzip'; name: string; inner: Uint8Array; edits: Mutation[] | null; origin: string }
  | { kind: 'zip'; name: string; members: ZipMemberSpec[]; manifest: 'none' | 'honest' | 'lying' | 'garbage'; stored: boolean; edits: Mutation[] | null };

const HOSTILE_ENTRY_NAMES = ['../../escape.json', '/abs.json', 'a/../../b.json', 'C:/x.json', 'dir\\evil.json', 'a//b.json', './c.json', '__proto__', 'constructor', '\u202eevil.json', 'x'.repeat(1100), '.hidden/x.json', '__MACOSX/._a.json', 'ok/\u0001ctl.json', 'dir/'];

/** Bytes of a seed, possibly mutated. */
function seedBytes(): fc.Arbitrary<{ seed: SeedFile; bytes: Uint8Array; mutated: boolean }> {
  return fc.tuple(fc.constantFrom(...allSeeds()), fc.option(mutations(3), { freq: 2 })).map(([seed, edits]) => ({
    seed,
    bytes: edits === null ? seed.bytes : applyMutations(seed.bytes, edits),
    mutated: edits !== null,
  }));
}

/** A file name that is valid on disk (hostile names are tried inside zips instead). */
function diskName(name: string): string {
  const clean = name.replace(/[/\\\u0000]/g, '_').slice(0, 120);
  return clean === '' || clean === '.' || clean === '..' ? 'evidence.json' : clean;
}

type PlainFile = { name: string; bytes: Uint8Array; origin: string };

/** Fixtures that import cleanly (the "not-…", truncated and bad-line ones are left out). */
function goodSeeds(): SeedFile[] {
  return allSeeds().filter((s) => !/^(not-|truncated|bad-|missing-|s3-notification)/.test(s.name) && parsedSeed(s) !== null);
}

/** A good fixture with a few values replaced by hostile strings: well-formed, so it imports and is stored. */
function hostileValues(): fc.Arbitrary<PlainFile> {
  return fc.tuple(fc.constantFrom(...goodSeeds()), fc.array(fc.tuple(fc.nat(), hostileString(200)), { minLength: 1, maxLength: 6 })).map(([seed, replacements]) => {
    const parsed = parsedSeed(seed)!;
    const apply = (doc: unknown): unknown => replacements.reduce((d, [pick, value]) => replaceSomewhere(d, pick, value), doc);
    const text = parsed.kind === 'document' ? JSON.stringify(apply(parsed.value), null, 2) : parsed.values.map((v) => JSON.stringify(apply(v))).join('\n') + '\n';
    return { name: seed.name, bytes: new TextEncoder().encode(text) as Uint8Array, origin: `hostile values in ${seed.name}` };
  });
}

/** A single evidence file: a fixture (maybe damaged), arbitrary JSON, or random bytes. */
function plainFile(): fc.Arbitrary<PlainFile> {
  return fc.oneof(
    { weight: 4, arbitrary: seedBytes().map(({ seed, bytes, mutated }) => ({ name: seed.name, bytes, origin: `${mutated ? 'mutated ' : ''}${seed.name}` })) },
    { weight: 4, arbitrary: hostileValues() },
    { weight: 2, arbitrary: fc.tuple(jsonText(), fc.constantFrom('evidence.json', 'events.ndjson', 'export.csv', ...HOSTILE_SNIPPETS)).map(([text, name]) => ({ name, bytes: new TextEncoder().encode(text) as Uint8Array, origin: 'arbitrary JSON' })) },
    { weight: 1, arbitrary: fc.tuple(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom('blob.json', 'x.ndjson', 'y.bin')).map(([bytes, name]) => ({ name, bytes, origin: 'random bytes' })) },
  );
}

/** A zip bundle: members (some with hostile names), an optional manifest (honest, lying or garbage), maybe damaged. */
export function zipSpec(): fc.Arbitrary<Extract<EvidenceSpec, { kind: 'zip' }>> {
  const plain = plainFile();
  const member = fc.oneof(
    { weight: 5, arbitrary: plain.map((p) => ({ name: p.name, bytes: p.bytes })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_ENTRY_NAMES), plain).map(([name, p]) => ({ name, bytes: p.bytes })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('logs', 'a/b/c', 'aws'), plain).map(([dir, p]) => ({ name: `${dir}/${p.name}`, bytes: p.bytes })) },
  );
  return fc
    .record({
      members: fc.uniqueArray(member, { minLength: 1, maxLength: 4, selector: (m) => m.name }),
      manifest: fc.constantFrom('none' as const, 'none' as const, 'honest' as const, 'lying' as const, 'garbage' as const),
      stored: fc.boolean(),
      edits: fc.option(mutations(3), { freq: 2 }),
    })
    .map((z) => ({ kind: 'zip' as const, name: 'bundle.zip', ...z }));
}

/** An arbitrary evidence file, as given to `ingest`. */
export function evidenceSpec(): fc.Arbitrary<EvidenceSpec> {
  const plain = plainFile();
  return fc.oneof(
    { weight: 5, arbitrary: plain.map((p): EvidenceSpec => ({ kind: 'file', name: diskName(p.name), bytes: p.bytes, origin: p.origin })) },
    {
      weight: 1,
      arbitrary: fc.tuple(plain, fc.option(mutations(2), { freq: 2 })).map(([p, edits]): EvidenceSpec => ({ kind: 'gzip', name: `${diskName(p.name)}.gz`, inner: p.bytes, edits, origin: p.origin })),
    },
    { weight: 3, arbitrary: zipSpec() },
  );
}

/** The bytes of a generated evidence file. */
export function evidenceBytes(spec: EvidenceSpec): Uint8Array {
  switch (spec.kind) {
    case 'file':
      return spec.bytes;
    case 'gzip': {
      const gz = gzipSync(spec.inner);
      return spec.edits === null ? gz : applyMutations(gz, spec.edits);
    }
    case 'zip': {
      const entries = spec.members.map((m) => ({ name: m.name, bytes: m.bytes }));
      if (spec.manifest !== 'none') entries.push({ name: 'manifest.json', bytes: new TextEncoder().encode(manifestText(spec)) });
      const zip = buildZip(entries, !spec.stored);
      return spec.edits === null ? zip : applyMutations(zip, spec.edits);
    }
    default: {
      const never: never = spec;
      throw new Error(`unknown spec ${JSON.stringify(never)}`);
    }
  }
}

function manifestText(spec: Extract<EvidenceSpec, { kind: 'zip' }>): string {
  if (spec.manifest === 'garbage') return '{"files":[{"path":"__proto__","sha256":"nope","size":-1}],"__proto__":{"polluted":1}}';
  const files = spec.members.map((m) => ({
    path: m.name,
    sha256: spec.manifest === 'lying' ? createHash('sha256').update('something else').digest('hex') : createHash('sha256').update(m.bytes).digest('hex'),
    size: m.bytes.length,
  }));
  return JSON.stringify({ version: 1, files });
}

/** How a spec is described in reports. */
export function describeSpec(spec: EvidenceSpec): string {
  switch (spec.kind) {
    case 'file':
      return `file ${spec.name} (${spec.origin})`;
    case 'gzip':
      return `gzip ${spec.name} (${spec.origin}${spec.edits ? ', damaged' : ''})`;
    case 'zip':
      return `zip of ${spec.members.map((m) => JSON.stringify(m.name)).join(', ')} (manifest ${spec.manifest}${spec.edits ? ', damaged' : ''})`;
    default: {
      const never: never = spec;
      return String(never);
    }
  }
}
