// Reads the members of a case file (a zip or a folder) into memory for verification, treating the file as hostile:
// entry names are only ever map keys, sizes and counts are capped, and every oddity becomes a problem, not a throw.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'fflate';
import type { VerifyProblem } from '../../../shared/schemas';

/** Caps that keep a hostile case file from exhausting memory; real case files are far below them. */
export const READ_LIMITS = {
  maxArchiveBytes: 1024 * 1024 * 1024,
  maxEntries: 10_000,
  maxMemberBytes: 256 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxDepth: 8,
};

/** The members that could be read, and what was wrong with the container. */
export interface ReadMembers {
  members: Map<string, Uint8Array>;
  problems: VerifyProblem[];
}

/** Makes a hostile name safe to show in a terminal or a log: control characters escaped, length capped. */
export function printable(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean;
}

/** Reads every file entry of a zip held in memory; `archive` names the zip in container-level problems. */
export function readZipMembers(zip: Uint8Array, archive: string): ReadMembers {
  const out: ReadMembers = { members: new Map(), problems: [] };
  const problem = (member: string, message: string): void => {
    out.problems.push({ member: printable(member), check: 'zip', message });
  };
  try {
    readEntries(zip, archive, out, problem);
  } catch (err) {
    problem(archive, `unreadable zip: ${err instanceof Error ? err.message : String(err)}`);
  }
  return out;
}

function readEntries(zip: Uint8Array, archive: string, out: ReadMembers, problem: (member: string, message: string) => void): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) return problem(archive, 'not a zip archive (no end of central directory)');
  const entries = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0 || view.getUint16(eocd + 8, true) !== entries) {
    return problem(archive, 'multi-part zip archives are not supported');
  }
  if (entries === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) return problem(archive, 'ZIP64 archives are not supported');
  if (entries > READ_LIMITS.maxEntries) return problem(archive, `too many entries (${entries})`);
  if (cdOffset + cdSize > eocd) return problem(archive, 'central directory lies outside the archive');
  let p = cdOffset;
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== 0x02014b50) return problem(archive, `central directory entry ${i} is damaged`);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    const csize = view.getUint32(p + 20, true);
    const usize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const next = p + 46 + nameLen + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    if (next > eocd) return problem(archive, `central directory entry ${i} is damaged`);
    const rawName = zip.subarray(p + 46, p + 46 + nameLen);
    const name = decodeName(rawName, (flags & 0x800) !== 0);
    p = next;
    if (name.endsWith('/') && usize === 0) continue; // a folder entry, as `zip -r` adds; it holds nothing to check
    if (out.members.has(name)) {
      problem(name, 'appears more than once in the zip; different tools would unpack different contents');
      continue;
    }
    if (flags & 0x1) {
      problem(name, 'is encrypted');
      continue;
    }
    if (method !== 0 && method !== 8) {
      problem(name, `uses unsupported compression method ${method}`);
      continue;
    }
    total += usize;
    if (usize > READ_LIMITS.maxMemberBytes || total > READ_LIMITS.maxTotalBytes) return problem(name, `is too large to verify (${usize} bytes)`);
    const data = entryData(zip, view, localOffset, rawName, csize, cdOffset);
    if (typeof data === 'string') {
      problem(name, data);
      continue;
    }
    const content = inflate(data, method, usize);
    if (content === null) problem(name, 'cannot be decompressed (damaged)');
    else if (content.length !== usize) problem(name, `does not decompress to the ${usize} bytes the zip declares (damaged)`);
    else if (crc32(content) !== crc) problem(name, 'fails its zip CRC check (damaged)');
    else out.members.set(name, content);
  }
}

// One byte of headroom tells "exactly as declared" apart from "declared size, but more data follows".
function inflate(data: Uint8Array, method: number, usize: number): Uint8Array | null {
  if (method === 0) return data.slice();
  try {
    return inflateSync(data, { out: new Uint8Array(usize + 1) });
  } catch {
    return null;
  }
}

// The end record sits in the last 64 KiB + 22 bytes; its comment must run exactly to the end of the file.
/** Offset of the zip end-of-central-directory record, or -1; exported so a review can be appended to a verified zip. */
export function findEndOfCentralDirectory(view: DataView): number {
  const stop = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let i = view.byteLength - 22; i >= stop; i--) {
    if (view.getUint32(i, true) === 0x06054b50 && i + 22 + view.getUint16(i + 20, true) === view.byteLength) return i;
  }
  return -1;
}

function entryData(zip: Uint8Array, view: DataView, offset: number, rawName: Uint8Array, csize: number, limit: number): Uint8Array | string {
  if (offset + 30 > limit || view.getUint32(offset, true) !== 0x04034b50) return 'has a damaged local header';
  const nameLen = view.getUint16(offset + 26, true);
  const start = offset + 30 + nameLen + view.getUint16(offset + 28, true);
  // A local name that differs from the central one is a known trick to show one file and unpack another.
  if (!Buffer.from(zip.subarray(offset + 30, offset + 30 + nameLen)).equals(rawName)) return 'has a local header name that differs from the central directory';
  if (start + csize > limit) return 'has data outside the archive';
  return zip.subarray(start, start + csize);
}

function decodeName(raw: Uint8Array, utf8: boolean): string {
  if (utf8) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      return Buffer.from(raw).toString('latin1');
    }
  }
  return Buffer.from(raw).toString('latin1');
}

let crcTable: Uint32Array | null = null;

/** CRC-32 as zip uses it. */
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Reads every regular file under a case file folder; links are reported, never followed. */
export function readFolderMembers(dir: string): ReadMembers {
  const out: ReadMembers = { members: new Map(), problems: [] };
  let total = 0;
  const walk = (abs: string, rel: string, depth: number): void => {
    for (const entry of readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      const path = join(abs, entry.name);
      if (out.members.size + out.problems.length >= READ_LIMITS.maxEntries) throw new Error(`more than ${READ_LIMITS.maxEntries} entries`);
      if (entry.isDirectory()) {
        if (depth >= READ_LIMITS.maxDepth) throw new Error(`${printable(name)} is nested too deeply`);
        walk(path, name, depth + 1);
      } else if (!entry.isFile()) out.problems.push({ member: printable(name), check: 'zip', message: 'is not a regular file (links are not followed)' });
      else {
        const size = lstatSync(path).size;
        total += size;
        if (size > READ_LIMITS.maxMemberBytes || total > READ_LIMITS.maxTotalBytes) throw new Error(`${printable(name)} is too large to verify`);
        out.members.set(name, readFileSync(path));
      }
    }
  };
  try {
    walk(dir, '', 0);
  } catch (err) {
    out.problems.push({ member: '.', check: 'zip', message: `folder could not be read completely: ${err instanceof Error ? err.message : String(err)}` });
  }
  return out;
}
