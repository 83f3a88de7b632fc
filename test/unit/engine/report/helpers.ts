// Shared test helpers for the case-file tests: a small hand-made case, and running the real OpenSSH/coreutils tools.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainEntry, type AuditEntry } from '../../../../src/main/engine/cases/audit-chain';
import type { CaseFileInput } from '../../../../src/main/engine/report/case-file-input';

export const SSH_KEYGEN = '/usr/bin/ssh-keygen';
export const SHA256SUM = '/usr/bin/sha256sum';
export const HAS_SSH_KEYGEN = existsSync(SSH_KEYGEN);
export const HAS_SHA256SUM = existsSync(SHA256SUM);
export const HOSTILE = '<img src=x onerror=alert(1)>';

if (!HAS_SSH_KEYGEN) console.log(`skipping OpenSSH cross-checks: ${SSH_KEYGEN} is not installed`);
if (!HAS_SHA256SUM) console.log(`skipping sha256sum cross-checks: ${SHA256SUM} is not installed`);

/** Runs a tool and returns its exit status and output, never throwing on a non-zero exit. */
export function run(cmd: string, args: string[], opts: { input?: Uint8Array | string; cwd?: string } = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { input: opts.input, cwd: opts.cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'nhi-report-'));
}

/** The SHA-256 of a string, hex. */
export function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A small case: one IAM user, three signals from two evidence files, audit entries interleaved with another case's. */
export function sampleInput(): CaseFileInput {
  const a = sha('cloudtrail-a.json');
  const b = sha('guardduty-b.json');
  const other = sha('unrelated.json');
  const e1 = chainEntry(null, { seq: 1, type: 'propose', at: '2024-05-01T10:00:00.000Z', actor: 'engine', caseIds: ['case-1'], payload: { reason: 'same access key' } });
  const e2 = chainEntry(e1, { seq: 2, type: 'propose', at: '2024-05-01T10:00:01.000Z', actor: 'engine', caseIds: ['case-2'], payload: {} });
  const e3 = chainEntry(e2, { seq: 3, type: 'note', at: '2024-05-01T11:00:00.000Z', actor: 'alice', caseIds: ['case-1'], payload: { reason: `checked ${HOSTILE}` } });
  const e4 = chainEntry(e3, { seq: 4, type: 'status', at: '2024-05-01T12:00:00.000Z', actor: 'alice', caseIds: ['case-1'], payload: { status: 'triage' } });
  const entries: AuditEntry[] = [e1, e3, e4];
  const evidence = (sha256: string, name: string, recordIndex: number) => ({ sha256, name, recordIndex, line: recordIndex + 1 });
  const signal = {
    confidence: 'high' as const, errorCode: null, target: null, region: 'us-east-1', userAgent: null, count: 1, outcome: 'success' as const };
  return {
    case: {
      id: 'case-1',
      title: 'Access key used from a new network',
      anchor: { id: 'id-1', kind: 'aws.iam-user', label: 'ci-deployer' },
      status: 'triage',
    owner: 'platform-team',
    marked: null,
      severity: 'high',
      signals: 3,
      firstSeen: '2024-04-30T08:00:00Z',
      lastSeen: '2024-04-30T09:30:00Z',
      anchorIdentity: {
        id: 'id-1',
        kind: 'aws.iam-user',
        label: 'ci-deployer',
        owner: 'platform-team',
        identifiers: [
          { type: 'aws.access_key', value: 'AKIA…WXYZ' },
          { type: 'aws.arn', value: 'arn:aws:iam::123456789012:user/ci-deployer' },
        ],
      },
      failures: 1,
      sourceIps: ['203.0.113.7'],
      regions: ['us-east-1'],
    },
    links: [
      { a: 'aws.access_key:AKIA…WXYZ', b: 'aws.arn:arn:aws:iam::123456789012:user/ci-deployer', reason: 'CloudTrail record names both', evidence: { sha256: a, recordIndex: 0 } },
      { a: 'aws.arn:arn:aws:iam::123456789012:user/ci-deployer', b: 'secret.sha256:' + sha('x'), reason: 'analyst: same pipeline', evidence: null },
    ],
    signals: [
      { ...signal, id: 11, time: '2024-04-30T08:00:00Z', source: 'cloudtrail', action: 'GetCallerIdentity', actor: 'ci-deployer', sourceIp: '203.0.113.7', summary: 'whoami from a new IP', reason: 'uses access key AKIA…WXYZ', evidence: evidence(a, 'cloudtrail-a.json', 0), userAgent: HOSTILE },
      { ...signal, id: 12, time: '2024-04-30T08:05:00Z', source: 'cloudtrail', action: 'ListBuckets', outcome: 'failure', errorCode: 'AccessDenied', actor: 'ci-deployer', sourceIp: '203.0.113.7', summary: `probe ${HOSTILE}`, reason: 'uses access key AKIA…WXYZ', evidence: evidence(a, 'cloudtrail-a.json', 1) },
      { ...signal, id: 13, time: '2024-04-30T09:30:00Z', source: 'guardduty', action: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration', actor: 'ci-deployer', sourceIp: null, summary: 'GuardDuty finding', reason: 'finding names the user ARN', evidence: evidence(b, 'guardduty-b.json', 0) },
    ],
    custody: [
      { sha256: a, name: 'cloudtrail-a.json', size: 2048, format: 'cloudtrail', importedAt: '2024-05-01T09:00:00Z', importedBy: 'alice' },
      { sha256: b, name: `guardduty ${HOSTILE}.json`, size: 512, format: 'guardduty', importedAt: '2024-05-01T09:00:01Z', importedBy: 'alice' },
      { sha256: other, name: 'unrelated.json', size: 1, format: 'cloudtrail', importedAt: '2024-05-01T09:00:02Z', importedBy: 'alice' },
    ],
    records: new Map([
      [a, [
        { recordIndex: 0, line: 1, value: { eventName: 'GetCallerIdentity', userAgent: HOSTILE, accessKeyId: 'secret.sha256:' + sha('AKIAEXAMPLE'), preview: 'AKIA…WXYZ' } },
        { recordIndex: 1, line: 2, value: { eventName: 'ListBuckets', errorCode: 'AccessDenied' } },
      ]],
      [b, [{ recordIndex: 0, line: null, value: { type: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration', severity: 8 } }]],
    ]),
    audit: { entries, head: e4.hash, headSeq: 4 },
    graph: {
      nodes: [
        { id: 'id-1', kind: 'identity', label: 'ci-deployer', count: 3 },
        { id: 'ak', kind: 'identifier', label: 'aws.access_key:AKIA…WXYZ', count: 2 },
        { id: 'arn', kind: 'identifier', label: 'arn:aws:iam::123456789012:user/ci-deployer', count: 1 },
        { id: 'ip', kind: 'ip', label: '203.0.113.7', count: 2 },
        { id: 'res', kind: 'resource', label: HOSTILE, count: 1 },
      ],
      edges: [
        { id: 'e1', source: 'id-1', target: 'ak', label: 'has', count: 1 },
        { id: 'e2', source: 'id-1', target: 'arn', label: 'has', count: 1 },
        { id: 'e3', source: 'ak', target: 'ip', label: 'used from', count: 2 },
        { id: 'e4', source: 'ip', target: 'res', label: 'touched', count: 1 },
      ],
    },
    exportedAt: '2024-05-02T10:00:00.000Z',
    tool: { name: 'nhi-workbench', version: '0.1.0' },
  };
}
