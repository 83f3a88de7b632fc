// Small pieces the JSON-based parsers share: reading a file as NDJSON or as one document whose records sit in an
// array, naming a record's place for messages, and type-checked access to hostile values.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../../shared/canonical-json';
import { WorkbenchError } from '../../../../shared/errors';
import { arrayElementOffsets, linesAtOffsets, looksLikeNdjson, ndjsonValues, parseJsonText } from '../json-text';

/** Shared with the parsers that import it from here. */
export { looksLikeNdjson };
import type { EvidenceSource, RawRecord } from '../types';

/** A parsed JSON object. */
export type Json = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object, or null. */
export function asObject(value: unknown): Json | null {
  return isObject(value) ? value : null;
}

/** A non-blank string, or null for anything else. */
export function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** A string or a finite number as text (ids arrive as either), or null. */
export function idText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return str(value);
}

/** Shortens text for labels and summaries so one huge value cannot flood a row. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** How messages name a record: `record 3 (line 7)`, or `record 3` where the line is unknown. */
export function place(index: number, line: number | null): string {
  return line === null ? `record ${index + 1}` : `record ${index + 1} (line ${line})`;
}

/** The dedupe key of a record without its own unique id: the SHA-256 of its canonical JSON. */
export function contentKey(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
}

/**
 * ISO 8601 UTC of a date string or an epoch number (or digits), or null when it is not a date. Epoch values below
 * 1e11 are seconds (1e11 ms is only 1973), larger ones milliseconds.
 */
export function isoTime(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? fromEpoch(value) : null;
  const text = str(value);
  if (text === null) return null;
  if (/^\d{9,16}$/.test(text.trim())) return fromEpoch(Number(text));
  return validIso(new Date(text));
}

function fromEpoch(value: number): string | null {
  return validIso(new Date(Math.abs(value) < 1e11 ? value * 1000 : value));
}

function validIso(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A description of a value's type for messages (`a number`, `an array`, `null`). */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** BAD_INPUT for a record that this format cannot use. */
export function badRecord(file: string, where: string, problem: string, hint: string): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${file}: ${where} ${problem}`, { file, record: where, hint });
}

/** How a parser finds its records inside one parsed JSON document. */
export interface DocumentShape {
  items: unknown[];
  /** The root key holding the array, or null when the document is the array; used to find each record's line. */
  key: string | null;
  /** True when the document is itself the one record (a single object). */
  single?: boolean;
}

/** What readJsonRecords needs to know about one format. */
export interface JsonReading {
  /** The records of a whole document, or null when the document has no shape of this format. */
  shapeOf(doc: unknown): DocumentShape | null;
  /** True when the first record looks like this format (later records are left to toSignal). */
  accepts(value: unknown): boolean;
  /** The error for content that is JSON but not this format; `where` names the place. */
  refuse(where: string): WorkbenchError;
}

/**
 * Every record of a JSON evidence file, streamed line by line when it is NDJSON, else parsed whole. The first record
 * decides whether the file is this format at all, so a foreign file is refused before anything is normalized.
 */
export function* readJsonRecords(source: EvidenceSource, reading: JsonReading): Generator<RawRecord> {
  if (looksLikeNdjson(source.sample)) {
    let index = 0;
    for (const { line, value } of ndjsonValues(source.lines(), source.name)) {
      if (index === 0 && !reading.accepts(value)) throw reading.refuse(place(0, line));
      yield { index, line, value };
      index += 1;
    }
    return;
  }
  const text = source.text();
  const doc = parseJsonText(text, source.name);
  const shape = reading.shapeOf(doc);
  if (shape === null) throw reading.refuse('the top-level JSON value');
  const lines = shape.single === true ? [firstLine(text)] : elementLines(text, shape.key, shape.items.length);
  for (const [index, value] of shape.items.entries()) {
    const line = lines[index] ?? null;
    if (index === 0 && !reading.accepts(value)) throw reading.refuse(place(0, line));
    yield { index, line, value };
  }
}

function firstLine(text: string): number {
  const start = Math.max(0, text.search(/\S/));
  return linesAtOffsets(text, [start])[0] ?? 1;
}

// Pretty-printed files get a line per record; one-line files are all on line 1.
function elementLines(text: string, key: string | null, count: number): (number | null)[] {
  if (!text.trimEnd().includes('\n')) return new Array<number>(count).fill(1);
  const offsets = arrayElementOffsets(text, key);
  if (offsets === null || offsets.length !== count) return new Array<null>(count).fill(null);
  return linesAtOffsets(text, offsets);
}

/** The start of a sample without a BOM or leading whitespace, for detectors. */
export function sampleHead(sample: string): string {
  return sample.replace(/^\uFEFF/, '').trimStart();
}
