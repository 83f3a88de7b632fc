// The case-file reader and verifier on mutated `.nhicase` zips made by exporting a real case: verification never
// throws, and whenever a signed member's bytes differ from what was signed it reports valid=false. Mutations are at
// byte level (anywhere in the zip) and at member level (changed, removed, added, renamed members; a forger re-signing
// with their own key).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { buildZip } from '../zip-writer';
import { inProcessEngine } from '../../../src/main/engine/engine-client';
import { sha256sums } from '../../../src/main/engine/report/case-file';
import { generateSigningKey, parseSigningKey, type SigningKey } from '../../../src/main/engine/report/ssh-key';
import { signSshsig } from '../../../src/main/engine/report/sshsig';
import { verifyCaseFile } from '../../../src/main/engine/report/verify';
import { openCaseFile } from '../../../src/main/engine/report/open-case-file';
import { CASE_FILE_NAMESPACE, CASE_MEMBERS, REVIEW_MEMBER_PATTERN } from '../../../src/shared/case-file';
import type { VerifyResult } from '../../../src/shared/schemas';
import { tempDir } from '../../helpers/workspace';
import { FIXTURES } from '../fixtures';
import { applyMutations, hostileJson, hostileString, insertion, mutations, replaceSomewhere, type Mutation } from '../hostile';
import { describeThrown, expectNoPollution, FuzzFailure, withinBudget } from '../oracle';
import { defineTarget, type FuzzTarget } from '../target';

/** A signed case file exported by the engine, and what a forger would need. */
export interface CaseFileContext {
  dir: string;
  zip: Uint8Array;
  members: Map<string, Uint8Array>;
  /** The reviewer's trust list: the real signer's allowed_signers line. */
  allowedSigners: string;
  allowedSignersPath: string;
  forger: SigningKey;
  /** The real signer's key fingerprint, as verification of the untouched file reports it. */
  fingerprint: string;
}

/** One change to a case file. */
export type CaseFileEdit =
  | { kind: 'bytes'; edits: Mutation[] }
  | { kind: 'member-bytes'; member: number; edits: Mutation[] }
  | { kind: 'case-json-value'; pick: number; value: unknown }
  | { kind: 'remove'; member: number }
  | { kind: 'add'; name: string; text: string }
  | { kind: 'rename'; member: number; name: string }
  | { kind: 'duplicate'; member: number; text: string };

/** A change, and whether the forger re-signs SHA256SUMS afterwards with their own key (and ships that key). */
export interface CaseFileInput {
  edit: CaseFileEdit;
  resign: boolean;
}

/** Exports a real case (the story fixture) as a signed `.nhicase`. */
export async function exportRealCase(): Promise<CaseFileContext> {
  const dir = tempDir('nhi-fuzz-case-');
  const engine = inProcessEngine({ user: 'fuzz@test', now: () => new Date('2026-03-03T00:00:00Z') });
  try {
    await engine.call('open', { path: join(dir, 'ws'), create: true, initialize: true });
    await engine.call('ingest', { paths: [join(FIXTURES, 'story/good/trail.json')] });
    const cases = await engine.call('listCases', {});
    const id = cases.items[0]?.id;
    if (id === undefined) throw new Error('the story fixture made no case');
    const keyPath = join(dir, 'signing-key');
    await engine.call('keygen', { outPath: keyPath, name: 'fuzz-signer@example.org' });
    const out = join(dir, 'case.nhicase');
    await engine.call('exportCase', { id, outPath: out, keyPath });
    const zip = readFileSync(out);
    const members = new Map(Object.entries(unzipSync(zip)));
    const allowedSigners = Buffer.from(members.get(CASE_MEMBERS.allowedSigners)!).toString('utf8');
    const allowedSignersPath = join(dir, 'trusted_signers');
    writeFileSync(allowedSignersPath, allowedSigners);
    const forger = parseSigningKey(generateSigningKey('fuzz-signer@example.org').privateKeyText, 'forger');
    const original = verifyCaseFile(out, allowedSigners);
    if (!original.valid) throw new Error(`the exported case file does not verify: ${JSON.stringify(original.problems)}`);
    return { dir, zip, members, allowedSigners, allowedSignersPath, forger, fingerprint: original.fingerprint };
  } finally {
    await engine.dispose();
  }
}

