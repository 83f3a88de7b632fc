// Kubernetes audit logs (audit.k8s.io/v1 and v1beta1 `Event`): the log backend's one-event-per-line files, JSON
// arrays, `EventList` documents and single events. A service account is named `k8s.sa:<namespace>/<name>` and the
// bound token it used (`credential-id`) is linked to it; anonymous and control-plane users stay unnamed so they can
// never glue unrelated requests into one identity.
import type { Identifier, IdentityKind } from '../../../../shared/schemas';
import { WorkbenchError } from '../../../../shared/errors';
import type { FormatParser, ParsedActor, ParsedLink, ParsedRelation, ParsedSignal, RawRecord } from '../types';
import {
  asObject,
  badRecord,
  clip,
  isObject,
  isoTime,
  type Json,
  place,
  readJsonRecords,
  sampleHead,
  str,
  typeName,
} from './json-records';

const SOURCE_ID = 'k8s.audit';

const NOT_AUDIT_HINT =
  'Expected a Kubernetes audit log (audit.k8s.io/v1 or v1beta1 Event objects): the log backend\'s file with one ' +
  'event per line, a JSON array of events, or an EventList. Choose the right format for this file or leave it out.';
const MALFORMED_HINT =
  'Every audit Event has kind "Event", an auditID, a verb and a timestamp. The record may have been altered by an ' +
  'export tool; compare it with the API server\'s audit log.';

// ---------------------------------------------------------------------------------------------------------------
// Detection

const AUDIT_API = /"apiVersion"\s*:\s*"audit\.k8s\.io\/v1(?:beta1)?"/;
const EVENT_KIND = /"kind"\s*:\s*"Event"/;
const AUDIT_ID = /"auditID"\s*:\s*"/;
const VERB = /"verb"\s*:\s*"/;

