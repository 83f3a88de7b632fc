// Reading a zip's central directory (the authoritative list of entries) and refusing what is unsafe before a
// single entry is inflated. Entry names are only ever labels: nothing here or later turns them into paths.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { WorkbenchError } from '../../../../shared/errors';
import { checkEntryName } from './entry-name';
import { formatBytes, MAX_DIRECTORY_BYTES, MAX_ENTRIES, MAX_ENTRY_BYTES, MAX_RATIO, MAX_TOTAL_BYTES, RATIO_FLOOR_BYTES } from './limits';

/** One file entry of a zip, as its central directory declares it. */
export interface ZipEntry {
  /** The name inside the archive (forward slashes, no leading slash). */
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** Declared uncompressed size; inflating past it is refused. */
  size: number;
  crc32: number;
  /** Offset of the entry's local header in the zip. */
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const U32_MAX = 0xffffffff;
const UNIX = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;

/** Lists the file entries of a zip in name order; refuses damaged, encrypted, linked, oversized or hostile archives. */
export function readZipDirectory(zipPath: string, display: string): ZipEntry[] {
  const fd = openSync(zipPath, 'r');
  try {
    const size = fstatSync(fd).size;
    const { count, dirOffset, dirSize } = findDirectory(fd, size, display);
    if (count > MAX_ENTRIES) refuse(display, `has ${count} entries; the limit is ${MAX_ENTRIES}`, 'Split the evidence into several zips.');
    if (dirSize > MAX_DIRECTORY_BYTES || dirOffset + dirSize > size) refuse(display, 'has a damaged central directory', DAMAGED_HINT);
    const dir = readAt(fd, dirOffset, dirSize);
    const entries = parseEntries(dir, count, display);
    checkLayout(entries, display);
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } finally {
    closeSync(fd);
  }
}

/** The data offset of an entry: after its local header, whose name and extra lengths may differ from the directory's. */
export function entryDataOffset(zipPath: string, entry: ZipEntry, display: string): number {
  const fd = openSync(zipPath, 'r');
  try {
    const header = readAt(fd, entry.localOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) refuse(display, `has a damaged local header for entry ${entry.name}`, DAMAGED_HINT);
    return entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    closeSync(fd);
  }
}

const DAMAGED_HINT = 'Collect the archive again, or check it with `unzip -t`.';

function findDirectory(fd: number, size: number, display: string): { count: number; dirOffset: number; dirSize: number } {
  const tailSize = Math.min(size, 22 + 0xffff);
  const tail = readAt(fd, size - tailSize, tailSize);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at === -1) refuse(display, 'is not a complete zip archive (no end of central directory)', DAMAGED_HINT);
  if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0) {
    refuse(display, 'is a split (multi-part) zip archive', 'Join the parts into one zip (e.g. `zip -s 0`) and import that.');
  }
  let count = tail.readUInt16LE(at + 10);
  let dirSize = tail.readUInt32LE(at + 12);
  let dirOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || dirSize === U32_MAX || dirOffset === U32_MAX) {
    // ZIP64: the real values sit in a record the locator (just before the end record) points at.
    const locatorAt = size - tailSize + at - 20;
    const locator = locatorAt >= 0 ? readAt(fd, locatorAt, 20) : Buffer.alloc(0);
    if (locator.length < 20 || locator.readUInt32LE(0) !== ZIP64_LOCATOR) refuse(display, 'has a damaged ZIP64 end record', DAMAGED_HINT);
    const record = readAt(fd, Number(locator.readBigUInt64LE(8)), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD) refuse(display, 'has a damaged ZIP64 end record', DAMAGED_HINT);
    count = Number(record.readBigUInt64LE(32));
    dirSize = Number(record.readBigUInt64LE(40));
    dirOffset = Number(record.readBigUInt64LE(48));
  }
  return { count, dirOffset, dirSize };
}

