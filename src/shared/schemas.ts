// The data shapes that cross process boundaries (renderer <-> main <-> engine worker, CLI --json).
// Types are inferred from these schemas so the checks and the compiler agree.
import { z } from 'zod';

export const IdentifierSchema = z.object({
  type: z.string(),
  value: z.string(),
});
export type Identifier = z.infer<typeof IdentifierSchema>;

export const IdentityKindSchema = z.enum([
  'aws.iam-user',
  'aws.role',
  'aws.root',
  'aws.federated',
  'aws.service',
  'aws.access-key',
  'gcp.service-account',
  'gcp.user',
  'azure.service-principal',
  'azure.managed-identity',
  'azure.user',
  'k8s.service-account',
  'k8s.user',
  'github.app',
  'github.token',
  'github.deploy-key',
  'github.workflow',
  'github.user',
  'okta.app',
  'okta.user',
  'ai-agent',
  'api-key',
  'secret',
  'user',
  'unknown',
]);
export type IdentityKind = z.infer<typeof IdentityKindSchema>;

export const IdentityRefSchema = z.object({
  id: z.string(),
  kind: IdentityKindSchema,
  label: z.string(),
});
export type IdentityRef = z.infer<typeof IdentityRefSchema>;

export const IdentitySummarySchema = IdentityRefSchema.extend({
  owner: z.string().nullable(),
  identifiers: z.array(IdentifierSchema),
});
export type IdentitySummary = z.infer<typeof IdentitySummarySchema>;

