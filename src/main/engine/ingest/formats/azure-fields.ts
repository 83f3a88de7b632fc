// Field helpers the Azure and Entra ID importers share: their exports spell fields several ways, carry GUIDs in any
// case, and (Log Analytics) hold dynamic columns as JSON strings.
import { str, type Json } from './json-records';

const GUID = /^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$/i;

/** The first of several spellings that the record has (own properties only, so `__proto__` tricks find nothing). */
export function first(record: Json, ...names: string[]): unknown {
  for (const name of names) {
    if (Object.hasOwn(record, name) && record[name] !== null && record[name] !== undefined) return record[name];
  }
  return undefined;
}

/** A Log Analytics dynamic column, parsed when it is a JSON string; a string that does not parse stays what it was. */
export function parsedJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** A GUID in lower case (Azure writes the same id in either case), or null for anything else. */
export function guid(value: unknown): string | null {
  const text = str(value);
  return text !== null && GUID.test(text) ? text.toLowerCase() : null;
}

/** True for a GUID in any case. */
export function isGuid(text: string): boolean {
  return GUID.test(text);
}
