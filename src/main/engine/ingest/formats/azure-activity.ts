// Azure Activity Log: the diagnostic-settings export ({"records":[…]} or one record a line), the REST / portal /
// `az monitor activity-log list` shape (camelCase, or snake_case as the Python SDK writes it) and Log Analytics
// AzureActivity rows. A caller that is an application is named by its app id, its service-principal object id and,
// for a managed identity, its resource id, all tied together by the token claims of the record.
import { WorkbenchError } from '../../../../shared/errors';
import type { Identifier, IdentityKind, Outcome, Severity } from '../../../../shared/schemas';
import { redactText } from '../redact';
import { asObject, clip, contentKey, type DocumentShape, isObject, type Json, place, readJsonRecords, sampleHead, str, typeName } from './json-records';
import type { EvidenceSource, FormatParser, ParsedActor, ParsedLink, ParsedSignal, RawRecord } from '../types';
import { first, guid, isGuid } from './azure-fields';

const SOURCE_ID = 'azure.activity';

const NOT_ACTIVITY_HINT =
  'Expected the Azure Activity Log: a diagnostic-settings export ({"records":[…]} or one record a line), the ' +
  'output of `az monitor activity-log list` or the REST API ({"value":[…]}), or Log Analytics AzureActivity rows. ' +
  'Entra ID audit and sign-in logs have their own formats. Choose the right format for this file or leave it out.';
const MALFORMED_HINT =
  'Every Activity Log record has a time (time, eventTimestamp or TimeGenerated) and an operation name. The record ' +
  'may have been altered by an export tool; compare it with the original log.';

// ---------------------------------------------------------------------------------------------------------------
// Detection

