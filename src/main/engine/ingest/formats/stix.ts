// STIX 2.x threat intelligence: bundles ({"type":"bundle","objects":[…]}) and TAXII 2.1 envelopes ({"objects":[…]}).
// Indicators, observed data and sightings become intel signals; everything else (identities, malware, relationships,
// markings, the cyber-observables themselves) is context and is skipped. When an indicator's pattern, an observed
// object or a custom x_ property names an NHI we know (an AWS access key id, an IAM ARN, a GCP service account), that
// identifier becomes the actor, so the intel joins the identity's case. IPs and domains are never identifiers.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../../shared/canonical-json';
import { WorkbenchError } from '../../../../shared/errors';
import type { Identifier, IdentityKind, Severity } from '../../../../shared/schemas';
import { arrayElementOffsets, linesAtOffsets, parseJsonText } from '../json-text';
import { maskValue } from '../redact';
import type { EvidenceSource, FormatParser, ParsedActor, ParsedLink, ParsedSignal, RawRecord } from '../types';

type Json = Record<string, unknown>;

const SOURCE_ID = 'stix';

const NOT_STIX_HINT =
  'Expected STIX 2.x: a bundle ({"type":"bundle","id":"bundle--…","objects":[…]}) or a TAXII 2.1 envelope ' +
  '({"objects":[…]}) of STIX objects. Choose the right format for this file or leave it out of the bundle.';
const MALFORMED_HINT =
  'Every STIX object has a "type" and an "id" of the form <type>--<uuid>; indicators need valid_from or created, ' +
  'observed data first_observed, sightings first_seen or created. Compare the object with its source feed.';

// ---------------------------------------------------------------------------------------------------------------
// Detection

