import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { inProcessEngine } from '../../../src/main/engine/engine-client';
import { FIXTURES, tempDir } from '../../helpers/workspace';

describe('reviewer mode: opening a case file', () => {
  it('shows a verified case with its content, and a tampered one as failed without trusting its content', async () => {
    const dir = tempDir();
    const engine = inProcessEngine();
    await engine.call('open', { path: join(dir, 'ws'), create: true });
    await engine.call('ingest', { paths: [join(FIXTURES, 'story/good/trail.json')] });
    const [first] = (await engine.call('listCases', { offset: 0, limit: 1 })).items;
    await engine.call('keygen', { outPath: join(dir, 'key'), name: 'analyst@example.org' });
    const out = join(dir, 'c.nhicase');
    await engine.call('exportCase', { id: first!.id, outPath: out, keyPath: join(dir, 'key') });

    const view = await engine.call('openCaseFile', { path: out });
    expect(view.verification).toMatchObject({ valid: true, signer: 'analyst@example.org' });
    expect(view.caseFile?.case.id).toBe(first!.id);
    expect(view.caseFile?.signals.length).toBe(first!.signals);

    const members = unzipSync(readFileSync(out));
    const text = new TextDecoder().decode(members['case.json']!).replace('Activity of', 'Activity by');
    expect(text).toContain('Activity by');
    const tampered = join(dir, 't.nhicase');
    writeFileSync(tampered, zipSync({ ...members, 'case.json': new TextEncoder().encode(text) }));
    const bad = await engine.call('openCaseFile', { path: tampered });
    expect(bad.verification.valid).toBe(false);
    expect(bad.verification.problems.map((p) => p.member)).toContain('case.json');
  });
});
