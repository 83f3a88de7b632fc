// Turning one evidence file into normalized, redacted signals, entirely in memory:
// nothing touches the workspace until every file of an import has parsed.
import { WorkbenchError } from '../../../shared/errors';
import { detectFormat, parsers } from './registry';
import type { EvidenceBytes } from './read-evidence';
import { redactText } from './redact';
import { textSource } from './evidence-source';
import type { FormatParser, ParsedSignal } from './types';

/** A signal with its place in the file. */
export interface LocatedSignal {
  recordIndex: number;
  line: number | null;
  signal: ParsedSignal;
}

/** One parsed evidence file, ready to store. */
export interface ParsedFile {
  file: EvidenceBytes;
  format: string;
  records: number;
  skipped: number;
  signals: LocatedSignal[];
}

/** Detects the format of a file, or refuses it with the list of formats that were tried. */
export function requireFormat(file: EvidenceBytes): FormatParser {
  const parser = detectFormat(file.text, file.name);
  if (parser) return parser;
  throw new WorkbenchError('BAD_INPUT', `${file.name} is not in a format this version reads.`, {
    file: file.path,
    record: 'start of file',
    hint: `Known formats: ${parsers.map((p) => p.label).join(', ')}. Check that this is the evidence file you meant to import.`,
  });
}

/** Parses every record of a file; `onRecord` is called as records are read, for progress. */
export function parseEvidenceFile(file: EvidenceBytes, parser: FormatParser, onRecord?: (records: number) => void): ParsedFile {
  const signals: LocatedSignal[] = [];
  let records = 0;
  let skipped = 0;
  try {
    for (const record of parser.records(textSource(file.name, file.text))) {
      records++;
      const signal = withPlace(file, record.index, record.line, () => parser.toSignal(record, file.name));
      if (signal) signals.push({ recordIndex: record.index, line: record.line, signal: scrub(signal) });
      else skipped++;
      if (onRecord && records % 1000 === 0) onRecord(records);
    }
  } catch (err) {
    // Parsers only know the file's name; the user needs the path they gave.
    if (err instanceof WorkbenchError) throw new WorkbenchError(err.code, err.message, { file: file.path, record: err.record, hint: err.hint });
    throw err;
  }
  return { file, format: parser.id, records, skipped, signals };
}

/** Adds the file and record to errors a parser raised without them. */
function withPlace<T>(file: EvidenceBytes, index: number, line: number | null, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    const place = line === null ? `record ${index + 1}` : `record ${index + 1} (line ${line})`;
    if (err instanceof WorkbenchError) {
      throw new WorkbenchError(err.code, err.message, { file: file.path, record: err.record ?? place, hint: err.hint });
    }
    throw new WorkbenchError('BAD_INPUT', `${file.name}: ${place} cannot be read: ${(err as Error).message}`, {
      file: file.path,
      record: place,
      hint: 'The record is malformed; fix or remove it and import the file again.',
    });
  }
}

/** Free-text fields can carry secrets a log captured by accident; they are redacted before storage. */
function scrub(signal: ParsedSignal): ParsedSignal {
  return {
    ...signal,
    summary: redactText(signal.summary),
    target: signal.target === null ? null : redactText(signal.target),
    userAgent: signal.userAgent === null ? null : redactText(signal.userAgent),
  };
}
