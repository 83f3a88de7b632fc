import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../../src/main/cli/index';
import { centralRecords, ctEvent, ctNdjson, localHeaders, newWorkspace, rejection, sha256, writeFolder, writeZip } from '../../../fixtures/bundles/bundles';
import { snapshotTree, tempDir } from '../../../helpers/workspace';

/** A workspace with one import in it, so "unchanged" compares against something real. */
async function seeded() {
  const ws = await newWorkspace();
  await ws.engine.call('ingest', { paths: [writeZip(join(tempDir(), 'seed.zip'), { 'seed.ndjson': ctNdjson(900, 903) })] });
  return { ...ws, before: snapshotTree(ws.dir) };
}

/** Imports `path`, expects a BAD_INPUT refusal, and checks that the workspace on disk and in memory did not move. */
async function expectRefused(path: string, message: RegExp, options: { format?: string } = {}) {
  const { engine, dir, before } = await seeded();
  const err = await rejection(engine.call('ingest', { paths: [path], ...options }));
  expect(err.code).toBe('BAD_INPUT');
  expect(err.message).toMatch(message);
  expect(err.hint).toBeTruthy();
  expect(snapshotTree(dir)).toEqual(before);
  expect(await engine.call('info', {})).toMatchObject({ files: 1, signals: 3 });
  await engine.dispose();
  return err;
}

describe('hostile zips are refused by name, before anything is written', () => {
  it('a zip bomb with honest headers (5 MiB of zeros in a few KiB) is refused from its directory alone', async () => {
    const zip = writeZip(join(tempDir(), 'bomb.zip'), { 'logs/zeros.json': new Uint8Array(5 * 1024 * 1024) });
    const err = await expectRefused(zip, /bomb\.zip holds logs\/zeros\.json, declared to expand more than 100:1 .* zip bomb/);
    expect(err.file).toBe(zip);
  });

  it('a zip bomb that lies about its size is refused as it inflates', async () => {
    const path = writeZip(join(tempDir(), 'liar.zip'), { 'zeros.json': new Uint8Array(5 * 1024 * 1024) });
    const zip = readFileSync(path);
    // Declare 512 KiB (below the ratio floor) in the central directory, which is what the reader trusts for limits.
    for (const at of centralRecords(zip)) zip.writeUInt32LE(512 * 1024, at + 24);
    writeFileSync(path, zip);
    await expectRefused(path, /liar\.zip!\/zeros\.json inflates to more than 512\.0 KiB \(the size its zip entry declares\)/);
  });

  for (const name of ['../../etc/passwd', '/etc/passwd', 'logs\\..\\..\\evil.json', 'C:/Windows/evil.json', 'a/./b.json']) {
    it(`an entry named ${JSON.stringify(name)} refuses the zip, naming the entry, and writes nothing anywhere`, async () => {
      const root = tempDir();
      const zip = writeZip(join(root, 'slip', 'slip.zip'), { 'ok.ndjson': ctNdjson(0, 1), [name]: ctNdjson(1, 2) });
      const err = await expectRefused(zip, new RegExp(`slip\\.zip holds an entry named ${escape(JSON.stringify(name))}`));
      expect(err.record).toBe(`entry ${JSON.stringify(name)}`);
      expect(readdirSync(root)).toEqual(['slip']);
      expect(readdirSync(join(root, 'slip'))).toEqual(['slip.zip']);
    });
  }

  it('a symbolic link entry is refused, naming the zip and the entry', async () => {
    const link: [Uint8Array, { os: number; attrs: number }] = [new TextEncoder().encode('/etc/shadow'), { os: 3, attrs: (0o120777 << 16) >>> 0 }];
    const zip = writeZip(join(tempDir(), 'links.zip'), { 'a.ndjson': ctNdjson(0, 1), 'evidence/shadow.json': link });
    await expectRefused(zip, /links\.zip holds a symbolic link, entry evidence\/shadow\.json/);
  });

  it('an encrypted entry is refused, naming the zip and the entry', async () => {
    const path = writeZip(join(tempDir(), 'locked.zip'), { 'secret/a.ndjson': ctNdjson(0, 1) });
    const zip = readFileSync(path);
    for (const at of localHeaders(zip)) zip.writeUInt16LE(zip.readUInt16LE(at + 6) | 1, at + 6);
    for (const at of centralRecords(zip)) zip.writeUInt16LE(zip.readUInt16LE(at + 8) | 1, at + 8);
    writeFileSync(path, zip);
    await expectRefused(path, /locked\.zip holds an encrypted entry, secret\/a\.ndjson/);
  });

  it('a truncated zip is refused as not a complete archive', async () => {
    const path = writeZip(join(tempDir(), 'cut.zip'), { 'a.ndjson': ctNdjson(0, 50) });
    writeFileSync(path, readFileSync(path).subarray(0, 200));
    await expectRefused(path, /cut\.zip is not a complete zip archive/);
  });

  it('a file of unknown format inside a zip is skipped and listed, as in folders', async () => {
    const { engine } = await newWorkspace();
    const zip = writeZip(join(tempDir(), 'mixed.zip'), { 'notes.txt': 'not evidence', 'a.ndjson': ctNdjson(0, 2) });
    const result = await engine.call('ingest', { paths: [zip] });
    expect(result.files.map((f) => [f.path.split('!/')[1], f.format, f.rejected, f.signals])).toEqual([
      ['a.ndjson', 'aws.cloudtrail', 0, 2],
      ['notes.txt', 'unknown', 1, 0],
    ]);
    expect(result.files[1]!.error).toMatch(/notes\.txt is not in a format this version reads; skipped/);
  });
});

