// Entra ID (Azure AD) audit logs: the Graph API directoryAudits response ({"value":[…]}), Log Analytics AuditLogs
// rows (InitiatedBy / TargetResources as objects or JSON strings) and the diagnostic-settings export (category
// AuditLogs, the event under "properties"). Who changed which application matters most: an initiator adding a
// credential to an app is a relation, and the credential's key id is linked to the app so that the app's later
// sign-ins with that credential resolve to it.
import { WorkbenchError } from '../../../../shared/errors';
import type { Identifier, Outcome } from '../../../../shared/schemas';
import { redactText } from '../redact';
import { asObject, clip, contentKey, type DocumentShape, isObject, type Json, place, readJsonRecords, sampleHead, str, typeName } from './json-records';
import type { EvidenceSource, FormatParser, ParsedActor, ParsedLink, ParsedRelation, ParsedSignal, RawRecord } from '../types';
import { first, guid, isGuid, parsedJson } from './azure-fields';

const SOURCE_ID = 'azure.entra-audit';

const NOT_AUDIT_HINT =
  'Expected Entra ID audit logs: the Graph API directoryAudits response ({"value":[…]}), Log Analytics AuditLogs ' +
  'rows, or a diagnostic-settings export with category AuditLogs. Sign-in logs and the Azure Activity Log have ' +
  'their own formats. Choose the right format for this file or leave it out of the bundle.';
const MALFORMED_HINT =
  'Every Entra audit event has an activity name (activityDisplayName or OperationName) and a time (activityDateTime ' +
  'or TimeGenerated). The record may have been altered by an export tool; compare it with the original log.';

// ---------------------------------------------------------------------------------------------------------------
// Detection

