import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../../../src/main/cli/index';
import { FIXTURES, snapshotTree, tempDir } from '../../helpers/workspace';

async function cli(...args: string[]): Promise<{ code: number; json: () => { files: { signals: number; skipped?: { record: string; reason: string }[] }[]; error?: { code: string } } }> {
  let stdout = '';
  const code = await runCli(args, { out: (t) => (stdout += t), err: () => {} });
  return { code, json: () => JSON.parse(stdout) };
}

describe('ingest --skip-bad-records and --format', () => {
  it('refuses a file with a broken line by default, and imports the rest of it with --skip-bad-records, listing what was skipped', async () => {
    const ws = join(tempDir(), 'ws');
    const bad = join(FIXTURES, 'cloudtrail/bad-line.ndjson');
    const refused = await cli('ingest', bad, '--workspace', ws, '--json');
    expect(refused.code).toBe(3);
    expect(snapshotTree(ws)).toEqual({});
    const skipped = await cli('ingest', bad, '--workspace', ws, '--skip-bad-records', '--json');
    expect(skipped.code).toBe(0);
    const [file] = skipped.json().files;
    expect(file!.signals).toBeGreaterThan(0);
    expect(file!.skipped).toEqual([{ record: 'record 3 (line 3)', reason: expect.stringContaining('line 3, column') }]);
  });

  it('refuses an unknown --format as a usage error that lists the known ones', async () => {
    const result = await cli('ingest', join(FIXTURES, 'story/good/trail.json'), '--workspace', join(tempDir(), 'ws'), '--format', 'nope', '--json');
    expect(result.code).toBe(2);
    expect(JSON.stringify(result.json().error)).toContain('aws.cloudtrail');
  });
});
