import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Db } from '../../../../src/main/engine/db/database';
import { ctEvent, ctNdjson, newWorkspace, rejection, sha256, writeFolder, writeZip } from '../../../fixtures/bundles/bundles';
import { snapshotTree, tempDir } from '../../../helpers/workspace';
import { oldWorkspace } from '../../../helpers/old-workspace';

/** CloudTrail events without eventSource: the parser reads them, but detection (which needs it) does not see CloudTrail. */
function undetectable(from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) out += `${JSON.stringify({ ...ctEvent(i), eventSource: undefined })}\n`;
  return out;
}

async function custody(dir: string): Promise<Record<string, unknown>[]> {
  const db = await Db.open(readFileSync(join(dir, 'workspace.sqlite')), 'workspace.sqlite');
  return db.all('SELECT sha256, name, source_path, size, format, bundle, records, signals FROM evidence_files ORDER BY source_path');
}

describe('zip bundles', () => {
  it('imports every file of a zip with nested folders and a .gz member, each hashed and stored as its own bytes', async () => {
    const { engine, dir } = await newWorkspace();
    const a = ctNdjson(0, 5);
    const b = gzipSync(JSON.stringify({ Records: [ctEvent(10), ctEvent(11)] }));
    const zip = writeZip(join(tempDir(), 'evidence.zip'), { 'logs/2026/01/a.ndjson': a, 'logs/b.json.gz': b, 'README.txt': 'collected by IR team' });
    const result = await engine.call('ingest', { paths: [zip] });

    expect(result.files.map((f) => [f.path, f.format, f.signals, f.bundle])).toEqual([
      [`${zip}!/README.txt`, 'unknown', 0, 'evidence.zip'],
      [`${zip}!/logs/2026/01/a.ndjson`, 'aws.cloudtrail', 5, 'evidence.zip'],
      [`${zip}!/logs/b.json.gz`, 'aws.cloudtrail', 2, 'evidence.zip'],
    ]);
    expect(result.files[0]!.error).toMatch(/not in a format/);
    expect(result.files[1]!.sha256).toBe(sha256(a));
    expect(result.files[2]!.sha256).toBe(sha256(b)); // the .gz as stored, not its content and not the zip
    await engine.dispose();

    // Stored under their hashes only: no entry name ever became a path in the workspace.
    expect(readdirSync(join(dir, 'evidence')).sort()).toEqual([sha256(a), sha256(b)].sort());
    expect(readFileSync(join(dir, 'evidence', sha256(b)))).toEqual(Buffer.from(b));
    expect(await custody(dir)).toEqual([
      { sha256: sha256(a), name: 'a.ndjson', source_path: `${zip}!/logs/2026/01/a.ndjson`, size: a.length, format: 'aws.cloudtrail', bundle: 'evidence.zip', records: 5, signals: 5 },
      { sha256: sha256(b), name: 'b.json.gz', source_path: `${zip}!/logs/b.json.gz`, size: b.length, format: 'aws.cloudtrail', bundle: 'evidence.zip', records: 2, signals: 2 },
    ]);
  });

  it('says so when the same zip is imported twice, and adds nothing', async () => {
    const { engine } = await newWorkspace();
    const zip = writeZip(join(tempDir(), 'twice.zip'), { 'a.ndjson': ctNdjson(0, 3) });
    await engine.call('ingest', { paths: [zip] });
    const again = await engine.call('ingest', { paths: [zip] });
    expect(again.files).toEqual([expect.objectContaining({ duplicate: true, signals: 0, format: 'aws.cloudtrail', bundle: 'twice.zip' })]);
    expect(await engine.call('info', {})).toMatchObject({ files: 1, signals: 3 });
  });

  it('reads a zip inside a folder as a bundle of its own, and refuses (but lists) a zip inside a zip', async () => {
    const { engine } = await newWorkspace();
    const inner = writeZip(join(tempDir(), 'inner.zip'), { 'x.ndjson': ctNdjson(0, 2) });
    const folder = writeFolder('case-7', { 'plain.ndjson': ctNdjson(2, 4) });
    writeZip(join(folder, 'outer.zip'), { 'y.ndjson': ctNdjson(4, 7), 'nested/inner.zip': readFileSync(inner) });
    const result = await engine.call('ingest', { paths: [folder] });
    expect(result.files.map((f) => [f.path.slice(folder.length), f.format, f.signals, f.bundle])).toEqual([
      ['/outer.zip!/nested/inner.zip', 'zip', 0, 'outer.zip'],
      ['/outer.zip!/y.ndjson', 'aws.cloudtrail', 3, 'outer.zip'],
      ['/plain.ndjson', 'aws.cloudtrail', 2, 'case-7'],
    ]);
    expect(result.files[0]!.error).toMatch(/zip archive inside a zip archive; only one level/);
  });
});

