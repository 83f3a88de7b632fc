// Reading CSV evidence text (RFC 4180: quoted fields, "" inside quotes, CRLF or LF line ends, line breaks inside
// quoted fields), with malformed text turned into BAD_INPUT errors that say where a person should look. Pure: no I/O.
import { WorkbenchError } from '../../../shared/errors';
import type { RawRecord } from './types';

/** One row of fields, with the 1-based line it starts on. */
export interface CsvRow {
  line: number;
  fields: string[];
}

const QUOTE_HINT =
  'A quoted field must end with a quote followed by a comma or the end of the line, and a quote inside it must be ' +
  'doubled (""). The file may be cut short or edited by hand; export it again if you can.';
const WIDTH_HINT =
  'Every row of a CSV file has as many fields as the header. A field holding a comma or a line break must be ' +
  'quoted; the export may be damaged. Export it again, or fix that row.';

/** Splits CSV text into rows; blank lines are skipped. Throws BAD_INPUT naming the line and column of a broken quote. */
export function* csvRows(text: string, file: string): Generator<CsvRow> {
  const reader = new CsvReader(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
  for (let row = reader.next(); row !== null; row = reader.next()) {
    if (row.fields.length === 1 && row.fields[0] === '') continue;
    yield row;
  }
}

/**
 * Every data row as an object keyed by the header's names, with the line the row starts on. A row wider or narrower
 * than the header is refused by line, since its fields could not be matched to their names.
 */
export function* csvRecords(text: string, file: string): Generator<RawRecord> {
  const rows = csvRows(text, file);
  const first = rows.next();
  if (first.done === true) return;
  const header = first.value.fields.map((name) => name.trim());
  const duplicate = header.find((name, i) => header.indexOf(name) !== i);
  if (duplicate !== undefined) {
    throw new WorkbenchError('BAD_INPUT', `${file}: the CSV header names the column "${duplicate.slice(0, 60)}" twice`, {
      file,
      record: `line ${first.value.line}`,
      hint: 'Each column of the header must have its own name; check that this is the export as it was written.',
    });
  }
  let index = 0;
  for (const row of rows) {
    if (row.fields.length !== header.length) {
      const where = `line ${row.line}`;
      throw new WorkbenchError('BAD_INPUT', `${file}: the CSV row at ${where} has ${row.fields.length} fields, the header has ${header.length}`, {
        file,
        record: where,
        hint: WIDTH_HINT,
      });
    }
    // fromEntries defines own properties, so a column named "__proto__" stays a plain field.
    yield { index, line: row.line, value: Object.fromEntries(header.map((name, i) => [name, row.fields[i] ?? ''])) };
    index += 1;
  }
}

/** The header row of CSV text (for detection), or null when the text has no complete first row. */
export function csvHeader(sample: string): string[] | null {
  const clean = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
  const end = clean.search(/\r?\n/);
  if (end === -1) return null;
  try {
    const first = csvRows(clean.slice(0, end), 'sample').next();
    return first.done === true ? null : first.value.fields.map((name) => name.trim());
  } catch {
    return null;
  }
}

// A character-level state machine: RFC 4180 is small enough that a hand-written reader is the clearest way to
// report exactly where a quote goes wrong.
class CsvReader {
  private i = 0;
  private line = 1;
  private lineStart = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  next(): CsvRow | null {
    if (this.i >= this.text.length) return null;
    const startLine = this.line;
    const fields: string[] = [];
    for (;;) {
      fields.push(this.text[this.i] === '"' ? this.quoted() : this.plain());
      const ch = this.text[this.i];
      if (ch === ',') {
        this.i += 1;
        continue;
      }
      this.endOfRow();
      return { line: startLine, fields };
    }
  }

  private plain(): string {
    const start = this.i;
    while (this.i < this.text.length && !',\r\n'.includes(this.text[this.i] ?? '')) this.i += 1;
    return this.text.slice(start, this.i);
  }

  private quoted(): string {
    const openLine = this.line;
    const openColumn = this.i - this.lineStart + 1;
    this.i += 1;
    let value = '';
    for (;;) {
      const close = this.text.indexOf('"', this.i);
      if (close === -1) throw this.error(openLine, openColumn, 'a quoted field is never closed');
      value += this.countLines(this.text.slice(this.i, close));
      this.i = close + 1;
      if (this.text[this.i] !== '"') break;
      value += '"';
      this.i += 1;
    }
    const after = this.text[this.i];
    if (after !== undefined && !',\r\n'.includes(after)) {
      throw this.error(this.line, this.i - this.lineStart + 1, 'a quoted field is followed by text before the next comma');
    }
    return value;
  }

  // Line breaks inside a quoted field still move the line counter, so later rows are reported where they are.
  private countLines(chunk: string): string {
    for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) {
      this.line += 1;
      this.lineStart = this.i + at + 1;
    }
    return chunk;
  }

  private endOfRow(): void {
    if (this.text[this.i] === '\r') this.i += 1;
    if (this.text[this.i] === '\n') this.i += 1;
    this.line += 1;
    this.lineStart = this.i;
  }

  private error(line: number, column: number, problem: string): WorkbenchError {
    const where = `line ${line}, column ${column}`;
    return new WorkbenchError('BAD_INPUT', `${this.file} is not valid CSV: ${problem} at ${where}`, { file: this.file, record: where, hint: QUOTE_HINT });
  }
}
