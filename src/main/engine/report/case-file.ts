// Builds and writes the signed case file (`.nhicase`): the members, SHA256SUMS over them, and an SSH signature
// over SHA256SUMS, laid out so a reviewer can verify it with nothing but OpenSSH and coreutils.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { zipMembers } from './zip-members';
import {
  CASE_FILE_KIND,
  CASE_FILE_NAMESPACE,
  CASE_FILE_SCHEMA_VERSION,
  CASE_MEMBERS,
  CaseJsonSchema,
  REVIEW_NAMESPACE,
  evidenceMember,
  verifyCommands,
  type CaseJson,
} from '../../../shared/case-file';
import { WorkbenchError } from '../../../shared/errors';
import { GENESIS_HASH } from '../cases/audit-chain';
import { writeFileAtomic } from '../db/atomic-write';
import type { CaseFileInput } from './case-file-input';
import { renderReportHtml } from './report-html';
import { ED25519_KEY_TYPE, type SigningKey } from './ssh-key';
import { signSshsig } from './sshsig';

// DOS timestamps are local time; a date built from local fields makes the same bytes in every time zone.
const ZIP_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/** Where and how a case file was written. */
export interface WrittenCaseFile {
  path: string;
  kind: 'zip' | 'folder';
  bytes: number;
  /** SHA-256 of the zip; for a folder, of its SHA256SUMS (which pins every other member). */
  sha256: string;
}

/** Builds every member of a signed case file, in the order they are written. */
export function buildCaseFile(input: CaseFileInput, key: SigningKey): Map<string, Uint8Array> {
  const text = new TextEncoder();
  const members = new Map<string, Uint8Array>();
  const json = buildCaseJson(input, key);
  members.set(CASE_MEMBERS.caseJson, text.encode(`${JSON.stringify(json, null, 2)}\n`));
  members.set(CASE_MEMBERS.report, text.encode(renderReportHtml({ ...input, custody: json.custody }, key)));
  for (const sha256 of [...input.records.keys()].sort()) {
    const lines = (input.records.get(sha256) ?? []).map((r) => `${JSON.stringify({ recordIndex: r.recordIndex, line: r.line, value: r.value ?? null })}\n`);
    members.set(evidenceMember(sha256), text.encode(lines.join('')));
  }
  members.set(CASE_MEMBERS.signerPub, text.encode(`${key.publicKeyLine}\n`));
  members.set(CASE_MEMBERS.allowedSigners, text.encode(allowedSignersLine(key)));
  members.set(CASE_MEMBERS.verifyTxt, text.encode(verifyText(key)));
  const sums = text.encode(sha256sums(members));
  members.set(CASE_MEMBERS.sums, sums);
  members.set(CASE_MEMBERS.signature, text.encode(signSshsig(sums, key, CASE_FILE_NAMESPACE)));
  return members;
}

/** SHA256SUMS exactly as `sha256sum` writes it ("<hex>  <name>\n"), sorted by name. */
export function sha256sums(members: Map<string, Uint8Array>): string {
  return [...members.keys()]
    .filter((name) => name !== CASE_MEMBERS.sums && name !== CASE_MEMBERS.signature)
    .sort()
    .map((name) => `${createHash('sha256').update(members.get(name) ?? new Uint8Array()).digest('hex')}  ${name}\n`)
    .join('');
}

/** Writes the members as a zip (atomically), or as a folder when `outPath` ends with a separator or is a folder. */
export function writeCaseFile(members: Map<string, Uint8Array>, outPath: string): WrittenCaseFile {
  const asFolder = /[/\\]$/.test(outPath) || (existsSync(outPath) && statSync(outPath).isDirectory());
  if (asFolder) return writeFolder(members, outPath.replace(/[/\\]+$/, '') || outPath);
  const zip = zipMembers(members, ZIP_MTIME);
  writeFileAtomic(outPath, zip);
  return { path: outPath, kind: 'zip', bytes: zip.length, sha256: createHash('sha256').update(zip).digest('hex') };
}