describe('hostile evidence files', () => {
  it('a record nested 100,000 deep is refused as bad input naming the file and record, not a crash', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const file = join(tempDir(), 'deep.ndjson');
    writeFileSync(file, `${JSON.stringify(ctEvent(1))}\n${JSON.stringify(ctEvent(2)).replace('"requestParameters":', `"requestParameters":${deep},"x":`)}\n`);
    const err = await expectRefused(file, /deep\.ndjson: record 2 \(line 2\) is nested more than 256 levels deep/);
    expect(err).toMatchObject({ file, record: 'record 2 (line 2)' });
  });

  it('a whole file of [[[[…]]]] 100,000 deep read as CloudTrail is bad input naming the file', async () => {
    const file = join(tempDir(), 'brackets.json');
    writeFileSync(file, '['.repeat(100_000) + ']'.repeat(100_000));
    const err = await expectRefused(file, /brackets\.json/, { format: 'aws.cloudtrail' });
    expect(err.file).toBe(file);
  });

  it('invalid UTF-8 is refused naming the file and the line, in a plain file and in a zip', async () => {
    const bytes = Buffer.concat([Buffer.from(ctNdjson(0, 2)), Buffer.from('{"eventName":"\xff\xfe"}\n', 'latin1'), Buffer.from(ctNdjson(2, 3))]);
    const file = join(tempDir(), 'latin1.ndjson');
    writeFileSync(file, bytes);
    const err = await expectRefused(file, /latin1\.ndjson is not UTF-8 text: line 3 holds bytes that are not valid UTF-8/);
    expect(err).toMatchObject({ file, record: 'line 3' });
    const zip = writeZip(join(tempDir(), 'enc.zip'), { 'in/latin1.ndjson': bytes });
    const inZip = await expectRefused(zip, /enc\.zip!\/in\/latin1\.ndjson is not UTF-8 text: line 3/);
    expect(inZip.file).toBe(`${zip}!/in/latin1.ndjson`);
  });

  it('a __proto__ key in a record is kept as data and pollutes no prototype', async () => {
    const { engine } = await newWorkspace();
    const file = join(tempDir(), 'proto.ndjson');
    const line = JSON.stringify(ctEvent(1)).replace('{', '{"__proto__":{"polluted":"yes","eventName":"Hijacked"},"constructor":{"prototype":{"polluted":"yes"}},');
    writeFileSync(file, `${line}\n${ctNdjson(2, 3)}`);
    const result = await engine.call('ingest', { paths: [file] });
    expect(result.files[0]).toMatchObject({ format: 'aws.cloudtrail', signals: 2 });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const cases = await engine.call('listCases', { offset: 0, limit: 10 });
    const signals = await engine.call('caseSignals', { id: cases.items[0]!.id, offset: 0, limit: 10 });
    expect(signals.items.map((s) => s.action).sort()).toEqual(['s3:GetObject', 's3:GetObject']);
  });

  it('an empty file is refused when named, and listed as skipped inside a folder', async () => {
    const file = join(tempDir(), 'empty.json');
    writeFileSync(file, '');
    await expectRefused(file, /empty\.json is empty: it holds no records/);
    const { engine } = await newWorkspace();
    const folder = writeFolder('with-empty', { 'a.ndjson': ctNdjson(0, 1), 'b.json': '' });
    const result = await engine.call('ingest', { paths: [folder] });
    expect(result.files.map((f) => [f.path.slice(folder.length + 1), f.format, f.rejected])).toEqual([
      ['a.ndjson', 'aws.cloudtrail', 0],
      ['b.json', 'empty', 1],
    ]);
  });

  it('a 200 MB single-line document is handled within bounded memory', async () => {
    const file = join(tempDir(), 'one-line.json');
    writeHugeLine(file, 200 * 1024 * 1024);
    const { engine, dir } = await seeded();
    const rss = process.memoryUsage().rss;
    const result = await engine.call('ingest', { paths: [file] });
    const growth = process.memoryUsage().rss - rss;
    expect(result.files[0]).toMatchObject({ format: 'aws.cloudtrail', signals: 1 });
    expect(growth).toBeLessThan(1.5 * 1024 ** 3); // a sanity bound, not a benchmark
    await engine.dispose();
    // Stored as collected, by streaming copy, and the database holds no copy of the blob.
    expect(readdirSync(join(dir, 'evidence'))).toContain(result.files[0]!.sha256);
    expect(readFileSync(join(dir, 'workspace.sqlite')).length).toBeLessThan(1024 * 1024);
  }, 120_000);

  it('a 100 MB line inside NDJSON is refused without buffering it whole', async () => {
    const file = join(tempDir(), 'long-line.ndjson');
    writeFileSync(file, ctNdjson(0, 3));
    writeHugeLine(file, 100 * 1024 * 1024, 'a');
    await expectRefused(file, /long-line\.ndjson: line 4 is longer than 64\.0 MiB/);
  }, 120_000);
});

