import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inProcessEngine } from '../../../src/main/engine/engine-client';
import { readFileSync } from 'node:fs';
import { Db } from '../../../src/main/engine/db/database';
import { foldFirsts } from '../../../src/main/engine/resolve/first-seen';
import { FIXTURES, tempDir } from '../../helpers/workspace';

const ACCOUNT = '444455556666';
const user = { type: 'IAMUser', principalId: 'AIDAFIRSTSEENUSER001', arn: `arn:aws:iam::${ACCOUNT}:user/deploy-bot`, accountId: ACCOUNT, accessKeyId: 'AKIAFIRSTSEENKEY0001', userName: 'deploy-bot' };

function event(n: number, time: string, name: string, ip: string, ua: string, region = 'eu-west-1', errorCode?: string): string {
  const source = name.split(':')[0]!;
  return JSON.stringify({
    eventVersion: '1.09', userIdentity: user, eventTime: time, eventSource: `${source}.amazonaws.com`, eventName: name.split(':')[1],
    awsRegion: region, sourceIPAddress: ip, userAgent: ua, requestParameters: null, responseElements: null,
    eventID: `f1r57000-0000-4000-8000-${String(n).padStart(12, '0')}`, eventType: 'AwsApiCall', recipientAccountId: ACCOUNT, ...(errorCode ? { errorCode } : {}),
  });
}

describe('first-seen signals', () => {
  it('flags what an identity does for the first time after its baseline, each with its reason', async () => {
    const lines: string[] = [];
    // Baseline day: the CI pipeline, from its egress IP, in one region, with terraform.
    for (let i = 0; i < 6; i++) lines.push(event(i, `2026-02-01T0${i}:00:00Z`, 's3:PutObject', '198.51.100.23', 'APN/1.0 HashiCorp/1.0 Terraform/1.7.0'));
    // Two days later: a new IP, a new region, a new client, a new API family, and a burst of failures.
    lines.push(event(10, '2026-02-03T10:00:00Z', 'sts:GetCallerIdentity', '203.0.113.77', 'aws-cli/2.15.0 Python/3.11', 'us-east-1'));
    for (let i = 0; i < 6; i++) lines.push(event(20 + i, `2026-02-03T10:0${i + 1}:00Z`, 'iam:ListUsers', '203.0.113.77', 'aws-cli/2.15.0 Python/3.11', 'us-east-1', 'AccessDenied'));
    lines.push(event(30, '2026-02-03T10:30:00Z', 's3:PutObject', '198.51.100.23', 'APN/1.0 HashiCorp/1.0 Terraform/1.8.0'));
    const file = join(tempDir(), 'trail.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);

    const engine = inProcessEngine();
    await engine.call('open', { path: join(tempDir(), 'ws'), create: true });
    const result = await engine.call('ingest', { paths: [file] });
    expect(result.signals).toBe(14);
    const [only] = (await engine.call('listCases', { offset: 0, limit: 10 })).items;
    const signals = (await engine.call('caseSignals', { id: only!.id, offset: 0, limit: 100 })).items;
    const derived = signals.filter((s) => s.source === 'nhi-workbench');
    expect(derived.map((s) => s.action).sort()).toEqual([
      'first-seen:failure-burst',
      'first-seen:new-api-family', // iam
      'first-seen:new-api-family', // sts
      'first-seen:new-region',
      'first-seen:new-source-ip',
      'first-seen:new-user-agent',
    ]);
    expect(derived.find((s) => s.action === 'first-seen:new-source-ip')).toMatchObject({
      time: '2026-02-03T10:00:00.000Z',
      reason: 'first seen: first time user/deploy-bot was seen from 203.0.113.77 (after a one-day baseline)',
    });
    expect(derived.find((s) => s.action === 'first-seen:new-user-agent')!.reason).toContain('aws-cli');
    // A new Terraform version is not a new client; the pipeline's own IP is not new.
    expect(derived.filter((s) => s.reason.includes('Terraform') || s.reason.includes('198.51.100.23'))).toEqual([]);
    // Each points at the record that showed it.
    expect(derived.every((s) => s.evidence.sha256 === result.files[0]!.sha256)).toBe(true);
    expect(derived.every((s) => s.confidence === 'medium')).toBe(true); // computed, not seen in a record
    expect(only!.severity).toBe('high'); // the failure burst

    // Importing the same evidence again (another copy) derives nothing twice.
    const copy = join(tempDir(), 'copy.ndjson');
    writeFileSync(copy, `${lines.join('\n')}\n\n`);
    await engine.call('ingest', { paths: [copy] });
    expect((await engine.call('caseSignals', { id: only!.id, offset: 0, limit: 100 })).total).toBe(signals.length);
  });

  it('folds what each identifier did first while importing exactly as the SQL fold over the stored signals does', async () => {
    const dir = join(tempDir(), 'ws');
    const engine = inProcessEngine();
    await engine.call('open', { path: dir, create: true });
    // Two imports (the second folds onto the first), with user agents, regions, agent tool calls and findings.
    await engine.call('ingest', { paths: ['cloudtrail/records.json', 'cloudtrail/events.ndjson', 'k8s-audit/events.ndjson'].map((f) => join(FIXTURES, f)) });
    await engine.call('ingest', { paths: ['otel-genai/otlp-export.json', 'otel-genai/sdk-spans.json', 'situations', 'gitleaks/report-v8.json'].map((f) => join(FIXTURES, f)) });
    await engine.dispose();
    const path = join(dir, 'workspace.sqlite');
    const db = await Db.open(readFileSync(path), path);
    const firsts = (): unknown[] => db.all('SELECT actor_id, kind, value, time, signal_id FROM actor_firsts ORDER BY actor_id, kind, value');
    const folded = firsts();
    expect(folded.length).toBeGreaterThan(20);
    expect(new Set(folded.map((f) => (f as { kind: string }).kind))).toEqual(new Set(['activity', 'source_ip', 'region', 'client', 'api']));
    db.run('DELETE FROM actor_firsts');
    db.run(`DELETE FROM meta WHERE key = 'first_seen_through'`);
    foldFirsts(db);
    expect(firsts()).toEqual(folded);
    db.close();
  });
});