/** The case-file edits: byte damage anywhere, and every kind of member-level change. */
export function caseFileInputs(): fc.Arbitrary<CaseFileInput> {
  const member = fc.nat();
  const name = fc.oneof(
    fc.constantFrom('notes.txt', 'evidence/extra.ndjson', '../case.json', '/case.json', 'case.json/', 'CASE.JSON', 'case.json\u0000', '__proto__', 'reviews/1-0123456789abcdef.json', 'reviews/1-0123456789abcdef.json.sig', 'reviews/0-x.json'),
    hostileString(30).filter((s) => s.length > 0),
  );
  const edit: fc.Arbitrary<CaseFileEdit> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('bytes' as const), edits: mutations(3) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('member-bytes' as const), member, edits: mutations(3) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('case-json-value' as const), pick: fc.nat(), value: hostileJson(3) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), member }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('add' as const), name, text: insertion() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), member, name }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), member, text: insertion() }) },
  );
  return fc.record({ edit, resign: fc.boolean() });
}

/** The zip bytes of an edited case file. */
export function editedZip(ctx: CaseFileContext, input: CaseFileInput): Uint8Array {
  const { edit } = input;
  if (edit.kind === 'bytes') return applyMutations(ctx.zip, edit.edits);
  const names = [...ctx.members.keys()];
  const pick = (i: number): string => names[i % names.length]!;
  const members = new Map(ctx.members);
  let duplicate: { name: string; bytes: Uint8Array } | null = null;
  switch (edit.kind) {
    case 'member-bytes': {
      const name = pick(edit.member);
      members.set(name, applyMutations(members.get(name)!, edit.edits));
      break;
    }
    case 'case-json-value': {
      const doc = JSON.parse(Buffer.from(members.get(CASE_MEMBERS.caseJson)!).toString('utf8')) as unknown;
      members.set(CASE_MEMBERS.caseJson, Buffer.from(JSON.stringify(replaceSomewhere(doc, edit.pick, edit.value), null, 2)));
      break;
    }
    case 'remove':
      members.delete(pick(edit.member));
      break;
    case 'add':
      members.set(edit.name, Buffer.from(edit.text));
      break;
    case 'rename': {
      const from = pick(edit.member);
      const bytes = members.get(from)!;
      members.delete(from);
      members.set(edit.name, bytes);
      break;
    }
    case 'duplicate':
      duplicate = { name: pick(edit.member), bytes: Buffer.from(edit.text) };
      break;
    default: {
      const never: never = edit;
      throw new Error(`unknown edit ${JSON.stringify(never)}`);
    }
  }
  if (input.resign) {
    // A forger re-signs whatever changed with their own key and ships that key as signer.pub and allowed_signers.
    const signed = new Map([...members].filter(([n]) => n !== CASE_MEMBERS.sums && n !== CASE_MEMBERS.signature && !REVIEW_MEMBER_PATTERN.test(n)));
    const pub = `${ctx.forger.publicKeyLine}\n`;
    if (signed.has(CASE_MEMBERS.signerPub)) signed.set(CASE_MEMBERS.signerPub, Buffer.from(pub));
    if (signed.has(CASE_MEMBERS.allowedSigners)) {
      signed.set(CASE_MEMBERS.allowedSigners, Buffer.from(`${ctx.forger.name} namespaces="${CASE_FILE_NAMESPACE}" ${ctx.forger.publicKeyLine.split(' ').slice(0, 2).join(' ')}\n`));
    }
    for (const [n, b] of signed) members.set(n, b);
    const sums = Buffer.from(sha256sums(signed));
    members.set(CASE_MEMBERS.sums, sums);
    members.set(CASE_MEMBERS.signature, Buffer.from(signSshsig(sums, ctx.forger, CASE_FILE_NAMESPACE)));
  }
  const entries = [...members].map(([n, b]) => ({ name: n, bytes: b }));
  // A second entry with the same name as an existing one: some unzip tools show the first, others the last.
  if (duplicate !== null) entries.push(duplicate);
  return buildZip(entries);
}

