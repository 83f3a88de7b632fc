// AWS CloudTrail: S3-delivered {"Records":[…]} files, JSON arrays and NDJSON of events (plain, with a log
// shipper's extra fields, EventBridge `detail`, or a JSON string under `message`), and `aws cloudtrail
// lookup-events` output. Normalizes each event so that an access key, the user or role it belongs to and the
// role's sessions resolve to one identity through links, while credential-minting calls tie new keys to their owner.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../../shared/canonical-json';
import { WorkbenchError } from '../../../../shared/errors';
import type { Identifier, IdentityKind } from '../../../../shared/schemas';
import { arrayElementOffsets, findJsonErrorOffset, linesAtOffsets, looksLikeNdjson, ndjsonValues, parseJsonText } from '../json-text';
import type { EvidenceSource, FormatParser, ParsedActor, ParsedLink, ParsedRelation, ParsedSignal, RawRecord, TextLine } from '../types';

type Json = Record<string, unknown>;

const SOURCE_ID = 'aws.cloudtrail';

const NOT_CLOUDTRAIL_HINT =
  'Expected AWS CloudTrail: a {"Records":[…]} file as delivered to S3 (.json or .json.gz), a JSON array or NDJSON ' +
  'of CloudTrail events (plain, EventBridge "detail", or a log shipper\'s "message"), or the output of ' +
  '`aws cloudtrail lookup-events`. Choose the right format for this file or leave it out of the bundle.';
const MALFORMED_HINT =
  'Every CloudTrail event has eventTime and eventName. The record may have been altered by an export tool; ' +
  'compare it with the original log.';

// ---------------------------------------------------------------------------------------------------------------
// Detection

// Optional backslashes let the markers match events embedded as JSON strings (e.g. under "message").
const EVENT_SOURCE_MARK = /\\?"eventSource\\?"\s*:\s*\\?"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.amazonaws\.com\\?"/;
const EVENT_NAME_MARK = /\\?"eventName\\?"\s*:/;
const EVENT_META_MARK = /\\?"event(?:Version|Time)\\?"\s*:/;
const LOOKUP_MARK = /"CloudTrailEvent"\s*:\s*"/;
const EVENTBRIDGE_MARK = /"detail-type"\s*:\s*"AWS [A-Za-z ]+ via CloudTrail"/;

/** True when the start of a text looks like CloudTrail in any shape this parser reads. */
function detectCloudTrail(sample: string): boolean {
  const head = sample.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('{') && !head.startsWith('[')) return false;
  if (LOOKUP_MARK.test(head) || EVENTBRIDGE_MARK.test(head)) return true;
  // An S3 or SQS notification also has "Records" and "eventName", but its eventSource is "aws:s3", not a host.
  return EVENT_SOURCE_MARK.test(head) && EVENT_NAME_MARK.test(head) && EVENT_META_MARK.test(head);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading records

function* readRecords(source: EvidenceSource): Generator<RawRecord> {
  if (looksLikeNdjson(source.sample)) {
    yield* readNdjson(source.lines(), source.name);
    return;
  }
  const text = source.text();
  yield* readDocument(parseJsonText(text, source.name), text, source.name);
}


function* readDocument(doc: unknown, text: string, file: string): Generator<RawRecord> {
  if (Array.isArray(doc)) {
    yield* readArray(doc, elementLines(text, null, doc.length), file, 'array');
    return;
  }
  if (isObject(doc) && Array.isArray(doc.Records)) {
    yield* readArray(doc.Records, elementLines(text, 'Records', doc.Records.length), file, 'records');
    return;
  }
  if (isObject(doc) && Array.isArray(doc.Events)) {
    yield* readArray(doc.Events, elementLines(text, 'Events', doc.Events.length), file, 'array');
    return;
  }
  const event = unwrapEvent(doc, place(0, 1), file);
  if (event === null) throw notCloudTrail(file, 'the top-level JSON value');
  yield { index: 0, line: 1, value: event };
}

