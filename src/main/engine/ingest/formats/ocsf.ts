// OCSF (Open Cybersecurity Schema Framework) events: a JSON array, NDJSON, or one event object. Reads API Activity
// (6003), Authentication (3002) and Detection Finding (2004, with the older 2001/2003 finding classes), and any other
// class generically. The actor is the principal of an event, or the resource a finding is about, named with the same
// identifier types the native parsers use (aws.arn, aws.access_key, gcp.sa…) so OCSF evidence joins their identities.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../../shared/canonical-json';
import { WorkbenchError } from '../../../../shared/errors';
import type { Identifier, IdentityKind, Outcome, Severity } from '../../../../shared/schemas';
import { arrayElementOffsets, linesAtOffsets, looksLikeNdjson, ndjsonValues, parseJsonText } from '../json-text';
import type { EvidenceSource, FormatParser, ParsedActor, ParsedLink, ParsedSignal, RawRecord } from '../types';

type Json = Record<string, unknown>;

const SOURCE_ID = 'ocsf';

const NOT_OCSF_HINT =
  'Expected OCSF events: a JSON array, NDJSON or a single object of events that each carry a numeric "class_uid" ' +
  '(e.g. 6003 API Activity, 3002 Authentication, 2004 Detection Finding), as written by Amazon Security Lake, ' +
  'Prowler (-M json-ocsf) or an OCSF mapper. Choose the right format for this file or leave it out of the bundle.';
const MALFORMED_HINT =
  'Every OCSF event has a numeric class_uid and a time (epoch milliseconds) or time_dt. The record may have been ' +
  'altered by an export tool; compare it with the original output.';

const API_ACTIVITY = 6003;
const AUTHENTICATION = 3002;
const FINDING_CLASSES = new Set([2001, 2003, 2004]);

// ---------------------------------------------------------------------------------------------------------------
// Detection

const CLASS_UID_MARK = /"class_uid"\s*:\s*\d{4}\b/;
const COMPANION_MARK = /"(?:category_uid|type_uid|activity_id|severity_id)"\s*:\s*\d/;

/** True when the start of a text looks like OCSF events: class_uid next to another OCSF classification field. */
function detectOcsf(sample: string): boolean {
  const head = sample.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('{') && !head.startsWith('[')) return false;
  return CLASS_UID_MARK.test(head) && COMPANION_MARK.test(head);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading records

function* readRecords(source: EvidenceSource): Generator<RawRecord> {
  if (looksLikeNdjson(source.sample)) {
    let index = 0;
    for (const { line, value } of ndjsonValues(source.lines(), source.name)) {
      if (index === 0 && !isEvent(value)) throw notOcsf(source.name, place(0, line));
      yield { index, line, value };
      index += 1;
    }
    return;
  }
  const text = source.text();
  const doc = parseJsonText(text, source.name);
  if (Array.isArray(doc)) {
    const lines = elementLines(text, doc.length);
    for (const [index, value] of doc.entries()) {
      if (index === 0 && !isEvent(value)) throw notOcsf(source.name, place(0, lines[0] ?? null));
      yield { index, line: lines[index] ?? null, value };
    }
    return;
  }
  if (!isEvent(doc)) throw notOcsf(source.name, 'the top-level JSON value');
  yield { index: 0, line: 1, value: doc };
}


function elementLines(text: string, count: number): (number | null)[] {
  if (!text.trimEnd().includes('\n')) return new Array<number>(count).fill(1);
  const offsets = arrayElementOffsets(text, null);
  if (offsets === null || offsets.length !== count) return new Array<null>(count).fill(null);
  return linesAtOffsets(text, offsets);
}

function isEvent(value: unknown): value is Json {
  return isObject(value) && typeof value.class_uid === 'number' && Number.isInteger(value.class_uid);
}

