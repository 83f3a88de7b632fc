// Evidence sources: what a parser reads a file through. The in-memory source serves tests and re-reads; the
// streaming source reads from disk (or a zip entry, or through gunzip) in chunks and never holds the whole file.
import { isUtf8 } from 'node:buffer';
import { WorkbenchError } from '../../../shared/errors';
import { jsonSyntaxError, splitLines } from './json-text';
import { DETECT_SAMPLE_CHARS } from './detect-sample';
import type { EvidenceSource, TextLine } from './types';
import type { ByteReader } from './bundle/byte-reader';
import { formatBytes, MAX_LINE_BYTES, MAX_TEXT_BYTES } from './bundle/limits';

/** A source over text already in memory (a decoded file, or a test's string). */
export function textSource(name: string, text: string): EvidenceSource {
  return {
    name,
    sample: text.slice(0, DETECT_SAMPLE_CHARS),
    text: () => text,
    lines: () => splitLines(text),
  };
}

/** A source that can release what it has open (readers a parser left unfinished). */
export interface ClosableSource extends EvidenceSource {
  close(): void;
}

/** How a streaming source reads one file. */
export interface StreamSourceOptions {
  /** The file's name, for parsers' messages. */
  name: string;
  /** The file as the user sees it (path, or zip entry), for this source's own messages. */
  display: string;
  /** The decoded-content bytes (after gunzip), from the start, each time it is called. */
  open: () => ByteReader;
  /** The first characters of the content, already read for detection. */
  sample: string;
  /** The content's size when known without reading it (an uncompressed file). */
  knownSize?: number;
  /**
   * With "skip bad records": lines that are not JSON are reported here and not given to the parser, which would
   * otherwise have to stop at the first one (its reader cannot resume after a throw). `record` counts non-blank lines.
   */
  onBadLine?: (record: number, line: number, reason: string) => void;
}

const BOM = [0xef, 0xbb, 0xbf];

/** A source over a file's bytes that reads lines in chunks and reads whole only below MAX_TEXT_BYTES. */
export function streamSource(options: StreamSourceOptions): ClosableSource {
  const open = new Set<ByteReader>();
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const decodeLine = (bytes: Uint8Array, line: number): string => {
    let view = bytes;
    if (line === 1 && BOM.every((b, i) => view[i] === b)) view = view.subarray(3);
    if (view.length > 0 && view[view.length - 1] === 0x0d) view = view.subarray(0, -1);
    try {
      return decoder.decode(view);
    } catch {
      throw notUtf8(options.display, line);
    }
  };

  function* rawLines(): Generator<TextLine> {
    const reader = options.open();
    open.add(reader);
    try {
      let parts: Buffer[] = [];
      let partBytes = 0;
      let line = 1;
      for (let chunk = reader.next(); chunk; chunk = reader.next()) {
        const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        let start = 0;
        for (let nl = buffer.indexOf(0x0a, start); nl !== -1; nl = buffer.indexOf(0x0a, start)) {
          const piece = buffer.subarray(start, nl);
          const bytes = parts.length === 0 ? piece : Buffer.concat([...parts, piece]);
          parts = [];
          partBytes = 0;
          yield { line, text: decodeLine(bytes, line) };
          line += 1;
          start = nl + 1;
        }
        if (start < buffer.length) {
          partBytes += buffer.length - start;
          if (partBytes > MAX_LINE_BYTES) throw lineTooLong(options.display, line);
          parts.push(buffer.subarray(start));
        }
      }
      // As splitLines: the text after the last newline is a (possibly empty) last line.
      yield { line, text: decodeLine(Buffer.concat(parts), line) };
    } finally {
      reader.close();
      open.delete(reader);
    }
  }

  function* lines(): Generator<TextLine> {
    const onBadLine = options.onBadLine;
    if (!onBadLine) {
      yield* rawLines();
      return;
    }
    let record = 0;
    for (const item of rawLines()) {
      if (item.text.trim() === '') continue;
      record += 1;
      try {
        JSON.parse(item.text);
      } catch (err) {
        onBadLine(record, item.line, jsonSyntaxError(item.text, err, options.name, item.line - 1).message);
        continue;
      }
      yield item;
    }
  }

  const text = (): string => {
    if (options.knownSize !== undefined && options.knownSize > MAX_TEXT_BYTES) throw tooLarge(options.display, options.knownSize);
    const reader = options.open();
    open.add(reader);
    const parts: Uint8Array[] = [];
    let size = 0;
    try {
      for (let chunk = reader.next(); chunk; chunk = reader.next()) {
        size += chunk.length;
        if (size > MAX_TEXT_BYTES) throw tooLarge(options.display, size);
        parts.push(chunk);
      }
    } finally {
      reader.close();
      open.delete(reader);
    }
    const bytes = Buffer.concat(parts);
    parts.length = 0;
    try {
      // The default decoder drops a leading BOM, as the in-memory reader did.
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw notUtf8(options.display, firstBadLine(bytes));
    }
  };

  return {
    name: options.name,
    sample: options.sample,
    text,
    lines,
    close: () => {
      for (const reader of open) reader.close();
      open.clear();
    },
  };
}

// UTF-8 never uses 0x0A inside a multi-byte sequence, so checking line by line finds the line at fault.
function firstBadLine(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  for (;;) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl === -1 ? bytes.length : nl;
    if (!isUtf8(bytes.subarray(start, end))) return line;
    if (nl === -1) return line;
    start = nl + 1;
    line += 1;
  }
}

function notUtf8(display: string, line: number): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${display} is not UTF-8 text: line ${line} holds bytes that are not valid UTF-8.`, {
    file: display,
    record: `line ${line}`,
    hint: 'Evidence files are JSON, NDJSON or CSV text in UTF-8. Convert the file (e.g. `iconv -f latin1 -t utf-8`) or collect it again.',
  });
}

function lineTooLong(display: string, line: number): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${display}: line ${line} is longer than ${formatBytes(MAX_LINE_BYTES)}; refused rather than held in memory.`, {
    file: display,
    record: `line ${line}`,
    hint: 'No log record is this long; the file is damaged or is not line-oriented evidence.',
  });
}

function tooLarge(display: string, size: number): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${display} is one document of more than ${formatBytes(Math.min(size, MAX_TEXT_BYTES + 1))}; documents are read whole only up to ${formatBytes(MAX_TEXT_BYTES)}.`, {
    file: display,
    record: 'start of file',
    hint: 'Convert it to NDJSON (one record per line), which is read as a stream: e.g. `jq -c \'.Records[]\' file.json > file.ndjson`.',
  });
}
