// Reading records back out of the evidence store: checked against their custody hash, parsed again, redacted.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { WorkbenchError } from '../../../shared/errors';
import type { WorkspaceFiles } from '../workspace-files';
import { textSource } from './evidence-source';
import { collectSecrets, redactRecord } from './redact';
import { parserById } from './registry';
import type { FormatParser } from './types';
import { FINDING_SOURCES } from '../resolve/sources';

/** The custody fields needed to find and re-read a stored file. */
export interface StoredFile {
  sha256: string;
  name: string;
  format: string;
}

/** A redacted record as it was collected. */
export interface StoredRecord {
  recordIndex: number;
  line: number | null;
  value: unknown;
}

/** JavaScript strings end near 512 Mi characters: a stored file above this is read back only line by line. */
const MAX_WHOLE_TEXT_BYTES = 0x1fffffe8;

/**
 * The wanted records of a stored evidence file, redacted; refuses a file that no longer matches its hash. `wanted`
 * maps each record's index to the line it starts on, as recorded at import (null where the format has no lines).
 */
export function readStoredRecords(
  files: WorkspaceFiles,
  file: StoredFile,
  wanted: Map<number, number | null>,
  resolve: (id: string) => FormatParser | undefined = parserById,
): StoredRecord[] {
  const parser = resolve(file.format);
  if (!parser) throw new WorkbenchError('INTERNAL', `No parser for stored format ${file.format}.`);
  let bytes: Buffer = files.readEvidence(file.sha256);
  if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) {
    throw new WorkbenchError('REFUSED', `Evidence file ${file.name} in the evidence store no longer matches its recorded SHA-256.`, {
      file: files.evidencePath(file.sha256),
      hint: 'The evidence store was changed after import. Restore it from a backup.',
    });
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  // Only scanner reports name a secret in one record and quote it in another; other formats may be read line by line.
  if (!FINDING_SOURCES.includes(file.format)) {
    const byLine = recordsByLine(parser, file.name, bytes, wanted);
    if (byLine) return byLine;
  }
  if (bytes.length > MAX_WHOLE_TEXT_BYTES) {
    throw new WorkbenchError('REFUSED', `${file.name} (${Math.round(bytes.length / 1048576)} MB) is too large to read back whole, and its records cannot be read line by line.`, {
      file: files.evidencePath(file.sha256),
      hint: 'Split the file (one record a line, or smaller files) and import the parts into a new workspace.',
    });
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  // Two passes: a secret one record names (a scanner's finding) is redacted wherever any other record quotes it.
  const secrets = new Set<string>();
  if (FINDING_SOURCES.includes(file.format)) for (const record of parser.records(textSource(file.name, text))) collectSecrets(record.value, '', secrets);
  const out: StoredRecord[] = [];
  const last = Math.max(...wanted.keys());
  for (const record of parser.records(textSource(file.name, text))) {
    if (wanted.has(record.index)) out.push({ recordIndex: record.index, line: record.line, value: redactRecord(record.value, secrets) });
    if (record.index >= last) break;
  }
  return out;
}

/**
 * The wanted records read from their own lines only, without parsing the rest of the file: a case citing 10,000
 * events of a 100,000-event NDJSON file parses 10,000 lines, not 100,000. A record is taken from its line when that
 * line, read by the same parser on its own, holds exactly that one record (one event per line). Anything else (a
 * record spanning lines, a line holding several records, a CSV row that needs its header, a parse error) returns
 * null, and the caller reads the whole file as before.
 */
function recordsByLine(parser: FormatParser, name: string, bytes: Buffer, wanted: Map<number, number | null>): StoredRecord[] | null {
  const byLine = new Map<number, number>();
  for (const [index, line] of wanted) {
    if (line === null || byLine.has(line)) return null;
    byLine.set(line, index);
  }
  const out: StoredRecord[] = [];
  // Lines are found in the bytes and only the wanted ones decoded: a newline byte never sits inside a UTF-8
  // sequence, so each line decodes as it would inside the whole text. A byte-order mark is not part of line 1.
  let lineNo = 1;
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (const line of [...byLine.keys()].sort((a, b) => a - b)) {
    while (lineNo < line) {
      const next = bytes.indexOf(0x0a, start);
      if (next === -1) return null;
      start = next + 1;
      lineNo += 1;
    }
    const end = bytes.indexOf(0x0a, start);
    const lineText = bytes.toString('utf8', start, end === -1 ? bytes.length : end).replace(/\r$/, '');
    let records: { value: unknown }[];
    try {
      records = [...parser.records(textSource(name, lineText))];
    } catch {
      return null;
    }
    if (records.length !== 1) return null;
    out.push({ recordIndex: byLine.get(line)!, line, value: redactRecord(records[0]!.value) });
  }
  return out.sort((a, b) => a.recordIndex - b.recordIndex);
}
