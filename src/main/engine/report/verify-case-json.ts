// The content checks of a case file: case.json against its schema, the audit entries against their hashes, and the
// evidence members against the index in case.json.
import { CASE_MEMBERS, CaseJsonSchema, EvidenceLineSchema, EVIDENCE_MEMBER_PATTERN, type CaseJson } from '../../../shared/case-file';
import type { VerifyProblem } from '../../../shared/schemas';
import { chainHash } from '../cases/audit-chain';
import { printable } from './case-file-read';

const MAX_ISSUES = 10;

/** What the content checks learned, for the overall result and the signer cross-check. */
export interface CaseJsonFindings {
  caseId: string | null;
  caseJson: CaseJson | null;
}

/** Checks case.json, its audit entries and the evidence members, appending a problem for each fault found. */
export function checkCaseJson(members: Map<string, Uint8Array>, problems: VerifyProblem[]): CaseJsonFindings {
  const member = CASE_MEMBERS.caseJson;
  const bytes = members.get(member);
  if (!bytes) {
    problems.push({ member, check: 'schema', message: 'case.json is missing' });
    return { caseId: null, caseJson: null };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    problems.push({ member, check: 'schema', message: `not valid UTF-8 JSON: ${err instanceof Error ? err.message : String(err)}` });
    return { caseId: null, caseJson: null };
  }
  const caseId = caseIdOf(raw);
  const parsed = CaseJsonSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, MAX_ISSUES)) {
      problems.push({ member, check: 'schema', message: `${issue.path.join('.') || '(root)'}: ${issue.message}` });
    }
    if (parsed.error.issues.length > MAX_ISSUES) problems.push({ member, check: 'schema', message: `and ${parsed.error.issues.length - MAX_ISSUES} more schema issues` });
    return { caseId, caseJson: null };
  }
  checkAudit(parsed.data, problems);
  checkEvidence(parsed.data, members, problems);
  return { caseId, caseJson: parsed.data };
}

// The case's entries are a subsequence of the workspace chain: each must hash correctly, seqs must rise, and
// where two entries are adjacent in the workspace chain (seq n and n+1) the second must point at the first.
function checkAudit(json: CaseJson, problems: VerifyProblem[]): void {
  const { entries, head, headSeq } = json.audit;
  const fail = (message: string): void => {
    problems.push({ member: CASE_MEMBERS.caseJson, check: 'audit-chain', message });
  };
  entries.forEach((entry, i) => {
    const prev = i > 0 ? entries[i - 1] : undefined;
    if (chainHash(entry.prevHash, entry) !== entry.hash) fail(`audit entry seq ${entry.seq} does not hash to its recorded hash`);
    if (prev && entry.seq <= prev.seq) fail(`audit entry seq ${entry.seq} comes after seq ${prev.seq}: entries are not in seq order`);
    if (prev && entry.seq === prev.seq + 1 && entry.prevHash !== prev.hash) fail(`audit entry seq ${entry.seq} does not chain to seq ${prev.seq}`);
    if (entry.seq > headSeq) fail(`audit entry seq ${entry.seq} is beyond the recorded chain head seq ${headSeq}`);
    if (entry.seq === headSeq && entry.hash !== head) fail(`audit entry seq ${entry.seq} is the chain head but its hash differs from audit.head`);
  });
}

function checkEvidence(json: CaseJson, members: Map<string, Uint8Array>, problems: VerifyProblem[]): void {
  const indexed = new Map(json.evidence.map((e) => [e.member, e]));
  for (const name of members.keys()) {
    if (EVIDENCE_MEMBER_PATTERN.test(name) && !indexed.has(name)) {
      problems.push({ member: name, check: 'schema', message: 'evidence member is not listed in case.json' });
    }
  }
  for (const [name, entry] of indexed) {
    if (!name.endsWith(`${entry.sha256}.ndjson`)) problems.push({ member: CASE_MEMBERS.caseJson, check: 'schema', message: `evidence entry ${entry.sha256} names member ${name}` });
    const bytes = members.get(name);
    if (!bytes) {
      problems.push({ member: printable(name), check: 'schema', message: 'evidence member listed in case.json is missing' });
      continue;
    }
    const bad = badEvidenceLines(bytes);
    if (bad.count !== entry.records) problems.push({ member: name, check: 'schema', message: `holds ${bad.count} records, case.json says ${entry.records}` });
    if (bad.first !== null) problems.push({ member: name, check: 'schema', message: `line ${bad.first} is not a {recordIndex, line, value} record` });
  }
}

function badEvidenceLines(bytes: Uint8Array): { count: number; first: number | null } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { count: 0, first: 1 };
  }
  const lines = text.split('\n');
  if (lines.pop() !== '') return { count: lines.length + 1, first: lines.length + 1 };
  const first = lines.findIndex((line) => {
    try {
      return !EvidenceLineSchema.safeParse(JSON.parse(line)).success;
    } catch {
      return true;
    }
  });
  return { count: lines.length, first: first < 0 ? null : first + 1 };
}

function caseIdOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const c = (raw as { case?: unknown }).case;
  if (typeof c !== 'object' || c === null) return null;
  const id = (c as { id?: unknown }).id;
  return typeof id === 'string' ? printable(id) : null;
}
