// Streaming one zip entry's bytes out of the archive on disk: positioned reads of its compressed data, inflated in
// small slices, checked against the size and CRC-32 its directory entry declares.
import { crc32 } from 'node:zlib';
import { WorkbenchError } from '../../../../shared/errors';
import { fileReader, inflatingReader, type ByteReader } from './byte-reader';
import { entryDataOffset, type ZipEntry } from './zip-directory';

const COMPRESSED_CHUNK_BYTES = 64 * 1024;

/** The uncompressed bytes of one entry, as a reader; damaged data and lying headers are refused naming the entry. */
export function zipMemberReader(zipPath: string, entry: ZipEntry, display: string): ByteReader {
  const start = entryDataOffset(zipPath, entry, display);
  const raw = fileReader(zipPath, start, entry.compressedSize, COMPRESSED_CHUNK_BYTES);
  const body = entry.method === 0 ? raw : inflatingReader(raw, 'deflate', { display, maxBytes: entry.size, maxReason: 'the size its zip entry declares' });
  let size = 0;
  let crc = 0;
  return {
    next() {
      const chunk = body.next();
      if (chunk) {
        size += chunk.length;
        if (size > entry.size) throw mismatch(display, `holds more than the ${entry.size} bytes its entry declares`);
        crc = crc32(chunk, crc);
        return chunk;
      }
      if (size !== entry.size) throw mismatch(display, `ends after ${size} of the ${entry.size} bytes its entry declares`);
      if (crc >>> 0 !== entry.crc32 >>> 0) throw mismatch(display, 'does not match the CRC-32 its entry declares');
      return null;
    },
    close: () => body.close(),
  };
}

function mismatch(display: string, what: string): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${display} ${what}: the archive is damaged or was altered.`, {
    file: display,
    hint: 'Collect the archive again, or check it with `unzip -t`.',
  });
}
