import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WorkbenchError } from '../../../../src/shared/errors';
import { streamSource } from '../../../../src/main/engine/ingest/evidence-source';
import { splitLines } from '../../../../src/main/engine/ingest/json-text';
import { fileReader, inflatingReader } from '../../../../src/main/engine/ingest/bundle/byte-reader';
import { EvidenceCopier } from '../../../../src/main/engine/ingest/bundle/copy-evidence';
import { MAX_TEXT_BYTES } from '../../../../src/main/engine/ingest/bundle/limits';
import { WorkspaceFiles } from '../../../../src/main/engine/workspace-files';
import { ctNdjson, newWorkspace, rejection, sha256 } from '../../../fixtures/bundles/bundles';
import { snapshotTree, tempDir } from '../../../helpers/workspace';

function sourceOver(bytes: Buffer, chunk: number, extra: { knownSize?: number } = {}) {
  const path = join(tempDir(), 'f.ndjson');
  writeFileSync(path, bytes);
  return streamSource({ name: 'f.ndjson', display: path, open: () => fileReader(path, 0, Number.POSITIVE_INFINITY, chunk), sample: '', ...extra });
}

function thrown(fn: () => unknown): WorkbenchError {
  try {
    fn();
  } catch (err) {
    if (err instanceof WorkbenchError) return err;
    throw err;
  }
  throw new Error('expected a WorkbenchError');
}

describe('the streaming evidence source', () => {
  it('gives the same lines as the in-memory reader, whatever the chunk size (CRLF, BOM, multi-byte characters across chunks)', () => {
    const text = '\uFEFF{"a":"é€𝄞"}\r\n\r\n{"b":2}\n{"c":"ünïcödé"}';
    for (const chunk of [1, 2, 3, 5, 64]) {
      const lines = [...sourceOver(Buffer.from(text, 'utf8'), chunk).lines()];
      const expected = [...splitLines(text.slice(1))].map((l) => ({ line: l.line, text: l.text.replace(/\r$/, '') }));
      expect(lines).toEqual(expected);
    }
  });

  it('can be read twice (some parsers do) and reads the whole text only on request', () => {
    const source = sourceOver(Buffer.from(ctNdjson(0, 3)), 100);
    expect([...source.lines()].length).toBe(4);
    expect([...source.lines()].length).toBe(4);
    expect(source.text()).toBe(ctNdjson(0, 3));
  });

  it('refuses invalid UTF-8 naming the line, in lines() and in text()', () => {
    const bytes = Buffer.concat([Buffer.from('{"a":1}\n{"b":2}\n{"c":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]);
    const source = sourceOver(bytes, 4);
    expect(thrown(() => [...source.lines()])).toMatchObject({ code: 'BAD_INPUT', record: 'line 3' });
    expect(thrown(() => source.text())).toMatchObject({ code: 'BAD_INPUT', record: 'line 3' });
  });

  it('refuses to read a document over the size limit whole, with a hint to convert it to NDJSON, before reading it', () => {
    const source = sourceOver(Buffer.from('{}'), 64, { knownSize: MAX_TEXT_BYTES + 1 });
    const err = thrown(() => source.text());
    expect(err.message).toMatch(/documents are read whole only up to 256\.0 MiB/);
    expect(err.hint).toMatch(/NDJSON/);
  });

  it('gunzips as a stream, and refuses a truncated .gz naming it', () => {
    const gz = gzipSync(ctNdjson(0, 200));
    const path = join(tempDir(), 'a.ndjson.gz');
    writeFileSync(path, gz);
    const limits = { display: path, maxBytes: 1 << 30, maxReason: 'test' };
    let out = '';
    const reader = inflatingReader(fileReader(path, 0, Number.POSITIVE_INFINITY, 512), 'gzip', limits);
    for (let c = reader.next(); c; c = reader.next()) out += Buffer.from(c).toString('utf8');
    expect(out).toBe(ctNdjson(0, 200));
    writeFileSync(path, gz.subarray(0, gz.length - 100));
    const cut = inflatingReader(fileReader(path), 'gzip', limits);
    expect(thrown(() => {
      while (cut.next());
    }).message).toMatch(/a\.ndjson\.gz is a damaged or truncated gzip file/);
  });

  it('refuses a truncated .gz through the engine and leaves the workspace as it was', async () => {
    const { engine, dir } = await newWorkspace();
    await engine.call('ingest', { paths: [writeGz('first.ndjson.gz', ctNdjson(0, 2))] });
    const before = snapshotTree(dir);
    const gz = gzipSync(ctNdjson(2, 400));
    const path = join(tempDir(), 'cut.ndjson.gz');
    writeFileSync(path, gz.subarray(0, gz.length - 50));
    const err = await rejection(engine.call('ingest', { paths: [path] }));
    expect(err).toMatchObject({ code: 'BAD_INPUT', file: path });
    expect(snapshotTree(dir)).toEqual(before);
  });
});

describe('copying evidence into the store', () => {
  it('streams blobs in under their hash, and takes every one of them (and new folders) back out on undo', () => {
    const ws = join(tempDir(), 'ws');
    const files = new WorkspaceFiles(ws);
    const copier = new EvidenceCopier(files);
    const a = writeGz('a.ndjson.gz', ctNdjson(0, 10));
    copier.copy(sha256(readFileSync(a)), () => fileReader(a, 0, Number.POSITIVE_INFINITY, 100), a);
    copier.finish();
    expect(readFileSync(files.evidencePath(sha256(readFileSync(a))))).toEqual(readFileSync(a));
    copier.undo();
    expect(existsSync(ws)).toBe(false);
  });

  it('refuses bytes that no longer hash to what was recorded, leaving no temp file behind', () => {
    const ws = join(tempDir(), 'ws');
    const files = new WorkspaceFiles(ws);
    const a = writeGz('a.ndjson.gz', ctNdjson(0, 10));
    const err = thrown(() => new EvidenceCopier(files).copy('0'.repeat(64), () => fileReader(a), a));
    expect(err.message).toMatch(/changed while it was being imported/);
    expect(readdirSync(join(ws, 'evidence'))).toEqual([]);
  });
});

function writeGz(name: string, text: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, gzipSync(text));
  return path;
}
