// Reading evidence from disk: expanding folders, hashing the bytes as collected, decompressing, decoding.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { WorkbenchError } from '../../../shared/errors';

/** Files larger than this are refused before reading (the database lives in a 2 GiB WebAssembly heap). */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** One file to import, and whether the user named it (named files must be readable evidence). */
export interface EvidenceCandidate {
  path: string;
  named: boolean;
}

/** One evidence file read from disk. */
export interface EvidenceBytes {
  path: string;
  name: string;
  /** SHA-256 of the bytes as collected (before decompression): the chain-of-custody hash. */
  sha256: string;
  bytes: Buffer;
  /** The decoded text of the (decompressed) content. */
  text: string;
}

/** Expands the paths a user gave into files, folders walked recursively in name order, hidden files skipped. */
export function listEvidenceFiles(paths: string[]): EvidenceCandidate[] {
  const out: EvidenceCandidate[] = [];
  for (const given of paths) {
    const path = resolve(given);
    if (!existsSync(path)) {
      throw new WorkbenchError('BAD_INPUT', `No such file or folder: ${given}`, { file: given, hint: 'Check the path and try again.' });
    }
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push({ path, named: true });
  }
  return out;
}

function walk(dir: string, out: EvidenceCandidate[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile()) out.push({ path, named: false });
  }
}

/** Reads, hashes, decompresses and decodes one file; refuses what cannot be evidence text, naming the file. */
export function readEvidenceFile(path: string): EvidenceBytes {
  const size = statSync(path).size;
  if (size > MAX_FILE_BYTES) {
    throw new WorkbenchError('BAD_INPUT', `${basename(path)} is ${Math.round(size / 1048576)} MiB; the limit is ${MAX_FILE_BYTES / 1048576} MiB per file.`, {
      file: path,
      hint: 'Split the file (for example by day) and import the parts.',
    });
  }
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    throw new WorkbenchError('BAD_INPUT', `${basename(path)} is a zip archive; this version reads folders and single files.`, {
      file: path,
      hint: 'Extract the archive and import the folder.',
    });
  }
  const content = isGzip(bytes) ? gunzip(bytes, path) : bytes;
  return { path, name: basename(path), sha256, bytes, text: decodeUtf8(content, path) };
}

function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function gunzip(bytes: Buffer, path: string): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_FILE_BYTES });
  } catch (err) {
    throw new WorkbenchError('BAD_INPUT', `${basename(path)} is a damaged or truncated gzip file: ${(err as Error).message}`, {
      file: path,
      hint: 'Collect the file again, or check it with `gzip -t`.',
    });
  }
}

function decodeUtf8(bytes: Buffer, path: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new WorkbenchError('BAD_INPUT', `${basename(path)} is not UTF-8 text.`, {
      file: path,
      hint: 'Evidence files are JSON, NDJSON or CSV text; convert the file to UTF-8 first.',
    });
  }
}
