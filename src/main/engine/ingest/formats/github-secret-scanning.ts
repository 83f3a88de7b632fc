// GitHub secret scanning alerts: the REST API's repository and organization listings
// (GET /repos/{o}/{r}/secret-scanning/alerts, GET /orgs/{o}/secret-scanning/alerts) and `secret_scanning_alert`
// webhook payloads. Each alert becomes a finding whose actor is the leaked credential, named by the SHA-256 of the
// secret (never the secret), so it joins the same credential found by other scanners and, for AWS key ids and
// GitHub tokens, the logs where that credential was used.
import { WorkbenchError } from '../../../../shared/errors';
import type { Severity } from '../../../../shared/schemas';
import type { EvidenceSource, FormatParser, ParsedRelation, ParsedSignal, RawRecord } from '../types';
import { asObject, badRecord, clip, contentKey, idText, isObject, isoTime, type Json, place, readJsonRecords, sampleHead, str, typeName } from './json-records';
import { leakedCredential, type LeakedCredential, unseenCredential } from './leaked-secret';

const SOURCE_ID = 'github.secret-scanning';

const NOT_ALERTS_HINT =
  'Expected GitHub secret scanning alerts: the response of GET /repos/{owner}/{repo}/secret-scanning/alerts or ' +
  'GET /orgs/{org}/secret-scanning/alerts (a JSON array), or secret_scanning_alert webhook payloads. Choose the ' +
  'right format for this file or leave it out.';
const MALFORMED_HINT =
  'Every secret scanning alert has a number, a secret_type and created_at. The record may have been altered by an ' +
  'export tool; fetch the alert again from the API.';

// ---------------------------------------------------------------------------------------------------------------
// Detection and reading

