// detect-secrets baselines (`detect-secrets scan > .secrets.baseline`): {version, plugins_used, filters_used,
// results: {"<file>": [{type, filename, hashed_secret, is_verified, line_number, is_secret?}]}, generated_at}.
// The baseline holds no secret, only its SHA-1 (`hashed_secret`), so a finding is named `secret.sha1:<hex>`: it
// groups the same secret across files and baselines, but cannot meet other scanners' `secret.sha256` identifiers.
import { WorkbenchError } from '../../../../shared/errors';
import type { Identifier, Severity } from '../../../../shared/schemas';
import type { EvidenceSource, FormatParser, ParsedSignal, RawRecord } from '../types';
import { linesAtOffsets, parseJsonText } from '../json-text';
import { badRecord, clip, idText, isObject, isoTime, type Json, place, sampleHead, str, typeName } from './json-records';
import { UNDATED } from './leaked-secret';

const SOURCE_ID = 'detect-secrets';

const NOT_BASELINE_HINT =
  'Expected a detect-secrets baseline (the JSON `detect-secrets scan` writes, usually .secrets.baseline) with ' +
  'plugins_used and results. Choose the right format for this file or leave it out.';
const MALFORMED_HINT =
  'Every detect-secrets result has a type, a filename and a hashed_secret (40 hex characters). The baseline may ' +
  'have been edited by hand; run `detect-secrets scan` again.';

/** True when the start of a text looks like a detect-secrets baseline. */
function detectBaseline(sample: string): boolean {
  const head = sampleHead(sample);
  return head.startsWith('{') && /"plugins_used"\s*:/.test(head) && /"results"\s*:/.test(head);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading records: every result of every file, in file order

function* readRecords(source: EvidenceSource): Generator<RawRecord> {
  const text = source.text();
  const doc = parseJsonText(text, source.name);
  if (!isObject(doc) || !isObject(doc.results)) {
    throw new WorkbenchError('BAD_INPUT', `${source.name} is not a detect-secrets baseline: it has no "results" object`, {
      file: source.name,
      record: 'the top-level JSON value',
      hint: NOT_BASELINE_HINT,
    });
  }
  const generatedAt = doc.generated_at;
  const items = Object.entries(doc.results).flatMap(([fileKey, list]) => (Array.isArray(list) ? list.map((item: unknown) => ({ fileKey, item })) : [{ fileKey, item: list }]));
  const lines = resultLines(text, items.length);
  for (const [index, { fileKey, item }] of items.entries()) {
    // The baseline's generated_at is the only time a result has, and `filename` may be absent in old baselines:
    // both are carried into the record so it stands alone.
    const value = isObject(item) ? { filename: fileKey, ...item, ...(item.generated_at === undefined ? { generated_at: generatedAt } : {}) } : item;
    yield { index, line: lines[index] ?? null, value };
  }
}

// Where each result object opens: a string-aware scan finds the root's "results" object and the objects two
// levels inside it (results -> file array -> result), so braces inside file names cannot mislead it.
function resultLines(text: string, count: number): (number | null)[] {
  const offsets = resultOffsets(text);
  if (offsets.length !== count) return new Array<null>(count).fill(null);
  return linesAtOffsets(text, offsets);
}

function resultOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let resultsDepth = -1;
  let resultsNext = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const end = stringEnd(text, i);
      if (depth === 1 && /^\s*:/.test(text.slice(end, end + 8))) resultsNext = text.slice(i, end) === '"results"';
      i = end - 1;
    } else if (ch === '{' || ch === '[') {
      depth += 1;
      if (resultsNext && ch === '{') resultsDepth = depth;
      else if (resultsDepth !== -1 && ch === '{' && depth === resultsDepth + 2) offsets.push(i);
      resultsNext = false;
    } else if (ch === '}' || ch === ']') {
      if (depth === resultsDepth) resultsDepth = -1;
      depth -= 1;
    } else if (ch === ',') {
      resultsNext = false;
    }
  }
  return offsets;
}

// `from` is at an opening quote; returns the offset after the closing one.
function stringEnd(text: string, from: number): number {
  for (let i = from + 1; i < text.length; i++) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

// ---------------------------------------------------------------------------------------------------------------
// Normalizing one result

const SHA1 = /^[0-9a-f]{40}$/;

function requireResult(value: unknown, where: string, file: string): Json & { hashed_secret: string } {
  if (!isObject(value)) throw badRecord(file, where, `is not a usable detect-secrets result: it is ${typeName(value)}, not an object`, MALFORMED_HINT);
  const hash = str(value.hashed_secret)?.toLowerCase() ?? null;
  if (hash === null || !SHA1.test(hash)) throw badRecord(file, where, 'is not a usable detect-secrets result: its hashed_secret is not 40 hex characters', MALFORMED_HINT);
  return { ...value, hashed_secret: hash };
}

// A secret confirmed live is critical; one an auditor marked as not a secret is low; the rest are unreviewed
// pattern or entropy matches.
function severityOf(result: Json): Severity {
  if (result.is_verified === true) return 'critical';
  if (result.is_secret === false) return 'low';
  return 'medium';
}

function toSignal(record: RawRecord, file: string): ParsedSignal {
  const where = place(record.index, record.line);
  const result = requireResult(record.value, where, file);
  const type = str(result.type) ?? 'Secret';
  const filename = str(result.filename);
  const line = idText(result.line_number);
  const primary: Identifier = { type: 'secret.sha1', value: result.hashed_secret };
  const short = `sha1:${result.hashed_secret.slice(0, 12)}…`;
  const at = filename === null ? '' : ` in ${clip(filename, 160)}${line === null ? '' : `:${line}`}`;
  const review = result.is_secret === true ? ' (confirmed a secret)' : result.is_secret === false ? ' (marked not a secret)' : '';
  return {
    time: isoTime(result.generated_at) ?? UNDATED,
    source: SOURCE_ID,
    action: `detect-secrets:${type}`,
    outcome: 'unknown',
    errorCode: null,
    actor: { label: `${type} ${short}`, kind: 'secret', primary, identifiers: [primary] },
    target: filename === null ? null : clip(filename, 200),
    sourceIp: null,
    region: null,
    userAgent: null,
    summary: `detect-secrets ${type} ${short}${at}${result.is_verified === true ? ' (verified live)' : ''}${review}`,
    severity: severityOf(result),
    dedupeKey: `${SOURCE_ID}:${filename ?? ''}:${line ?? ''}:${type}:${result.hashed_secret}`,
    links: [],
    relations: [],
  };
}

/** The detect-secrets parser: baselines with hashed secrets per file. */
export const detectSecrets: FormatParser = {
  id: SOURCE_ID,
  label: 'detect-secrets baseline',
  detect: (sample) => detectBaseline(sample),
  records: (source) => readRecords(source),
  toSignal: (record, fileName) => toSignal(record, fileName),
};
