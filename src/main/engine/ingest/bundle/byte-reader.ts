// Pull-based byte streams over evidence as stored: a file on disk (or a slice of it, for a stored zip entry) and
// decompression on top. Parsers pull synchronously, so these are synchronous too; nothing holds a whole file.
import { closeSync, openSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Gunzip, Inflate } from 'fflate';
import { WorkbenchError } from '../../../../shared/errors';
import { formatBytes, INFLATE_SLICE_BYTES, MAX_RATIO, RATIO_FLOOR_BYTES, READ_CHUNK_BYTES } from './limits';

/** A stream of byte chunks, pulled one at a time; `close` may be called at any point, and more than once. */
export interface ByteReader {
  /** The next chunk (never empty), or null at the end. */
  next(): Uint8Array | null;
  close(): void;
}

/** Reads `length` bytes of a file from `start` in chunks, with positioned reads so a slice of a zip works too. */
export function fileReader(path: string, start = 0, length = Number.POSITIVE_INFINITY, chunkBytes = READ_CHUNK_BYTES): ByteReader {
  let fd: number | null = openSync(path, 'r');
  let position = start;
  let left = length;
  const close = (): void => {
    if (fd !== null) closeSync(fd);
    fd = null;
  };
  return {
    next() {
      if (fd === null || left <= 0) return null;
      // A fresh buffer per chunk: callers keep slices of earlier chunks (a line spanning two reads).
      const buffer = Buffer.allocUnsafe(Math.min(chunkBytes, left));
      const read = readSync(fd, buffer, 0, buffer.length, position);
      if (read === 0) return null;
      position += read;
      left -= read;
      return buffer.subarray(0, read);
    },
    close,
  };
}

/** Counts the bytes pulled through a reader (for progress). */
export function countingReader(inner: ByteReader, onBytes: (bytes: number) => void): ByteReader {
  return {
    next() {
      const chunk = inner.next();
      if (chunk) onBytes(chunk.length);
      return chunk;
    },
    close: () => inner.close(),
  };
}

/** What a decompressing reader enforces, and how it names the evidence in messages. */
export interface InflateLimits {
  /** The evidence as the user sees it, e.g. `evidence.zip!/logs/a.json.gz`. */
  display: string;
  /** Uncompressed bytes allowed (the declared size of a zip entry, or the per-file limit). */
  maxBytes: number;
  /** Why maxBytes is what it is, for the message. */
  maxReason: string;
}

/** Decompresses a raw DEFLATE (zip entry) or gzip (.gz, multi-member too) stream, refusing bombs as they inflate. */
export function inflatingReader(compressed: ByteReader, kind: 'deflate' | 'gzip', limits: InflateLimits): ByteReader {
  const queue: Uint8Array[] = [];
  let inBytes = 0;
  let outBytes = 0;
  let inputDone = false;
  const stream = kind === 'gzip' ? new Gunzip() : new Inflate();
  stream.ondata = (data) => {
    outBytes += data.length;
    if (data.length > 0) queue.push(data);
  };
  const push = (slice: Uint8Array, final: boolean): void => {
    try {
      stream.push(slice, final);
    } catch (err) {
      throw damaged(limits.display, kind, (err as Error).message);
    }
    // Checked after every small slice, so a bomb is caught within ~16 MiB of output, whatever its headers claim.
    if (outBytes > limits.maxBytes) {
      throw new WorkbenchError('BAD_INPUT', `${limits.display} inflates to more than ${formatBytes(limits.maxBytes)} (${limits.maxReason}); refused.`, {
        file: limits.display,
        hint: 'The archive is damaged or built to exhaust memory (a zip bomb). Collect the evidence again.',
      });
    }
    if (outBytes > RATIO_FLOOR_BYTES && outBytes > MAX_RATIO * inBytes) throw bomb(limits.display, outBytes, inBytes);
  };
  return {
    next() {
      while (queue.length === 0) {
        if (inputDone) return null;
        const chunk = compressed.next();
        if (chunk === null) {
          inputDone = true;
          push(new Uint8Array(0), true);
          continue;
        }
        for (let at = 0; at < chunk.length; at += INFLATE_SLICE_BYTES) {
          const slice = chunk.subarray(at, at + INFLATE_SLICE_BYTES);
          inBytes += slice.length;
          push(slice, false);
        }
      }
      return queue.shift() ?? null;
    },
    close: () => compressed.close(),
  };
}

/** SHA-256 and size of everything a reader yields; the reader is closed. */
export function hashReader(reader: ByteReader, onBytes?: (bytes: number) => void): { sha256: string; size: number } {
  const hash = createHash('sha256');
  let size = 0;
  try {
    for (let chunk = reader.next(); chunk; chunk = reader.next()) {
      hash.update(chunk);
      size += chunk.length;
      onBytes?.(chunk.length);
    }
  } finally {
    reader.close();
  }
  return { sha256: hash.digest('hex'), size };
}

/** Up to `max` bytes from the start of a reader (the reader is closed); `complete` says whether that was all. */
export function readHead(reader: ByteReader, max: number): { bytes: Buffer; complete: boolean } {
  const parts: Uint8Array[] = [];
  let size = 0;
  let complete = true;
  try {
    for (let chunk = reader.next(); chunk; chunk = reader.next()) {
      parts.push(chunk);
      size += chunk.length;
      if (size > max) {
        complete = false;
        break;
      }
    }
  } finally {
    reader.close();
  }
  const bytes = Buffer.concat(parts);
  return { bytes: complete ? bytes : bytes.subarray(0, max), complete };
}

function damaged(display: string, kind: 'deflate' | 'gzip', reason: string): WorkbenchError {
  const what = kind === 'gzip' ? 'gzip file' : 'compressed zip entry';
  return new WorkbenchError('BAD_INPUT', `${display} is a damaged or truncated ${what}: ${reason}.`, {
    file: display,
    hint: kind === 'gzip' ? 'Collect the file again, or check it with `gzip -t`.' : 'Collect the archive again, or check it with `unzip -t`.',
  });
}

function bomb(display: string, out: number, inBytes: number): WorkbenchError {
  return new WorkbenchError(
    'BAD_INPUT',
    `${display} expands more than ${MAX_RATIO}:1 (${formatBytes(out)} from ${formatBytes(inBytes)} so far), which is how a decompression bomb looks; refused.`,
    { file: display, hint: 'Real logs compress far less than this. If the file is genuine, decompress it yourself and import the plain file.' },
  );
}
