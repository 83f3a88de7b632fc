import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workerEngine } from '../../../src/main/engine/worker-client';
import { REPO, snapshotTree, tempDir } from '../../helpers/workspace';

/** An NDJSON CloudTrail file big enough that importing it takes a few seconds. */
function bigTrail(dir: string, events: number): string {
  const lines: string[] = [];
  for (let i = 0; i < events; i++) {
    lines.push(
      JSON.stringify({
        eventVersion: '1.09',
        userIdentity: { type: 'IAMUser', principalId: `AIDACANCELTEST${String(i % 50).padStart(6, '0')}`, arn: `arn:aws:iam::999988887777:user/bot-${i % 50}`, accountId: '999988887777', accessKeyId: `AKIACANCEL${String(i % 50).padStart(10, '0')}` },
        eventTime: new Date(Date.UTC(2026, 1, 1) + i * 1000).toISOString(),
        eventSource: 's3.amazonaws.com',
        eventName: 'GetObject',
        awsRegion: 'eu-west-1',
        sourceIPAddress: '198.51.100.9',
        userAgent: 'aws-sdk-go/1.0',
        requestParameters: { bucketName: 'b', key: `k/${i}` },
        eventID: `cancel-${i}`,
        eventType: 'AwsApiCall',
      }),
    );
  }
  const path = join(dir, 'big.ndjson');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('cancelling an import', () => {
  it('stops an import running in the engine worker, which then changes nothing; the next import works', async () => {
    const dir = tempDir();
    const ws = join(dir, 'ws');
    const engine = workerEngine(join(REPO, 'src/main/engine/worker.ts'));
    try {
      await engine.call('open', { path: ws, create: true, initialize: true });
      const before = snapshotTree(ws);
      const big = bigTrail(dir, 40_000);
      let cancelled = false;
      engine.onEvent((event, payload) => {
        if (event === 'ingestProgress' && !cancelled && (payload as { records: number }).records > 0) {
          cancelled = true;
          engine.cancelIngest();
        }
      });
      await expect(engine.call('ingest', { paths: [big] })).rejects.toMatchObject({ code: 'REFUSED', message: expect.stringContaining('cancelled') });
      expect(cancelled).toBe(true);
      expect(snapshotTree(ws)).toEqual(before);
      expect(await engine.call('info', {})).toMatchObject({ signals: 0, files: 0 });
      // The flag is reset for the next import.
      const small = bigTrail(tempDir(), 10);
      expect((await engine.call('ingest', { paths: [small] })).signals).toBe(10);
    } finally {
      await engine.dispose();
    }
  }, 60_000);

  it('closes the workspace when the worker engine is disposed: the lock is released and its actions are checkpointed', async () => {
    const ws = join(tempDir(), 'ws');
    const first = workerEngine(join(REPO, 'src/main/engine/worker.ts'));
    await first.call('open', { path: ws, create: true, initialize: true });
    await first.call('ingest', { paths: [bigTrail(tempDir(), 5)] });
    const [only] = (await first.call('listCases', { offset: 0, limit: 5 })).items;
    await first.call('addNote', { id: only!.id, text: 'seen by the first window' });
    await first.dispose();
    expect(existsSync(join(ws, 'workspace.lock'))).toBe(false);
    expect(readFileSync(join(ws, 'journal.ndjson'), 'utf8')).toBe(''); // folded into the checkpoint on close
    // This process opens it again at once (the lock names this very process, so a stale lock would refuse it).
    const second = workerEngine(join(REPO, 'src/main/engine/worker.ts'));
    try {
      await second.call('open', { path: ws, create: false });
      expect((await second.call('caseNotes', { id: only!.id })).map((n) => n.text)).toContain('seen by the first window');
    } finally {
      await second.dispose();
    }
  }, 60_000);
});
