// gitleaks JSON reports: v8 (`RuleID`, `Secret`, `Match`, `Fingerprint`…) and v7 (`rule`, `offender`, `line`…).
// `Secret`, `Match`, `offender` and `line` all hold the secret, so none of them reaches a signal: a finding is
// summarized by its rule, file, line, commit and a masked preview, and its actor is the secret's SHA-256.
import { WorkbenchError } from '../../../../shared/errors';
import type { EvidenceSource, FormatParser, ParsedSignal, RawRecord } from '../types';
import { badRecord, clip, contentKey, idText, isObject, isoTime, type Json, place, readJsonRecords, sampleHead, str, typeName } from './json-records';
import { leakedCredential, UNDATED } from './leaked-secret';

const SOURCE_ID = 'gitleaks';

const NOT_REPORT_HINT =
  'Expected a gitleaks JSON report (`gitleaks detect --report-format json`): an array of findings with RuleID and ' +
  'Secret (v8) or rule and offender (v7). Choose the right format for this file or leave it out.';
const MALFORMED_HINT =
  'Every gitleaks finding names its rule and the secret it matched. The record may have been altered by an export ' +
  'tool; run gitleaks again to get the report as written.';

// ---------------------------------------------------------------------------------------------------------------
// Detection and reading

const V8_MARKS = [/"RuleID"\s*:/, /"Secret"\s*:/, /"StartLine"\s*:/];
const V7_MARKS = [/"offender"\s*:/, /"rule"\s*:/, /"lineNumber"\s*:/];

/** True when the start of a text looks like a gitleaks v8 or v7 report. */
function detectReport(sample: string): boolean {
  const head = sampleHead(sample);
  if (!head.startsWith('[') && !head.startsWith('{')) return false;
  return V8_MARKS.every((mark) => mark.test(head)) || V7_MARKS.every((mark) => mark.test(head));
}

type Version = 'v8' | 'v7';

function versionOf(value: unknown): Version | null {
  if (!isObject(value)) return null;
  if (str(value.RuleID) !== null && typeof value.Secret === 'string') return 'v8';
  if (str(value.rule) !== null && typeof value.offender === 'string') return 'v7';
  return null;
}

function* readRecords(source: EvidenceSource): Generator<RawRecord> {
  yield* readJsonRecords(source, {
    shapeOf: (doc) => (Array.isArray(doc) ? { items: doc, key: null } : null),
    accepts: (value) => versionOf(value) !== null,
    refuse: (where) =>
      new WorkbenchError('BAD_INPUT', `${source.name} is not a gitleaks report: ${where} is not a gitleaks finding`, { file: source.name, record: where, hint: NOT_REPORT_HINT }),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Normalizing one finding: both versions reduced to the same facts

interface Finding {
  rule: string;
  description: string;
  secret: string;
  file: string | null;
  line: string | null;
  commit: string | null;
  author: string | null;
  date: unknown;
  /** Where the finding was made: the repository URL or name (v7), else null. */
  repository: string | null;
  dedupeKey: string;
}

function findingOf(value: unknown, where: string, file: string): Finding {
  const version = versionOf(value);
  if (version === null || !isObject(value)) {
    const problem = isObject(value) ? 'it has neither RuleID and Secret (v8) nor rule and offender (v7)' : `it is ${typeName(value)}, not an object`;
    throw badRecord(file, where, `is not a usable gitleaks finding: ${problem}`, MALFORMED_HINT);
  }
  return version === 'v8' ? v8Finding(value) : v7Finding(value);
}

function v8Finding(value: Json): Finding {
  const rule = str(value.RuleID) ?? '';
  // An empty Secret (rules without a secret group) leaves only Match to name what was found.
  const secret = str(value.Secret) ?? str(value.Match) ?? '';
  const commit = str(value.Commit);
  const fingerprint = str(value.Fingerprint);
  return {
    rule,
    description: str(value.Description) ?? rule,
    secret,
    file: str(value.File),
    line: idText(value.StartLine),
    commit,
    author: str(value.Author),
    date: value.Date,
    repository: null,
    // Without a commit the fingerprint is only file:rule:line, which two scanned projects can share.
    dedupeKey: fingerprint === null ? contentKey(value) : `${SOURCE_ID}:${fingerprint}${commit === null ? `:${contentKey(secret).slice(7, 23)}` : ''}`,
  };
}

function v7Finding(value: Json): Finding {
  const rule = str(value.rule) ?? '';
  const repo = str(value.repoURL) ?? str(value.repo);
  return {
    rule,
    description: rule,
    secret: str(value.offender) ?? '',
    file: str(value.file),
    line: idText(value.lineNumber),
    commit: str(value.commit),
    author: str(value.author),
    date: value.date,
    repository: repo === '.' ? null : repo,
    dedupeKey: str(value.leakURL) ?? contentKey(value),
  };
}

function summaryOf(finding: Finding, preview: string): string {
  const at = finding.file === null ? '' : ` in ${clip(finding.file, 160)}${finding.line === null ? '' : `:${finding.line}`}`;
  const repo = finding.repository === null ? '' : ` of ${clip(finding.repository, 120)}`;
  const commit = finding.commit === null ? ' (not in a commit)' : ` (commit ${finding.commit.slice(0, 12)}${finding.author === null ? '' : ` by ${clip(finding.author, 60)}`})`;
  return `gitleaks ${finding.rule}: ${clip(finding.description, 80)} ${preview}${at}${repo}${commit}`;
}

function toSignal(record: RawRecord, file: string): ParsedSignal {
  const where = place(record.index, record.line);
  const finding = findingOf(record.value, where, file);
  if (finding.secret === '') throw badRecord(file, where, 'is a gitleaks finding without the secret it matched (Secret and Match are empty)', MALFORMED_HINT);
  const credential = leakedCredential(finding.secret, finding.rule);
  return {
    time: isoTime(finding.date) ?? UNDATED,
    source: SOURCE_ID,
    action: `gitleaks:${finding.rule}`,
    outcome: 'unknown',
    errorCode: null,
    actor: credential.actor,
    target: finding.repository ?? (finding.file === null ? null : clip(finding.file, 200)),
    sourceIp: null,
    region: null,
    userAgent: null,
    summary: summaryOf(finding, credential.preview),
    // gitleaks only matches patterns: nothing says the secret still works.
    severity: 'high',
    dedupeKey: finding.dedupeKey,
    links: credential.links,
    relations: [],
  };
}

/** The gitleaks parser: v8 and v7 JSON reports. */
export const gitleaks: FormatParser = {
  id: SOURCE_ID,
  label: 'gitleaks report',
  detect: (sample) => detectReport(sample),
  records: (source) => readRecords(source),
  toSignal: (record, fileName) => toSignal(record, fileName),
};