function* readArray(items: unknown[], lines: (number | null)[], file: string, kind: 'records' | 'array'): Generator<RawRecord> {
  for (const [index, item] of items.entries()) {
    const line = lines[index] ?? null;
    const where = place(index, line);
    const event = unwrapEvent(item, where, file);
    if (index === 0 && !startsCloudTrail(item, event, kind)) throw notCloudTrail(file, where);
    // A record that is not an event is still yielded, so toSignal rejects it by name instead of losing it.
    yield { index, line, value: event ?? item };
  }
}

// The first element decides whether the container is CloudTrail at all. A "Records" key is itself a strong
// marker, so there only S3/SQS-style notifications ("eventSource": "aws:…") are turned away.
function startsCloudTrail(item: unknown, event: Json | null, kind: 'records' | 'array'): boolean {
  if (event !== null) return true;
  if (kind === 'array' || !isObject(item)) return false;
  const source = str(item.eventSource);
  return source === null || !source.startsWith('aws:');
}

function* readNdjson(lines: Iterable<TextLine>, file: string): Generator<RawRecord> {
  let index = 0;
  for (const { line, value } of ndjsonValues(lines, file)) {
    const where = place(index, line);
    const events = isObject(value) && Array.isArray(value.Records) ? value.Records : [value];
    for (const item of events) {
      const event = unwrapEvent(item, place(index, line), file);
      if (index === 0 && event === null) throw notCloudTrail(file, where);
      yield { index, line, value: event ?? item };
      index += 1;
    }
  }
}

// Pretty-printed files get a line per record; one-line files (as CloudTrail delivers them) are all on line 1.
function elementLines(text: string, key: string | null, count: number): (number | null)[] {
  if (!text.trimEnd().includes('\n')) return new Array<number>(count).fill(1);
  const offsets = arrayElementOffsets(text, key);
  if (offsets === null || offsets.length !== count) return new Array<null>(count).fill(null);
  return linesAtOffsets(text, offsets);
}

// Where the event sits inside a wrapper: lookup-events, EventBridge, shippers (Splunk HEC `event`, Elastic
// `event.original`, Firehose/CloudWatch `message`). Checked in this order after the value itself.
const WRAPPER_KEYS = ['CloudTrailEvent', 'detail', 'message', 'event', 'original', 'json'] as const;
const MAX_WRAPPING = 3;

function unwrapEvent(value: unknown, where: string, file: string, depth = 0): Json | null {
  if (!isObject(value)) return null;
  if (isEventLike(value)) return value;
  if (depth >= MAX_WRAPPING) return null;
  for (const key of WRAPPER_KEYS) {
    const inner = embeddedObject(value[key], key === 'CloudTrailEvent', where, file);
    const event = inner === null ? null : unwrapEvent(inner, where, file, depth + 1);
    if (event !== null) return event;
  }
  return null;
}

function isEventLike(value: Json): boolean {
  if (typeof value.eventName !== 'string') return false;
  const source = str(value.eventSource);
  if (source !== null) return source.endsWith('.amazonaws.com');
  return typeof value.eventVersion === 'string' && isObject(value.userIdentity);
}

// A wrapper field holding an object, or a JSON string of one. Only lookup-events' CloudTrailEvent must parse:
// elsewhere a string that is not JSON is just a log line.
function embeddedObject(value: unknown, mustParse: boolean, where: string, file: string): Json | null {
  if (isObject(value)) return value;
  if (typeof value !== 'string') return null;
  if (!mustParse && !value.trimStart().startsWith('{')) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return isObject(parsed) ? parsed : null;
  } catch {
    if (!mustParse) return null;
    const at = findJsonErrorOffset(value) ?? value.length;
    throw new WorkbenchError('BAD_INPUT', `${file}: the CloudTrailEvent string of ${where} is not valid JSON (near character ${at + 1} of that string)`, {
      file,
      record: where,
      hint: 'lookup-events output carries each event as a JSON string; this one is damaged or cut short. Export the events again.',
    });
  }
}