describe('manifest.json', () => {
  it('checks every listed hash, reports missing and unlisted files, never imports itself, and its format wins over detection', async () => {
    const { engine, dir } = await newWorkspace();
    const good = ctNdjson(0, 3);
    const altered = ctNdjson(3, 6);
    const padded = undetectable(6, 8);
    const unlisted = ctNdjson(8, 9);
    const manifest = {
      version: 1,
      files: [
        { path: 'aws/good.ndjson', sha256: sha256(good), size: good.length, collector: 'ir-collector 2.1', collected_at: '2026-03-01T10:00:00Z' },
        { path: 'aws/altered.ndjson', sha256: sha256(ctNdjson(100, 103)) },
        { path: 'aws/padded.log', sha256: sha256(padded), format: 'aws.cloudtrail' },
        { path: 'aws/gone.ndjson', sha256: 'a'.repeat(64) },
      ],
    };
    const folder = writeFolder('case-42', {
      'manifest.json': JSON.stringify(manifest),
      'aws/good.ndjson': good,
      'aws/altered.ndjson': altered,
      'aws/padded.log': padded,
      'extra/unlisted.ndjson': unlisted,
    });
    const result = await engine.call('ingest', { paths: [folder] });
    const byName = Object.fromEntries(result.files.map((f) => [f.path.slice(folder.length + 1), f]));

    expect(Object.keys(byName).sort()).toEqual(['aws/altered.ndjson', 'aws/gone.ndjson', 'aws/good.ndjson', 'aws/padded.log', 'extra/unlisted.ndjson']);
    expect(byName['aws/good.ndjson']).toMatchObject({ format: 'aws.cloudtrail', signals: 3, bundle: 'case-42' });
    expect(byName['aws/good.ndjson']!.error).toBeUndefined();
    expect(byName['aws/altered.ndjson']).toMatchObject({ signals: 0, rejected: 1, sha256: sha256(altered) });
    expect(byName['aws/altered.ndjson']!.error).toBe(`altered.ndjson does not match manifest.json: expected SHA-256 ${sha256(ctNdjson(100, 103))}, actual ${sha256(altered)}; refused.`);
    expect(byName['aws/gone.ndjson']!.error).toMatch(/gone\.ndjson is listed in .*manifest\.json but is not in the bundle/);
    expect(byName['aws/padded.log']).toMatchObject({ format: 'aws.cloudtrail', signals: 2 });
    expect(byName['extra/unlisted.ndjson']).toMatchObject({ format: 'aws.cloudtrail', signals: 1 });
    expect(byName['extra/unlisted.ndjson']!.error).toMatch(/not listed in .*manifest\.json, so there was no hash to check/);
    expect(await engine.call('info', {})).toMatchObject({ files: 3, signals: 6 });
    await engine.dispose();
    expect(readdirSync(join(dir, 'evidence'))).not.toContain(sha256(JSON.stringify(manifest)));
  });

  it('without the manifest, the same padded file is not recognized: the manifest really chose the format', async () => {
    const { engine } = await newWorkspace();
    const folder = writeFolder('no-manifest', { 'padded.log': undetectable(6, 8) });
    const result = await engine.call('ingest', { paths: [folder] });
    expect(result.files[0]).toMatchObject({ format: 'unknown', signals: 0 });
  });

  it('checks the manifest inside a zip too', async () => {
    const { engine } = await newWorkspace();
    const a = ctNdjson(0, 2);
    const zip = writeZip(join(tempDir(), 'with-manifest.zip'), {
      'manifest.json': JSON.stringify({ files: [{ path: 'a.ndjson', sha256: sha256('something else') }] }),
      'a.ndjson': a,
    });
    const result = await engine.call('ingest', { paths: [zip] });
    expect(result.files).toEqual([
      expect.objectContaining({ path: `${zip}!/a.ndjson`, rejected: 1, signals: 0, error: expect.stringContaining(`actual ${sha256(a)}`) }),
    ]);
    expect(await engine.call('info', {})).toMatchObject({ files: 0 });
  });

  for (const [what, manifest, place] of [
    ['a hash that is not hex', { files: [{ path: 'a.ndjson', sha256: 'not-a-hash' }] }, 'files[0].sha256'],
    ['a misspelt field', { files: [{ path: 'a.ndjson', sha256: 'a'.repeat(64), colected_at: 'x' }] }, 'files[0]'],
    ['a path that climbs out', { files: [{ path: '../a.ndjson', sha256: 'a'.repeat(64) }] }, 'files[0].path'],
    ['an unknown format', { files: [{ path: 'a.ndjson', sha256: 'a'.repeat(64), format: 'syslog' }] }, 'files[0].format'],
    ['no file list', { version: 1 }, 'files'],
  ] as const) {
    it(`refuses a manifest with ${what}, naming the manifest and the place, and changes nothing`, async () => {
      const { engine, dir } = await newWorkspace();
      await engine.call('ingest', { paths: [writeZip(join(tempDir(), 'first.zip'), { 'z.ndjson': ctNdjson(50, 51) })] });
      const before = snapshotTree(dir);
      const folder = writeFolder('bad-manifest', { 'manifest.json': JSON.stringify(manifest), 'a.ndjson': ctNdjson(0, 2) });
      const err = await rejection(engine.call('ingest', { paths: [folder] }));
      expect(err).toMatchObject({ code: 'BAD_INPUT', file: join(folder, 'manifest.json'), record: place });
      expect(err.hint).toMatch(/bundle-format\.md/);
      expect(snapshotTree(dir)).toEqual(before);
    });
  }

  it('docs/manifest.schema.json is the JSON Schema generated from the zod schema the importer checks with', async () => {
    const { manifestJsonSchema } = await import('../../../../src/main/engine/ingest/bundle/manifest');
    const onDisk = JSON.parse(readFileSync(join(__dirname, '../../../../docs/manifest.schema.json'), 'utf8'));
    expect(onDisk).toEqual(manifestJsonSchema());
  });
});

