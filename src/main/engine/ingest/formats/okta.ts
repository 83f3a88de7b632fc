// Okta System Log: LogEvent objects as the /api/v1/logs API returns them (a JSON array) or one a line (NDJSON, as
// log collectors write them). Users, OAuth service apps and API tokens are named by their Okta ids; a request made
// with an API token names the token, tied to the user it acts as, and creating a token ties it to its owner.
import { WorkbenchError } from '../../../../shared/errors';
import type { Identifier, Outcome, Severity } from '../../../../shared/schemas';
import { redactText } from '../redact';
import { asObject, clip, contentKey, type DocumentShape, isObject, type Json, place, readJsonRecords, sampleHead, str, typeName } from './json-records';
import type { EvidenceSource, FormatParser, ParsedActor, ParsedLink, ParsedRelation, ParsedSignal, RawRecord } from '../types';

const SOURCE_ID = 'okta.system-log';

const NOT_OKTA_HINT =
  'Expected the Okta System Log: LogEvent objects (uuid, published, eventType, actor…) as a JSON array from ' +
  '/api/v1/logs or one event a line (NDJSON). Choose the right format for this file or leave it out of the bundle.';
const MALFORMED_HINT =
  'Every Okta System Log event has published and eventType. The record may have been altered by an export tool; ' +
  'compare it with the original log.';

// ---------------------------------------------------------------------------------------------------------------
// Detection