/** Members as an independent unzip sees them, or null when it cannot read the zip. */
function independentUnzip(zip: Uint8Array): Map<string, Uint8Array> | null {
  try {
    return new Map(Object.entries(unzipSync(zip)));
  } catch {
    return null;
  }
}

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** True when what an independent unzip shows is exactly what was signed (reviews aside). */
function sameAsSigned(ctx: CaseFileContext, zip: Uint8Array): boolean {
  const seen = independentUnzip(zip);
  if (seen === null) return false;
  for (const [name, bytes] of ctx.members) {
    const other = seen.get(name);
    if (other === undefined || sha(other) !== sha(bytes)) return false;
  }
  return [...seen.keys()].every((name) => ctx.members.has(name) || REVIEW_MEMBER_PATTERN.test(name));
}

function checkShape(result: VerifyResult, where: string): void {
  if (typeof result.valid !== 'boolean' || !Array.isArray(result.problems)) throw new FuzzFailure('verify-shape', `${where} returned a malformed result`);
  if (result.valid !== (result.problems.length === 0)) throw new FuzzFailure('verify-shape', `${where} says valid=${result.valid} with ${result.problems.length} problems`);
  for (const p of result.problems) {
    if (typeof p.member !== 'string' || typeof p.check !== 'string' || typeof p.message !== 'string' || p.message === '') throw new FuzzFailure('verify-shape', `${where} returned a malformed problem ${JSON.stringify(p)}`);
    // verify.ts and case-file-read.ts end in catch-alls; reaching one means a check threw where it should have reported.
    if (/^verification stopped: |^unreadable zip: /.test(p.message)) throw new FuzzFailure('verify-threw', `${where}: an exception reached the last guard: ${p.member}: ${p.message}`);
  }
}

/** Verifies one edited case file three ways and checks every promise the verifier makes. */
export async function checkCaseFile(ctx: CaseFileContext, input: CaseFileInput, budgetMs: number): Promise<void> {
  const zip = editedZip(ctx, input);
  const folder = mkdtempSync(join(ctx.dir, 'v-'));
  const path = join(folder, 'edited.nhicase');
  writeFileSync(path, zip);
  const what = `${input.edit.kind}${input.resign ? ' + re-signed by a forger' : ''}`;
  try {
    await withinBudget(budgetMs, `verification of ${what}`, () => {
      const call = <T>(name: string, fn: () => T): T => {
        try {
          return fn();
        } catch (err) {
          throw new FuzzFailure('verify-threw', `${name} threw on ${what}: ${describeThrown(err)}`);
        }
      };
      const plain = call('verifyCaseFile', () => verifyCaseFile(path));
      const trusted = call('verifyCaseFile(allowed_signers)', () => verifyCaseFile(path, ctx.allowedSigners));
      const view = call('openCaseFile', () => openCaseFile(path, ctx.allowedSignersPath));
      checkShape(plain, 'verifyCaseFile');
      checkShape(trusted, 'verifyCaseFile with allowed_signers');
      checkShape(view.verification, 'openCaseFile');
      const intact = sameAsSigned(ctx, zip);
      if (trusted.valid && !intact) throw new FuzzFailure('verify-valid', `${what}: the signed content changed, but verification against the real signer's allowed_signers says valid`);
      if (view.verification.valid && !intact) throw new FuzzFailure('verify-valid', `${what}: openCaseFile shows a changed case file as valid`);
      // Without a trust list only the embedded key is checked, so a forger's re-signature can pass, but only under their key.
      if (plain.valid && !intact && !input.resign) throw new FuzzFailure('verify-valid', `${what}: the signed content changed, but verification says valid`);
      if (plain.valid && !intact && plain.fingerprint === ctx.fingerprint) throw new FuzzFailure('verify-valid', `${what}: a changed file verifies under the real signer's fingerprint`);
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  expectNoPollution(`verification of ${what}`);
}

/** The case-file target. */
export function caseFileTarget(budgetMs = 5000): FuzzTarget {
  let ctxRef: CaseFileContext | null = null;
  return defineTarget<CaseFileContext, CaseFileInput>({
    name: 'casefile:verify',
    description: 'case-file reader, verifier and openCaseFile on mutated .nhicase zips exported from a real case',
    budgetMs,
    setup: async () => (ctxRef = await exportRealCase()),
    arbitrary: () => caseFileInputs(),
    run: (ctx, input) => checkCaseFile(ctx, input, budgetMs),
    bytesOf: (input) => (ctxRef === null ? null : editedZip(ctxRef, input)),
    teardown: async (ctx) => rmSync(ctx.dir, { recursive: true, force: true }),
  });
}