describe('skip bad records and format override', () => {
  const mixed = () => [JSON.stringify(ctEvent(1)), '{"eventVersion":"1.09",,}', JSON.stringify(ctEvent(2)), JSON.stringify({ ...ctEvent(3), eventTime: undefined }), JSON.stringify(ctEvent(4)), ''].join('\n');

  it('refuses a file with a malformed record by default, naming file, record and line', async () => {
    const { engine, dir } = await newWorkspace();
    const file = join(tempDir(), 'mixed.ndjson');
    writeFileSync(file, mixed());
    const err = await rejection(engine.call('ingest', { paths: [file] }));
    expect(err).toMatchObject({ code: 'BAD_INPUT', file });
    expect(err.record).toMatch(/line 2/);
    expect(snapshotTree(dir)).toEqual({});
  });

  it('with skipBadRecords imports the rest and lists each skipped record with its place and reason', async () => {
    const { engine } = await newWorkspace();
    const file = join(tempDir(), 'mixed.ndjson');
    writeFileSync(file, mixed());
    const result = await engine.call('ingest', { paths: [file], skipBadRecords: true });
    const [only] = result.files;
    expect(only).toMatchObject({ format: 'aws.cloudtrail', signals: 3, rejected: 2 });
    expect(only!.skipped).toEqual([
      { record: 'record 2 (line 2)', reason: expect.stringMatching(/not valid JSON/) },
      { record: expect.stringMatching(/^record \d \(line 4\)$/), reason: expect.stringMatching(/eventTime/) },
    ]);
  });

  it('reads every file as the chosen format, and refuses an unknown format id listing the known ones', async () => {
    const { engine } = await newWorkspace();
    const file = join(tempDir(), 'padded.log');
    writeFileSync(file, undetectable(0, 2));
    await expect(engine.call('ingest', { paths: [file] })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/not in a format/) });
    const result = await engine.call('ingest', { paths: [file], format: 'aws.cloudtrail' });
    expect(result.files[0]).toMatchObject({ format: 'aws.cloudtrail', signals: 2 });
    const err = await rejection(engine.call('ingest', { paths: [file], format: 'syslog' }));
    expect(err.code).toBe('USAGE');
    expect(err.message).toMatch(/Unknown format "syslog"\. Known formats: .*aws\.cloudtrail/);
  });
});