/** The case.json object; `signer` is the signing key, or null for an unsigned export (its signer fields are then empty). */
export function buildCaseJson(input: CaseFileInput, signer: { name: string; fingerprint: string } | null): CaseJson {
  for (const sha of input.records.keys()) {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new WorkbenchError('INTERNAL', `Evidence key "${sha.slice(0, 80)}" is not a SHA-256.`);
  }
  // Files whose records the case carries must have custody; a link may point into a file outside the case, whose
  // custody is included when the engine supplies it.
  const required = new Set<string>([...input.signals.map((s) => s.evidence.sha256), ...input.records.keys()]);
  const cited = new Set<string>([...required, ...input.links.flatMap((l) => (l.evidence ? [l.evidence.sha256] : []))]);
  const custody = input.custody.filter((c) => cited.has(c.sha256)).sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
  const missing = [...required].filter((sha) => !custody.some((c) => c.sha256 === sha));
  if (missing.length > 0) throw new WorkbenchError('INTERNAL', `No custody record for cited evidence file ${missing[0]}.`);
  const json: CaseJson = {
    schemaVersion: CASE_FILE_SCHEMA_VERSION,
    kind: CASE_FILE_KIND,
    case: input.case,
    links: input.links,
    signals: input.signals,
    custody,
    evidence: [...input.records.keys()].sort().map((sha256) => ({ sha256, member: evidenceMember(sha256), records: input.records.get(sha256)?.length ?? 0 })),
    // An empty workspace chain has no head entry; its head is the genesis hash, as the chain itself defines it.
    audit: { entries: [...input.audit.entries].sort((a, b) => a.seq - b.seq), head: input.audit.head || GENESIS_HASH, headSeq: input.audit.headSeq },
    signer: { name: signer?.name ?? '', fingerprint: signer?.fingerprint ?? '' },
    exportedAt: input.exportedAt,
    tool: input.tool,
  };
  // Never sign a file that our own verifier would reject: an engine bug should fail the export, not the reviewer.
  const checked = CaseJsonSchema.safeParse(json);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new WorkbenchError('INTERNAL', `case.json would not match its schema at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`);
  }
  return json;
}

function allowedSignersLine(key: SigningKey): string {
  return `${key.name} namespaces="${CASE_FILE_NAMESPACE}" ${ED25519_KEY_TYPE} ${key.publicKeyBlob.toString('base64')}\n`;
}

function verifyText(key: SigningKey): string {
  const [sigCommand, sumCommand] = verifyCommands(key.name);
  return `How to verify this NHI Workbench case file
==========================================

You need OpenSSH (ssh-keygen 8.2 or later) and coreutils (sha256sum). No NHI Workbench is needed.

1. Unpack the case file into an empty folder and open a shell there:

     unzip case.nhicase -d case && cd case

2. Check that the signer's key is one you trust. The signer is:

     ${key.name}
     ${key.fingerprint}

   Compare this fingerprint with one you received from the signer by another channel
   (\`ssh-keygen -l -f signer.pub\` prints it from signer.pub). The allowed_signers file
   in this folder only says who claims to have signed; to check against your own trust
   list, use your allowed_signers file in place of it in step 3.

3. Check the signature over SHA256SUMS:

     ${sigCommand}

   It must print: Good "${CASE_FILE_NAMESPACE}" signature for ${key.name} with ED25519 key ${key.fingerprint}

4. Check every member against SHA256SUMS:

     ${sumCommand}

   Every line must end in OK. Also make sure no file is present that SHA256SUMS does not
   list (apart from SHA256SUMS, SHA256SUMS.sig and reviews/): \`nhi-workbench verify\` checks
   this too.

5. Reviews (optional). A reviewer may have countersigned this case file: reviews/<n>-<key>.json
   says who, with which verdict, and which SHA256SUMS they checked; reviews/<n>-<key>.json.sig
   is their SSH signature over it (namespace ${REVIEW_NAMESPACE}). Reviews are added after
   signing, so SHA256SUMS does not list them, and a damaged review does not make the case file
   invalid: only that review. To check one, with the reviewer's key in your allowed_signers:

     ssh-keygen -Y verify -f <your allowed_signers> -I <reviewer> -n ${REVIEW_NAMESPACE} \\
       -s reviews/<n>-<key>.json.sig < reviews/<n>-<key>.json
     sha256sum SHA256SUMS

   The hash printed by sha256sum must equal "sha256sums" in the review. Without the reviewer's
   key in a trust list, \`ssh-keygen -Y check-novalidate -n ${REVIEW_NAMESPACE} -s <sig> < <json>\`
   checks only that the signature is intact.

What the members are: case.json (the case, machine-readable; schema in the NHI Workbench
docs, case-file.schema.json), report.html (the human report), evidence/<sha256>.ndjson
(the redacted source records, one JSON object per line), signer.pub and allowed_signers
(the signer's public key), SHA256SUMS and SHA256SUMS.sig, and reviews/ if any.
`;
}

// Written beside the target under a temporary name and renamed into place, so a crash never leaves half a folder.
function writeFolder(members: Map<string, Uint8Array>, dir: string): WrittenCaseFile {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new WorkbenchError('BAD_INPUT', `${dir} is not empty; a case file folder must hold only its own members.`, {
      file: dir,
      hint: 'choose a new or empty folder, or a file name ending in .nhicase',
    });
  }
  const tmp = join(dirname(dir), `.${basename(dir)}.${randomBytes(6).toString('hex')}.tmp`);
  let bytes = 0;
  try {
    for (const [name, data] of members) {
      const path = join(tmp, ...name.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      const fd = openSync(path, 'wx', 0o644);
      try {
        for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      bytes += data.length;
    }
    if (existsSync(dir)) rmdirSync(dir);
    renameSync(tmp, dir);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  const sums = members.get(CASE_MEMBERS.sums) ?? new Uint8Array();
  return { path: dir, kind: 'folder', bytes, sha256: createHash('sha256').update(sums).digest('hex') };
}
