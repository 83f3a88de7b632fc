// Entra ID sign-in logs, users and workloads alike: the Graph API signIns response ({"value":[…]}, beta fields for
// service principal and managed identity sign-ins included), Log Analytics rows of SigninLogs,
// AADNonInteractiveUserSignInLogs, AADServicePrincipalSignInLogs and AADManagedIdentitySignInLogs, and the
// diagnostic-settings export (the sign-in under "properties"). A workload's sign-in ties its app id, its service
// principal and the credential it used into one identity; a user's sign-in never links the app they used.
import { WorkbenchError } from '../../../../shared/errors';
import type { Identifier, IdentityKind, Severity } from '../../../../shared/schemas';
import { redactText } from '../redact';
import { asObject, clip, contentKey, type DocumentShape, isObject, type Json, place, readJsonRecords, sampleHead, str, typeName } from './json-records';
import type { EvidenceSource, FormatParser, ParsedActor, ParsedLink, ParsedSignal, RawRecord } from '../types';
import { first, guid, parsedJson } from './azure-fields';

const SOURCE_ID = 'azure.entra-signin';

const NOT_SIGNIN_HINT =
  'Expected Entra ID sign-in logs: the Graph API signIns response ({"value":[…]}), Log Analytics rows of ' +
  'SigninLogs, AADNonInteractiveUserSignInLogs, AADServicePrincipalSignInLogs or AADManagedIdentitySignInLogs, or a ' +
  'diagnostic-settings export of those categories. Choose the right format for this file or leave it out.';
const MALFORMED_HINT =
  'Every sign-in has a time (createdDateTime or TimeGenerated) and names who signed in (a user principal name, an ' +
  'app id or a service principal id). The record may have been altered by an export tool; compare it with the original.';

// ---------------------------------------------------------------------------------------------------------------
// Detection