describe('streaming and progress', () => {
  it('counts rejects in the progress: skipped bad records and skipped files, ending at what the result lists', async () => {
    const { inProcessEngine } = await import('../../../../src/main/engine/engine-client');
    const engine = inProcessEngine({ user: 'tester@test' });
    const rejected: number[] = [];
    engine.onEvent((event, payload) => {
      if (event === 'ingestProgress') rejected.push((payload as { rejected: number }).rejected);
    });
    await engine.call('open', { path: join(tempDir(), 'ws'), create: true });
    const bad = `${ctNdjson(0, 3)}this is not json\n${ctNdjson(3, 6)}{"half":\n`;
    const folder = writeFolder('mixed', { 'good.ndjson': ctNdjson(10, 20), 'bad.ndjson': bad, 'notes.txt': 'meeting notes, not evidence\n' });
    const result = await engine.call('ingest', { paths: [folder], skipBadRecords: true });
    const listed = result.files.reduce((n, f) => n + f.rejected, 0);
    expect(listed).toBe(3); // two bad lines, one file of no known format
    expect(rejected.at(-1)).toBe(listed);
    expect(rejected).toEqual([...rejected].sort((a, b) => a - b)); // only grows
  });

  it('reports progress at most every ~100 ms, with bytes that only grow and end at the total', async () => {
    const events: { at: number; phase: string; bytesDone: number; bytesTotal: number; records: number }[] = [];
    const { inProcessEngine } = await import('../../../../src/main/engine/engine-client');
    const engine = inProcessEngine({ user: 'tester@test' });
    engine.onEvent((event, payload) => {
      if (event === 'ingestProgress') events.push({ at: performance.now(), ...(payload as Omit<(typeof events)[number], 'at'>) });
    });
    await engine.call('open', { path: join(tempDir(), 'ws'), create: true });
    const folder = writeFolder('many', Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${String(i).padStart(2, '0')}.ndjson`, ctNdjson(i * 500, i * 500 + 500)])));
    const result = await engine.call('ingest', { paths: [folder] });
    expect(result.signals).toBe(20_000);

    const last = events.at(-1)!;
    expect(last).toMatchObject({ phase: 'done', records: 20_000 });
    expect(last.bytesDone).toBe(last.bytesTotal);
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.bytesDone).toBeGreaterThanOrEqual(events[i - 1]!.bytesDone);
      // Only a phase of the whole import (resolving, storing, done) may come sooner than 100 ms after the last event.
      if (events[i]!.phase === 'reading' || events[i]!.phase === 'parsing') expect(events[i]!.at - events[i - 1]!.at).toBeGreaterThanOrEqual(99);
    }
  });

  it('imports into a workspace made before bundles were recorded (no bundle column), adding the column', async () => {
    const dir = await oldWorkspace(1);
    const { inProcessEngine } = await import('../../../../src/main/engine/engine-client');
    const reopened = inProcessEngine();
    await reopened.call('open', { path: dir, create: false });
    // Event ids the old workspace's trail does not have (its own are ...0001 and up).
    const result = await reopened.call('ingest', { paths: [writeZip(join(tempDir(), 'two.zip'), { 'b.ndjson': ctNdjson(900, 901) })] });
    expect(result.files[0]).toMatchObject({ signals: 1, bundle: 'two.zip' });
    await reopened.dispose();
    const rows = (await custody(dir)).map((r) => [r['name'], r['bundle']]);
    expect(rows).toHaveLength(5);
    expect(rows.filter(([, bundle]) => bundle === null)).toHaveLength(4);
    expect(rows).toContainEqual(['b.ndjson', 'two.zip']);
  });
});
