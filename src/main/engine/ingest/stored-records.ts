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
  // Two passes: a secret one record names (a scanner's finding) is redacted wherever any other record quotes it.
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const secrets = new Set<string>();
  // Only scanner reports name a secret in one record and quote it in another; for other formats a second full
  // pass over a large file would double the cost of every export for nothing.
  if (FINDING_SOURCES.includes(file.format)) for (const record of parser.records(textSource(file.name, text))) collectSecrets(record.value, '', secrets);
  else {
    const byLine = recordsByLine(parser, file.name, text, wanted);
    if (byLine) return byLine;
  }
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
function recordsByLine(parser: FormatParser, name: string, text: string, wanted: Map<number, number | null>): StoredRecord[] | null {
  const byLine = new Map<number, number>();
  for (const [index, line] of wanted) {
    if (line === null || byLine.has(line)) return null;
    byLine.set(line, index);
  }
  const out: StoredRecord[] = [];
  let lineNo = 1;
  let start = 0;
  for (const line of [...byLine.keys()].sort((a, b) => a - b)) {
    while (lineNo < line) {
      const next = text.indexOf('\n', start);
      if (next === -1) return null;
      start = next + 1;
      lineNo += 1;
    }
    const end = text.indexOf('\n', start);
    const lineText = text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
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
