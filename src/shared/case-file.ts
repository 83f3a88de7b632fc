// The `.nhicase` case file format: member names, the SSH signature namespace and the schema of case.json.
// Shared so the app can show a case file's contents and other tools can validate case.json (docs/case-file.schema.json).
import { z } from 'zod';
import { CaseDetailSchema, SignalRowSchema } from './schemas';

export const CASE_FILE_SCHEMA_VERSION = 1;
export const CASE_FILE_KIND = 'nhi-workbench-case';
/** The SSHSIG namespace: a signature made for anything else cannot be passed off as a case file signature. */
export const CASE_FILE_NAMESPACE = 'nhi-workbench-case';

/** The fixed member names of a case file (evidence members are named by `evidenceMember`). */
export const CASE_MEMBERS = {
  caseJson: 'case.json',
  report: 'report.html',
  sums: 'SHA256SUMS',
  signature: 'SHA256SUMS.sig',
  signerPub: 'signer.pub',
  allowedSigners: 'allowed_signers',
  verifyTxt: 'VERIFY.txt',
} as const;

/** What a case can be exported as: the signed case file, or one unsigned view of the same content. */
export const EXPORT_FORMATS = ['nhicase', 'html', 'pdf', 'json', 'md', 'stix', 'csv'] as const;
export const ExportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/** The SSHSIG namespace of a reviewer's countersignature, so a review signature can never pass for a case signature. */
export const REVIEW_NAMESPACE = 'nhi-workbench-review';

/** A reviewer's verdict on a case file. */
export const REVIEW_VERDICTS = ['accepted', 'rejected', 'needs-work'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/**
 * Names of review members, `reviews/<n>-<16 hex of the reviewer key's SHA-256>.json` and its `.sig`: the only members
 * SHA256SUMS may leave out, because they are added after signing. Anything else unlisted is an added member.
 */
export const REVIEW_MEMBER_PATTERN = /^reviews\/([1-9][0-9]{0,5})-([0-9a-f]{16})\.json(\.sig)?$/;

/** The member names of the `n`th review by the key with this SHA-256 fingerprint (hex). */
export function reviewMembers(n: number, keySha256Hex: string): { json: string; sig: string } {
  const json = `reviews/${n}-${keySha256Hex.slice(0, 16)}.json`;
  return { json, sig: `${json}.sig` };
}

/** Matches the name of an evidence member; the only members allowed besides the fixed ones. */
export const EVIDENCE_MEMBER_PATTERN = /^evidence\/[0-9a-f]{64}\.ndjson$/;

/** The member that holds the redacted records of the evidence file with this SHA-256. */
export function evidenceMember(sha256: string): string {
  return `evidence/${sha256}.ndjson`;
}

const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

export const CaseFileLinkSchema = z.object({
  a: z.string().describe('identifier "type:value"'),
  b: z.string(),
  reason: z.string(),
  evidence: z.object({ sha256: Sha256HexSchema, recordIndex: z.number().int().nonnegative() }).nullable(),
});

export const CustodyRecordSchema = z.object({
  sha256: Sha256HexSchema,
  name: z.string().describe('the file name as collected; never a path to open'),
  size: z.number().int().nonnegative(),
  format: z.string(),
  importedAt: z.string(),
  importedBy: z.string(),
});

export const AuditEntrySchema = z.object({
  seq: z.number().int().nonnegative(),
  type: z.string(),
  at: z.string(),
  actor: z.string(),
  caseIds: z.array(z.string()),
  payload: z.record(z.string(), z.unknown()),
  prevHash: Sha256HexSchema,
  hash: Sha256HexSchema.describe('SHA-256(prevHash ‖ canonical JSON of {seq,type,at,actor,caseIds,payload})'),
});

export const CaseFileEvidenceSchema = z.object({
  sha256: Sha256HexSchema,
  member: z.string().regex(EVIDENCE_MEMBER_PATTERN),
  records: z.number().int().nonnegative(),
});

export const EvidenceLineSchema = z.object({
  recordIndex: z.number().int().nonnegative(),
  line: z.number().int().nullable(),
  value: z.unknown(),
});
export type EvidenceLine = z.infer<typeof EvidenceLineSchema>;

/** case.json, version 1. Readers ignore fields they do not know; writers of version 1 add none. */
export const CaseJsonSchema = z
  .object({
    schemaVersion: z.literal(CASE_FILE_SCHEMA_VERSION),
    kind: z.literal(CASE_FILE_KIND),
    case: CaseDetailSchema,
    links: z.array(CaseFileLinkSchema).describe('why the anchor identity\'s identifiers are one NHI'),
    signals: z.array(SignalRowSchema).describe('member signals, redacted, each with the reason it belongs'),
    custody: z.array(CustodyRecordSchema).describe('chain of custody of every evidence file the case cites'),
    evidence: z.array(CaseFileEvidenceSchema).describe('the evidence members of this case file'),
    audit: z.object({
      entries: z.array(AuditEntrySchema).describe("this case's entries of the workspace audit chain, in seq order"),
      head: Sha256HexSchema.describe('the workspace chain head at export time'),
      headSeq: z.number().int().nonnegative(),
    }),
    signer: z.object({ name: z.string(), fingerprint: z.string() }),
    exportedAt: z.string(),
    tool: z.object({ name: z.string(), version: z.string() }),
  })
  .describe('NHI Workbench case file, case.json');
export type CaseJson = z.infer<typeof CaseJsonSchema>;

/** A review member, version 1: who reviewed which signed case file, with what verdict. */
export const ReviewJsonSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('nhi-workbench-review'),
  reviewer: z.string().describe('the reviewer name: the principal to look up in allowed_signers'),
  fingerprint: z.string().describe("the reviewer key's fingerprint, as ssh-keygen -l prints it"),
  publicKey: z.string().describe("the reviewer's public key as an OpenSSH line"),
  verdict: z.enum(REVIEW_VERDICTS),
  comment: z.string().max(4000),
  at: z.string(),
  reviewed: z.object({
    caseId: z.string(),
    sha256sums: Sha256HexSchema.describe('SHA-256 of the SHA256SUMS member that the reviewer checked'),
    signerFingerprint: z.string().describe("the case file signer's key fingerprint"),
  }),
});
export type ReviewJson = z.infer<typeof ReviewJsonSchema>;

/** The JSON Schema (draft 2020-12) of case.json, for tools that do not use zod; written to docs/case-file.schema.json. */
export function caseFileJsonSchema(): Record<string, unknown> {
  // 'input' mode leaves additionalProperties open, matching the rule that readers ignore unknown fields.
  const schema = z.toJSONSchema(CaseJsonSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return { ...schema, title: 'NHI Workbench case.json', 'x-schema-version': CASE_FILE_SCHEMA_VERSION };
}

/** The two commands a reviewer runs in the unpacked case file, with nothing but OpenSSH and coreutils. */
export function verifyCommands(signerName: string): string[] {
  return [
    `ssh-keygen -Y verify -f ${CASE_MEMBERS.allowedSigners} -I ${signerName} -n ${CASE_FILE_NAMESPACE} -s ${CASE_MEMBERS.signature} < ${CASE_MEMBERS.sums}`,
    `sha256sum -c ${CASE_MEMBERS.sums}`,
  ];
}
