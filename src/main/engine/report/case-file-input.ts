// What the engine hands to the case-file builder: one case, everything it cites, already redacted.
import type { CaseDetail, GraphData, SignalRow } from '../../../shared/schemas';
import type { AuditEntry } from '../cases/audit-chain';

/** Chain-of-custody record of one evidence file, as stored in the workspace. */
export interface CustodyRecord {
  sha256: string;
  /** The file's name as collected (never used as a path). */
  name: string;
  size: number;
  format: string;
  importedAt: string;
  importedBy: string;
}

/** Why two identifiers of the anchor identity are one NHI, and which record showed it. */
export interface IdentityLinkEvidence {
  a: string; // "type:value"
  b: string;
  reason: string;
  evidence: { sha256: string; recordIndex: number } | null;
}

/** One redacted source record behind a signal. */
export interface EvidenceRecord {
  recordIndex: number;
  line: number | null;
  /** The record with every secret replaced by `secret.sha256:<hex>` and a masked preview. */
  value: unknown;
}

/** Everything that goes into one `.nhicase`. */
export interface CaseFileInput {
  case: CaseDetail;
  links: IdentityLinkEvidence[];
  signals: SignalRow[];
  custody: CustodyRecord[];
  /** Redacted records keyed by evidence file SHA-256, in record order. */
  records: Map<string, EvidenceRecord[]>;
  /** This case's entries of the workspace audit chain, and the workspace chain head at export time. */
  audit: { entries: AuditEntry[]; head: string; headSeq: number };
  graph: GraphData;
  exportedAt: string;
  tool: { name: string; version: string };
}