function notCloudTrail(file: string, where: string): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${file} is JSON but not AWS CloudTrail: ${where} is not a CloudTrail event`, {
    file,
    record: where,
    hint: NOT_CLOUDTRAIL_HINT,
  });
}

function place(index: number, line: number | null): string {
  return line === null ? `record ${index + 1}` : `record ${index + 1} (line ${line})`;
}

// ---------------------------------------------------------------------------------------------------------------
// Who acted: identifiers and the links between them

interface ActorFacts {
  actor: ParsedActor;
  links: ParsedLink[];
  /** How the summary names the actor, e.g. `role/x (session s, key ASIA…WXYZ)`. */
  phrase: string;
  accountId: string | null;
  partition: string;
}

function describeActor(identity: Json | null, event: Json): ActorFacts {
  if (identity === null) return noActor('no identity', event);
  const type = str(identity.type);
  switch (type) {
    case 'IAMUser':
      return iamUser(identity, event);
    case 'AssumedRole':
      return assumedRole(identity, event);
    case 'Root':
      return rootUser(identity, event);
    case 'FederatedUser':
      return federatedUser(identity, event);
    case 'AWSService':
      return awsService(identity, event);
    default:
      return otherPrincipal(identity, type, event);
  }
}

// Collects an actor's identifiers; every identifier but the primary enters with the link that ties it in, so a
// resolver that only follows links and one that unions an actor's identifiers reach the same identity.
class ActorBuilder {
  readonly identifiers: Identifier[] = [];
  readonly links: ParsedLink[] = [];

  constructor(readonly primary: Identifier) {
    this.identifiers.push(primary);
  }

  tie(id: Identifier | null, to: Identifier | null, reason: string): void {
    if (id === null || to === null || sameId(id, to)) return;
    if (!this.identifiers.some((known) => sameId(known, id))) this.identifiers.push(id);
    this.links.push({ a: id, b: to, reason });
  }

  facts(label: string, kind: IdentityKind, phrase: string, event: Json, arn: string | null): ActorFacts {
    return {
      actor: { label, kind, primary: this.primary, identifiers: this.identifiers },
      links: this.links,
      phrase,
      accountId: accountOf(event, arn),
      partition: partitionOf(arn),
    };
  }
}

function iamUser(identity: Json, event: Json): ActorFacts {
  const name = str(identity.userName);
  const account = str(identity.accountId);
  const arn = str(identity.arn) ?? (name !== null && account !== null ? `arn:aws:iam::${account}:user/${name}` : null);
  const key = accessKeyId(identity.accessKeyId);
  if (arn === null) return keyOnlyActor(key, event);
  const label = `user/${lastSegment(arn)}`;
  const builder = new ActorBuilder(arnId(arn));
  const keyRef = key === null ? null : keyId(key);
  builder.tie(keyRef, builder.primary, `access key ${maskKey(key)} was used by ${label} in this record`);
  const pid = principalId(identity.principalId);
  builder.tie(pid, builder.primary, `${label} has principal id ${pid?.value ?? ''} in this record`);
  return builder.facts(label, 'aws.iam-user', withKey(label, [], key), event, arn);
}

function assumedRole(identity: Json, event: Json): ActorFacts {
  const sessionArn = str(identity.arn);
  const issuer = asObject(asObject(identity.sessionContext)?.sessionIssuer);
  // sessionIssuer keeps the role's path (role/service-role/x); the session ARN drops it, so prefer the issuer.
  const roleArn = str(issuer?.arn) ?? roleArnFromSession(sessionArn);
  const key = accessKeyId(identity.accessKeyId);
  if (roleArn === null) return keyOnlyActor(key, event);
  const label = `role/${str(issuer?.userName) ?? lastSegment(roleArn)}`;
  const session = sessionArn === null ? null : sessionNameOf(sessionArn);
  const builder = new ActorBuilder(arnId(roleArn));
  const sessionRef = sessionArn === null ? null : arnId(sessionArn);
  builder.tie(sessionRef, builder.primary, `session ${session ?? '?'} is a session of ${label} in this record`);
  const keyRef = key === null ? null : keyId(key);
  builder.tie(keyRef, sessionRef ?? builder.primary, `temporary key ${maskKey(key)} was used by session ${session ?? '?'} of ${label} in this record`);
  const pid = principalId(issuer?.principalId ?? identity.principalId);
  builder.tie(pid, builder.primary, `${label} has principal id ${pid?.value ?? ''} in this record`);
  const details = session === null ? [] : [`session ${session}`];
  return builder.facts(label, 'aws.role', withKey(label, details, key), event, roleArn);
}

function rootUser(identity: Json, event: Json): ActorFacts {
  const account = str(identity.accountId) ?? str(event.recipientAccountId);
  const arn = str(identity.arn) ?? (account === null ? null : `arn:aws:iam::${account}:root`);
  const key = accessKeyId(identity.accessKeyId);
  if (arn === null) return keyOnlyActor(key, event);
  const label = `root/${accountOfArn(arn) ?? account ?? '?'}`;
  const builder = new ActorBuilder(arnId(arn));
  // Root's principalId is the account id, which many principals share, so it is never an identifier.
  builder.tie(key === null ? null : keyId(key), builder.primary, `access key ${maskKey(key)} was used by ${label} in this record`);
  return builder.facts(label, 'aws.root', withKey(label, [], key), event, arn);
}

function federatedUser(identity: Json, event: Json): ActorFacts {
  const arn = str(identity.arn);
  const key = accessKeyId(identity.accessKeyId);
  if (arn === null) return keyOnlyActor(key, event);
  const label = `federated-user/${lastSegment(arn)}`;
  const builder = new ActorBuilder(arnId(arn));
  builder.tie(key === null ? null : keyId(key), builder.primary, `temporary key ${maskKey(key)} was used by ${label} in this record`);
  return builder.facts(label, 'aws.federated', withKey(label, [], key), event, arn);
}

function awsService(identity: Json, event: Json): ActorFacts {
  const service = serviceName(identity.invokedBy);
  if (service === null) return noActor('AWS Internal', event, 'aws.service');
  const label = `service/${service}`;
  return new ActorBuilder({ type: 'aws.service', value: service }).facts(label, 'aws.service', label, event, null);
}

// Identity Center, SAML and web-identity users, other accounts and "Unknown": named as well as the record allows,
// but never by account id alone.
function otherPrincipal(identity: Json, type: string | null, event: Json): ActorFacts {
  if (type === null && str(identity.invokedBy) !== null) return awsService(identity, event);
  const userName = str(identity.userName);
  switch (type) {
    case 'IdentityCenterUser': {
      const userId = str(asObject(identity.onBehalfOf)?.userId);
      return namedOther(userId === null ? null : { type: 'aws.identity_center_user', value: userId }, `identity-center/${userId ?? '?'}`, event);
    }
    case 'SAMLUser':
    case 'WebIdentityUser': {
      const pid = str(identity.principalId) ?? joinDefined(str(identity.identityProvider), userName);
      const prefix = type === 'SAMLUser' ? 'saml' : 'web-identity';
      const idType = type === 'SAMLUser' ? 'aws.saml_user' : 'aws.web_identity';
      const primary = pid === null ? null : { type: idType, value: pid };
      // A GitHub Actions OIDC principal's user name is its token subject (repo:owner/name:ref:…): the same name the
      // GitHub audit log gives the workflow runs that use it, so the two sources can meet (as a relation there).
      const provider = str(identity.identityProvider) ?? '';
      if (primary !== null && userName !== null && provider.endsWith('token.actions.githubusercontent.com') && userName.startsWith('repo:')) {
        const builder = new ActorBuilder(primary);
        builder.tie({ type: 'github.oidc_subject', value: userName }, primary, `the GitHub Actions OIDC subject ${userName} signs in as this web identity`);
        return builder.facts(`${prefix}/${userName}`, 'github.workflow', `${prefix}/${userName}`, event, null);
      }
      return namedOther(primary, `${prefix}/${userName ?? pid ?? '?'}`, event);
    }
    case 'AWSAccount': {
      const pid = principalId(identity.principalId);
      return namedOther(pid, `aws-account/${str(identity.accountId) ?? '?'}`, event);
    }
    default:
      return noActor(userName === null ? 'unknown' : `unknown/${userName}`, event);
  }
}

function namedOther(primary: Identifier | null, label: string, event: Json): ActorFacts {
  if (primary === null) return noActor(label, event);
  return new ActorBuilder(primary).facts(label, 'unknown', label, event, null);
}

// A key with no user or role around it (a damaged record) still names one NHI: the key itself.
function keyOnlyActor(key: string | null, event: Json): ActorFacts {
  if (key === null) return noActor('unknown', event);
  const label = `key/${maskKey(key)}`;
  return new ActorBuilder(keyId(key)).facts(label, 'aws.access-key', label, event, null);
}

function noActor(label: string, event: Json, kind: IdentityKind = 'unknown'): ActorFacts {
  return {
    actor: { label, kind, primary: null, identifiers: [] },
    links: [],
    phrase: label,
    accountId: accountOf(event, null),
    partition: 'aws',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Calls that mint credentials: tie the new key or session to its owner

interface Minted {
  links: ParsedLink[];
  relations: ParsedRelation[];
}

const ASSUME_ROLE_CALLS = new Set(['AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity']);

function mintedCredentials(event: Json, caller: ActorFacts): Minted {
  const name = str(event.eventName) ?? '';
  const source = str(event.eventSource);
  if (source === 'sts.amazonaws.com' && ASSUME_ROLE_CALLS.has(name)) return assumeRole(event, caller, name);
  if (source === 'sts.amazonaws.com' && name === 'GetSessionToken') return sessionToken(event, caller);
  if (source === 'sts.amazonaws.com' && name === 'GetFederationToken') return federationToken(event, caller);
  if (source === 'iam.amazonaws.com' && name === 'CreateAccessKey') return createAccessKey(event, caller);
  return { links: [], relations: [] };
}

function assumeRole(event: Json, caller: ActorFacts, call: string): Minted {
  const roleArn = str(asObject(event.requestParameters)?.roleArn);
  if (roleArn === null) return { links: [], relations: [] };
  const role = arnId(roleArn);
  const label = `role/${lastSegment(roleArn)}`;
  const response = asObject(event.responseElements);
  const assumed = asObject(response?.assumedRoleUser);
  const sessionArn = str(assumed?.arn);
  const session = sessionArn === null ? null : sessionNameOf(sessionArn);
  const key = accessKeyId(asObject(response?.credentials)?.accessKeyId);
  const pid = principalId(assumed?.assumedRoleId);
  const links: ParsedLink[] = [];
  if (sessionArn !== null) links.push({ a: arnId(sessionArn), b: role, reason: `${call} by ${caller.actor.label} started session ${session ?? '?'} of ${label}` });
  if (key !== null) links.push({ a: keyId(key), b: role, reason: `${call} returned temporary key ${maskKey(key)} for ${label}` });
  if (pid !== null) links.push({ a: pid, b: role, reason: `${call} shows that ${label} has principal id ${pid.value}` });
  const failed = str(event.errorCode) !== null;
  return { links, relations: relation(caller.actor.primary, role, failed ? 'tried to assume role' : 'assumed role') };
}

function sessionToken(event: Json, caller: ActorFacts): Minted {
  const key = accessKeyId(asObject(asObject(event.responseElements)?.credentials)?.accessKeyId);
  const owner = caller.actor.primary;
  if (key === null || owner === null) return { links: [], relations: [] };
  return { links: [{ a: keyId(key), b: owner, reason: `GetSessionToken issued temporary key ${maskKey(key)} to ${caller.actor.label}` }], relations: [] };
}

function federationToken(event: Json, caller: ActorFacts): Minted {
  const response = asObject(event.responseElements);
  const federatedArn = str(asObject(response?.federatedUser)?.arn);
  if (federatedArn === null) return { links: [], relations: [] };
  const federated = arnId(federatedArn);
  const key = accessKeyId(asObject(response?.credentials)?.accessKeyId);
  const label = `federated-user/${lastSegment(federatedArn)}`;
  const links = key === null ? [] : [{ a: keyId(key), b: federated, reason: `GetFederationToken issued temporary key ${maskKey(key)} to ${label}` }];
  return { links, relations: relation(caller.actor.primary, federated, 'issued federation token to') };
}

function createAccessKey(event: Json, caller: ActorFacts): Minted {
  const created = asObject(asObject(event.responseElements)?.accessKey);
  const key = accessKeyId(created?.accessKeyId);
  const owner = accessKeyOwner(event, caller, str(created?.userName) ?? str(asObject(event.requestParameters)?.userName));
  if (key === null || owner === null) return { links: [], relations: [] };
  const ownerLabel = owner.value.endsWith(':root') ? `root/${caller.accountId ?? '?'}` : `user/${lastSegment(owner.value)}`;
  const links = [{ a: keyId(key), b: owner, reason: `CreateAccessKey by ${caller.actor.label} created access key ${maskKey(key)} for ${ownerLabel}` }];
  return { links, relations: relation(caller.actor.primary, owner, 'created access key for') };
}

// Without a user name, or naming the caller, the key is the caller's own; use the caller's ARN, which keeps the
// user's path. Otherwise the user is in the caller's account (IAM users cannot get keys across accounts).
function accessKeyOwner(event: Json, caller: ActorFacts, userName: string | null): Identifier | null {
  const primary = caller.actor.primary;
  const callerIsUser = caller.actor.kind === 'aws.iam-user' || caller.actor.kind === 'aws.root';
  if (callerIsUser && primary !== null && (userName === null || str(asObject(event.userIdentity)?.userName) === userName)) return primary;
  if (userName === null || caller.accountId === null) return null;
  return arnId(`arn:${caller.partition}:iam::${caller.accountId}:user/${userName}`);
}

function relation(from: Identifier | null, to: Identifier, name: string): ParsedRelation[] {
  return from === null || sameId(from, to) ? [] : [{ from, to, relation: name }];
}

// ---------------------------------------------------------------------------------------------------------------
// What was done, to what, from where

function actionOf(event: Json, eventName: string): string {
  const source = str(event.eventSource);
  const service = source === null ? null : source.replace(/\.amazonaws\.com$/, '');
  return service === null ? eventName : `${service}:${eventName}`;
}

// ConsoleLogin failures carry no errorCode, only responseElements.ConsoleLogin = "Failure".
function failureOf(event: Json): string | null {
  const code = str(event.errorCode);
  if (code !== null) return code;
  if (asObject(event.responseElements)?.ConsoleLogin === 'Failure') return str(event.errorMessage) ?? 'Failure';
  return null;
}

const MAX_TARGET = 200;
const NAMED_TARGETS: readonly (readonly [string, string])[] = [
  ['roleArn', ''],
  ['secretId', ''],
  ['functionName', ''],
  ['userName', 'user/'],
  ['roleName', 'role/'],
  ['groupName', 'group/'],
  ['policyArn', ''],
  ['instanceId', ''],
  ['accessKeyId', ''],
  ['trailName', ''],
  ['tableName', ''],
  ['logGroupName', ''],
  ['stackName', ''],
  ['repositoryName', ''],
  ['topicArn', ''],
  ['queueUrl', ''],
];

function targetOf(event: Json): string | null {
  const request = asObject(event.requestParameters);
  const target = (request === null ? null : requestTarget(request)) ?? firstResourceArn(event) ?? genericTarget(request);
  return target === null ? null : clip(target, MAX_TARGET);
}

function requestTarget(request: Json): string | null {
  const bucket = str(request.bucketName);
  if (bucket !== null) {
    const key = str(request.key);
    return key === null ? `s3://${bucket}` : `s3://${bucket}/${key}`;
  }
  const instances = instanceIds(request);
  if (instances !== null) return instances;
  for (const [field, prefix] of NAMED_TARGETS) {
    const value = str(request[field]);
    if (value !== null) return `${prefix}${value}`;
  }
  return null;
}

