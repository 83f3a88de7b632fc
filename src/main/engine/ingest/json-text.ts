// Reading JSON and NDJSON evidence text, with syntax errors turned into BAD_INPUT errors that say where
// (line and column) a person should look. Pure: no I/O.
import type { TextLine } from './types';
import { WorkbenchError } from '../../../shared/errors';

/** A 1-based place in a text. */
export interface TextPosition {
  line: number;
  column: number;
}

/** One parsed line of an NDJSON text. */
export interface NdjsonLine {
  /** 1-based line number in the whole text. */
  line: number;
  value: unknown;
}

const TRUNCATED_HINT =
  'The text ends in the middle of a JSON value, so the file looks truncated (an interrupted download, copy or ' +
  'export). Collect the file again, or remove the incomplete part and import it again.';
const SEQUENCE_HINT =
  'The file holds more than one JSON value, one after another (as `jq \'.Records[]\'` writes them). Write one ' +
  'value per line instead (NDJSON, e.g. `jq -c`), or wrap the values in one JSON array.';
const INVALID_HINT =
  'Look at the file at that place: the JSON there is not well-formed. If the file was edited or exported by a ' +
  'tool, check that tool; the original evidence should be collected again if possible.';

/** Line and column (both 1-based, columns in UTF-16 code units) of an offset into `text`. */
export function positionAt(text: string, offset: number): TextPosition {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/** Lines (1-based) of ascending offsets into `text`, counted in one pass so long files stay linear. */
export function linesAtOffsets(text: string, offsets: readonly number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let nextNewline = text.indexOf('\n');
  for (const offset of offsets) {
    while (nextNewline !== -1 && nextNewline < offset) {
      line += 1;
      nextNewline = text.indexOf('\n', nextNewline + 1);
    }
    lines.push(line);
  }
  return lines;
}

/** Parses one JSON document; a syntax error becomes BAD_INPUT naming the file, line and column. */
export function parseJsonText(text: string, file: string): unknown {
  const clean = withoutBom(text);
  try {
    return JSON.parse(clean);
  } catch (err) {
    throw jsonSyntaxError(clean, err, file, 0);
  }
}

/** Splits text into lines (1-based, CR before LF dropped) without copying the whole text again. */
export function* splitLines(text: string): Generator<TextLine> {
  const clean = withoutBom(text);
  let start = 0;
  let line = 1;
  while (start <= clean.length) {
    const newline = clean.indexOf('\n', start);
    const end = newline === -1 ? clean.length : newline;
    yield { line, text: clean.slice(start, end) };
    if (newline === -1) break;
    start = newline + 1;
    line += 1;
  }
}

/** Parses NDJSON lazily, one value per non-blank line; a bad line throws BAD_INPUT naming that line. */
export function* ndjsonValues(lines: Iterable<TextLine>, file: string): Generator<NdjsonLine> {
  for (const { line, text } of lines) {
    const raw = line === 1 ? withoutBom(text) : text;
    if (raw.trim() !== '') yield { line, value: parseLine(raw, file, line) };
  }
}

/** Parses NDJSON text lazily (see ndjsonValues). */
export function ndjsonLines(text: string, file: string): Generator<NdjsonLine> {
  return ndjsonValues(splitLines(text), file);
}

/**
 * Offsets where each element of a top-level array starts: of the root array when `key` is null, else of the array
 * held by that key of the root object. Null when the text does not have that shape. The text must be valid JSON
 * (parse it first); this only finds where records begin so errors and evidence pointers can name their lines.
 */
export function arrayElementOffsets(text: string, key: string | null): number[] | null {
  let i = skipWhitespace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (key === null) return text[i] === '[' ? scanArrayElements(text, i) : null;
  if (text[i] !== '{') return null;
  i = skipWhitespace(text, i + 1);
  while (text[i] === '"') {
    const keyEnd = skipString(text, i);
    const name = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipWhitespace(text, keyEnd);
    if (text[i] !== ':') return null;
    i = skipWhitespace(text, i + 1);
    if (name === key) return text[i] === '[' ? scanArrayElements(text, i) : null;
    i = skipWhitespace(text, skipValue(text, i));
    if (text[i] !== ',') return null;
    i = skipWhitespace(text, i + 1);
  }
  return null;
}

/**
 * Offset of the first character where `text` stops being valid JSON (its length when it ends too early), or null
 * when it is valid. Used when the engine's own message does not say where the error is.
 */
export function findJsonErrorOffset(text: string): number | null {
  const scanner = new JsonChecker(text);
  return scanner.check();
}

/** Builds the BAD_INPUT error for a JSON.parse failure of `text`, which starts at line `lineBase + 1` of the file. */
export function jsonSyntaxError(text: string, err: unknown, file: string, lineBase: number): WorkbenchError {
  const message = err instanceof Error ? err.message : String(err);
  const contentEnd = text.trimEnd().length;
  const reported = positionFromMessage(message) ?? findJsonErrorOffset(text) ?? contentEnd;
  // A value cut short fails "at" the end of the text; point at the end of the content, not past trailing newlines.
  const truncated = reported >= contentEnd;
  const offset = truncated ? contentEnd : reported;
  const { line, column } = positionAt(text, offset);
  const where = `line ${line + lineBase}, column ${column}`;
  const reason = truncated ? 'the JSON ends before it is complete' : describeReason(message);
  return new WorkbenchError('BAD_INPUT', `${file} is not valid JSON: ${reason} at ${where}`, {
    file,
    record: where,
    hint: truncated ? TRUNCATED_HINT : /after JSON/.test(message) ? SEQUENCE_HINT : INVALID_HINT,
  });
}

function parseLine(raw: string, file: string, line: number): unknown {
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw jsonSyntaxError(raw, err, file, line - 1);
  }
}