function notOcsf(file: string, where: string): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${file} is JSON but not OCSF: ${where} is not an OCSF event (no numeric class_uid)`, {
    file,
    record: where,
    hint: NOT_OCSF_HINT,
  });
}

function place(index: number, line: number | null): string {
  return line === null ? `record ${index + 1}` : `record ${index + 1} (line ${line})`;
}

// ---------------------------------------------------------------------------------------------------------------
// Identifiers

const AWS_ARN = /^arn:aws[a-z-]*:(?:iam|sts)::[^:\s]*:(?:root$|user\/|role\/|assumed-role\/|federated-user\/)\S*$/;
const ACCESS_KEY = /^(?:AKIA|ASIA)[A-Z0-9]{12,124}$/;
const PRINCIPAL_ID = /^A(?:IDA|ROA)[A-Z0-9]{12,124}$/;
const GCP_SA = /^[a-z0-9-]+@[a-z0-9-]+\.iam\.gserviceaccount\.com$|^[0-9]+-compute@developer\.gserviceaccount\.com$|^[a-z0-9-]+@appspot\.gserviceaccount\.com$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const KEY_IN_TEXT = /\b(?:AKIA|ASIA)[A-Z0-9]{12,124}\b/g;
// Templated exports (Prowler's samples, redacted reports) put `<account_uid>` where a value would be.
const PLACEHOLDER = /^<[^<>]*>$/;
// Names every principal shares or none owns: never an identity.
const GENERIC_PRINCIPALS = new Set(['anonymous', 'unknown', 'system', 'root', 'admin', 'n/a', 'none', 'null', '-', 'system:anonymous', 'system:unauthenticated']);

/** Collects an actor's identifiers, tying each to the primary with a reason, as the CloudTrail parser does. */
class ActorBuilder {
  readonly identifiers: Identifier[] = [];
  readonly links: ParsedLink[] = [];
  primary: Identifier | null = null;

  add(id: Identifier | null, reason: string): void {
    if (id === null || this.identifiers.some((known) => sameId(known, id))) return;
    this.identifiers.push(id);
    if (this.primary === null) this.primary = id;
    else this.links.push({ a: id, b: this.primary, reason });
  }
}

function arnId(arn: string): Identifier {
  return { type: 'aws.arn', value: arn };
}

function arnKind(arn: string): IdentityKind {
  if (arn.endsWith(':root')) return 'aws.root';
  if (/:user\//.test(arn)) return 'aws.iam-user';
  if (/:(?:role|assumed-role)\//.test(arn)) return 'aws.role';
  return 'aws.federated';
}

function arnLabel(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  if (resource === 'root') return `root/${arn.split(':')[4] ?? '?'}`;
  const parts = resource.split('/');
  if (parts[0] === 'assumed-role') return `role/${parts[1] ?? '?'}`;
  return `${parts[0] ?? '?'}/${parts[parts.length - 1] ?? '?'}`;
}

// arn:aws:sts::123:assumed-role/Name/session -> arn:aws:iam::123:role/Name, the identity CloudTrail anchors on.
function roleOfSession(arn: string): string | null {
  const match = /^arn:([^:]+):sts::([^:]*):assumed-role\/([^/]+)\//.exec(arn);
  if (match === null) return null;
  return `arn:${match[1] ?? 'aws'}:iam::${match[2] ?? ''}:role/${match[3] ?? ''}`;
}

function isStableId(value: string, accounts: Set<string>): boolean {
  const lower = value.toLowerCase();
  if (PLACEHOLDER.test(value) || GENERIC_PRINCIPALS.has(lower) || accounts.has(value)) return false;
  // Bare 12-digit numbers are AWS account ids, which many principals share.
  return !/^\d{12}$/.test(value) && value.length <= 512;
}

// ---------------------------------------------------------------------------------------------------------------
// The acting principal of an event (actor.user, or user for Authentication)

interface ActorFacts {
  actor: ParsedActor;
  links: ParsedLink[];
}

const NO_ACTOR: ActorFacts = { actor: { label: 'unknown', kind: 'unknown', primary: null, identifiers: [] }, links: [] };

function principalActor(event: Json, user: Json | null, session: Json | null): ActorFacts {
  if (user === null && session === null) return NO_ACTOR;
  const builder = new ActorBuilder();
  const uid = str(user?.uid);
  const uidAlt = str(user?.uid_alt);
  const name = str(user?.name);
  const arn = [uid, uidAlt].find((v) => v !== null && AWS_ARN.test(v)) ?? null;
  const issuer = str(session?.issuer);
  const roleArn = (issuer !== null && AWS_ARN.test(issuer) ? issuer : null) ?? (arn === null ? null : roleOfSession(arn));
  const label = roleArn !== null ? arnLabel(roleArn) : arn !== null ? arnLabel(arn) : (name ?? uid ?? 'unknown');
  // A role session anchors on its role, as in CloudTrail; the session ARN joins it.
  if (roleArn !== null) builder.add(arnId(roleArn), '');
  const sessionName = arn === null ? null : (/assumed-role\/[^/]+\/(.+)$/.exec(arn)?.[1] ?? '?');
  if (arn !== null) builder.add(arnId(arn), `session ${sessionName ?? '?'} is a session of ${label} in this record`);
  const pid = [uid, uidAlt].find((v) => v !== null && PRINCIPAL_ID.test(v.split(':')[0] ?? '')) ?? null;
  const pidValue = pid?.split(':')[0];
  if (pidValue !== undefined) builder.add({ type: 'aws.principal_id', value: pidValue }, `${label} has principal id ${pidValue} in this record`);
  addOtherIds(builder, event, user, uid, label);
  addCredential(builder, str(user?.credential_uid) ?? str(session?.credential_uid), label);
  return { actor: { label: maskKeys(label), kind: principalKind(builder, user), primary: builder.primary, identifiers: builder.identifiers }, links: builder.links };
}

function addCredential(builder: ActorBuilder, credential: string | null, label: string): void {
  if (credential === null || PLACEHOLDER.test(credential)) return;
  if (ACCESS_KEY.test(credential)) {
    builder.add({ type: 'aws.access_key', value: credential }, `access key ${maskKey(credential)} was used by ${label} in this record`);
  } else if (credential.length <= 256 && !/\s/.test(credential)) {
    builder.add({ type: 'api_key.id', value: credential }, `credential ${credential} was used by ${label} in this record`);
  }
}

// GCP service accounts, provider users and, last, a stable OCSF user id scoped by the product that issued it.
function addOtherIds(builder: ActorBuilder, event: Json, user: Json | null, uid: string | null, label: string): void {
  const email = str(user?.email_addr);
  for (const candidate of [uid, email, str(user?.name)]) {
    if (candidate !== null && GCP_SA.test(candidate)) builder.add({ type: 'gcp.sa', value: candidate }, `${label} is service account ${candidate} in this record`);
  }
  if (builder.primary !== null || uid === null) return;
  const provider = (str(asObject(event.cloud)?.provider) ?? '').toLowerCase();
  if (provider === 'gcp' && EMAIL.test(uid)) {
    builder.add({ type: 'gcp.user', value: uid }, '');
    return;
  }
  if (!isStableId(uid, accountIds(event, user))) return;
  const scope = provider !== '' ? provider : (str(asObject(asObject(event.metadata)?.product)?.name) ?? 'ocsf');
  builder.add({ type: 'ocsf.user', value: `${scope}/${uid}` }, '');
}

function principalKind(builder: ActorBuilder, user: Json | null): IdentityKind {
  const primary = builder.primary;
  if (primary === null) return 'unknown';
  switch (primary.type) {
    case 'aws.arn':
      return arnKind(primary.value);
    case 'aws.access_key':
      return 'aws.access-key';
    case 'gcp.sa':
      return 'gcp.service-account';
    case 'gcp.user':
      return 'gcp.user';
    case 'api_key.id':
      return 'api-key';
    default: {
      const type = (str(user?.type) ?? '').toLowerCase();
      return type === 'user' || type === 'admin' ? 'user' : 'unknown';
    }
  }
}

function accountIds(event: Json, user: Json | null): Set<string> {
  const ids = [str(asObject(asObject(event.cloud)?.account)?.uid), str(asObject(user?.account)?.uid)];
  return new Set(ids.filter((id): id is string => id !== null));
}

// ---------------------------------------------------------------------------------------------------------------
// The resource a finding is about

interface ResourceFacts extends ActorFacts {
  /** How the summary names the resource. */
  phrase: string | null;
}

function resourceActor(resources: Json[]): ResourceFacts {
  for (const resource of resources) {
    const facts = nhiOfResource(resource);
    if (facts !== null) return facts;
  }
  const first = resources[0];
  const phrase = first === undefined ? null : (str(first.name) ?? str(first.uid));
  return { ...NO_ACTOR, actor: { ...NO_ACTOR.actor, label: 'no identity' }, phrase };
}

function nhiOfResource(resource: Json): ResourceFacts | null {
  const uid = str(resource.uid);
  const name = str(resource.name);
  const type = str(resource.type) ?? '';
  const builder = new ActorBuilder();
  const arn = [uid, name].find((v) => v !== null && AWS_ARN.test(v)) ?? null;
  const key = [uid, name].find((v) => v !== null && ACCESS_KEY.test(v)) ?? null;
  const sa = [uid, name].find((v) => v !== null && GCP_SA.test(v)) ?? null;
  const k8s = /serviceaccount/i.test(type) && name !== null && !PLACEHOLDER.test(name) ? `${str(resource.namespace) ?? 'default'}/${name}` : null;
  const label = arn !== null ? arnLabel(arn) : sa ?? (k8s === null ? null : `sa/${k8s}`) ?? (key === null ? null : `key/${maskKey(key)}`);
  if (label === null) return null;
  if (arn !== null) builder.add(arnId(arn), '');
  if (sa !== null) builder.add({ type: 'gcp.sa', value: sa }, `${label} is service account ${sa} in this finding`);
  if (k8s !== null) builder.add({ type: 'k8s.sa', value: k8s }, '');
  if (key !== null) builder.add({ type: 'aws.access_key', value: key }, `the finding names access key ${maskKey(key)} as resource ${label}`);
  const primary = builder.primary;
  const kind: IdentityKind =
    primary?.type === 'aws.arn' ? arnKind(primary.value) : primary?.type === 'gcp.sa' ? 'gcp.service-account' : primary?.type === 'k8s.sa' ? 'k8s.service-account' : 'aws.access-key';
  return { actor: { label, kind, primary, identifiers: builder.identifiers }, links: builder.links, phrase: label };
}

// ---------------------------------------------------------------------------------------------------------------
// Normalizing one record

function toSignal(record: RawRecord, file: string): ParsedSignal | null {
  const where = place(record.index, record.line);
  const event = requireEvent(record.value, where, file);
  const classUid = event.class_uid as number;
  if (FINDING_CLASSES.has(classUid)) return findingSignal(event, where, file);
  return eventSignal(event, classUid, where, file);
}

function eventSignal(event: Json, classUid: number, where: string, file: string): ParsedSignal {
  const actorObj = asObject(event.actor);
  const user = classUid === AUTHENTICATION ? (asObject(event.user) ?? asObject(actorObj?.user)) : (asObject(actorObj?.user) ?? asObject(event.user));
  const facts = principalActor(event, user, asObject(actorObj?.session));
  const action = eventAction(event, classUid);
  const target = eventTarget(event, classUid);
  const outcome = outcomeOf(event);
  const errorCode = outcome === 'failure' ? errorOf(event) : null;
  const severity = severityOf(event);
  const on = target === null ? '' : ` on ${target}`;
  const failed = outcome === 'failure' ? ` — ${errorCode ?? 'failure'}` : '';
  return {
    time: timeOf(event, where, file),
    source: SOURCE_ID,
    action,
    outcome,
    errorCode,
    actor: facts.actor,
    target,
    sourceIp: str(asObject(event.src_endpoint)?.ip),
    region: regionOf(event),
    userAgent: str(asObject(event.http_request)?.user_agent),
    summary: maskKeys(clip(`${facts.actor.label} ${classUid === AUTHENTICATION ? 'authenticated with' : 'called'} ${action}${on}${failed}`, 400)),
    // An ordinary event of severity "informational" or "low" is not an alert, so only medium and above count.
    severity: severity === 'low' ? null : severity,
    dedupeKey: dedupeKeyOf(event),
    links: facts.links,
    relations: [],
  };
}

function eventAction(event: Json, classUid: number): string {
  const api = asObject(event.api);
  const operation = str(api?.operation);
  if (classUid === API_ACTIVITY || operation !== null) {
    const service = str(asObject(api?.service)?.name);
    const short = service?.replace(/\.amazonaws\.com$|\.googleapis\.com$/, '') ?? null;
    if (operation !== null) return short === null ? operation : `${short}:${operation}`;
  }
  const activity = str(event.activity_name) ?? 'activity';
  if (classUid === AUTHENTICATION) return `auth:${activity}`;
  return `${str(event.class_name) ?? `class-${classUid}`}:${activity}`;
}

function eventTarget(event: Json, classUid: number): string | null {
  if (classUid === AUTHENTICATION) {
    const service = asObject(event.service);
    const dst = asObject(event.dst_endpoint);
    return str(service?.name) ?? str(service?.uid) ?? str(dst?.hostname) ?? str(dst?.svc_name);
  }
  const resource = objects(event.resources)[0];
  const target = resource === undefined ? null : (str(resource.uid) ?? str(resource.name));
  return target === null ? null : clip(target, 200);
}

function findingSignal(event: Json, where: string, file: string): ParsedSignal | null {
  const status = findingStatus(event);
  // A passed check carries nothing to investigate, and scanners emit thousands of them.
  if (status === 'pass') return null;
  const info = asObject(event.finding_info) ?? asObject(event.finding);
  const resources = objects(event.resources);
  const facts = resourceActor(resources);
  const fromActor = facts.actor.primary === null ? principalActor(event, asObject(asObject(event.actor)?.user), asObject(asObject(event.actor)?.session)) : null;
  const actorFacts = fromActor !== null && fromActor.actor.primary !== null ? fromActor : facts;
  const metadata = asObject(event.metadata);
  const code = str(metadata?.event_code) ?? str(asObject(info?.analytic)?.name) ?? str(strings(info?.types)[0]) ?? 'detection';
  const title = str(info?.title) ?? str(event.message) ?? code;
  const severity = severityOf(event);
  const product = str(asObject(metadata?.product)?.name) ?? 'OCSF';
  const about = facts.phrase ?? actorFacts.actor.label;
  const more = resources.length > 1 ? ` (+${resources.length - 1} more resources)` : '';
  const statusWord = str(event.status_code) ?? str(event.status);
  const first = resources[0];
  return {
    time: timeOf(event, where, file),
    source: SOURCE_ID,
    action: `finding:${code}`,
    outcome: status === 'fail' ? 'failure' : 'unknown',
    errorCode: null,
    actor: actorFacts.actor,
    target: first === undefined ? null : clip(str(first.uid) ?? str(first.name) ?? '', 200) || null,
    sourceIp: str(asObject(event.src_endpoint)?.ip),
    region: regionOf(event),
    userAgent: null,
    summary: maskKeys(clip(`${product} ${severity ?? 'unrated'} finding on ${about}${more}: ${title}${statusWord === null ? '' : ` [${statusWord}]`}`, 400)),
    severity,
    dedupeKey: dedupeKeyOf(event),
    links: actorFacts.links,
    relations: [],
  };
}

// Prowler's status_code (PASS/FAIL/MANUAL), else the OCSF compliance status (1 Pass, 3 Fail).
function findingStatus(event: Json): 'pass' | 'fail' | 'other' {
  const code = (str(event.status_code) ?? '').toUpperCase();
  if (code === 'PASS') return 'pass';
  if (code === 'FAIL') return 'fail';
  const compliance = asObject(event.compliance);
  const id = compliance?.status_id;
  const word = (str(compliance?.status) ?? '').toLowerCase();
  if (id === 1 || word === 'pass') return 'pass';
  if (id === 3 || word === 'fail') return 'fail';
  return 'other';
}

function outcomeOf(event: Json): Outcome {
  if (event.status_id === 1) return 'success';
  if (event.status_id === 2) return 'failure';
  const status = (str(event.status) ?? '').toLowerCase();
  if (status === 'success') return 'success';
  if (status === 'failure') return 'failure';
  return 'unknown';
}

function errorOf(event: Json): string | null {
  const response = asObject(asObject(event.api)?.response);
  const error = str(response?.error) ?? str(event.status_code) ?? str(event.status_detail) ?? str(response?.error_message);
  return error === null ? null : clip(error, 120);
}

// OCSF severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical, 6 Fatal; 0 and 99 fall back to the caption.
function severityOf(event: Json): Severity | null {
  const id = event.severity_id;
  if (id === 1 || id === 2) return 'low';
  if (id === 3) return 'medium';
  if (id === 4) return 'high';
  if (id === 5 || id === 6) return 'critical';
  const word = (str(event.severity) ?? '').toLowerCase();
  if (word === 'informational' || word === 'low') return 'low';
  if (word === 'medium' || word === 'high' || word === 'critical') return word;
  return word === 'fatal' ? 'critical' : null;
}

function regionOf(event: Json): string | null {
  const region = str(asObject(event.cloud)?.region) ?? str(objects(event.resources)[0]?.region);
  return region === null || PLACEHOLDER.test(region) ? null : region;
}

function dedupeKeyOf(event: Json): string {
  const uid = str(asObject(event.metadata)?.uid);
  if (uid !== null && !PLACEHOLDER.test(uid)) return uid;
  return `sha256:${createHash('sha256').update(canonicalJson(event)).digest('hex')}`;
}

function requireEvent(value: unknown, where: string, file: string): Json {
  if (isEvent(value)) return value;
  const what = isObject(value) ? 'it has no numeric class_uid' : `it is ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}, not an object`;
  throw new WorkbenchError('BAD_INPUT', `${file}: ${where} is not a usable OCSF event: ${what}`, { file, record: where, hint: MALFORMED_HINT });
}

// OCSF's `time` is epoch milliseconds; some producers (Prowler) write seconds, which would land in 1970.
const SECONDS_LIMIT = 1e11;

function timeOf(event: Json, where: string, file: string): string {
  const info = asObject(event.finding_info) ?? asObject(event.finding);
  const candidates: unknown[] = [event.time, event.time_dt, info?.created_time, info?.created_time_dt];
  for (const candidate of candidates) {
    const time = toDate(candidate);
    if (time !== null) return time;
  }
  throw new WorkbenchError('BAD_INPUT', `${file}: ${where} has no usable time (time or time_dt)`, { file, record: where, hint: MALFORMED_HINT });
}

function toDate(value: unknown): string | null {
  let time: Date | null = null;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) time = new Date(value < SECONDS_LIMIT ? value * 1000 : value);
  // A time_dt without an offset (Prowler writes them so) is taken as UTC, not as the importing machine's zone.
  else if (typeof value === 'string' && value.length <= 64) time = new Date(/(?:Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`);
  return time === null || Number.isNaN(time.getTime()) ? null : time.toISOString();
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown): Json | null {
  return isObject(value) ? value : null;
}

function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function sameId(a: Identifier, b: Identifier): boolean {
  return a.type === b.type && a.value === b.value;
}

function maskKey(key: string): string {
  return `${key.slice(0, 4)}…${key.slice(-4)}`;
}

function maskKeys(text: string): string {
  return text.replace(KEY_IN_TEXT, (key) => maskKey(key));
}

/** The OCSF parser: API Activity, Authentication and Detection Findings (e.g. Prowler's json-ocsf output). */
export const ocsf: FormatParser = {
  id: SOURCE_ID,
  label: 'OCSF events and findings',
  detect: (sample) => detectOcsf(sample),
  records: (source) => readRecords(source),
  toSignal: (record, fileName) => toSignal(record, fileName),
};