describe('the CLI on a zip', () => {
  it('prints, per file, the path inside the zip, SHA-256, format, signals and rejected', async () => {
    const ws = join(tempDir(), 'ws');
    const a = ctNdjson(0, 4);
    const zip = writeZip(join(tempDir(), 'evidence.zip'), { 'dir/a.ndjson': a, 'dir/readme.md': '# notes' });
    let stdout = '';
    const code = await runCli(['ingest', zip, '--workspace', ws, '--json'], { out: (t) => (stdout += t), err: () => {} });
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { files: Record<string, unknown>[] };
    expect(printed.files).toEqual([
      expect.objectContaining({ path: `${zip}!/dir/a.ndjson`, sha256: sha256(a), format: 'aws.cloudtrail', signals: 4, rejected: 0, bundle: 'evidence.zip' }),
      expect.objectContaining({ path: `${zip}!/dir/readme.md`, format: 'unknown', signals: 0, rejected: 1 }),
    ]);
    let human = '';
    await runCli(['ingest', zip, '--workspace', ws], { out: (t) => (human += t), err: () => {} });
    expect(human).toContain(`${zip}!/dir/a.ndjson`);
    expect(existsSync(join(ws, 'evidence', sha256(a)))).toBe(true);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Written in pieces so the test itself never holds the line in memory. `append` adds a raw line of that character;
// otherwise the file is one CloudTrail {"Records":[…]} document whose one event carries the huge value.
function writeHugeLine(path: string, bytes: number, append?: string): void {
  const fd = openSync(path, append ? 'a' : 'w');
  try {
    const [head, tail] = append ? ['{"eventName":"', '"}'] : [`{"Records":[${JSON.stringify(ctEvent(1)).slice(0, -1)},"blob":"`, '"}]}'];
    writeSync(fd, head);
    const piece = Buffer.alloc(1024 * 1024, append ?? 'x');
    for (let done = 0; done < bytes; done += piece.length) writeSync(fd, piece);
    writeSync(fd, `${tail}\n`);
  } finally {
    closeSync(fd);
  }
}