const GRAPH_MARKS = [/"activityDisplayName"\s*:\s*"/, /"(?:initiatedBy|targetResources)"\s*:/];
const ANALYTICS_TYPE_MARK = /"Type"\s*:\s*"AuditLogs"/;
const ANALYTICS_MARKS = [/"OperationName"\s*:\s*"/, /"InitiatedBy"\s*:/, /"TargetResources"\s*:/];

/** True when the start of a text looks like Entra ID audit events in any shape this parser reads. */
function detectEntraAudit(sample: string): boolean {
  const head = sampleHead(sample);
  if (!head.startsWith('{') && !head.startsWith('[')) return false;
  if (GRAPH_MARKS.every((mark) => mark.test(head))) return true;
  return ANALYTICS_TYPE_MARK.test(head) || ANALYTICS_MARKS.every((mark) => mark.test(head));
}

// ---------------------------------------------------------------------------------------------------------------
// Reading records

const CONTAINER_KEYS = ['value', 'records'] as const;

function readRecords(source: EvidenceSource): Iterable<RawRecord> {
  return readJsonRecords(source, { shapeOf, accepts: (value) => viewOf(value) !== null, refuse: (where) => notAudit(source.name, where) });
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

function notAudit(file: string, where: string): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${file} is JSON but not Entra ID audit logs: ${where} is not an audit event`, {
    file,
    record: where,
    hint: NOT_AUDIT_HINT,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// One view over the three shapes

interface AuditView {
  time: string;
  activity: string;
  result: string | null;
  resultReason: string | null;
  initiatedBy: Json | null;
  targets: Json[];
  id: string | null;
  userAgent: string | null;
  sourceIp: string | null;
}

function viewOf(value: unknown): AuditView | null {
  if (!isObject(value)) return null;
  // Diagnostic-settings records carry the Graph-shaped event under "properties".
  const properties = asObject(value.properties);
  const event = properties !== null && str(properties.activityDisplayName) !== null ? properties : value;
  const time = str(first(event, 'activityDateTime', 'ActivityDateTime', 'TimeGenerated')) ?? str(value.time);
  const activity = str(first(event, 'activityDisplayName', 'ActivityDisplayName', 'OperationName')) ?? str(value.operationName);
  const initiatedBy = asObject(parsedJson(first(event, 'initiatedBy', 'InitiatedBy')));
  if (time === null || activity === null) return null;
  // An AzureActivity row also has OperationName and TimeGenerated; only audit events say who initiated them.
  if (initiatedBy === null && !Object.hasOwn(event, 'targetResources') && !Object.hasOwn(event, 'TargetResources')) return null;
  const targets = parsedJson(first(event, 'targetResources', 'TargetResources'));
  const user = asObject(initiatedBy?.user);
  return {
    time,
    activity: activity.trim(),
    result: str(first(event, 'result', 'Result')),
    resultReason: reasonOf(str(first(event, 'resultReason', 'ResultReason', 'ResultDescription'))),
    initiatedBy,
    targets: Array.isArray(targets) ? targets.filter(isObject) : [],
    id: str(first(event, 'id', 'Id')),
    userAgent: userAgentOf(first(event, 'additionalDetails', 'AdditionalDetails')) ?? str(event.UserAgent),
    sourceIp: str(user?.ipAddress) ?? str(asObject(initiatedBy?.app)?.ipAddress) ?? str(value.callerIpAddress),
  };
}

// Reasons are free text; anything shaped like a secret is replaced before the text is cut.
function reasonOf(text: string | null): string | null {
  return text === null ? null : clip(redactText(text), 200);
}

function userAgentOf(details: unknown): string | null {
  const list = parsedJson(details);
  if (!Array.isArray(list)) return null;
  for (const item of list) {
    const entry = asObject(item);
    if (str(entry?.key)?.toLowerCase() === 'user-agent') return str(entry?.value);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Who acted

interface Initiator {
  actor: ParsedActor;
  links: ParsedLink[];
}

function describeInitiator(initiatedBy: Json | null): Initiator {
  const user = asObject(initiatedBy?.user);
  const app = asObject(initiatedBy?.app);
  const upn = str(user?.userPrincipalName)?.toLowerCase() ?? null;
  if (upn !== null) {
    const id = { type: 'azure.user', value: upn };
    return { actor: { label: `user/${upn}`, kind: 'azure.user', primary: id, identifiers: [id] }, links: [] };
  }
  if (app !== null) return appInitiator(app);
  const userId = guid(user?.id);
  if (userId !== null) {
    const id = { type: 'azure.user', value: userId };
    return { actor: { label: `user/${userId}`, kind: 'azure.user', primary: id, identifiers: [id] }, links: [] };
  }
  return { actor: { label: 'unknown', kind: 'unknown', primary: null, identifiers: [] }, links: [] };
}

function appInitiator(app: Json): Initiator {
  const appId = guid(app.appId);
  const spId = guid(app.servicePrincipalId);
  const name = str(app.displayName) ?? str(app.servicePrincipalName);
  const label = `app/${clip(name ?? appId ?? spId ?? 'unknown', 100)}`;
  const appRef = appId === null ? null : { type: 'azure.app', value: appId };
  const spRef = spId === null ? null : { type: 'azure.sp', value: spId };
  const primary = appRef ?? spRef;
  // First-party Microsoft services initiate many events with only a display name: not an identifier.
  if (primary === null) return { actor: { label, kind: 'azure.service-principal', primary: null, identifiers: [] }, links: [] };
  const identifiers: Identifier[] = [primary];
  const links: ParsedLink[] = [];
  if (appRef !== null && spRef !== null) {
    identifiers.push(spRef);
    links.push({ a: spRef, b: appRef, reason: `${label} is service principal ${spId ?? ''} of application ${appId ?? ''} in this record` });
  }
  return { actor: { label, kind: 'azure.service-principal', primary, identifiers }, links };
}

// ---------------------------------------------------------------------------------------------------------------
// What was changed: the target applications, their ids and credentials

interface TargetFacts {
  ref: Identifier | null;
  label: string;
  links: ParsedLink[];
  keyIds: { added: string[]; removed: string[] };
}

const GUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const KEY_ID_IN_TEXT = /KeyIdentifier=([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;
const APP_ID_PROPERTIES = new Set(['appid', 'appprincipalid', 'applicationid']);

function describeTarget(target: Json, succeeded: boolean): TargetFacts {
  const type = str(target.type) ?? 'resource';
  const name = str(target.displayName) ?? str(target.userPrincipalName) ?? str(target.id) ?? '?';
  const label = `${type}/${clip(name, 100)}`;
  const props = Array.isArray(target.modifiedProperties) ? target.modifiedProperties.filter(isObject) : [];
  const keyIds = credentialKeys(props);
  const own = ownIdentifier(target, type);
  const appId = type === 'Application' || type === 'ServicePrincipal' ? appIdOf(props) : null;
  const appRef = appId === null ? null : { type: 'azure.app', value: appId };
  const ref = appRef ?? own;
  const links: ParsedLink[] = [];
  if (own !== null && appRef !== null && !sameId(own, appRef)) {
    links.push({ a: own, b: appRef, reason: `${label} (${own.value}) has application id ${appRef.value} in this record` });
  }
  const holder = own ?? appRef;
  if (holder !== null && succeeded) {
    for (const keyId of [...keyIds.added, ...keyIds.kept]) {
      links.push({ a: { type: 'azure.credential', value: keyId }, b: holder, reason: `credential ${keyId} belongs to ${label} in this record` });
    }
  }
  return { ref, label, links, keyIds: { added: keyIds.added, removed: keyIds.removed } };
}

// An Application target's id is the app registration's object id, which is neither its app id nor a service
// principal's object id, so it gets a type of its own rather than being mistaken for either.
function ownIdentifier(target: Json, type: string): Identifier | null {
  const id = guid(target.id);
  if (type === 'ServicePrincipal') return id === null ? null : { type: 'azure.sp', value: id };
  if (type === 'Application') return id === null ? null : { type: 'azure.app_object', value: id };
  if (type === 'User') {
    const upn = str(target.userPrincipalName)?.toLowerCase() ?? null;
    return upn === null ? null : { type: 'azure.user', value: upn };
  }
  return null;
}

// AppId / AppPrincipalId hold the app id as a JSON-quoted string; a service principal's names include it bare.
function appIdOf(props: Json[]): string | null {
  for (const prop of props) {
    const name = str(prop.displayName)?.toLowerCase() ?? '';
    const value = str(prop.newValue) ?? str(prop.oldValue);
    if (value === null) continue;
    if (APP_ID_PROPERTIES.has(name)) {
      const match = GUID_IN_TEXT.exec(value);
      if (match !== null) return match[0].toLowerCase();
    }
    if (name === 'targetid.serviceprincipalnames' || name === 'serviceprincipalnames') {
      const bare = value.replace(/["[\]]/g, '').split(';').map((part) => part.trim()).find((part) => isGuid(part));
      if (bare !== undefined) return bare.toLowerCase();
    }
  }
  return null;
}

// KeyDescription (and the *Credentials properties) list "[KeyIdentifier=<guid>,KeyType=Password,…]" before and after.
function credentialKeys(props: Json[]): { added: string[]; removed: string[]; kept: string[] } {
  const before = new Set<string>();
  const after = new Set<string>();
  for (const prop of props) {
    const name = str(prop.displayName) ?? '';
    if (!/key|credential/i.test(name)) continue;
    for (const id of keyIdsIn(prop.oldValue)) before.add(id);
    for (const id of keyIdsIn(prop.newValue)) after.add(id);
  }
  return {
    added: [...after].filter((id) => !before.has(id)),
    removed: [...before].filter((id) => !after.has(id)),
    kept: [...after].filter((id) => before.has(id)),
  };
}

function keyIdsIn(value: unknown): string[] {
  const text = str(value);
  if (text === null) return [];
  return [...text.matchAll(KEY_ID_IN_TEXT)].map((m) => (m[1] ?? '').toLowerCase()).filter((id) => id !== '');
}

const CREDENTIAL_ACTIVITY = /credential|certificates and secrets/i;

function relationName(activity: string, target: TargetFacts, succeeded: boolean): string {
  if (CREDENTIAL_ACTIVITY.test(activity)) {
    const removing = /^remove/i.test(activity) || (target.keyIds.added.length === 0 && target.keyIds.removed.length > 0);
    const verb = removing ? 'removed credentials from' : target.keyIds.added.length > 0 || /^add/i.test(activity) ? 'added credentials to' : 'changed credentials of';
    return succeeded ? verb : `tried: ${verb}`;
  }
  const name = activity.toLowerCase();
  return succeeded ? name : `tried: ${name}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Normalizing one record

function outcomeOf(result: string | null): Outcome {
  const word = result?.toLowerCase() ?? '';
  if (word === 'success') return 'success';
  if (word === 'failure' || word === 'timeout') return 'failure';
  return 'unknown';
}

function toSignal(record: RawRecord, file: string): ParsedSignal | null {
  const where = place(record.index, record.line);
  if (!isObject(record.value)) throw malformed(file, where, `it is ${typeName(record.value)}, not an object`);
  const view = viewOf(record.value);
  if (view === null) throw malformed(file, where, 'it has no activity name, time or initiator');
  const time = timeOf(view.time, where, file);
  const outcome = outcomeOf(view.result);
  const initiator = describeInitiator(view.initiatedBy);
  const targets = view.targets.map((target) => describeTarget(target, outcome === 'success'));
  const relations: ParsedRelation[] = [];
  const from = initiator.actor.primary;
  for (const target of targets) {
    if (from === null || target.ref === null || sameId(from, target.ref)) continue;
    relations.push({ from, to: target.ref, relation: relationName(view.activity, target, outcome === 'success') });
  }
  const targetLabel = targets[0]?.label ?? null;
  return {
    time,
    source: SOURCE_ID,
    action: clip(view.activity, 200),
    outcome,
    errorCode: outcome === 'failure' ? (view.resultReason ?? view.result) : null,
    actor: initiator.actor,
    target: targetLabel,
    sourceIp: view.sourceIp,
    region: null,
    userAgent: view.userAgent === null ? null : clip(view.userAgent, 400),
    summary: summaryOf(initiator.actor.label, view.activity, targets, outcome === 'success' ? null : (view.resultReason ?? view.result)),
    dedupeKey: view.id ?? contentKey(record.value),
    links: [...initiator.links, ...targets.flatMap((t) => t.links)],
    relations,
  };
}

function summaryOf(who: string, activity: string, targets: TargetFacts[], failure: string | null): string {
  const names = targets.slice(0, 2).map((t) => t.label);
  const more = targets.length > 2 ? ` (+${targets.length - 2} more)` : '';
  const on = names.length === 0 ? '' : ` on ${names.join(', ')}${more}`;
  const outcome = failure === null ? '' : ` — ${clip(failure, 80)}`;
  return `${who}: ${clip(activity, 120)}${on}${outcome}`;
}

function timeOf(raw: string, where: string, file: string): string {
  const time = new Date(raw);
  if (Number.isNaN(time.getTime())) throw malformed(file, where, `its time is not a date: ${clip(raw, 40)}`);
  return time.toISOString();
}

function malformed(file: string, where: string, problem: string): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${file}: ${where} is not a usable Entra audit event: ${problem}`, {
    file,
    record: where,
    hint: MALFORMED_HINT,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function sameId(a: Identifier, b: Identifier): boolean {
  return a.type === b.type && a.value === b.value;
}

/** The Entra ID audit log parser: Graph directoryAudits, Log Analytics AuditLogs rows and diagnostic exports. */
export const entraAudit: FormatParser = {
  id: SOURCE_ID,
  label: 'Entra ID audit logs',
  detect: (sample) => detectEntraAudit(sample),
  records: (source) => readRecords(source),
  toSignal: (record, fileName) => toSignal(record, fileName),
};
