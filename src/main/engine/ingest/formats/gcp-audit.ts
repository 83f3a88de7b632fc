// GCP Cloud Audit Logs: Cloud Logging LogEntry objects whose protoPayload is an AuditLog, as NDJSON (exports to
// Cloud Storage, `bq extract` of a BigQuery sink), a JSON array (`gcloud logging read --format=json`) or an
// entries.list response ({"entries":[…]}). A service account, the key it authenticated with and the principals that
// impersonated it are named so that keys resolve to their account, while impersonation stays a relation.
import { WorkbenchError } from '../../../../shared/errors';
import type { Identifier, IdentityKind, Severity } from '../../../../shared/schemas';
import { redactText } from '../redact';
import { asObject, clip, contentKey, type DocumentShape, isObject, type Json, place, readJsonRecords, sampleHead, str, typeName } from './json-records';
import type { EvidenceSource, FormatParser, ParsedActor, ParsedLink, ParsedRelation, ParsedSignal, RawRecord } from '../types';

const SOURCE_ID = 'gcp.audit';

const NOT_GCP_HINT =
  'Expected GCP Cloud Audit Logs: Cloud Logging entries with a protoPayload of type google.cloud.audit.AuditLog, as ' +
  'NDJSON (a Cloud Storage or BigQuery export), a JSON array (`gcloud logging read --format=json`) or an ' +
  'entries.list response ({"entries":[…]}). Choose the right format for this file or leave it out of the bundle.';
const MALFORMED_HINT =
  'Every Cloud Logging entry has a timestamp, and an audit entry has a protoPayload with a methodName. The record ' +
  'may have been altered by an export tool; compare it with the original log.';

// ---------------------------------------------------------------------------------------------------------------
// Detection

