// Appends members to a zip without touching what is already in it: the bytes before the central directory (every
// original entry, compressed as it was) are copied verbatim, so a countersignature cannot change a signed member.
import { crc32, findEndOfCentralDirectory } from './case-file-read';

// 1980-01-01 00:00 in DOS date/time, the fixed timestamp every case file entry carries.
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const UTF8_NAMES = 0x0800;

/** A new zip: the original entries byte for byte, then `added` (stored, uncompressed), then one central directory. */
export function appendZipEntries(zip: Uint8Array, added: Map<string, Uint8Array>): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) throw new Error('not a zip archive');
  const entries = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (cdOffset + cdSize > eocd) throw new Error('central directory lies outside the archive');
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = cdOffset;
  for (const [name, data] of added) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeCommon(local, 4, nameBytes.length, crc, data.length);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: zip 2.0, MS-DOS attributes
    writeCommon(central, 6, nameBytes.length, crc, data.length);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const total = entries + added.size;
  const newCdSize = cdSize + centrals.reduce((n, b) => n + b.length, 0);
  if (total > 0xfffe || offset + newCdSize > 0xfffffffe) throw new Error('the zip would need ZIP64');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(total, 8);
  end.writeUInt16LE(total, 10);
  end.writeUInt32LE(newCdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([zip.subarray(0, cdOffset), ...locals, zip.subarray(cdOffset, cdOffset + cdSize), ...centrals, end]);
}

// The fields local and central headers share, from "version needed" on.
function writeCommon(buf: Buffer, at: number, nameLength: number, crc: number, size: number): void {
  buf.writeUInt16LE(20, at);
  buf.writeUInt16LE(UTF8_NAMES, at + 2);
  buf.writeUInt16LE(0, at + 4); // stored: review members are small JSON and signatures
  buf.writeUInt16LE(DOS_TIME, at + 6);
  buf.writeUInt16LE(DOS_DATE, at + 8);
  buf.writeUInt32LE(crc, at + 10);
  buf.writeUInt32LE(size, at + 14);
  buf.writeUInt32LE(size, at + 18);
  buf.writeUInt16LE(nameLength, at + 22);
}
