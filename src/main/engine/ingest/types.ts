// The shape every evidence-format parser exports, and the normalized records it produces.
import type { Identifier, IdentityKind, Outcome, Severity } from '../../../shared/schemas';

/** One record as it sits in an evidence file, before normalization. */
export interface RawRecord {
  /** 0-based position of the record in the file, in the parser's own reading order. */
  index: number;
  /** 1-based line where the record starts, where the format is line-oriented or the position is known. */
  line: number | null;
  /** The record as parsed JSON (or a row object for tabular formats). */
  value: unknown;
}

/** Evidence in one record that two identifiers name the same NHI. */
export interface ParsedLink {
  a: Identifier;
  b: Identifier;
  /** A sentence a person can read: why this record shows the two belong together. */
  reason: string;
}

/** Evidence that one NHI acted on or through another distinct one (e.g. a user assuming a role). Never merges them. */
export interface ParsedRelation {
  from: Identifier;
  to: Identifier;
  relation: string;
}

/** Who acted in a record. */
export interface ParsedActor {
  /** Short human label, e.g. `user/deploy-bot` or `role/ci-deployer`. */
  label: string;
  kind: IdentityKind;
  /** The identifier that best names the NHI (becomes the identity label's source). */
  primary: Identifier | null;
  /** Every identifier naming the actor in this record, primary included. */
  identifiers: Identifier[];
}

/** One normalized signal out of one record. */
export interface ParsedSignal {
  /** ISO 8601 UTC time of the event. */
  time: string;
  /** The source format id, e.g. `aws.cloudtrail`. */
  source: string;
  /** What was done, e.g. `iam.amazonaws.com:CreateAccessKey` shortened to `iam:CreateAccessKey`. */
  action: string;
  outcome: Outcome;
  errorCode: string | null;
  actor: ParsedActor;
  /** The resource acted on, when the record names one. */
  target: string | null;
  sourceIp: string | null;
  region: string | null;
  userAgent: string | null;
  /** One line for a person. */
  summary: string;
  /** The source's own severity (scanner findings, alerts), mapped to ours; absent for plain events. */
  severity?: Severity | null;
  /** Two records with the same key are the same event (e.g. CloudTrail eventID). */
  dedupeKey: string;
  links: ParsedLink[];
  relations: ParsedRelation[];
  /** Only from an identity inventory: who owns the NHI and where it lives. */
  inventory?: { owner: string | null; team: string | null; environment: string | null; description: string | null; kind: string | null };
}

/** One line of a text file, 1-based. */
export interface TextLine {
  line: number;
  text: string;
}

/**
 * An evidence file's decoded content, as a parser reads it: line formats stream `lines()`; document formats
 * (one JSON value) call `text()`, which refuses files too large to hold whole with a BAD_INPUT naming the file.
 */
export interface EvidenceSource {
  /** The file's name as collected, for messages. */
  name: string;
  /** The first characters of the decoded text (what `detect` saw). */
  sample: string;
  text(): string;
  lines(): Iterable<TextLine>;
}

/** Everything the importer needs from one evidence format. Adding a format is adding one of these. */
export interface FormatParser {
  /** Stable id, stored with every evidence file and signal, e.g. `aws.cloudtrail`. */
  id: string;
  /** Human name, e.g. `AWS CloudTrail`. */
  label: string;
  /** True when the sample (the first 64 KiB of the decompressed file, as text) looks like this format. */
  detect(sample: string, fileName: string): boolean;
  /**
   * Every record of the file, in order. Throws a BAD_INPUT WorkbenchError naming the file and the place
   * (line and column, or record index) when the text cannot be read as this format.
   */
  records(source: EvidenceSource): Iterable<RawRecord>;
  /**
   * Normalizes one record. Returns null for a record that is well-formed but carries nothing to investigate
   * (it is counted as skipped); throws a BAD_INPUT WorkbenchError naming the record when it is malformed.
   */
  toSignal(record: RawRecord, fileName: string): ParsedSignal | null;
}