const AUDIT_TYPE_MARK = /"@type"\s*:\s*"type\.googleapis\.com\/google\.cloud\.audit\.AuditLog"/;
const PAYLOAD_MARK = /"(?:protoPayload|protopayload_auditlog)"\s*:\s*\{/;
const METHOD_MARK = /"methodName"\s*:\s*"/;
const ENTRY_MARK = /"(?:logName|insertId)"\s*:\s*"/;

/** True when the start of a text looks like Cloud Logging audit entries. */
function detectGcpAudit(sample: string): boolean {
  const head = sampleHead(sample);
  if (!head.startsWith('{') && !head.startsWith('[')) return false;
  if (!PAYLOAD_MARK.test(head) || !ENTRY_MARK.test(head)) return false;
  return AUDIT_TYPE_MARK.test(head) || METHOD_MARK.test(head);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading records

const CONTAINER_KEYS = ['entries'] as const;

function readRecords(source: EvidenceSource): Iterable<RawRecord> {
  return readJsonRecords(source, { shapeOf, accepts: isLogEntry, refuse: (where) => notGcp(source.name, where) });
}

// Where the records sit in a whole document: the array itself, an array under a container key, or one record.
function shapeOf(doc: unknown): DocumentShape | null {
  if (Array.isArray(doc)) return { items: doc, key: null };
  if (!isObject(doc)) return null;
  for (const key of CONTAINER_KEYS) {
    const items = doc[key];
    if (Array.isArray(items)) return { items, key };
  }
  return isLogEntry(doc) ? { items: [doc], key: null, single: true } : null;
}

// Any Cloud Logging entry: audit entries become signals, other payloads (text, JSON) are skipped by toSignal.
function isLogEntry(value: unknown): value is Json {
  if (!isObject(value)) return false;
  const hasPayload = isObject(payloadOf(value)) || 'jsonPayload' in value || 'textPayload' in value;
  return hasPayload && (str(value.logName) !== null || str(value.insertId) !== null);
}

function payloadOf(entry: Json): Json | null {
  return asObject(entry.protoPayload) ?? asObject(entry.protopayload_auditlog);
}

function notGcp(file: string, where: string): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${file} is JSON but not GCP Cloud Audit Logs: ${where} is not a Cloud Logging entry`, {
    file,
    record: where,
    hint: NOT_GCP_HINT,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Who acted

interface Caller {
  actor: ParsedActor;
  links: ParsedLink[];
  relations: ParsedRelation[];
}

const SA_SUFFIX = '.iam.gserviceaccount.com';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const K8S_SA = /^system:serviceaccount:([^:]+):([^:]+)$/;

// One principal named by an email or a principalSubject, typed so it resolves with other sources.
interface Principal {
  id: Identifier;
  kind: IdentityKind;
  label: string;
}

function principalFromEmail(email: string): Principal | null {
  const k8s = K8S_SA.exec(email);
  if (k8s !== null) {
    const value = `${k8s[1] ?? ''}/${k8s[2] ?? ''}`;
    return { id: { type: 'k8s.sa', value }, kind: 'k8s.service-account', label: `k8s-sa/${value}` };
  }
  // Other system: names (system:anonymous, system:kube-scheduler…) exist in every cluster: never an identifier.
  if (!EMAIL.test(email)) return null;
  const lower = email.toLowerCase();
  if (lower.endsWith(SA_SUFFIX)) return { id: { type: 'gcp.sa', value: lower }, kind: 'gcp.service-account', label: `sa/${lower}` };
  return { id: { type: 'gcp.user', value: lower }, kind: 'gcp.user', label: `user/${lower}` };
}

// principalSubject: "user:x", "serviceAccount:x", or a federated "principal://…" naming one external subject.
function principalFromSubject(subject: string): Principal | null {
  const match = /^(user|serviceAccount):(.+)$/.exec(subject);
  if (match?.[2] !== undefined) return principalFromEmail(match[2]);
  if (subject.startsWith('principal://')) {
    return { id: { type: 'gcp.principal', value: subject }, kind: 'unknown', label: `federated/${lastPart(subject)}` };
  }
  return null;
}

function describeCaller(payload: Json): Caller {
  const auth = asObject(payload.authenticationInfo);
  const email = str(auth?.principalEmail);
  const subject = str(auth?.principalSubject);
  const principal = (email === null ? null : principalFromEmail(email)) ?? (subject === null ? null : principalFromSubject(subject));
  const relations = delegationRelations(auth, principal);
  if (principal === null) {
    const label = email ?? subject ?? 'unknown';
    return { actor: { label: clip(label, 120), kind: 'unknown', primary: null, identifiers: [] }, links: [], relations };
  }
  const identifiers = [principal.id];
  const links: ParsedLink[] = [];
  const key = serviceAccountKey(str(auth?.serviceAccountKeyName));
  if (key !== null && key.account === principal.id.value) {
    identifiers.push(key.id);
    links.push({ a: key.id, b: principal.id, reason: `${principal.label} authenticated with its key ${key.id.value} in this record` });
  }
  return { actor: { label: principal.label, kind: principal.kind, primary: principal.id, identifiers }, links, relations };
}

// The delegation list runs from the original caller to the last intermediary; the authenticated principal comes
// after it. Each hop is a distinct identity acting through the next, so it is a relation, never a link.
function delegationRelations(auth: Json | null, principal: Principal | null): ParsedRelation[] {
  const chain = Array.isArray(auth?.serviceAccountDelegationInfo) ? auth.serviceAccountDelegationInfo : [];
  const hops: Identifier[] = [];
  for (const item of chain) {
    const entry = asObject(item);
    const first = str(asObject(entry?.firstPartyPrincipal)?.principalEmail);
    const subject = str(entry?.principalSubject);
    const hop = (first === null ? null : principalFromEmail(first)) ?? (subject === null ? null : principalFromSubject(subject));
    if (hop !== null) hops.push(hop.id);
  }
  if (principal !== null) hops.push(principal.id);
  const relations: ParsedRelation[] = [];
  for (let i = 1; i < hops.length; i++) {
    const from = hops[i - 1];
    const to = hops[i];
    if (from !== undefined && to !== undefined && !sameId(from, to)) relations.push({ from, to, relation: 'impersonated' });
  }
  return relations;
}

// "//iam.googleapis.com/projects/p/serviceAccounts/sa@p.iam.gserviceaccount.com/keys/<id>" (or the same without
// the service prefix, as CreateServiceAccountKey responses name it). The key id is globally unique and is the
// private_key_id of a leaked key file, so it alone is the identifier.
function serviceAccountKey(name: string | null): { id: Identifier; account: string } | null {
  const match = name === null ? null : /serviceAccounts\/([^/]+)\/keys\/([0-9a-fA-F]{16,64})$/.exec(name);
  if (match?.[1] === undefined || match[2] === undefined) return null;
  return { id: { type: 'gcp.sa_key', value: match[2].toLowerCase() }, account: match[1].toLowerCase() };
}

// ---------------------------------------------------------------------------------------------------------------
// Calls that mint credentials or act as another service account

interface Effects {
  links: ParsedLink[];
  relations: ParsedRelation[];
}

// IAM Credentials calls by one principal that mint tokens or signatures as a service account.
const TOKEN_METHODS = new Map([
  ['GenerateAccessToken', 'generated access token for'],
  ['GenerateIdToken', 'generated ID token for'],
  ['SignBlob', 'signed blob as'],
  ['SignJwt', 'signed JWT as'],
]);

function effectsOf(payload: Json, caller: Caller, failed: boolean): Effects {
  const method = str(payload.methodName) ?? '';
  const short = method.split('.').pop() ?? method;
  const account = accountInResource(str(payload.resourceName));
  const from = caller.actor.primary;
  if (short === 'CreateServiceAccountKey') return createdKey(payload, caller, account, failed);
  if (account === null || from === null || sameId(from, account.id)) return { links: [], relations: [] };
  const tokenRelation = TOKEN_METHODS.get(short);
  if (tokenRelation !== undefined) return { links: [], relations: [{ from, to: account.id, relation: failed ? 'tried to impersonate' : tokenRelation }] };
  if (short === 'CreateServiceAccount' && !failed) return { links: [], relations: [{ from, to: account.id, relation: 'created service account' }] };
  if (short === 'SetIamPolicy' && !failed) return { links: [], relations: [{ from, to: account.id, relation: 'changed IAM policy of' }] };
  return { links: [], relations: [] };
}

function createdKey(payload: Json, caller: Caller, account: Principal | null, failed: boolean): Effects {
  const key = serviceAccountKey(str(asObject(payload.response)?.name));
  const owner = key === null ? account : principalFromEmail(key.account);
  const links: ParsedLink[] = [];
  if (key !== null && owner !== null && !failed) {
    links.push({ a: key.id, b: owner.id, reason: `CreateServiceAccountKey by ${caller.actor.label} created key ${key.id.value} for ${owner.label}` });
  }
  const from = caller.actor.primary;
  const relations = from === null || owner === null || sameId(from, owner.id) ? [] : [{ from, to: owner.id, relation: failed ? 'tried to create key for' : 'created key for' }];
  return { links, relations };
}

// "projects/-/serviceAccounts/x@p.iam.gserviceaccount.com[/keys/…]" names the account acted on.
function accountInResource(resource: string | null): Principal | null {
  const match = resource === null ? null : /serviceAccounts\/([^/]+@[^/]+)/.exec(resource);
  return match?.[1] === undefined ? null : principalFromEmail(match[1]);
}

// ---------------------------------------------------------------------------------------------------------------
// Outcome, severity, place

const GRPC_CODES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

// status.code is a google.rpc.Code number (a string in BigQuery exports); absent or 0 means the call succeeded.
function failureOf(payload: Json): string | null {
  const status = asObject(payload.status);
  const raw = status?.code;
  const code = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : 0;
  if (code === 0) return null;
  return GRPC_CODES[code] ?? `code ${code}`;
}

function severityOf(entry: Json): Severity | null {
  switch (str(entry.severity)?.toUpperCase()) {
    case 'DEFAULT':
    case 'DEBUG':
    case 'INFO':
    case 'NOTICE':
      return 'low';
    case 'WARNING':
      return 'medium';
    case 'ERROR':
      return 'high';
    case 'CRITICAL':
    case 'ALERT':
    case 'EMERGENCY':
      return 'critical';
    default:
      return null;
  }
}

function regionOf(entry: Json, payload: Json): string | null {
  const labels = asObject(asObject(entry.resource)?.labels);
  const labelled = str(labels?.location) ?? str(labels?.zone) ?? str(labels?.region);
  if (labelled !== null) return labelled;
  const current = asObject(payload.resourceLocation)?.currentLocations;
  return Array.isArray(current) ? str(current[0]) : null;
}

function actionOf(payload: Json): string {
  const method = str(payload.methodName) ?? 'unknown';
  const service = str(payload.serviceName)?.replace(/\.googleapis\.com$/, '');
  return clip(service === undefined ? method : `${service}:${method}`, 200);
}

// ---------------------------------------------------------------------------------------------------------------
// Normalizing one record

function toSignal(record: RawRecord, file: string): ParsedSignal | null {
  const where = place(record.index, record.line);
  if (!isObject(record.value)) throw malformed(file, where, `it is ${typeName(record.value)}, not an object`);
  const entry = record.value;
  const payload = payloadOf(entry);
  // Entries with text or JSON payloads (application logs) carry no audited call.
  if (payload === null) {
    if (isLogEntry(entry)) return null;
    throw malformed(file, where, 'it is not a Cloud Logging entry');
  }
  if (str(payload.methodName) === null) throw malformed(file, where, 'its protoPayload has no methodName');
  const time = timeOf(entry, where, file);
  const failure = failureOf(payload);
  const caller = describeCaller(payload);
  const effects = effectsOf(payload, caller, failure !== null);
  const action = actionOf(payload);
  const target = str(payload.resourceName);
  const metadata = asObject(payload.requestMetadata);
  return {
    time,
    source: SOURCE_ID,
    action,
    outcome: failure === null ? 'success' : 'failure',
    errorCode: failure,
    actor: caller.actor,
    target: target === null ? null : clip(target, 300),
    sourceIp: str(metadata?.callerIp),
    region: regionOf(entry, payload),
    userAgent: nullableClip(str(metadata?.callerSuppliedUserAgent), 400),
    summary: summaryOf(caller.actor.label, action, target, failure),
    severity: severityOf(entry),
    dedupeKey: dedupeKeyOf(entry),
    links: [...caller.links, ...effects.links],
    relations: [...caller.relations, ...effects.relations],
  };
}

function summaryOf(who: string, action: string, target: string | null, failure: string | null): string {
  const on = target === null ? '' : ` on ${clip(target, 160)}`;
  const outcome = failure === null ? '' : ` — ${failure}`;
  return redactText(`${who} called ${action}${on}${outcome}`);
}

// insertId is unique only within one log and a short window, so it is qualified by the log and the time.
function dedupeKeyOf(entry: Json): string {
  const insertId = str(entry.insertId);
  if (insertId !== null) return `${str(entry.logName) ?? ''}|${str(entry.timestamp) ?? ''}|${insertId}`;
  return contentKey(entry);
}

// BigQuery exports write "2026-01-05 09:00:00.123456 UTC"; Cloud Logging writes RFC 3339.
function timeOf(entry: Json, where: string, file: string): string {
  const raw = str(entry.timestamp) ?? str(entry.receiveTimestamp);
  if (raw === null) throw malformed(file, where, 'it has no timestamp');
  const time = new Date(raw.replace(/^(\d{4}-\d\d-\d\d) (\d)/, '$1T$2').replace(/ UTC$/, 'Z'));
  if (Number.isNaN(time.getTime())) throw malformed(file, where, `its timestamp is not a date: ${clip(raw, 40)}`);
  return time.toISOString();
}

function malformed(file: string, where: string, problem: string): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${file}: ${where} is not a usable GCP audit log entry: ${problem}`, {
    file,
    record: where,
    hint: MALFORMED_HINT,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function nullableClip(text: string | null, max: number): string | null {
  return text === null ? null : clip(text, max);
}

function lastPart(text: string): string {
  return clip(text.split('/').pop() ?? text, 80);
}

function sameId(a: Identifier, b: Identifier): boolean {
  return a.type === b.type && a.value === b.value;
}

/** The GCP Cloud Audit Logs parser: Cloud Logging audit entries as NDJSON, arrays or entries.list responses. */
export const gcpAudit: FormatParser = {
  id: SOURCE_ID,
  label: 'GCP Cloud Audit Logs',
  detect: (sample) => detectGcpAudit(sample),
  records: (source) => readRecords(source),
  toSignal: (record, fileName) => toSignal(record, fileName),
};