export const SeveritySchema = z.enum(['low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof SeveritySchema>;

export const CaseStatusSchema = z.enum(['new', 'triage', 'contained', 'closed']);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

export const WorkspaceInfoSchema = z.object({
  path: z.string(),
  name: z.string(),
  files: z.number().int(),
  signals: z.number().int(),
  identities: z.number().int(),
  cases: z.number().int(),
  /** Things the user should know about opening it, e.g. a torn journal line that was ignored. */
  warnings: z.array(z.string()).default([]),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfoSchema>;

export const CaseSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  anchor: IdentityRefSchema,
  status: CaseStatusSchema,
  severity: SeveritySchema,
  signals: z.number().int(),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  owner: z.string().nullable(),
  /** A warning an analyst should see, e.g. "merged unrelated anchors". */
  marked: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const CaseDetailSchema = CaseSummarySchema.extend({
  anchorIdentity: IdentitySummarySchema,
  failures: z.number().int(),
  sourceIps: z.array(z.string()),
  regions: z.array(z.string()),
});
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

export const OutcomeSchema = z.enum(['success', 'failure', 'unknown']);
export type Outcome = z.infer<typeof OutcomeSchema>;

export const EvidencePointerSchema = z.object({
  sha256: z.string(),
  name: z.string(),
  recordIndex: z.number().int(),
  line: z.number().int().nullable(),
});
export type EvidencePointer = z.infer<typeof EvidencePointerSchema>;

export const SignalRowSchema = z.object({
  id: z.number().int(),
  time: z.string(),
  source: z.string(),
  action: z.string(),
  outcome: OutcomeSchema,
  errorCode: z.string().nullable(),
  actor: z.string(),
  target: z.string().nullable(),
  sourceIp: z.string().nullable(),
  region: z.string().nullable(),
  userAgent: z.string().nullable(),
  summary: z.string(),
  reason: z.string(),
  /**
   * How sure the engine is that the signal belongs: high when its own record names the anchor's primary identifier
   * (or the actor is the anchor), medium when it joins through links other records showed, through a leaked-secret
   * finding, or is derived; an analyst's move or split keeps the value and says so in the reason.
   */
  confidence: z.enum(['high', 'medium', 'low']),
  count: z.number().int(),
  evidence: EvidencePointerSchema,
});
export type SignalRow = z.infer<typeof SignalRowSchema>;

export const PageSchema = <T extends z.ZodType>(item: T) => z.object({ total: z.number().int(), items: z.array(item) });

/**
 * One hit of the workspace-wide text search: a signal row as the case view shows it, and the case it is in now
 * (merges, splits, moves and their undo move signals between cases). A signal in no case (an inventory row, a
 * record whose actor could not be resolved) has no case, and so no reason or confidence either.
 */
export const SearchHitSchema = SignalRowSchema.extend({
  reason: z.string().nullable(),
  confidence: SignalRowSchema.shape.confidence.nullable(),
  case: z.object({ id: z.string(), title: z.string() }).nullable(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

/** A page of search hits: `total` counts matches up to a cap; `capped` says there are more than that. */
export const SearchPageSchema = z.object({ total: z.number().int(), capped: z.boolean(), items: z.array(SearchHitSchema) });
export type SearchPage = z.infer<typeof SearchPageSchema>;

export const GraphNodeKindSchema = z.enum(['identity', 'identifier', 'ip', 'resource', 'related-identity']);
export type GraphNodeKind = z.infer<typeof GraphNodeKindSchema>;

export const GraphNodeSchema = z.object({
  id: z.string(),
  kind: GraphNodeKindSchema,
  label: z.string(),
  count: z.number().int(),
});
export type GraphNode = z.infer<typeof GraphNodeSchema>;

export const GraphEdgeSchema = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  label: z.string(),
  count: z.number().int(),
});
export type GraphEdge = z.infer<typeof GraphEdgeSchema>;

export const GraphDataSchema = z.object({ nodes: z.array(GraphNodeSchema), edges: z.array(GraphEdgeSchema) });
export type GraphData = z.infer<typeof GraphDataSchema>;

export const IngestFileResultSchema = z.object({
  path: z.string(),
  sha256: z.string(),
  format: z.string(),
  signals: z.number().int(),
  rejected: z.number().int(),
  duplicate: z.boolean(),
  error: z.string().optional(),
  /** The bundle (folder or zip) the file came from, when it came from one. */
  bundle: z.string().optional(),
  /** Records skipped with "skip bad records": where and why. */
  skipped: z.array(z.object({ record: z.string(), reason: z.string() })).optional(),
});
export type IngestFileResult = z.infer<typeof IngestFileResultSchema>;

export const IngestResultSchema = z.object({
  files: z.array(IngestFileResultSchema),
  signals: z.number().int(),
  identities: z.number().int(),
  cases: z.number().int(),
});
export type IngestResult = z.infer<typeof IngestResultSchema>;

export const IngestProgressSchema = z.object({
  phase: z.enum(['reading', 'parsing', 'storing', 'resolving', 'done']),
  file: z.string(),
  fileIndex: z.number().int(),
  fileCount: z.number().int(),
  bytesDone: z.number(),
  bytesTotal: z.number(),
  records: z.number().int(),
  /** Records skipped as malformed (with "skip bad records") and files refused or skipped, so far. */
  rejected: z.number().int(),
});
export type IngestProgress = z.infer<typeof IngestProgressSchema>;

export const ExportResultSchema = z.object({
  path: z.string(),
  sha256: z.string(),
  signer: z.string(),
  fingerprint: z.string(),
  bytes: z.number().int(),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

export const VerifyProblemSchema = z.object({
  member: z.string(),
  check: z.enum(['zip', 'sums', 'signature', 'signer', 'schema', 'audit-chain', 'review']),
  message: z.string(),
});
export type VerifyProblem = z.infer<typeof VerifyProblemSchema>;

/** A reviewer's countersignature found in a case file, and whether it holds. */
export const ReviewCheckSchema = z.object({
  member: z.string(),
  reviewer: z.string(),
  fingerprint: z.string(),
  verdict: z.string(),
  comment: z.string(),
  at: z.string(),
  valid: z.boolean(),
  trusted: z.boolean().nullable(),
  problems: z.array(VerifyProblemSchema),
});
export type ReviewCheck = z.infer<typeof ReviewCheckSchema>;

export const VerifyResultSchema = z.object({
  valid: z.boolean(),
  signer: z.string(),
  fingerprint: z.string(),
  trusted: z.boolean().nullable(),
  caseId: z.string().nullable(),
  problems: z.array(VerifyProblemSchema),
  /** Countersignatures by reviewers; they never change the signed members, so they never affect `valid`. */
  reviews: z.array(ReviewCheckSchema).default([]),
});
export type VerifyResult = z.infer<typeof VerifyResultSchema>;

export const SignerInfoSchema = z.object({
  signer: z.string(),
  fingerprint: z.string(),
  publicKey: z.string(),
});
export type SignerInfo = z.infer<typeof SignerInfoSchema>;

/** One signer in the reviewer's trust list (an OpenSSH allowed_signers line). */
export const TrustedSignerSchema = z.object({
  signer: z.string(),
  fingerprint: z.string(),
  publicKey: z.string(),
});
export type TrustedSigner = z.infer<typeof TrustedSignerSchema>;
