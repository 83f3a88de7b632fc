// The identity inventory: the client's own list of NHIs (CSV or JSON) with owner, team, environment and description.
// Rows are not events: each becomes a context signal that names the identity (never put in a case), carries the
// attributes, and links the identifiers listed together for one NHI — ownership is what turns a case into an action.
import { WorkbenchError } from '../../../../shared/errors';
import type { IdentityKind } from '../../../../shared/schemas';
import { IdentityKindSchema } from '../../../../shared/schemas';
import { canonicalJson } from '../../../../shared/canonical-json';
import { createHash } from 'node:crypto';
import { csvHeader, csvRecords } from '../csv-text';
import { parseJsonText } from '../json-text';
import type { EvidenceSource, FormatParser, ParsedSignal, RawRecord } from '../types';
import { isObject, str } from './json-records';

/** The source id of inventory signals. */
export const INVENTORY_SOURCE = 'nhi.inventory';
/** Inventory rows have no event time; they sort before any evidence. */
const UNDATED = '1970-01-01T00:00:00.000Z';
/** Identifier types a row may name (`type:value`), so a typo cannot invent a type that joins nothing. */
const KNOWN_TYPES = /^(aws\.(access_key|arn|principal_id|service)|gcp\.(sa|sa_key|user)|k8s\.(sa|user|token)|azure\.(app|sp|mi|user|credential|app_object)|github\.(token|app|deploy_key|workflow|user)|okta\.(app|user)|agent|api_key\.id|secret\.sha256|secret\.sha1)$/;

const HINT = 'An identity inventory has the columns (or fields) identifier and owner, and optionally kind, team, environment, description and name; identifier is written type:value, e.g. aws.arn:arn:aws:iam::123456789012:user/ci-deployer.';

function isInventoryHeader(names: string[]): boolean {
  const lower = names.map((n) => n.toLowerCase());
  return lower.includes('identifier') && lower.includes('owner');
}

function detectInventory(sample: string): boolean {
  const head = sample.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('[') || head.startsWith('{')) return /"identifier"\s*:/.test(head) && /"owner"\s*:/.test(head) && !/"eventVersion"|"protoPayload"|"RuleID"/.test(head);
  const header = csvHeader(head);
  return header !== null && isInventoryHeader(header);
}

function* readInventory(source: EvidenceSource): Generator<RawRecord> {
  const head = source.sample.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('[') && !head.startsWith('{')) {
    yield* csvRecords(source.text(), source.name);
    return;
  }
  const doc = parseJsonText(source.text(), source.name);
  const rows = Array.isArray(doc) ? doc : isObject(doc) ? (doc['inventory'] ?? doc['identities']) : undefined;
  if (!Array.isArray(rows)) throw new WorkbenchError('BAD_INPUT', `${source.name} is JSON but not an identity inventory.`, { file: source.name, record: 'the top-level JSON value', hint: HINT });
  for (const [index, value] of rows.entries()) yield { index, line: null, value };
}

/** Reads `type:value` into an identifier, or explains why it cannot. */
function parseIdentifier(text: string, where: string, file: string): { type: string; value: string } {
  const at = text.indexOf(':');
  const type = at > 0 ? text.slice(0, at).trim() : '';
  const value = at > 0 ? text.slice(at + 1).trim() : '';
  if (!KNOWN_TYPES.test(type) || value === '') {
    throw new WorkbenchError('BAD_INPUT', `${file}: ${where} names the identifier "${text.slice(0, 80)}", which is not type:value with a known type.`, { file, record: where, hint: HINT });
  }
  return { type, value };
}

function field(row: Record<string, unknown>, name: string): string | null {
  const key = Object.keys(row).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? null : str(row[key]);
  return value === null || value.trim() === '' ? null : value.trim();
}

function toInventorySignal(record: RawRecord, file: string): ParsedSignal | null {
  const where = record.line === null ? `record ${record.index + 1}` : `record ${record.index + 1} (line ${record.line})`;
  if (!isObject(record.value)) throw new WorkbenchError('BAD_INPUT', `${file}: ${where} is not an object.`, { file, record: where, hint: HINT });
  const row = record.value;
  const ids = (field(row, 'identifier') ?? '').split(/[;\s]+/).filter(Boolean).map((t) => parseIdentifier(t, where, file));
  if (ids.length === 0) throw new WorkbenchError('BAD_INPUT', `${file}: ${where} has no identifier.`, { file, record: where, hint: HINT });
  const owner = field(row, 'owner');
  const team = field(row, 'team');
  const environment = field(row, 'environment');
  const description = field(row, 'description');
  const name = field(row, 'name');
  const kindText = field(row, 'kind');
  const kind: IdentityKind = IdentityKindSchema.safeParse(kindText).success ? (kindText as IdentityKind) : 'unknown';
  const primary = ids[0]!;
  const label = name ?? `${primary.type}:${primary.value}`;
  return {
    time: UNDATED,
    source: INVENTORY_SOURCE,
    action: 'inventory:entry',
    outcome: 'unknown',
    errorCode: null,
    actor: { label, kind, primary, identifiers: ids },
    target: null,
    sourceIp: null,
    region: environment,
    userAgent: null,
    summary: [`owner ${owner ?? 'unknown'}`, team && `team ${team}`, environment && `environment ${environment}`, kindText && `kind ${kindText}`, description].filter(Boolean).join('; '),
    severity: null,
    dedupeKey: `inventory:${createHash('sha256').update(canonicalJson(row)).digest('hex')}`,
    links: ids.slice(1).map((b) => ({ a: primary, b, reason: `listed together for ${label} in the identity inventory` })),
    relations: [],
    inventory: { owner, team, environment, description, kind: kindText },
  };
}

/** The identity inventory (CSV or JSON). */
export const inventory: FormatParser = {
  id: INVENTORY_SOURCE,
  label: 'Identity inventory',
  detect: (sample) => detectInventory(sample),
  records: (source) => readInventory(source),
  toSignal: (record, fileName) => toInventorySignal(record, fileName),
};