const TABLE_MARK = /"Type"\s*:\s*"(?:SigninLogs|AADNonInteractiveUserSignInLogs|AADServicePrincipalSignInLogs|AADManagedIdentitySignInLogs)"/;
const ANALYTICS_MARKS = [/"ResultType"\s*:/, /"AppId"\s*:/, /"(?:ServicePrincipalId|UserPrincipalName)"\s*:/, /"IPAddress"\s*:/];
const CATEGORY_MARK = /"category"\s*:\s*"(?:SignInLogs|NonInteractiveUserSignInLogs|ServicePrincipalSignInLogs|ManagedIdentitySignInLogs)"/;
const GRAPH_MARKS = [/"createdDateTime"\s*:\s*"/, /"appId"\s*:/, /"(?:ipAddress|servicePrincipalId)"\s*:/, /"errorCode"\s*:/];

/** True when the start of a text looks like Entra ID sign-in records in any shape this parser reads. */
function detectSignIn(sample: string): boolean {
  const head = sampleHead(sample);
  if (!head.startsWith('{') && !head.startsWith('[')) return false;
  if (TABLE_MARK.test(head) || CATEGORY_MARK.test(head)) return true;
  return ANALYTICS_MARKS.every((mark) => mark.test(head)) || GRAPH_MARKS.every((mark) => mark.test(head));
}

// ---------------------------------------------------------------------------------------------------------------
// Reading records

const CONTAINER_KEYS = ['value', 'records'] as const;

function readRecords(source: EvidenceSource): Iterable<RawRecord> {
  return readJsonRecords(source, { shapeOf, accepts: (value) => viewOf(value) !== null, refuse: (where) => notSignIn(source.name, where) });
}

// Where the records sit in a whole document: the array itself, an array under a container key, or one record.
function shapeOf(doc: unknown): DocumentShape | null {
  if (Array.isArray(doc)) return { items: doc, key: null };
  if (!isObject(doc)) return null;
  for (const key of CONTAINER_KEYS) {
    const items = doc[key];
    if (Array.isArray(items)) return { items, key };
  }
  return viewOf(doc) !== null ? { items: [doc], key: null, single: true } : null;
}

function notSignIn(file: string, where: string): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${file} is JSON but not Entra ID sign-in logs: ${where} is not a sign-in`, {
    file,
    record: where,
    hint: NOT_SIGNIN_HINT,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// One view over the Graph, Log Analytics and diagnostic shapes

type SignInKind = 'user' | 'non-interactive user' | 'service principal' | 'managed identity';

interface SignInView {
  kind: SignInKind;
  time: string;
  id: string | null;
  appId: string | null;
  appName: string | null;
  spId: string | null;
  spName: string | null;
  upn: string | null;
  userId: string | null;
  ip: string | null;
  place: string | null;
  errorCode: string | null;
  failureReason: string | null;
  resource: string | null;
  credentialKeyId: string | null;
  federatedCredentialId: string | null;
  miResourceId: string | null;
  userAgent: string | null;
  risk: Severity | null;
}

function viewOf(value: unknown): SignInView | null {
  if (!isObject(value)) return null;
  const properties = asObject(value.properties);
  const category = str(value.category);
  // Diagnostic-settings records carry the Graph-shaped sign-in under "properties".
  const event = properties !== null && (category !== null || str(properties.createdDateTime) !== null) ? properties : value;
  const time = str(first(event, 'createdDateTime', 'CreatedDateTime', 'TimeGenerated')) ?? str(value.time);
  const appId = guid(first(event, 'appId', 'AppId'));
  const spId = guid(first(event, 'servicePrincipalId', 'ServicePrincipalId'));
  const upn = str(first(event, 'userPrincipalName', 'UserPrincipalName'));
  if (time === null || (appId === null && spId === null && upn === null)) return null;
  const status = asObject(parsedJson(first(event, 'status', 'Status')));
  const hasResult = status !== null || Object.hasOwn(event, 'ResultType') || Object.hasOwn(value, 'resultType');
  if (!hasResult) return null;
  return {
    kind: kindOf(event, str(value.Type) ?? category, spId, upn),
    time,
    id: str(first(event, 'id', 'Id')),
    appId,
    appName: str(first(event, 'appDisplayName', 'AppDisplayName')),
    spId,
    spName: str(first(event, 'servicePrincipalName', 'ServicePrincipalName')),
    upn,
    userId: guid(first(event, 'userId', 'UserId')),
    ip: str(first(event, 'ipAddress', 'IPAddress')) ?? str(value.callerIpAddress),
    place: placeOf(event),
    errorCode: errorCodeOf(event, status, value),
    failureReason: reasonOf(str(status?.failureReason) ?? str(first(event, 'ResultDescription')) ?? str(value.resultDescription)),
    resource: str(first(event, 'resourceDisplayName', 'ResourceDisplayName')) ?? str(first(event, 'resourceId', 'ResourceIdentity')),
    credentialKeyId: guid(first(event, 'servicePrincipalCredentialKeyId', 'ServicePrincipalCredentialKeyId')),
    federatedCredentialId: guid(first(event, 'federatedCredentialId', 'FederatedCredentialId')),
    miResourceId: str(asObject(parsedJson(first(event, 'managedServiceIdentity', 'ManagedServiceIdentity')))?.associatedResourceId)?.toLowerCase() ?? null,
    userAgent: str(first(event, 'userAgent', 'UserAgent')),
    risk: riskOf(str(first(event, 'riskLevelDuringSignIn', 'RiskLevelDuringSignIn', 'riskLevelAggregated', 'RiskLevelAggregated'))),
  };
}

// The table (Log Analytics Type, or diagnostic category) says what signed in; Graph says it with signInEventTypes,
// managedServiceIdentity (beta) or managedIdentityType, and a workload has no user principal name.
function kindOf(event: Json, table: string | null, spId: string | null, upn: string | null): SignInKind {
  const name = table?.toLowerCase() ?? '';
  if (name.includes('managedidentity')) return 'managed identity';
  if (name.includes('serviceprincipal')) return 'service principal';
  if (name.includes('noninteractive')) return 'non-interactive user';
  const types = Array.isArray(event.signInEventTypes) ? event.signInEventTypes.filter((t): t is string => typeof t === 'string') : [];
  const msi = str(asObject(event.managedServiceIdentity)?.msiType) ?? str(event.managedIdentityType);
  if (types.includes('managedIdentity') || (msi !== null && msi.toLowerCase() !== 'none')) return 'managed identity';
  if (types.includes('servicePrincipal') || (upn === null && spId !== null)) return 'service principal';
  if (types.includes('nonInteractiveUser') || event.isInteractive === false) return 'non-interactive user';
  return 'user';
}

// Graph: status.errorCode (a number, 0 = success). Log Analytics: ResultType ("0" = success), a string.
function errorCodeOf(event: Json, status: Json | null, envelope: Json): string | null {
  const raw = status?.errorCode ?? first(event, 'ResultType') ?? envelope.resultType;
  const code = typeof raw === 'number' ? String(raw) : str(raw);
  return code === null || code === '0' ? null : code;
}

// Reasons are free text; anything shaped like a secret is replaced before the text is cut.
function reasonOf(text: string | null): string | null {
  return text === null ? null : clip(redactText(text), 200);
}

function placeOf(event: Json): string | null {
  const details = asObject(parsedJson(first(event, 'location', 'LocationDetails')));
  const city = str(details?.city);
  const country = str(details?.countryOrRegion) ?? str(first(event, 'Location'));
  return [city, country].filter((part): part is string => part !== null).join(', ') || null;
}

function riskOf(level: string | null): Severity | null {
  switch (level?.toLowerCase()) {
    case 'low':
      return 'low';
    case 'medium':
      return 'medium';
    case 'high':
      return 'high';
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Who signed in

interface Actor {
  actor: ParsedActor;
  links: ParsedLink[];
}

// Gathers an actor's identifiers, each entering with the link that ties it to the primary.
class ActorBuilder {
  readonly identifiers: Identifier[];
  readonly links: ParsedLink[] = [];

  constructor(readonly primary: Identifier) {
    this.identifiers = [primary];
  }

  tie(id: Identifier | null, reason: string): void {
    if (id === null || sameId(id, this.primary) || this.identifiers.some((known) => sameId(known, id))) return;
    this.identifiers.push(id);
    this.links.push({ a: id, b: this.primary, reason });
  }

  build(label: string, kind: IdentityKind): Actor {
    return { actor: { label, kind, primary: this.primary, identifiers: this.identifiers }, links: this.links };
  }
}

function describeActor(view: SignInView): Actor {
  switch (view.kind) {
    case 'service principal':
      return workload(view, 'azure.service-principal');
    case 'managed identity':
      return workload(view, 'azure.managed-identity');
    case 'user':
    case 'non-interactive user':
      return user(view);
  }
}

function workload(view: SignInView, kind: IdentityKind): Actor {
  const isMi = kind === 'azure.managed-identity';
  const name = view.spName ?? view.appName ?? view.appId ?? view.spId ?? 'unknown';
  const label = `${isMi ? 'managed-identity' : 'sp'}/${clip(name, 100)}`;
  const app = view.appId === null ? null : { type: 'azure.app', value: view.appId };
  const sp = view.spId === null ? null : { type: 'azure.sp', value: view.spId };
  // A managed identity's service principal id is its principal id; its resource id names it in ARM.
  const mi = isMi && view.spId !== null ? { type: 'azure.mi', value: view.spId } : null;
  const primary = mi ?? app ?? sp;
  if (primary === null) return { actor: { label, kind, primary: null, identifiers: [] }, links: [] };
  const builder = new ActorBuilder(primary);
  builder.tie(app, `${label} signed in with application id ${view.appId ?? ''} in this record`);
  builder.tie(sp, `${label} has service principal id ${view.spId ?? ''} in this record`);
  if (isMi && view.miResourceId !== null) builder.tie({ type: 'azure.mi', value: view.miResourceId }, `${label} is the managed identity of ${lastPart(view.miResourceId)} in this record`);
  if (view.credentialKeyId !== null) builder.tie({ type: 'azure.credential', value: view.credentialKeyId }, `${label} signed in with its credential ${view.credentialKeyId} in this record`);
  if (view.federatedCredentialId !== null) builder.tie({ type: 'azure.credential', value: view.federatedCredentialId }, `${label} signed in with its federated credential ${view.federatedCredentialId} in this record`);
  return builder.build(label, kind);
}

// The app a user signs in to (the portal, Azure CLI, Outlook) is shared by every user: it is never linked to them.
function user(view: SignInView): Actor {
  const value = view.upn?.toLowerCase() ?? view.userId;
  if (value === null) return { actor: { label: 'user/unknown', kind: 'azure.user', primary: null, identifiers: [] }, links: [] };
  return new ActorBuilder({ type: 'azure.user', value }).build(`user/${clip(value, 120)}`, 'azure.user');
}

// ---------------------------------------------------------------------------------------------------------------
// Normalizing one record

const ACTIONS: Record<SignInKind, string> = {
  user: 'signin:user',
  'non-interactive user': 'signin:user-noninteractive',
  'service principal': 'signin:service-principal',
  'managed identity': 'signin:managed-identity',
};

function toSignal(record: RawRecord, file: string): ParsedSignal | null {
  const where = place(record.index, record.line);
  if (!isObject(record.value)) throw malformed(file, where, `it is ${typeName(record.value)}, not an object`);
  const view = viewOf(record.value);
  if (view === null) throw malformed(file, where, 'it has no time, no result, or names no one who signed in');
  const time = timeOf(view.time, where, file);
  const who = describeActor(view);
  return {
    time,
    source: SOURCE_ID,
    action: ACTIONS[view.kind],
    outcome: view.errorCode === null ? 'success' : 'failure',
    errorCode: view.errorCode,
    actor: who.actor,
    target: view.resource === null ? null : clip(view.resource, 200),
    sourceIp: view.ip,
    region: view.place,
    userAgent: view.userAgent === null ? null : clip(view.userAgent, 400),
    summary: summaryOf(who.actor.label, view),
    severity: view.risk,
    dedupeKey: view.id ?? contentKey(record.value),
    links: who.links,
    relations: [],
  };
}

function summaryOf(label: string, view: SignInView): string {
  const to = view.resource === null ? '' : ` to ${clip(view.resource, 80)}`;
  const via = (view.kind === 'user' || view.kind === 'non-interactive user') && view.appName !== null ? ` via ${clip(view.appName, 60)}` : '';
  const from = view.ip === null ? '' : ` from ${view.ip}${view.place === null ? '' : ` (${view.place})`}`;
  const failed = view.errorCode === null ? '' : ` — failed ${view.errorCode}${view.failureReason === null ? '' : `: ${clip(view.failureReason, 80)}`}`;
  return `${label} ${view.kind} sign-in${to}${via}${from}${failed}`;
}

function timeOf(raw: string, where: string, file: string): string {
  const time = new Date(raw);
  if (Number.isNaN(time.getTime())) throw malformed(file, where, `its time is not a date: ${clip(raw, 40)}`);
  return time.toISOString();
}

function malformed(file: string, where: string, problem: string): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${file}: ${where} is not a usable Entra sign-in: ${problem}`, {
    file,
    record: where,
    hint: MALFORMED_HINT,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function lastPart(text: string): string {
  return clip(text.split('/').filter(Boolean).pop() ?? text, 80);
}

function sameId(a: Identifier, b: Identifier): boolean {
  return a.type === b.type && a.value === b.value;
}

/** The Entra ID sign-in parser: user, service principal and managed identity sign-ins in Graph, Log Analytics and export shapes. */
export const entraSignIn: FormatParser = {
  id: SOURCE_ID,
  label: 'Entra ID sign-in logs',
  detect: (sample) => detectSignIn(sample),
  records: (source) => readRecords(source),
  toSignal: (record, fileName) => toSignal(record, fileName),
};