/** True when the start of a text looks like Kubernetes audit events in any shape this parser reads. */
function detectAudit(sample: string): boolean {
  const head = sampleHead(sample);
  if (!head.startsWith('{') && !head.startsWith('[')) return false;
  // Older or hand-exported events omit apiVersion; kind, auditID and verb together are still unmistakable.
  const eventShape = AUDIT_ID.test(head) && VERB.test(head);
  return (AUDIT_API.test(head) && (eventShape || /"kind"\s*:\s*"EventList"/.test(head))) || (EVENT_KIND.test(head) && eventShape);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading records

function shapeOf(doc: unknown): { items: unknown[]; key: string | null; single?: boolean } | null {
  if (Array.isArray(doc)) return { items: doc, key: null };
  if (!isObject(doc)) return null;
  if (doc.kind === 'EventList' && Array.isArray(doc.items)) return { items: doc.items, key: 'items' };
  return { items: [doc], key: null, single: true };
}

function isEvent(value: unknown): boolean {
  if (!isObject(value)) return false;
  const kindOk = value.kind === 'Event' || value.kind === undefined;
  return kindOk && str(value.auditID) !== null && str(value.verb) !== null;
}

function notAudit(file: string, where: string, value?: unknown): WorkbenchError {
  const why = value === undefined ? '' : `: ${whyNotEvent(value)}`;
  return new WorkbenchError('BAD_INPUT', `${file} is JSON but not a Kubernetes audit log: ${where} is not an audit Event${why}`, {
    file,
    record: where,
    hint: NOT_AUDIT_HINT,
  });
}

function whyNotEvent(value: unknown): string {
  if (!isObject(value)) return `it is ${typeName(value)}, not an object`;
  if (value.kind !== undefined && value.kind !== 'Event') return `its "kind" is ${clip(JSON.stringify(value.kind) ?? '?', 40)}, not "Event"`;
  if (str(value.auditID) === null) return 'it has no auditID';
  return 'it has no verb';
}

function* readRecords(source: Parameters<FormatParser['records']>[0]): Generator<RawRecord> {
  let first: unknown;
  yield* readJsonRecords(source, {
    shapeOf,
    accepts: (value) => {
      first = value;
      return isEvent(value);
    },
    refuse: (where) => notAudit(source.name, where, first),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Who acted

interface ActorFacts {
  actor: ParsedActor;
  links: ParsedLink[];
  /** How the summary names the actor, e.g. `sa/ci/deployer (pod deployer-7d9f)`. */
  phrase: string;
}

const SA_PREFIX = 'system:serviceaccount:';
// Shared principals: every unauthenticated caller, and control-plane components that exist once per cluster under
// the same name in every cluster. Naming them would merge unrelated requests (and clusters) into one identity.
const GENERIC_USERS = new Set(['system:anonymous', 'system:unauthenticated', 'system:apiserver']);
const COMPONENT_USER = /^system:kube-[a-z-]+$/;

const POD_NAME = 'authentication.kubernetes.io/pod-name';
const CREDENTIAL_ID = 'authentication.kubernetes.io/credential-id';

/** The identifier, kind and label of a Kubernetes username, or null for shared principals that must not be named. */
function userIdentity(username: string): { id: Identifier; kind: IdentityKind; label: string } | null {
  if (GENERIC_USERS.has(username) || COMPONENT_USER.test(username)) return null;
  if (username.startsWith(SA_PREFIX)) {
    const [namespace, ...rest] = username.slice(SA_PREFIX.length).split(':');
    const name = rest.join(':');
    if (namespace === undefined || namespace === '' || name === '') return null;
    return { id: { type: 'k8s.sa', value: `${namespace}/${name}` }, kind: 'k8s.service-account', label: `sa/${namespace}/${name}` };
  }
  return { id: { type: 'k8s.user', value: username }, kind: 'k8s.user', label: `user/${username}` };
}

function describeUser(user: Json | null): ActorFacts {
  const username = str(user?.username);
  if (username === null) return unnamed('unknown');
  const identity = userIdentity(username);
  if (identity === null) return unnamed(username);
  const extra = asObject(user?.extra);
  const pod = firstString(extra?.[POD_NAME]);
  const credential = firstString(extra?.[CREDENTIAL_ID]);
  const identifiers: Identifier[] = [identity.id];
  const links: ParsedLink[] = [];
  if (credential !== null) {
    const token: Identifier = { type: 'k8s.token', value: credential };
    identifiers.push(token);
    links.push({ a: token, b: identity.id, reason: `${identity.label} authenticated with credential ${credential} in this record` });
  }
  const details = [pod === null ? null : `pod ${pod}`].filter((d): d is string => d !== null);
  const phrase = details.length === 0 ? identity.label : `${identity.label} (${details.join(', ')})`;
  return { actor: { label: identity.label, kind: identity.kind, primary: identity.id, identifiers }, links, phrase };
}

// The label keeps the username so an analyst still sees who it was; only linking is withheld.
function unnamed(username: string): ActorFacts {
  return { actor: { label: username, kind: username === 'unknown' ? 'unknown' : 'k8s.user', primary: null, identifiers: [] }, links: [], phrase: username };
}

function impersonation(caller: ActorFacts, event: Json): { relations: ParsedRelation[]; phrase: string | null } {
  const username = str(asObject(event.impersonatedUser)?.username);
  if (username === null) return { relations: [], phrase: null };
  const target = userIdentity(username);
  const from = caller.actor.primary;
  const relations = from !== null && target !== null ? [{ from, to: target.id, relation: 'impersonated' }] : [];
  return { relations, phrase: target?.label ?? username };
}

function firstString(value: unknown): string | null {
  if (Array.isArray(value)) return str(value[0]);
  return str(value);
}

// ---------------------------------------------------------------------------------------------------------------
// What was done, to what

interface ObjectFacts {
  resource: string | null;
  namespace: string | null;
  name: string | null;
  subresource: string | null;
}

function objectOf(event: Json): ObjectFacts {
  const ref = asObject(event.objectRef);
  return { resource: str(ref?.resource), namespace: str(ref?.namespace), name: str(ref?.name), subresource: str(ref?.subresource) };
}

function actionOf(verb: string, object: ObjectFacts, event: Json): string {
  if (object.resource === null) return `${verb} ${uriPath(event) ?? '?'}`;
  return object.subresource === null ? `${verb} ${object.resource}` : `${verb} ${object.resource}/${object.subresource}`;
}

// `default/secrets/db-password`, `namespaces/foo`, `default/pods/web-1/exec`; non-resource requests by their path.
function targetOf(object: ObjectFacts, event: Json): string | null {
  if (object.resource === null) return uriPath(event);
  const parts = [object.namespace, object.resource, object.name, object.subresource].filter((p): p is string => p !== null);
  return clip(parts.join('/'), 200);
}

// The query string is dropped: it can carry anything a client put there.
function uriPath(event: Json): string | null {
  const uri = str(event.requestURI);
  return uri === null ? null : clip(uri.split('?')[0] ?? uri, 200);
}

interface Outcome {
  outcome: 'success' | 'failure' | 'unknown';
  errorCode: string | null;
}

function outcomeOf(event: Json): Outcome {
  const status = asObject(event.responseStatus);
  const code = typeof status?.code === 'number' ? status.code : null;
  if (code !== null && code >= 400) return { outcome: 'failure', errorCode: str(status?.reason) ?? String(code) };
  if (code !== null) return { outcome: 'success', errorCode: null };
  const decision = str(asObject(event.annotations)?.['authorization.k8s.io/decision']);
  if (decision === 'forbid') return { outcome: 'failure', errorCode: 'Forbidden' };
  return { outcome: 'unknown', errorCode: null };
}

const READ_VERBS = new Set(['get', 'list', 'watch']);

function summaryOf(caller: ActorFacts, verb: string, object: ObjectFacts, event: Json, target: string | null, result: Outcome, as: string | null): string {
  const who = as === null ? caller.phrase : `${caller.phrase} as ${as}`;
  const ip = firstString(event.sourceIPs);
  const from = ip === null ? '' : ` from ${ip}`;
  const failed = result.outcome === 'failure' ? ` — denied (${result.errorCode ?? 'failed'})` : '';
  const secrets = object.resource === 'secrets' && object.subresource === null && READ_VERBS.has(verb);
  const what = secrets ? secretRead(verb, object) : `${actionOf(verb, object, event)}${target === null ? '' : ` on ${target}`}`;
  return `${who} ${what}${from}${failed}`;
}

// Reading a secret hands its value to the caller, so the summary says so in plain words.
function secretRead(verb: string, object: ObjectFacts): string {
  if (verb === 'get' && object.name !== null) return `read secret ${object.namespace === null ? '' : `${object.namespace}/`}${object.name}`;
  const scope = object.namespace === null ? 'in all namespaces' : `in namespace ${object.namespace}`;
  return verb === 'watch' ? `watched secrets ${scope}` : `listed secrets ${scope}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Normalizing one record

function toSignal(record: RawRecord, file: string): ParsedSignal | null {
  const where = place(record.index, record.line);
  const event = requireEvent(record.value, where, file);
  // RequestReceived never carries an outcome and the API server writes a later stage (ResponseStarted,
  // ResponseComplete or Panic) under the same auditID; keeping it would only add an "unknown" twin of that request.
  if (event.stage === 'RequestReceived') return null;
  const verb = str(event.verb) ?? '';
  const caller = describeUser(asObject(event.user));
  const as = impersonation(caller, event);
  const object = objectOf(event);
  const target = targetOf(object, event);
  const result = outcomeOf(event);
  return {
    time: timeOf(event, where, file),
    source: SOURCE_ID,
    action: actionOf(verb, object, event),
    outcome: result.outcome,
    errorCode: result.errorCode,
    actor: caller.actor,
    target,
    sourceIp: firstString(event.sourceIPs),
    region: null,
    userAgent: str(event.userAgent),
    summary: summaryOf(caller, verb, object, event, target, result, as.phrase),
    // One signal per request: every stage of a request shares its auditID, so the auditID alone is the key.
    dedupeKey: str(event.auditID) ?? '',
    links: caller.links,
    relations: as.relations,
  };
}

function requireEvent(value: unknown, where: string, file: string): Json {
  if (isEvent(value)) return value as Json;
  throw badRecord(file, where, `is not a usable Kubernetes audit Event: ${whyNotEvent(value)}`, MALFORMED_HINT);
}

// requestReceivedTimestamp is when the request arrived (v1); v1beta1 events also carry `timestamp`.
function timeOf(event: Json, where: string, file: string): string {
  const candidates = [event.requestReceivedTimestamp, event.stageTimestamp, event.timestamp, asObject(event.metadata)?.creationTimestamp];
  for (const candidate of candidates) {
    const time = isoTime(candidate);
    if (time !== null) return time;
  }
  throw badRecord(file, where, 'has no requestReceivedTimestamp, stageTimestamp or timestamp that is a date', MALFORMED_HINT);
}

/** The Kubernetes audit log parser: audit.k8s.io Events as NDJSON, arrays, EventLists or single events. */
export const k8sAudit: FormatParser = {
  id: SOURCE_ID,
  label: 'Kubernetes audit log',
  detect: (sample) => detectAudit(sample),
  records: (source) => readRecords(source),
  toSignal: (record, fileName) => toSignal(record, fileName),
};
