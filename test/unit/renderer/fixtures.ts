// Small rows for the renderer store tests.
import type { CaseSummary, SignalRow } from '../../../src/shared/schemas';

/** A case summary with the given id and anchor. */
export function caseRow(id: string, anchor = `ID-${id}`): CaseSummary {
  return {
    id,
    title: `Activity of ${anchor}`,
    anchor: { id: anchor, kind: 'aws.role', label: `role/${anchor}` },
    status: 'new',
    severity: 'low',
    signals: 3,
    firstSeen: '2023-07-10T11:57:16.000Z',
    lastSeen: '2023-07-10T12:07:39.000Z',
    owner: null,
    marked: null,
  };
}

/** A signal row with the given id, at second `s` past a fixed minute. */
export function signalRow(id: number, s = id, action = 'ssm:UpdateInstanceInformation'): SignalRow {
  return {
    id,
    time: new Date(Date.UTC(2023, 6, 10, 12, 0, s)).toISOString(),
    source: 'aws.cloudtrail',
    action,
    confidence: 'high',
    outcome: 'success',
    errorCode: null,
    actor: 'role/x',
    target: null,
    sourceIp: '192.0.2.1',
    region: 'us-east-1',
    userAgent: null,
    summary: 'x called y',
    reason: 'anchor',
    count: 1,
    evidence: { sha256: 'ab'.repeat(32), name: 'trail.json', recordIndex: id, line: null },
  };
}