// Keeps offsets unchanged (a space for the BOM) so positions still match the file.
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}

function positionFromMessage(message: string): number | null {
  const match = /at position (\d+)/.exec(message);
  return match?.[1] === undefined ? null : Number(match[1]);
}

// V8 quotes a piece of the text in some messages; evidence may hold secrets, so that piece is dropped.
function describeReason(message: string): string {
  const reason = message
    .replace(/,\s*"[\s\S]*" is not valid JSON$/, '')
    .replace(/\s*in JSON at position \d+[\s\S]*$/, '')
    .replace(/\s*at position \d+[\s\S]*$/, '')
    .trim();
  if (reason === '' || reason.length > 80) return 'unexpected character';
  return reason.charAt(0).toLowerCase() + reason.slice(1);
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isJsonWhitespace(text.charCodeAt(i))) i++;
  return i;
}

function isJsonWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

// `from` is at the opening quote; returns the offset after the closing quote.
function skipString(text: string, from: number): number {
  let i = from + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x5c) i += 2;
    else if (code === 0x22) return i + 1;
    else i++;
  }
  return text.length;
}

// Skips one valid JSON value starting at `from` (no whitespace before it).
function skipValue(text: string, from: number): number {
  const first = text[from];
  if (first === '"') return skipString(text, from);
  if (first !== '{' && first !== '[') {
    let i = from;
    while (i < text.length && !',]}'.includes(text[i] ?? '') && !isJsonWhitespace(text.charCodeAt(i))) i++;
    return i;
  }
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      i = skipString(text, i);
      continue;
    }
    if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return text.length;
}

function scanArrayElements(text: string, open: number): number[] {
  const offsets: number[] = [];
  let i = skipWhitespace(text, open + 1);
  if (text[i] === ']') return offsets;
  while (i < text.length) {
    offsets.push(i);
    i = skipWhitespace(text, skipValue(text, i));
    if (text[i] !== ',') break;
    i = skipWhitespace(text, i + 1);
  }
  return offsets;
}

const MAX_DEPTH = 10_000;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

// A strict JSON checker that only reports where the text first goes wrong.
class JsonChecker {
  private i = 0;

  constructor(private readonly text: string) {}

  check(): number | null {
    if (!this.value(0)) return Math.min(this.i, this.text.length);
    this.i = skipWhitespace(this.text, this.i);
    return this.i < this.text.length ? this.i : null;
  }

  private value(depth: number): boolean {
    this.i = skipWhitespace(this.text, this.i);
    const ch = this.text[this.i];
    if (depth > MAX_DEPTH) return false;
    if (ch === '{') return this.container('}', depth, true);
    if (ch === '[') return this.container(']', depth, false);
    if (ch === '"') return this.string();
    if (ch === 't') return this.literal('true');
    if (ch === 'f') return this.literal('false');
    if (ch === 'n') return this.literal('null');
    return this.number();
  }

  private container(close: string, depth: number, isObject: boolean): boolean {
    this.i = skipWhitespace(this.text, this.i + 1);
    if (this.text[this.i] === close) {
      this.i++;
      return true;
    }
    for (;;) {
      if (isObject && !this.member(depth)) return false;
      if (!isObject && !this.value(depth + 1)) return false;
      this.i = skipWhitespace(this.text, this.i);
      const ch = this.text[this.i];
      if (ch === close) {
        this.i++;
        return true;
      }
      if (ch !== ',') return false;
      this.i++;
    }
  }

  private member(depth: number): boolean {
    this.i = skipWhitespace(this.text, this.i);
    if (this.text[this.i] !== '"' || !this.string()) return false;
    this.i = skipWhitespace(this.text, this.i);
    if (this.text[this.i] !== ':') return false;
    this.i++;
    return this.value(depth + 1);
  }

  private string(): boolean {
    const text = this.text;
    this.i++;
    while (this.i < text.length) {
      const code = text.charCodeAt(this.i);
      if (code === 0x22) {
        this.i++;
        return true;
      }
      if (code < 0x20) return false;
      if (code === 0x5c && !this.escape()) return false;
      if (code !== 0x5c) this.i++;
    }
    return false;
  }

  private escape(): boolean {
    const next = this.text[this.i + 1];
    if (next !== undefined && '"\\/bfnrt'.includes(next)) {
      this.i += 2;
      return true;
    }
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) {
      this.i += 6;
      return true;
    }
    this.i++;
    return false;
  }

  private literal(word: string): boolean {
    for (const ch of word) {
      if (this.text[this.i] !== ch) return false;
      this.i++;
    }
    return true;
  }

  private number(): boolean {
    NUMBER.lastIndex = this.i;
    const match = NUMBER.exec(this.text);
    if (match === null) return false;
    this.i += match[0].length;
    return true;
  }
}

/**
 * True when text is NDJSON: the first line is a complete JSON object on its own and more lines follow. A
 * pretty-printed or single-line document fails the test and is parsed whole, so its errors name the right line.
 */
export function looksLikeNdjson(text: string): boolean {
  const start = text.search(/\S/);
  if (start === -1 || text[start] !== '{') return false;
  const end = text.indexOf('\n', start);
  if (end === -1 || text.slice(end).trim() === '') return false;
  try {
    JSON.parse(text.slice(start, end));
    return true;
  } catch {
    return false;
  }
}