// KMS key ids and SSM/Secrets Manager names come last: they are often present on calls with a better resource.
function genericTarget(request: Json | null): string | null {
  if (request === null) return null;
  return str(request.keyId) ?? str(request.name);
}

function instanceIds(request: Json): string | null {
  const items = asObject(request.instancesSet)?.items;
  if (!Array.isArray(items)) return null;
  const ids = items.map((item) => str(asObject(item)?.instanceId)).filter((id): id is string => id !== null);
  const first = ids[0];
  if (first === undefined) return null;
  return ids.length === 1 ? first : `${first} (+${ids.length - 1} more)`;
}

function firstResourceArn(event: Json): string | null {
  if (!Array.isArray(event.resources)) return null;
  for (const resource of event.resources) {
    const arn = str(asObject(resource)?.ARN);
    if (arn !== null) return arn;
  }
  return null;
}

function summaryOf(phrase: string, action: string, target: string | null, failure: string | null): string {
  const on = target === null ? '' : ` on ${target}`;
  const outcome = failure === null ? '' : ` — ${failure}`;
  return maskKeysIn(`${phrase} called ${action}${on}${outcome}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Normalizing one record

function toSignal(record: RawRecord, file: string): ParsedSignal {
  const where = place(record.index, record.line);
  const event = requireEvent(record.value, where, file);
  const eventName = str(event.eventName) ?? '';
  const caller = describeActor(asObject(event.userIdentity), event);
  const minted = mintedCredentials(event, caller);
  const action = actionOf(event, eventName);
  const failure = failureOf(event);
  const target = targetOf(event);
  return {
    time: timeOf(event, where, file),
    source: SOURCE_ID,
    action,
    outcome: failure === null ? 'success' : 'failure',
    errorCode: failure,
    actor: caller.actor,
    target,
    sourceIp: str(event.sourceIPAddress),
    region: str(event.awsRegion),
    userAgent: str(event.userAgent),
    summary: summaryOf(caller.phrase, action, target, failure),
    dedupeKey: str(event.eventID) ?? `sha256:${createHash('sha256').update(canonicalJson(event)).digest('hex')}`,
    links: [...caller.links, ...minted.links],
    relations: minted.relations,
  };
}

function requireEvent(value: unknown, where: string, file: string): Json {
  if (isObject(value) && str(value.eventName) !== null && str(value.eventTime) !== null) return value;
  throw new WorkbenchError('BAD_INPUT', `${file}: ${where} is not a usable CloudTrail event: ${problemOf(value)}`, {
    file,
    record: where,
    hint: MALFORMED_HINT,
  });
}

function problemOf(value: unknown): string {
  if (!isObject(value)) return `it is ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}, not an object`;
  return str(value.eventName) === null ? 'it has no eventName' : 'it has no eventTime';
}

function timeOf(event: Json, where: string, file: string): string {
  const raw = str(event.eventTime) ?? '';
  const time = new Date(raw);
  if (Number.isNaN(time.getTime())) {
    throw new WorkbenchError('BAD_INPUT', `${file}: ${where} has an eventTime that is not a date: ${clip(raw, 40)}`, {
      file,
      record: where,
      hint: MALFORMED_HINT,
    });
  }
  return time.toISOString();
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

const ACCESS_KEY = /^[A-Z0-9]{16,128}$/;
// AIDA… (user), AROA… (role) and the like; account ids (all digits) and "acct:name" ids never match.
const PRINCIPAL_ID = /^A[A-Z0-9]{15,127}$/;
const KEY_IN_TEXT = /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,124}\b/g;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown): Json | null {
  return isObject(value) ? value : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function joinDefined(a: string | null, b: string | null): string | null {
  return a !== null && b !== null ? `${a}:${b}` : (a ?? b);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function sameId(a: Identifier, b: Identifier): boolean {
  return a.type === b.type && a.value === b.value;
}

function arnId(arn: string): Identifier {
  return { type: 'aws.arn', value: arn };
}

function keyId(key: string): Identifier {
  return { type: 'aws.access_key', value: key };
}

function accessKeyId(value: unknown): string | null {
  const key = str(value);
  return key !== null && ACCESS_KEY.test(key) ? key : null;
}

// For an assumed role the principal id is "AROA…:session"; the part before the colon is the role's own id.
function principalId(value: unknown): Identifier | null {
  const raw = str(value)?.split(':')[0];
  return raw !== undefined && PRINCIPAL_ID.test(raw) ? { type: 'aws.principal_id', value: raw } : null;
}

// Service principals look like host names; "AWS Internal" names no one and must never link anything.
function serviceName(value: unknown): string | null {
  const service = str(value);
  return service !== null && /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(service) ? service : null;
}

/** Masks an access key id for display, keeping the first and last four characters (`AKIA…WXYZ`). */
export function maskKey(key: string | null): string {
  if (key === null) return '?';
  return key.length <= 8 ? key : `${key.slice(0, 4)}…${key.slice(-4)}`;
}

function maskKeysIn(text: string): string {
  return text.replace(KEY_IN_TEXT, (key) => maskKey(key));
}

function withKey(label: string, details: string[], key: string | null): string {
  const all = key === null ? details : [...details, `key ${maskKey(key)}`];
  return all.length === 0 ? label : `${label} (${all.join(', ')})`;
}

function lastSegment(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  return resource.split('/').pop() ?? resource;
}

function sessionNameOf(sessionArn: string): string | null {
  const parts = sessionArn.split(':').slice(5).join(':').split('/');
  return parts[0] === 'assumed-role' && parts.length >= 3 ? parts.slice(2).join('/') : null;
}

// arn:aws:sts::123:assumed-role/Name/session -> arn:aws:iam::123:role/Name (the role's path is not in the session ARN).
function roleArnFromSession(sessionArn: string | null): string | null {
  const match = sessionArn === null ? null : /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(sessionArn);
  if (match === null) return null;
  const [, partition, account, role] = match;
  return `arn:${partition ?? 'aws'}:iam::${account ?? ''}:role/${role ?? ''}`;
}

function accountOfArn(arn: string): string | null {
  const account = arn.split(':')[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : null;
}

function partitionOf(arn: string | null): string {
  const partition = arn?.split(':')[1];
  return partition !== undefined && partition !== '' ? partition : 'aws';
}

function accountOf(event: Json, arn: string | null): string | null {
  return (arn === null ? null : accountOfArn(arn)) ?? str(asObject(event.userIdentity)?.accountId) ?? str(event.recipientAccountId);
}

/** The AWS CloudTrail parser: every CloudTrail shape an investigator is likely to be handed. */
export const cloudtrail: FormatParser = {
  id: SOURCE_ID,
  label: 'AWS CloudTrail',
  detect: (sample) => detectCloudTrail(sample),
  records: (source) => readRecords(source),
  toSignal: (record, fileName) => toSignal(record, fileName),
};