const SECRET_TYPE = /"secret_type"\s*:\s*"/;
const ALERT_MARKS = [/"secret_type_display_name"\s*:/, /\/secret-scanning\/alerts\//, /"locations_url"\s*:/, /"push_protection_bypassed"\s*:/];

/** True when the start of a text looks like secret scanning alerts or alert webhook payloads. */
function detectAlerts(sample: string): boolean {
  const head = sampleHead(sample);
  if (!head.startsWith('{') && !head.startsWith('[')) return false;
  return SECRET_TYPE.test(head) && ALERT_MARKS.some((mark) => mark.test(head));
}

/** The alert in a record: the record itself (API listings) or its `alert` (webhook payloads). */
function alertOf(value: unknown): Json | null {
  if (!isObject(value)) return null;
  const inner = asObject(value.alert);
  if (inner !== null && isAlert(inner)) return inner;
  return isAlert(value) ? value : null;
}

function isAlert(value: Json): boolean {
  return str(value.secret_type) !== null && (value.number !== undefined || str(value.url) !== null || str(value.html_url) !== null);
}

function* readRecords(source: EvidenceSource): Generator<RawRecord> {
  yield* readJsonRecords(source, {
    shapeOf: (doc) => (Array.isArray(doc) ? { items: doc, key: null } : isObject(doc) ? { items: [doc], key: null, single: true } : null),
    accepts: (value) => alertOf(value) !== null,
    refuse: (where) =>
      new WorkbenchError('BAD_INPUT', `${source.name} is not GitHub secret scanning alerts: ${where} is not an alert`, {
        file: source.name,
        record: where,
        hint: NOT_ALERTS_HINT,
      }),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Normalizing one alert

interface Delivery {
  alert: Json;
  /** The webhook's action (created, resolved, reopened, validated, publicly_leaked…), or null for an API listing. */
  event: string | null;
  repository: string | null;
}

function deliveryOf(value: unknown, where: string, file: string): Delivery {
  const alert = alertOf(value);
  if (alert === null || !isObject(value)) {
    const problem = isObject(value) ? 'it has no secret_type' : `it is ${typeName(value)}, not an object`;
    throw badRecord(file, where, `is not a usable secret scanning alert: ${problem}`, MALFORMED_HINT);
  }
  const webhook = alert !== value;
  const repository = str(asObject(webhook ? value.repository : alert.repository)?.full_name) ?? repoFromUrl(alert);
  return { alert, event: webhook ? str(value.action) : null, repository };
}

// Repository-level listings omit `repository`; the alert's own URL names it.
function repoFromUrl(alert: Json): string | null {
  const api = /\/repos\/([^/]+\/[^/]+)\/secret-scanning\//.exec(str(alert.url) ?? '');
  const web = /^https:\/\/[^/]+\/([^/]+\/[^/]+)\/security\/secret-scanning\//.exec(str(alert.html_url) ?? '');
  return api?.[1] ?? web?.[1] ?? null;
}

function credentialOf(alert: Json): LeakedCredential {
  const type = str(alert.secret_type) ?? 'secret';
  const secret = str(alert.secret);
  return secret === null ? unseenCredential(type) : leakedCredential(secret, type);
}

function severityOf(alert: Json): Severity {
  return alert.validity === 'active' ? 'critical' : 'high';
}

// A webhook delivery happens when its action happened; a listing is dated by the alert's creation.
function timeOf(delivery: Delivery, where: string, file: string): string {
  const { alert, event } = delivery;
  const candidates = event === 'resolved' ? [alert.resolved_at, alert.updated_at] : event !== null && event !== 'created' ? [alert.updated_at] : [];
  for (const candidate of [...candidates, alert.created_at]) {
    const time = isoTime(candidate);
    if (time !== null) return time;
  }
  throw badRecord(file, where, 'has no created_at that is a date', MALFORMED_HINT);
}

function relationsOf(alert: Json, credential: LeakedCredential): ParsedRelation[] {
  const bypasser = str(asObject(alert.push_protection_bypassed_by)?.login);
  const to = credential.actor.primary;
  if (alert.push_protection_bypassed !== true || bypasser === null || to === null) return [];
  return [{ from: { type: 'github.user', value: bypasser }, to, relation: 'pushed past push protection' }];
}

function summaryOf(delivery: Delivery, credential: LeakedCredential): string {
  const { alert, event, repository } = delivery;
  const number = idText(alert.number);
  const name = str(alert.secret_type_display_name) ?? str(alert.secret_type) ?? 'secret';
  const where = repository === null ? '' : ` in ${repository}`;
  const location = locationOf(alert);
  const state = [str(alert.state), alert.validity === undefined ? null : `validity ${str(alert.validity) ?? '?'}`, resolutionOf(alert)]
    .concat(alert.publicly_leaked === true ? ['publicly leaked'] : [])
    .concat(alert.push_protection_bypassed === true ? ['push protection bypassed'] : [])
    .filter((part): part is string => part !== null);
  const happened = event === null ? '' : ` ${event}:`;
  return `GitHub secret scanning alert${number === null ? '' : ` #${number}`}${happened} ${name} ${credential.preview}${where}${location}${state.length === 0 ? '' : ` (${state.join(', ')})`}`;
}

function resolutionOf(alert: Json): string | null {
  const resolution = str(alert.resolution);
  return resolution === null ? null : `resolved as ${resolution}`;
}

function locationOf(alert: Json): string {
  const first = asObject(alert.first_location_detected);
  const path = str(first?.path);
  if (path === null) return '';
  const line = idText(first?.start_line);
  return ` at ${clip(path, 120)}${line === null ? '' : `:${line}`}`;
}

// One signal per alert from a listing; each webhook delivery about it is its own event, except `created`, which is
// the same finding a listing shows.
function dedupeKeyOf(delivery: Delivery): string {
  const id = str(delivery.alert.url) ?? str(delivery.alert.html_url);
  if (id === null) return contentKey(delivery.alert);
  const event = delivery.event === null || delivery.event === 'created' ? '' : `#${delivery.event}`;
  return `${SOURCE_ID}:${id}${event}`;
}

function toSignal(record: RawRecord, file: string): ParsedSignal {
  const where = place(record.index, record.line);
  const delivery = deliveryOf(record.value, where, file);
  const { alert } = delivery;
  const credential = credentialOf(alert);
  return {
    time: timeOf(delivery, where, file),
    source: SOURCE_ID,
    action: `secret-scanning:${str(alert.secret_type) ?? 'unknown'}`,
    outcome: 'unknown',
    errorCode: null,
    actor: credential.actor,
    target: delivery.repository,
    sourceIp: null,
    region: null,
    userAgent: null,
    summary: summaryOf(delivery, credential),
    severity: severityOf(alert),
    dedupeKey: dedupeKeyOf(delivery),
    links: credential.links,
    relations: relationsOf(alert, credential),
  };
}

/** The GitHub secret scanning parser: alert listings (repository or organization) and alert webhook payloads. */
export const githubSecretScanning: FormatParser = {
  id: SOURCE_ID,
  label: 'GitHub secret scanning alerts',
  detect: (sample) => detectAlerts(sample),
  records: (source) => readRecords(source),
  toSignal: (record, fileName) => toSignal(record, fileName),
};
