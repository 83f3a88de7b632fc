// Opened case files for the reviewer store and the case-file activity tests.
import type { CaseFileView } from '../../../src/shared/case-file-view';
import type { CaseJson } from '../../../src/shared/case-file';
import type { VerifyResult } from '../../../src/shared/schemas';
import { caseRow, signalRow } from './fixtures';

const HASH = (n: number): string => n.toString(16).padStart(64, '0');

type Entry = CaseJson['audit']['entries'][number];

/** An audit entry of case C-1 with the given seq, type and payload. */
export function entry(seq: number, type: string, payload: Record<string, unknown>, actor = 'analyst@host'): Entry {
  return { seq, type, at: `2024-05-01T10:00:${String(seq).padStart(2, '0')}.000Z`, actor, caseIds: ['C-1'], payload, prevHash: HASH(seq - 1), hash: HASH(seq) };
}

/** case.json of case C-1 with three signals and the given audit entries. */
export function caseJson(entries: Entry[] = [entry(1, 'case.proposed', { id: 'C-1' })]): CaseJson {
  const summary = caseRow('C-1', 'alice');
  return {
    schemaVersion: 1,
    kind: 'nhi-workbench-case',
    case: { ...summary, anchorIdentity: { ...summary.anchor, owner: 'platform-team', identifiers: [{ type: 'aws.arn', value: 'arn:aws:iam::1:role/alice' }] }, failures: 0, sourceIps: ['192.0.2.1'], regions: ['us-east-1'] },
    links: [{ a: 'aws.access_key:AKIA1', b: 'aws.arn:arn:aws:iam::1:role/alice', reason: 'CloudTrail names both', evidence: { sha256: 'ab'.repeat(32), recordIndex: 0 } }],
    signals: [signalRow(1, 3, 'iam:ListUsers'), signalRow(2, 1, 's3:GetObject'), signalRow(3, 2, 'sts:GetCallerIdentity')],
    custody: [{ sha256: 'ab'.repeat(32), name: 'trail.json', size: 1234, format: 'aws.cloudtrail', importedAt: '2024-05-01T09:00:00.000Z', importedBy: 'analyst@host' }],
    evidence: [{ sha256: 'ab'.repeat(32), member: `evidence/${'ab'.repeat(32)}.ndjson`, records: 3 }],
    audit: { entries, head: HASH(entries.length), headSeq: entries.length },
    signer: { name: 'analyst@example.org', fingerprint: 'SHA256:abc' },
    exportedAt: '2024-05-01T11:00:00.000Z',
    tool: { name: 'nhi-workbench', version: '0.1.0' },
  };
}

/** A verification result: valid, or failed with the given problems. */
export function verification(problems: VerifyResult['problems'] = []): VerifyResult {
  return { valid: problems.length === 0, signer: 'analyst@example.org', fingerprint: 'SHA256:abc', trusted: false, caseId: 'C-1', problems, reviews: [] };
}

/** An opened case file at `path`. */
export function caseFileView(path: string, problems: VerifyResult['problems'] = [], caseFile: CaseJson | null = caseJson()): CaseFileView {
  return { path, verification: verification(problems), caseFile };
}