function parseEntries(dir: Buffer, count: number, display: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== CENTRAL) refuse(display, 'has a damaged central directory', DAMAGED_HINT);
    const madeBy = dir.readUInt16LE(at + 4) >> 8;
    const flags = dir.readUInt16LE(at + 8);
    const method = dir.readUInt16LE(at + 10);
    const crc32 = dir.readUInt32LE(at + 16);
    const nameLength = dir.readUInt16LE(at + 28);
    const extraLength = dir.readUInt16LE(at + 30);
    const commentLength = dir.readUInt16LE(at + 32);
    const mode = dir.readUInt32LE(at + 38) >>> 16;
    const rawName = dir.subarray(at + 46, at + 46 + nameLength);
    // Bit 11 says UTF-8; otherwise the name is in the legacy code page, shown as Latin-1 (it is only a label).
    const name = (flags & 0x800) !== 0 ? new TextDecoder('utf-8').decode(rawName) : rawName.toString('latin1');
    const extra = dir.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    const sizes = zip64Sizes(dir.readUInt32LE(at + 24), dir.readUInt32LE(at + 20), dir.readUInt32LE(at + 42), extra);
    at += 46 + nameLength + extraLength + commentLength;

    checkEntryName(name, display);
    const type = madeBy === UNIX ? mode & S_IFMT : 0;
    if (type === S_IFLNK) refuse(display, `holds a symbolic link, entry ${name}; links are refused because they can point anywhere`, 'Zip the files themselves, not links to them (e.g. `zip -r` without `-y`).');
    if ((flags & 0x41) !== 0 || method === 99) refuse(display, `holds an encrypted entry, ${name}; encrypted entries cannot be read or verified`, 'Decrypt the archive and zip the evidence again without a password.');
    if (name.endsWith('/') || type === S_IFDIR) continue;
    if (type !== 0 && type !== S_IFREG) refuse(display, `holds ${name}, which is not a regular file (a device, pipe or socket)`, 'Zip only the evidence files.');
    if (method !== 0 && method !== 8) refuse(display, `holds ${name}, compressed with method ${method}, which this version does not read`, 'Zip the evidence again with standard (deflate) compression.');
    if (names.has(name)) refuse(display, `holds two entries named ${name}`, 'Which one is the evidence is ambiguous; build the archive again.');
    names.add(name);
    checkSizes(name, sizes.size, sizes.compressedSize, display);
    total += sizes.size;
    if (total > MAX_TOTAL_BYTES) refuse(display, `declares more than ${formatBytes(MAX_TOTAL_BYTES)} of uncompressed data`, 'Split the evidence into several zips.');
    entries.push({ name, method, compressedSize: sizes.compressedSize, size: sizes.size, crc32, localOffset: sizes.offset });
  }
  return entries;
}

/** Sizes and offset, taking the ZIP64 extra field (id 1) for those stored as 0xFFFFFFFF. */
function zip64Sizes(size: number, compressedSize: number, offset: number, extra: Buffer): { size: number; compressedSize: number; offset: number } {
  const out = { size, compressedSize, offset };
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 1) {
      let field = at + 4;
      const take = (): number => {
        const value = field + 8 <= at + 4 + length && field + 8 <= extra.length ? Number(extra.readBigUInt64LE(field)) : U32_MAX;
        field += 8;
        return value;
      };
      if (out.size === U32_MAX) out.size = take();
      if (out.compressedSize === U32_MAX) out.compressedSize = take();
      if (out.offset === U32_MAX) out.offset = take();
    }
    at += 4 + length;
  }
  return out;
}

function checkSizes(name: string, size: number, compressedSize: number, display: string): void {
  if (size > MAX_ENTRY_BYTES) refuse(display, `holds ${name} of ${formatBytes(size)}; the limit is ${formatBytes(MAX_ENTRY_BYTES)} per file`, 'Split the file (for example by day) and import the parts.');
  if (size > RATIO_FLOOR_BYTES && size > MAX_RATIO * compressedSize) {
    refuse(display, `holds ${name}, declared to expand more than ${MAX_RATIO}:1 (${formatBytes(size)} from ${formatBytes(compressedSize)}), which is how a zip bomb looks`, 'Real logs compress far less than this. If the file is genuine, unzip it yourself and import the folder.');
  }
}

// Entries whose data overlap are how "overlapping" zip bombs reuse one compressed block many times.
function checkLayout(entries: ZipEntry[], display: string): void {
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1]!;
    const cur = byOffset[i]!;
    if (prev.localOffset + 30 + prev.compressedSize > cur.localOffset) {
      refuse(display, `has entries whose data overlap (${prev.name} and ${cur.name}), which is how a zip bomb is built`, DAMAGED_HINT);
    }
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, done, length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return buffer.subarray(0, done);
}

function refuse(display: string, what: string, hint: string): never {
  throw new WorkbenchError('BAD_INPUT', `${display} ${what}; nothing was imported.`, { file: display, hint });
}
