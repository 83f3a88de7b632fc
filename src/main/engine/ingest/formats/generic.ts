// Generic CSV and NDJSON read through a saved column mapping: for the exports no built-in importer knows.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../../shared/canonical-json';
import { WorkbenchError } from '../../../../shared/errors';
import type { ColumnMapping } from '../../../../shared/column-mapping';
import { csvRecords } from '../csv-text';
import { ndjsonValues } from '../json-text';
import type { FormatParser, ParsedSignal, RawRecord } from '../types';
import { isObject, str } from './json-records';

/** Parser ids of mapped files start with this, followed by the mapping's name. */
export const GENERIC_PREFIX = 'generic:';

/** A field of a row: a CSV column, or an NDJSON field path with dots. */
function pick(row: Record<string, unknown>, column: string | undefined): string | null {
  if (column === undefined) return null;
  let value: unknown = Object.hasOwn(row, column) ? row[column] : undefined;
  if (value === undefined && column.includes('.')) {
    value = column.split('.').reduce<unknown>((v, key) => (isObject(v) && Object.hasOwn(v, key) ? v[key] : undefined), row);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = str(value);
  return text === null || text.trim() === '' ? null : text.trim();
}

function place(record: RawRecord): string {
  return record.line === null ? `record ${record.index + 1}` : `record ${record.index + 1} (line ${record.line})`;
}

/** Builds the parser a mapping describes. It is never detected: it is chosen by naming the mapping. */
export function mappedParser(mapping: ColumnMapping): FormatParser {
  const refuse = (file: string, record: RawRecord, what: string): WorkbenchError =>
    new WorkbenchError('BAD_INPUT', `${file}: ${place(record)} ${what}.`, { file, record: place(record), hint: `Check the column mapping "${mapping.name}" against the file's columns.` });
  return {
    id: `${GENERIC_PREFIX}${mapping.name}`,
    label: `Mapped ${mapping.input.toUpperCase()} (${mapping.name})`,
    detect: () => false,
    records: (source) => (mapping.input === 'csv' ? csvRecords(source.text(), source.name) : ndjsonRecords(source.lines(), source.name)),
    toSignal(record, file): ParsedSignal {
      if (!isObject(record.value)) throw refuse(file, record, 'is not an object');
      const row = record.value;
      const timeText = pick(row, mapping.time);
      const time = timeText === null ? NaN : Date.parse(/^\d+$/.test(timeText) ? new Date(Number(timeText) < 1e11 ? Number(timeText) * 1000 : Number(timeText)).toISOString() : timeText);
      if (Number.isNaN(time)) throw refuse(file, record, `has no readable time in column "${mapping.time}"`);
      const action = pick(row, mapping.action);
      if (action === null) throw refuse(file, record, `has no action in column "${mapping.action}"`);
      const actorText = pick(row, mapping.actor);
      const typed = actorText && !mapping.actorType ? /^([a-z0-9_]+(?:\.[a-z0-9_]+)+):(.+)$/.exec(actorText) : null;
      const primary = actorText === null ? null : typed ? { type: typed[1]!, value: typed[2]! } : mapping.actorType ? { type: mapping.actorType, value: actorText } : null;
      if (actorText !== null && primary === null) throw refuse(file, record, `names the actor "${actorText.slice(0, 60)}" without a type (write type:value, or set actorType in the mapping)`);
      const outcomeText = pick(row, mapping.outcome);
      const failed = outcomeText !== null && mapping.failureValues.some((v) => v.toLowerCase() === outcomeText.toLowerCase());
      const id = pick(row, mapping.id);
      return {
        time: new Date(time).toISOString(),
        source: `${GENERIC_PREFIX}${mapping.name}`,
        action,
        outcome: outcomeText === null ? 'unknown' : failed ? 'failure' : 'success',
        errorCode: failed ? outcomeText : null,
        actor: { label: primary ? primary.value : 'unknown actor', kind: 'unknown', primary, identifiers: primary ? [primary] : [] },
        target: pick(row, mapping.target),
        sourceIp: pick(row, mapping.sourceIp),
        region: pick(row, mapping.region),
        userAgent: pick(row, mapping.userAgent),
        summary: pick(row, mapping.summary) ?? `${primary?.value ?? 'someone'} ${action}${failed ? ` — ${outcomeText}` : ''}`,
        dedupeKey: `${GENERIC_PREFIX}${mapping.name}:${id ?? createHash('sha256').update(canonicalJson(row)).digest('hex')}`,
        links: [],
        relations: [],
      };
    },
  };
}

function* ndjsonRecords(lines: Iterable<{ line: number; text: string }>, file: string): Generator<RawRecord> {
  let index = 0;
  for (const { line, value } of ndjsonValues(lines, file)) yield { index: index++, line, value };
}