const CATEGORIES = 'Administrative|Security|ServiceHealth|Alert|Recommendation|Policy|Autoscale|ResourceHealth';
const NATIVE_CATEGORY_MARK = new RegExp(`"category"\\s*:\\s*"(?:${CATEGORIES})"`, 'i');
const REST_CATEGORY_MARK = new RegExp(`"category"\\s*:\\s*\\{\\s*"value"\\s*:\\s*"(?:${CATEGORIES})"`, 'i');
const NATIVE_MARKS = [/"operationName"\s*:\s*"/, /"resourceId"\s*:\s*"/];
const REST_MARKS = [/"(?:eventTimestamp|event_timestamp)"\s*:\s*"/, /"(?:operationName|operation_name)"\s*:\s*\{/];
const ANALYTICS_TYPE_MARK = /"Type"\s*:\s*"AzureActivity"/;
const ANALYTICS_MARKS = [/"OperationNameValue"\s*:/, /"ActivityStatusValue"\s*:/];

/** True when the start of a text looks like Azure Activity Log records in any shape this parser reads. */
function detectActivity(sample: string): boolean {
  const head = sampleHead(sample);
  if (!head.startsWith('{') && !head.startsWith('[')) return false;
  if (ANALYTICS_TYPE_MARK.test(head) || ANALYTICS_MARKS.every((mark) => mark.test(head))) return true;
  if (REST_MARKS.every((mark) => mark.test(head))) return true;
  // Entra ID logs exported by diagnostic settings share this envelope, but their category is AuditLogs or *SignInLogs.
  return NATIVE_MARKS.every((mark) => mark.test(head)) && (NATIVE_CATEGORY_MARK.test(head) || REST_CATEGORY_MARK.test(head));
}

// ---------------------------------------------------------------------------------------------------------------
// Reading records

const CONTAINER_KEYS = ['records', 'value'] as const;

function readRecords(source: EvidenceSource): Iterable<RawRecord> {
  return readJsonRecords(source, { shapeOf, accepts: isActivityRecord, refuse: (where) => notActivity(source.name, where) });
}

// Where the records sit in a whole document: the array itself, an array under a container key, or one record.
function shapeOf(doc: unknown): DocumentShape | null {
  if (Array.isArray(doc)) return { items: doc, key: null };
  if (!isObject(doc)) return null;
  for (const key of CONTAINER_KEYS) {
    const items = doc[key];
    if (Array.isArray(items)) return { items, key };
  }
  return isActivityRecord(doc) ? { items: [doc], key: null, single: true } : null;
}

const ENTRA_CATEGORY = /^(?:AuditLogs|\w*SignInLogs|ProvisioningLogs|RiskyUsers|UserRiskEvents)$/i;

function isActivityRecord(value: unknown): value is Json {
  if (!isObject(value)) return false;
  if (rawTime(value) === null || operationOf(value) === null) return false;
  const category = textValue(first(value, 'category', 'CategoryValue'));
  return category === null || !ENTRA_CATEGORY.test(category);
}

function notActivity(file: string, where: string): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${file} is JSON but not the Azure Activity Log: ${where} is not an Activity Log record`, {
    file,
    record: where,
    hint: NOT_ACTIVITY_HINT,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Fields under their three spellings

function rawTime(record: Json): string | null {
  return str(first(record, 'time', 'eventTimestamp', 'event_timestamp', 'TimeGenerated'));
}

function operationOf(record: Json): string | null {
  return textValue(first(record, 'OperationNameValue', 'operationName', 'operation_name', 'OperationName'));
}

// Claims are an object (export, REST), a dynamic column (Claims_d) or a JSON string (Claims in Log Analytics).
function claimsOf(record: Json): Json {
  const raw = first(record, 'claims', 'Claims_d', 'Claims') ?? asObject(record.identity)?.claims;
  if (isObject(raw)) return raw;
  if (typeof raw === 'string' && raw.trimStart().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isObject(parsed)) return parsed;
    } catch {
      // A damaged claims string names no one; the caller field still may.
    }
  }
  return {};
}

function sourceIpOf(record: Json, claims: Json): string | null {
  const http = asObject(first(record, 'httpRequest', 'http_request', 'HTTPRequest'));
  return str(first(record, 'callerIpAddress', 'CallerIpAddress')) ?? str(first(http ?? {}, 'clientIpAddress', 'client_ip_address')) ?? str(claims.ipaddr);
}

function statusOf(record: Json): string | null {
  return textValue(first(record, 'ActivityStatusValue', 'resultType', 'status', 'ActivityStatus'));
}

function subStatusOf(record: Json): string | null {
  return textValue(first(record, 'ActivitySubstatusValue', 'subStatus', 'sub_status', 'resultSignature'));
}

// ---------------------------------------------------------------------------------------------------------------
// Who acted

interface Caller {
  actor: ParsedActor;
  links: ParsedLink[];
}

const CLAIM_OID = 'http://schemas.microsoft.com/identity/claims/objectidentifier';
const CLAIM_UPN = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';
const CLAIM_NAME = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';
// Real exports (and redacted samples) do not always keep hex digits, so only the 8-4-4-4-12 shape is checked.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function describeCaller(record: Json, claims: Json): Caller {
  const caller = str(first(record, 'caller', 'Caller'));
  const isApp = str(claims.idtyp) === 'app' || (caller !== null && isGuid(caller));
  if (isApp) return appCaller(caller, claims);
  const upn = [str(claims[CLAIM_UPN]), str(claims.upn), caller, str(claims[CLAIM_NAME])].find((v) => v != null && EMAIL.test(v));
  if (upn !== undefined && upn !== null) {
    // A user's appid claim names the client program (Azure CLI, the portal) that every user shares: never linked.
    const id = { type: 'azure.user', value: upn.toLowerCase() };
    return { actor: { label: `user/${upn.toLowerCase()}`, kind: 'azure.user', primary: id, identifiers: [id] }, links: [] };
  }
  return { actor: { label: clip(caller ?? 'unknown', 120), kind: 'unknown', primary: null, identifiers: [] }, links: [] };
}

// An application token: appid is the client id, the object id claim is the service principal (or managed identity)
// in this tenant, and xms_mirid is a managed identity's resource id. A bare GUID caller is the object id.
function appCaller(caller: string | null, claims: Json): Caller {
  const appId = guid(claims.appid) ?? guid(claims.azp);
  const objectId = guid(claims[CLAIM_OID]) ?? guid(claims.oid) ?? guid(caller);
  const mirid = str(claims.xms_mirid)?.toLowerCase() ?? null;
  const app = appId === null ? null : { type: 'azure.app', value: appId };
  const sp = objectId === null ? null : { type: 'azure.sp', value: objectId };
  const mi = mirid === null ? null : { type: 'azure.mi', value: mirid };
  const primary = mi ?? app ?? sp;
  if (primary === null) return { actor: { label: 'app/unknown', kind: 'azure.service-principal', primary: null, identifiers: [] }, links: [] };
  const kind: IdentityKind = mi === null ? 'azure.service-principal' : 'azure.managed-identity';
  const label = mi !== null ? `managed-identity/${lastPart(mi.value)}` : appId !== null ? `app/${appId}` : `sp/${objectId ?? '?'}`;
  const identifiers: Identifier[] = [primary];
  const links: ParsedLink[] = [];
  for (const [id, what] of [
    [app, `application (client) id ${appId ?? ''}`],
    [sp, `service principal object id ${objectId ?? ''}`],
  ] as const) {
    if (id === null || sameId(id, primary)) continue;
    identifiers.push(id);
    links.push({ a: id, b: primary, reason: `the token of ${label} in this record carries ${what}` });
  }
  return { actor: { label, kind, primary, identifiers }, links };
}

// ---------------------------------------------------------------------------------------------------------------
// Outcome, severity

function outcomeOf(status: string | null): Outcome {
  const word = status?.toLowerCase() ?? '';
  if (word === 'success' || word === 'succeeded' || word === 'resolved') return 'success';
  if (word === 'failure' || word === 'failed') return 'failure';
  return 'unknown';
}

function severityOf(record: Json): Severity | null {
  switch (textValue(first(record, 'level', 'Level'))?.toLowerCase()) {
    case 'critical':
      return 'critical';
    case 'error':
      return 'high';
    case 'warning':
      return 'medium';
    case 'informational':
    case 'information':
    case 'verbose':
      return 'low';
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Normalizing one record

// Platform notices name no caller and tell nothing about an identity.
const PLATFORM_CATEGORIES = new Set(['servicehealth', 'resourcehealth', 'recommendation']);

function toSignal(record: RawRecord, file: string): ParsedSignal | null {
  const where = place(record.index, record.line);
  if (!isObject(record.value)) throw malformed(file, where, `it is ${typeName(record.value)}, not an object`);
  const value = record.value;
  const operation = operationOf(value);
  if (operation === null) throw malformed(file, where, 'it has no operationName');
  const time = timeOf(value, where, file);
  const claims = claimsOf(value);
  const caller = describeCaller(value, claims);
  const category = textValue(first(value, 'category', 'CategoryValue'))?.toLowerCase() ?? '';
  if (caller.actor.primary === null && PLATFORM_CATEGORIES.has(category)) return null;
  const status = statusOf(value);
  const outcome = outcomeOf(status);
  const errorCode = outcome === 'failure' ? (subStatusOf(value) ?? status) : null;
  const target = str(first(value, 'resourceId', 'resource_id', 'ResourceId', '_ResourceId'));
  return {
    time,
    source: SOURCE_ID,
    action: clip(operation, 200),
    outcome,
    errorCode,
    actor: caller.actor,
    target: target === null ? null : clip(target, 300),
    sourceIp: sourceIpOf(value, claims),
    region: null,
    userAgent: null,
    summary: summaryOf(caller.actor.label, operation, target, status),
    severity: severityOf(value),
    dedupeKey: str(first(value, 'eventDataId', 'event_data_id', 'EventDataId')) ?? contentKey(value),
    links: caller.links,
    relations: [],
  };
}

function summaryOf(who: string, operation: string, target: string | null, status: string | null): string {
  const on = target === null ? '' : ` on ${lastPart(target)}`;
  const state = status === null ? '' : ` — ${status}`;
  return redactText(`${who} called ${clip(operation, 120)}${on}${state}`);
}

function timeOf(record: Json, where: string, file: string): string {
  const raw = rawTime(record);
  if (raw === null) throw malformed(file, where, 'it has no time');
  const time = new Date(raw);
  if (Number.isNaN(time.getTime())) throw malformed(file, where, `its time is not a date: ${clip(raw, 40)}`);
  return time.toISOString();
}

function malformed(file: string, where: string, problem: string): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${file}: ${where} is not a usable Azure Activity Log record: ${problem}`, {
    file,
    record: where,
    hint: MALFORMED_HINT,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

// A plain string, or the `value` of a {value, localizedValue} pair.
function textValue(value: unknown): string | null {
  return str(value) ?? str(asObject(value)?.value);
}

function lastPart(text: string): string {
  return clip(text.split('/').filter(Boolean).pop() ?? text, 80);
}

function sameId(a: Identifier, b: Identifier): boolean {
  return a.type === b.type && a.value === b.value;
}

/** The Azure Activity Log parser: diagnostic exports, REST / CLI output and Log Analytics AzureActivity rows. */
export const azureActivity: FormatParser = {
  id: SOURCE_ID,
  label: 'Azure Activity Log',
  detect: (sample) => detectActivity(sample),
  records: (source) => readRecords(source),
  toSignal: (record, fileName) => toSignal(record, fileName),
};
