// Turning one evidence file into normalized, redacted signals as a stream: each signal is handed to the caller as
// soon as it is made (the importer writes it inside the import's transaction), so no file is held in memory whole.
import { WorkbenchError } from '../../../shared/errors';
import { detectFormat, parsers } from './registry';
import { redactText } from './redact';
import type { EvidenceSource, FormatParser, ParsedSignal } from './types';

/** A signal with its place in the file. */
export interface LocatedSignal {
  recordIndex: number;
  line: number | null;
  signal: ParsedSignal;
}

/** A record left out with "skip bad records", and why. */
export interface SkippedRecord {
  record: string;
  reason: string;
}

/** The file being parsed, as messages name it. */
export interface ParseTarget {
  /** The file as the user sees it (path or zip entry): errors carry it as their `file`. */
  display: string;
  name: string;
  source: EvidenceSource;
}

/** How many skipped records are listed by place; the rest are counted. */
export const MAX_LISTED = 1000;

/** The records of one file left out with "skip bad records". */
export class SkipLog {
  /** Malformed records skipped, listed or not. */
  count = 0;
  /** Lines the reader dropped before the parser saw them (not JSON). */
  lines = 0;
  private readonly listed: SkippedRecord[] = [];

  /** `onSkip` hears of every skipped record as it happens (the progress bar counts them). */
  constructor(private readonly onSkip: () => void = () => {}) {}

  /** Records one skipped record. */
  note(record: string, reason: string): void {
    this.count += 1;
    this.onSkip();
    if (this.listed.length < MAX_LISTED) this.listed.push({ record, reason });
  }

  /** The reader's callback for a line that is not JSON. */
  readonly noteLine = (record: number, line: number, reason: string): void => {
    this.lines += 1;
    this.note(`record ${record} (line ${line})`, reason);
  };

  /** What the result shows: each skipped record by place, then how many more there were. */
  list(): SkippedRecord[] {
    const more = this.count - this.listed.length;
    return more > 0 ? [...this.listed, { record: `${more} more records`, reason: 'not listed one by one' }] : [...this.listed];
  }
}

/** How to parse, and who hears about progress. */
export interface ParseOptions {
  /** Present when malformed records are skipped (and noted here) instead of refusing the file. */
  skipLog?: SkipLog;
  /** Called after every record, for progress (the caller throttles). */
  onRecord?: () => void;
}

/** What parsing one file produced, apart from the signals themselves. */
export interface ParseOutcome {
  /** Records the parser read (skipped ones included). */
  records: number;
  /** Well-formed records with nothing to investigate. */
  empty: number;
}
/** Records nested deeper than this are refused: the code that shows and redacts records walks them recursively. */
export const MAX_RECORD_DEPTH = 256;

/** Detects the format of a file from its sample, or refuses it with the list of formats that were tried. */
export function requireFormat(sample: string, name: string, display: string): FormatParser {
  const parser = detectFormat(sample, name);
  if (parser) return parser;
  throw new WorkbenchError('BAD_INPUT', `${name} is not in a format this version reads.`, {
    file: display,
    record: 'start of file',
    hint: `Known formats: ${parsers.map((p) => p.label).join(', ')}. Check that this is the evidence file you meant to import, or choose its format.`,
  });
}

/** Parses every record of a file, handing each signal to `onSignal`; refuses the file at its first bad record unless skipping. */
export function parseEvidence(target: ParseTarget, parser: FormatParser, options: ParseOptions, onSignal: (signal: LocatedSignal) => void): ParseOutcome {
  const outcome: ParseOutcome = { records: 0, empty: 0 };
  try {
    for (const record of parser.records(target.source)) {
      outcome.records += 1;
      const place = record.line === null ? `record ${record.index + 1}` : `record ${record.index + 1} (line ${record.line})`;
      let signal: ParsedSignal | null;
      try {
        signal = withPlace(target, place, () => {
          checkDepth(record.value, target, place);
          return parser.toSignal(record, target.name);
        });
      } catch (err) {
        if (!options.skipLog || !(err instanceof WorkbenchError) || err.code !== 'BAD_INPUT') throw err;
        options.skipLog.note(place, err.message);
        options.onRecord?.();
        continue;
      }
      if (signal) onSignal({ recordIndex: record.index, line: record.line, signal: scrub(signal) });
      else outcome.empty += 1;
      options.onRecord?.();
    }
  } catch (err) {
    throw located(err, target);
  }
  return outcome;
}

/** Parsers only know the file's name; the user needs the path (or zip entry) they gave. Stack overflows are bad input too. */
function located(err: unknown, target: ParseTarget): unknown {
  if (err instanceof WorkbenchError) {
    return err.file === target.display ? err : new WorkbenchError(err.code, err.message, { file: target.display, record: err.record, hint: err.hint });
  }
  if (err instanceof RangeError) {
    // JSON.parse and the code after it recurse; a hostile nesting depth or size ends here instead of crashing.
    return new WorkbenchError('BAD_INPUT', `${target.name} cannot be read: it is nested too deeply or holds a value too large (${err.message}).`, {
      file: target.display,
      hint: 'Evidence records are shallow; this file is damaged or crafted. Leave it out of the import.',
    });
  }
  return err;
}

/** Adds the file and record to errors a parser raised without them. */
function withPlace<T>(target: ParseTarget, place: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof WorkbenchError) {
      throw new WorkbenchError(err.code, err.message, { file: target.display, record: err.record ?? place, hint: err.hint });
    }
    throw new WorkbenchError('BAD_INPUT', `${target.name}: ${place} cannot be read: ${(err as Error).message}`, {
      file: target.display,
      record: place,
      hint: 'The record is malformed; fix or remove it and import the file again, or import with "skip bad records".',
    });
  }
}

// Iterative, so the check itself cannot overflow the stack it protects.
function checkDepth(value: unknown, target: ParseTarget, place: string): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > MAX_RECORD_DEPTH) {
      throw new WorkbenchError('BAD_INPUT', `${target.name}: ${place} is nested more than ${MAX_RECORD_DEPTH} levels deep.`, {
        file: target.display,
        record: place,
        hint: 'No log record is nested this deeply; the record is damaged or crafted. Remove it, or import with "skip bad records".',
      });
    }
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
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