const BUNDLE_MARK = /"type"\s*:\s*"bundle"/;
const BUNDLE_ID_MARK = /"id"\s*:\s*"bundle--[0-9a-f-]{36}"/;
const OBJECTS_MARK = /"objects"\s*:\s*\[/;
const STIX_ID_MARK = /"id"\s*:\s*"(?:indicator|observed-data|sighting|identity|malware|threat-actor|relationship|marking-definition|attack-pattern|campaign|intrusion-set|report|tool|vulnerability|infrastructure|note|grouping)--[0-9a-f]{8}-/;
const SPEC_MARK = /"spec_version"\s*:\s*"2\.[01]"/;

/** True for a STIX bundle, or a TAXII envelope of STIX objects. */
function detectStix(sample: string): boolean {
  const head = sample.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('{')) return false;
  if (BUNDLE_MARK.test(head) && BUNDLE_ID_MARK.test(head)) return true;
  return OBJECTS_MARK.test(head) && STIX_ID_MARK.test(head) && SPEC_MARK.test(head);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading records, and the bundle context each one needs

/** What toSignal needs from the rest of the bundle: the objects that observed data and sightings point at. */
interface BundleContext {
  byId: Map<string, Json>;
}

// toSignal sees one object; observed-data and sightings refer to others by id. records() leaves the bundle's index
// here, keyed by the very object it yields, without adding anything to the evidence.
const contexts = new WeakMap<object, BundleContext>();

function* readRecords(source: EvidenceSource): Generator<RawRecord> {
  const text = source.text();
  const doc = parseJsonText(text, source.name);
  if (!isObject(doc) || !Array.isArray(doc.objects) || !(doc.type === 'bundle' || doc.type === undefined)) {
    throw notStix(source.name, 'the top-level JSON value is not a bundle or an envelope with "objects"');
  }
  const objects = doc.objects;
  const first = objects[0];
  if (first !== undefined && !isStixObject(first)) throw notStix(source.name, 'its first object has no STIX type and id');
  const byId = new Map<string, Json>();
  for (const object of objects) if (isStixObject(object)) byId.set(object.id as string, object);
  const context: BundleContext = { byId };
  const lines = elementLines(text, objects.length);
  for (const [index, value] of objects.entries()) {
    if (isObject(value)) contexts.set(value, context);
    yield { index, line: lines[index] ?? null, value };
  }
}

function elementLines(text: string, count: number): (number | null)[] {
  if (!text.trimEnd().includes('\n')) return new Array<number>(count).fill(1);
  const offsets = arrayElementOffsets(text, 'objects');
  if (offsets === null || offsets.length !== count) return new Array<null>(count).fill(null);
  return linesAtOffsets(text, offsets);
}

function isStixObject(value: unknown): value is Json {
  return isObject(value) && typeof value.type === 'string' && typeof value.id === 'string' && value.id.startsWith(`${value.type}--`);
}

function notStix(file: string, why: string): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${file} is JSON but not STIX: ${why}`, { file, record: 'start of file', hint: NOT_STIX_HINT });
}

// ---------------------------------------------------------------------------------------------------------------
// NHI identifiers in intel

const ACCESS_KEY = /^(?:AKIA|ASIA)[A-Z0-9]{16}$/;
const AWS_ARN = /^arn:aws[a-z-]*:(?:iam|sts)::\d{12}:(?:root$|user\/|role\/|assumed-role\/|federated-user\/)\S+$|^arn:aws[a-z-]*:iam::\d{12}:root$/;
const GCP_SA = /^[a-z0-9-]+@[a-z0-9-]+\.iam\.gserviceaccount\.com$/;
const KEY_IN_TEXT = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;

/** A set of identifiers proven to name one NHI (one observed object, or one AND-only pattern expression). */
interface IdGroup {
  ids: Identifier[];
  /** Where they were found, for the link reason. */
  where: string;
}

function nhiIdentifier(value: string): Identifier | null {
  const text = value.trim();
  if (ACCESS_KEY.test(text)) return { type: 'aws.access_key', value: text };
  if (AWS_ARN.test(text)) return { type: 'aws.arn', value: text };
  if (GCP_SA.test(text)) return { type: 'gcp.sa', value: text.toLowerCase() };
  return null;
}

// Custom properties (x_…) anywhere in an object, a few levels deep, as they may carry e.g. x_aws_access_key_id.
function customStrings(object: Json, depth = 0): string[] {
  const out: string[] = [];
  if (depth > 4) return out;
  for (const [key, value] of Object.entries(object)) {
    if (!key.startsWith('x_')) continue;
    if (typeof value === 'string' && value.length <= 2048) out.push(value);
    else if (Array.isArray(value)) out.push(...value.filter((v): v is string => typeof v === 'string' && v.length <= 2048));
    else if (isObject(value)) out.push(...Object.values(value).filter((v): v is string => typeof v === 'string' && v.length <= 2048));
  }
  return out;
}

// The string values of an observed object that may name an account (user-account, email-addr) or its custom fields.
function scoStrings(sco: Json): string[] {
  const fields = ['user_id', 'account_login', 'display_name', 'value', 'credential'].map((f) => sco[f]);
  const own = fields.filter((v): v is string => typeof v === 'string' && v.length <= 2048 && (sco.type === 'user-account' || sco.type === 'email-addr'));
  return [...own, ...customStrings(sco)];
}

function groupOf(values: string[], where: string): IdGroup | null {
  const ids: Identifier[] = [];
  const push = (id: Identifier | null): void => {
    if (id !== null && !ids.some((known) => known.type === id.type && known.value === id.value)) ids.push(id);
  };
  for (const value of values) {
    const id = nhiIdentifier(value);
    // A role session names its role, which is the identity CloudTrail anchors the session on.
    if (id?.type === 'aws.arn') push(roleOfSession(id.value));
    push(id);
  }
  return ids.length === 0 ? null : { ids, where };
}

function roleOfSession(arn: string): Identifier | null {
  const match = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(arn);
  return match === null ? null : { type: 'aws.arn', value: `arn:${match[1] ?? 'aws'}:iam::${match[2] ?? ''}:role/${match[3] ?? ''}` };
}

function actorOf(groups: IdGroup[]): { actor: ParsedActor; links: ParsedLink[]; others: number } {
  const group = groups[0];
  const primary = group?.ids[0];
  if (group === undefined || primary === undefined) return { actor: { label: 'no identity', kind: 'unknown', primary: null, identifiers: [] }, links: [], others: 0 };
  const label = labelOf(primary);
  const links = group.ids.slice(1).map((id) => ({ a: id, b: primary, reason: `${group.where} names ${describeId(id)} together with ${describeId(primary)}` }));
  const others = groups.slice(1).reduce((sum, g) => sum + g.ids.length, 0);
  return { actor: { label, kind: kindOf(primary), primary, identifiers: group.ids }, links, others };
}

function kindOf(id: Identifier): IdentityKind {
  if (id.type === 'aws.access_key') return 'aws.access-key';
  if (id.type === 'gcp.sa') return 'gcp.service-account';
  if (id.value.endsWith(':root')) return 'aws.root';
  return /:user\//.test(id.value) ? 'aws.iam-user' : /:federated-user\//.test(id.value) ? 'aws.federated' : 'aws.role';
}

function labelOf(id: Identifier): string {
  if (id.type === 'aws.access_key') return `key/${maskKey(id.value)}`;
  if (id.type === 'gcp.sa') return id.value;
  const resource = id.value.split(':').slice(5).join(':');
  const parts = resource.split('/');
  return parts.length < 2 ? resource : `${parts[0] === 'assumed-role' ? 'role' : (parts[0] ?? '?')}/${parts[1] ?? '?'}`;
}

function describeId(id: Identifier): string {
  return id.type === 'aws.access_key' ? `access key ${maskKey(id.value)}` : id.value;
}

// ---------------------------------------------------------------------------------------------------------------
// Patterns: the comparisons inside [ … ] observation expressions

interface Comparison {
  objectType: string;
  path: string;
  value: string;
}

const COMPARISON = /([a-z0-9-]+):([A-Za-z0-9_.[\]'*-]+)\s*(?:NOT\s+)?(?:=|!=|>=|<=|>|<|LIKE|MATCHES|ISSUBSET|ISSUPERSET)\s*'((?:\\.|[^'\\])*)'/g;
const SECRET_PATH = /secret|password|passwd|passphrase|token|private_key|credential(?!_id)/i;
const MAX_EXPRESSIONS = 200;

function expressionsOf(pattern: string): string[] {
  return (pattern.match(/\[[^\]]*\]/g) ?? []).slice(0, MAX_EXPRESSIONS);
}

function comparisonsOf(expression: string): Comparison[] {
  const out: Comparison[] = [];
  for (const match of expression.matchAll(COMPARISON)) {
    out.push({ objectType: match[1] ?? '', path: match[2] ?? '', value: (match[3] ?? '').replace(/\\(.)/g, '$1') });
  }
  return out;
}

// Comparisons joined by AND inside one [ … ] describe one object, so what they name is one NHI; OR does not.
function patternGroups(pattern: string): IdGroup[] {
  const groups: IdGroup[] = [];
  for (const expression of expressionsOf(pattern)) {
    const comparisons = comparisonsOf(expression);
    if (/\bOR\b/.test(expression)) {
      for (const c of comparisons) pushGroup(groups, groupOf([c.value], 'the indicator pattern'));
    } else {
      pushGroup(groups, groupOf(comparisons.map((c) => c.value), 'one expression of the indicator pattern'));
    }
  }
  return groups;
}

function pushGroup(groups: IdGroup[], group: IdGroup | null): void {
  if (group !== null) groups.push(group);
}

// The pattern as a person reads it, with secrets masked and cut to a summary's length.
function displayPattern(pattern: string): string {
  const masked = pattern.replace(COMPARISON, (all: string, type: string, path: string, value: string) =>
    SECRET_PATH.test(path) ? `${type}:${path} = '${maskValue(value)}'` : all,
  );
  return clip(masked.replace(/\s+/g, ' '), 160);
}

/** Where an intel item points: the first IP (for sourceIp) and the first domain, URL, IP range or hash (for target). */
interface Pointers {
  ip: string | null;
  target: string | null;
}

const IP = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]+)$/i;

function pointersOf(pairs: { objectType: string; path: string; value: string }[]): Pointers {
  let ip: string | null = null;
  let target: string | null = null;
  for (const { objectType, path, value } of pairs) {
    const isAddress = objectType === 'ipv4-addr' || objectType === 'ipv6-addr';
    if (isAddress && ip === null && IP.test(value)) ip = value;
    const pointing = isAddress || objectType === 'domain-name' || objectType === 'url' || (objectType === 'file' && path.startsWith('hashes')) || objectType === 'email-addr';
    if (target === null && pointing && nhiIdentifier(value) === null) target = clip(value, 200);
  }
  return { ip, target };
}

// ---------------------------------------------------------------------------------------------------------------
// Normalizing one object

function toSignal(record: RawRecord, file: string): ParsedSignal | null {
  const where = record.line === null ? `object ${record.index + 1}` : `object ${record.index + 1} (line ${record.line})`;
  const object = requireObject(record.value, where, file);
  const context = contexts.get(object) ?? { byId: new Map<string, Json>() };
  switch (object.type) {
    case 'indicator':
      return indicatorSignal(object, where, file);
    case 'observed-data':
      return observedSignal(object, context, where, file);
    case 'sighting':
      return sightingSignal(object, context, where, file);
    default:
      return null;
  }
}

function indicatorSignal(object: Json, where: string, file: string): ParsedSignal {
  const pattern = str(object.pattern) ?? '';
  const name = str(object.name);
  const groups = [...patternGroups(pattern), ...optional(groupOf(customStrings(object), 'the indicator\'s custom properties'))];
  const facts = actorOf(groups);
  const pointers = pointersOf(expressionsOf(pattern).flatMap(comparisonsOf));
  const shown = pattern === '' ? '' : `: ${displayPattern(pattern)}`;
  const kinds = strings(object.indicator_types).concat(strings(object.labels)).slice(0, 3);
  const typeNote = kinds.length === 0 ? '' : ` (${kinds.join(', ')})`;
  const summary = `Indicator${name === null ? '' : ` "${clip(name, 100)}"`}${typeNote}${shown}${othersNote(facts.others)}`;
  return intelSignal(object, 'intel:indicator', timeOf(object, ['valid_from', 'created'], where, file), facts, pointers, summary);
}

function observedSignal(object: Json, context: BundleContext, where: string, file: string): ParsedSignal {
  const scos = observedObjects(object, context);
  const groups = scos.flatMap((sco) => optional(groupOf(scoStrings(sco), `observed ${str(sco.type) ?? 'object'} ${str(sco.id) ?? ''}`.trim())));
  groups.push(...optional(groupOf(customStrings(object), 'the observed data\'s custom properties')));
  const facts = actorOf(groups);
  const pointers = pointersOf(scos.map((sco) => ({ objectType: str(sco.type) ?? '', path: sco.hashes !== undefined ? 'hashes' : 'value', value: scoValue(sco) })));
  const count = typeof object.number_observed === 'number' ? object.number_observed : 1;
  const listed = scos.slice(0, 4).map((sco) => `${str(sco.type) ?? '?'} ${clip(maskKeys(scoValue(sco)), 80)}`);
  const more = scos.length > 4 ? ` (+${scos.length - 4} more)` : '';
  const summary = `Observed ${count}×: ${listed.length === 0 ? 'no resolvable objects' : listed.join(', ')}${more}${othersNote(facts.others)}`;
  return intelSignal(object, 'intel:observed-data', timeOf(object, ['first_observed', 'created'], where, file), facts, pointers, summary);
}

function sightingSignal(object: Json, context: BundleContext, where: string, file: string): ParsedSignal {
  const sighted = context.byId.get(str(object.sighting_of_ref) ?? '');
  const pattern = str(sighted?.pattern) ?? '';
  const refs = strings(object.observed_data_refs).map((id) => context.byId.get(id)).filter(isObject);
  const scos = refs.flatMap((observed) => observedObjects(observed, context));
  const groups = [
    ...patternGroups(pattern),
    ...scos.flatMap((sco) => optional(groupOf(scoStrings(sco), `observed ${str(sco.type) ?? 'object'} ${str(sco.id) ?? ''}`.trim()))),
    ...optional(groupOf(customStrings(object), 'the sighting\'s custom properties')),
  ];
  const facts = actorOf(groups);
  const pointers = pointersOf(expressionsOf(pattern).flatMap(comparisonsOf));
  const what = sighted === undefined ? (str(object.sighting_of_ref) ?? 'an unknown object') : `${str(sighted.type) ?? 'object'} "${clip(str(sighted.name) ?? str(sighted.id) ?? '?', 100)}"`;
  const places = strings(object.where_sighted_refs).map((id) => str(context.byId.get(id)?.name) ?? id).slice(0, 3);
  const count = typeof object.count === 'number' ? ` ${object.count}×` : '';
  const at = places.length === 0 ? '' : ` at ${places.map((p) => clip(p, 60)).join(', ')}`;
  const summary = `Sighting${count} of ${what}${at}${othersNote(facts.others)}`;
  return intelSignal(object, 'intel:sighting', timeOf(object, ['first_seen', 'created'], where, file), facts, pointers, summary);
}

function intelSignal(object: Json, action: string, time: string, facts: ReturnType<typeof actorOf>, pointers: Pointers, summary: string): ParsedSignal {
  const id = str(object.id) ?? '';
  const version = str(object.modified) ?? str(object.created);
  return {
    time,
    source: SOURCE_ID,
    action,
    outcome: 'unknown',
    errorCode: null,
    actor: facts.actor,
    target: pointers.target,
    sourceIp: pointers.ip,
    region: null,
    userAgent: null,
    summary: maskKeys(clip(summary, 400)),
    severity: severityOf(object.confidence),
    // A STIX object is identified by its id; each new version carries a new `modified`.
    dedupeKey: id === '' ? `sha256:${createHash('sha256').update(canonicalJson(object)).digest('hex')}` : version === null ? id : `${id}@${version}`,
    links: facts.links,
    relations: [],
  };
}

// object_refs point at observables elsewhere in the bundle (STIX 2.1); 2.0 embedded them under "objects".
function observedObjects(object: Json, context: BundleContext): Json[] {
  const refs = strings(object.object_refs).map((id) => context.byId.get(id)).filter(isObject);
  const embedded = isObject(object.objects) ? Object.values(object.objects).filter(isObject) : [];
  return [...refs, ...embedded].slice(0, 500);
}

function scoValue(sco: Json): string {
  const hashes = asObject(sco.hashes);
  const hash = hashes === null ? null : Object.values(hashes).find((v): v is string => typeof v === 'string');
  return str(sco.value) ?? str(sco.user_id) ?? str(sco.account_login) ?? hash ?? str(sco.name) ?? str(sco.id) ?? '?';
}

// STIX confidence is 0–100; intel alone never makes a critical.
function severityOf(confidence: unknown): Severity | null {
  if (typeof confidence !== 'number' || !Number.isFinite(confidence)) return null;
  if (confidence >= 75) return 'high';
  if (confidence >= 40) return 'medium';
  return 'low';
}

function othersNote(others: number): string {
  return others === 0 ? '' : ` (also names ${others} other identifier${others === 1 ? '' : 's'})`;
}

function requireObject(value: unknown, where: string, file: string): Json {
  if (isStixObject(value)) return value;
  throw new WorkbenchError('BAD_INPUT', `${file}: ${where} is not a STIX object: it needs a type and an id of the form <type>--<uuid>`, {
    file,
    record: where,
    hint: MALFORMED_HINT,
  });
}

function timeOf(object: Json, fields: string[], where: string, file: string): string {
  for (const field of fields) {
    const raw = str(object[field]);
    const time = raw === null || raw.length > 64 ? null : new Date(raw);
    if (time !== null && !Number.isNaN(time.getTime())) return time.toISOString();
  }
  throw new WorkbenchError('BAD_INPUT', `${file}: ${where} (${str(object.type) ?? '?'}) has no usable ${fields.join(' or ')}`, { file, record: where, hint: MALFORMED_HINT });
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown): Json | null {
  return isObject(value) ? value : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function optional<T>(value: T | null): T[] {
  return value === null ? [] : [value];
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function maskKey(key: string): string {
  return `${key.slice(0, 4)}…${key.slice(-4)}`;
}

function maskKeys(text: string): string {
  return text.replace(KEY_IN_TEXT, (key) => maskKey(key));
}

/** The STIX 2.x parser: indicators, observed data and sightings as intel signals tied to the NHIs they name. */
export const stix: FormatParser = {
  id: SOURCE_ID,
  label: 'STIX 2.x threat intelligence',
  detect: (sample) => detectStix(sample),
  records: (source) => readRecords(source),
  toSignal: (record, fileName) => toSignal(record, fileName),
};