const EVENT_TYPE_MARK = /"eventType"\s*:\s*"[a-z0-9_]+(?:\.[a-z0-9_]+)+"/;
const PUBLISHED_MARK = /"published"\s*:\s*"/;
const ACTOR_MARK = /"actor"\s*:\s*\{/;

/** True when the start of a text looks like Okta System Log events. */
function detectOkta(sample: string): boolean {
  const head = sampleHead(sample);
  if (!head.startsWith('{') && !head.startsWith('[')) return false;
  return EVENT_TYPE_MARK.test(head) && PUBLISHED_MARK.test(head) && ACTOR_MARK.test(head);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading records

function readRecords(source: EvidenceSource): Iterable<RawRecord> {
  return readJsonRecords(source, { shapeOf, accepts: isOktaEvent, refuse: (where) => notOkta(source.name, where) });
}

// The API's array of events, or one event on its own.
function shapeOf(doc: unknown): DocumentShape | null {
  if (Array.isArray(doc)) return { items: doc, key: null };
  return isOktaEvent(doc) ? { items: [doc], key: null, single: true } : null;
}

function isOktaEvent(value: unknown): value is Json {
  return isObject(value) && str(value.eventType) !== null && str(value.published) !== null;
}

function notOkta(file: string, where: string): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${file} is JSON but not the Okta System Log: ${where} is not a System Log event`, {
    file,
    record: where,
    hint: NOT_OKTA_HINT,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Who acted

interface Actor {
  actor: ParsedActor;
  links: ParsedLink[];
}

// Okta ids: 00u… users, 0oa… apps, 00T… API tokens, and so on; always letters and digits.
const OKTA_ID = /^[0-9A-Za-z]{10,40}$/;
// Okta's own system principal acts for every org: naming it would glue unrelated events.
const GENERIC_ACTORS = new Set(['system@okta.com', 'unknown', 'anonymous']);

function describeActor(event: Json): Actor {
  const actor = asObject(event.actor);
  const type = str(actor?.type) ?? 'unknown';
  const id = oktaId(actor?.id);
  const alternate = str(actor?.alternateId);
  const display = str(actor?.displayName);
  const name = safe(alternate ?? display ?? id ?? 'unknown', 120);
  if (id === null || type === 'SystemPrincipal' || (alternate !== null && GENERIC_ACTORS.has(alternate.toLowerCase()))) {
    return { actor: { label: `${type.toLowerCase()}/${name}`, kind: 'unknown', primary: null, identifiers: [] }, links: [] };
  }
  if (type === 'User') return userActor(event, id, name);
  if (type === 'PublicClientApp' || type === 'AppInstance' || type === 'Client') {
    const app = { type: 'okta.app', value: id };
    return { actor: { label: `app/${safe(display ?? alternate ?? id, 120)}`, kind: 'okta.app', primary: app, identifiers: [app] }, links: [] };
  }
  return { actor: { label: `${type.toLowerCase()}/${name}`, kind: 'unknown', primary: null, identifiers: [] }, links: [] };
}

// A request authenticated with an API token names it in transaction.detail.requestApiTokenId: the token acts,
// with its owner's rights, so the token is the actor and is tied to that user.
function userActor(event: Json, userId: string, name: string): Actor {
  const user = { type: 'okta.user', value: userId };
  const tokenId = oktaId(asObject(asObject(event.transaction)?.detail)?.requestApiTokenId);
  if (tokenId === null) return { actor: { label: `user/${name}`, kind: 'okta.user', primary: user, identifiers: [user] }, links: [] };
  const token = { type: 'api_key.id', value: tokenId };
  const label = `api-token/${tokenId} (user ${name})`;
  return {
    actor: { label, kind: 'api-key', primary: token, identifiers: [token, user] },
    links: [{ a: user, b: token, reason: `API token ${tokenId} made this request as user ${name}` }],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Targets: relations to the users, apps and tokens acted on; a new API token is its creator's

interface TargetFacts {
  label: string | null;
  links: ParsedLink[];
  relations: ParsedRelation[];
}

const TARGET_TYPES: Readonly<Record<string, { type: string; noun: string }>> = {
  User: { type: 'okta.user', noun: 'user' },
  AppInstance: { type: 'okta.app', noun: 'app' },
  PublicClientApp: { type: 'okta.app', noun: 'app' },
  Token: { type: 'api_key.id', noun: 'api-token' },
};

function describeTargets(event: Json, actor: Actor, outcome: Outcome): TargetFacts {
  const targets = Array.isArray(event.target) ? event.target.filter(isObject) : [];
  const eventType = str(event.eventType) ?? '';
  const verb = safe((str(event.displayMessage) ?? eventType).toLowerCase(), 80);
  const from = actor.actor.primary;
  const links: ParsedLink[] = [];
  const relations: ParsedRelation[] = [];
  let label: string | null = null;
  for (const target of targets) {
    const type = str(target.type) ?? 'resource';
    const mapped = Object.hasOwn(TARGET_TYPES, type) ? TARGET_TYPES[type] : undefined;
    const id = oktaId(target.id);
    const name = safe(str(target.displayName) ?? str(target.alternateId) ?? id ?? '?', 120);
    label ??= `${mapped?.noun ?? type}/${name}`;
    if (mapped === undefined || id === null) continue;
    const ref = { type: mapped.type, value: id };
    // An API token belongs to the user who created it (and keeps that user's rights).
    if (eventType === 'system.api_token.create' && mapped.type === 'api_key.id' && outcome === 'success') {
      const owner = actor.actor.identifiers.find((i) => i.type === 'okta.user');
      if (owner !== undefined) links.push({ a: ref, b: owner, reason: `${actor.actor.label} created API token ${name} (${id})` });
      continue;
    }
    if (from !== null && !sameId(from, ref) && !actor.actor.identifiers.some((i) => sameId(i, ref))) {
      relations.push({ from, to: ref, relation: outcome === 'failure' ? `tried: ${verb}` : verb });
    }
  }
  return { label, links, relations };
}

// ---------------------------------------------------------------------------------------------------------------
// Outcome, severity, place

function outcomeOf(event: Json): Outcome {
  const result = str(asObject(event.outcome)?.result)?.toUpperCase();
  if (result === 'SUCCESS' || result === 'ALLOW') return 'success';
  if (result === 'FAILURE' || result === 'DENY') return 'failure';
  return 'unknown';
}

function severityOf(event: Json): Severity | null {
  switch (str(event.severity)?.toUpperCase()) {
    case 'DEBUG':
    case 'INFO':
      return 'low';
    case 'WARN':
      return 'medium';
    case 'ERROR':
      return 'high';
    default:
      return null;
  }
}

function placeOf(client: Json | null): string | null {
  const geo = asObject(client?.geographicalContext);
  const parts = [str(geo?.city), str(geo?.state), str(geo?.country)].filter((p): p is string => p !== null);
  return parts.length === 0 ? null : clip(parts.join(', '), 120);
}

// ---------------------------------------------------------------------------------------------------------------
// Normalizing one record

function toSignal(record: RawRecord, file: string): ParsedSignal | null {
  const where = place(record.index, record.line);
  if (!isObject(record.value)) throw malformed(file, where, `it is ${typeName(record.value)}, not an object`);
  const event = record.value;
  const eventType = str(event.eventType);
  if (eventType === null) throw malformed(file, where, 'it has no eventType');
  const time = timeOf(event, where, file);
  const actor = describeActor(event);
  const outcome = outcomeOf(event);
  const targets = describeTargets(event, actor, outcome);
  const client = asObject(event.client);
  // displayMessage and reasons are free text written by Okta and by apps: redact anything shaped like a secret.
  const rawReason = str(asObject(event.outcome)?.reason);
  const reason = rawReason === null ? null : safe(rawReason, 160);
  const message = safe(str(event.displayMessage) ?? eventType, 200);
  return {
    time,
    source: SOURCE_ID,
    action: clip(eventType, 200),
    outcome,
    errorCode: outcome === 'failure' ? reason : null,
    actor: actor.actor,
    target: targets.label,
    sourceIp: str(client?.ipAddress),
    region: placeOf(client),
    userAgent: nullableClip(str(asObject(client?.userAgent)?.rawUserAgent), 400),
    summary: summaryOf(actor.actor.label, message, targets.label, outcome, reason),
    severity: severityOf(event),
    dedupeKey: str(event.uuid) ?? contentKey(event),
    links: [...actor.links, ...targets.links],
    relations: targets.relations,
  };
}

function summaryOf(who: string, message: string, target: string | null, outcome: Outcome, reason: string | null): string {
  const on = target === null ? '' : ` on ${target}`;
  const result = outcome === 'failure' ? ` — failed${reason === null ? '' : `: ${clip(reason, 80)}`}` : '';
  return `${who}: ${message}${on}${result}`;
}

function timeOf(event: Json, where: string, file: string): string {
  const raw = str(event.published);
  if (raw === null) throw malformed(file, where, 'it has no published time');
  const time = new Date(raw);
  if (Number.isNaN(time.getTime())) throw malformed(file, where, `its published time is not a date: ${clip(raw, 40)}`);
  return time.toISOString();
}

function malformed(file: string, where: string, problem: string): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${file}: ${where} is not a usable Okta System Log event: ${problem}`, {
    file,
    record: where,
    hint: MALFORMED_HINT,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function oktaId(value: unknown): string | null {
  const text = str(value);
  return text !== null && OKTA_ID.test(text) ? text : null;
}

// Free text cut to a length, with anything shaped like a secret replaced first (a cut secret no longer matches).
function safe(text: string, max: number): string {
  return clip(redactText(text), max);
}

function nullableClip(text: string | null, max: number): string | null {
  return text === null ? null : clip(text, max);
}

function sameId(a: Identifier, b: Identifier): boolean {
  return a.type === b.type && a.value === b.value;
}

/** The Okta System Log parser: LogEvent arrays from the API and NDJSON from collectors. */
export const okta: FormatParser = {
  id: SOURCE_ID,
  label: 'Okta System Log',
  detect: (sample) => detectOkta(sample),
  records: (source) => readRecords(source),
  toSignal: (record, fileName) => toSignal(record, fileName),
};
