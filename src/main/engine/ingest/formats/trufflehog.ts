// TruffleHog v3 `--json` output: one result per line (or a JSON array of them), from any source (git, GitHub,
// filesystem, S3…). `Raw` and `RawV2` hold the secret and never reach a signal; for AWS, `Raw` is the access key id
// (an identifier, kept) and RawV2 is the key id followed by the secret key. When TruffleHog verified an AWS key it
// called STS GetCallerIdentity, so the ARN it reports is proof of who the key belongs to.
import { WorkbenchError } from '../../../../shared/errors';
import type { Identifier, Severity } from '../../../../shared/schemas';
import type { EvidenceSource, FormatParser, ParsedSignal, RawRecord } from '../types';
import { asObject, badRecord, clip, contentKey, idText, isObject, isoTime, type Json, place, readJsonRecords, sampleHead, str, typeName } from './json-records';
import { addIdentifier, awsKeyId, leakedCredential, type LeakedCredential, preview, secretSha256, UNDATED } from './leaked-secret';

const SOURCE_ID = 'trufflehog';

const NOT_TRUFFLEHOG_HINT =
  'Expected TruffleHog v3 JSON output (`trufflehog … --json`): one result per line with SourceMetadata, ' +
  'DetectorName and Raw. Choose the right format for this file or leave it out.';
const MALFORMED_HINT =
  'Every TruffleHog result has SourceMetadata, a DetectorName and the Raw secret. The record may have been altered; ' +
  'run TruffleHog again to get its output as written.';

// ---------------------------------------------------------------------------------------------------------------
// Detection and reading

/** True when the start of a text looks like TruffleHog v3 JSON results. */
function detectResults(sample: string): boolean {
  const head = sampleHead(sample);
  if (!head.startsWith('{') && !head.startsWith('[')) return false;
  return /"SourceMetadata"\s*:/.test(head) && /"Detector(?:Name|Type)"\s*:/.test(head) && /"Raw"\s*:/.test(head);
}

function isResult(value: unknown): value is Json {
  return isObject(value) && isObject(value.SourceMetadata) && (str(value.DetectorName) !== null || typeof value.DetectorType === 'number');
}

// TruffleHog writes its own log lines as JSON too when stderr is captured with the results.
function isLogLine(value: unknown): boolean {
  return isObject(value) && str(value.logger) !== null && str(value.msg) !== null && value.SourceMetadata === undefined;
}

function* readRecords(source: EvidenceSource): Generator<RawRecord> {
  yield* readJsonRecords(source, {
    shapeOf: (doc) => (Array.isArray(doc) ? { items: doc, key: null } : isObject(doc) ? { items: [doc], key: null, single: true } : null),
    accepts: (value) => isResult(value) || isLogLine(value),
    refuse: (where) =>
      new WorkbenchError('BAD_INPUT', `${source.name} is not TruffleHog output: ${where} is not a TruffleHog result`, { file: source.name, record: where, hint: NOT_TRUFFLEHOG_HINT }),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The secret: Raw, which early v3 releases wrote as base64 (Go's encoding of a byte slice)

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The secret as TruffleHog found it. Releases that print DecoderName write Raw as text; older ones wrote the bytes
 * as base64, which is decoded when it yields printable text (random bytes almost never do).
 */
function rawText(value: unknown, result: Json): string | null {
  const raw = str(value);
  if (raw === null || result.DecoderName !== undefined || !BASE64.test(raw)) return raw;
  const decoded = Buffer.from(raw, 'base64').toString('utf8');
  return /^[\t\n\r\x20-\x7e\u00a0-\uffff]+$/.test(decoded) && !decoded.includes('\ufffd') ? decoded : raw;
}

function credentialOf(result: Json, detector: string): LeakedCredential {
  const raw = rawText(result.Raw, result) ?? rawText(result.RawV2, result) ?? '';
  const credential = leakedCredential(raw, detector);
  const primary = credential.actor.primary;
  const rawV2 = rawText(result.RawV2, result);
  if (primary === null || rawV2 === null || rawV2 === raw) return credential;
  // For AWS, RawV2 is the key id followed by the secret key: the secret key's own hash joins other scanners' findings of it.
  const keyId = awsKeyId(raw);
  const secretKey = keyId !== null && rawV2.startsWith(keyId) && rawV2.length > keyId.length ? rawV2.slice(keyId.length) : null;
  const paired = secretKey ?? rawV2;
  const reason = secretKey === null ? `TruffleHog found ${preview(raw)} together with a second part, in this result` : `the secret access key ${preview(secretKey)} was found paired with key id ${preview(raw)} in this result`;
  addIdentifier(credential, secretSha256(paired), primary, reason);
  return credential;
}

// ExtraData of a verified AWS key: the ARN and user id STS returned. The account id alone names no one.
function addAwsOwner(credential: LeakedCredential, result: Json): string | null {
  const extra = asObject(result.ExtraData);
  const arn = str(extra?.arn);
  const key = credential.actor.identifiers.find((id) => id.type === 'aws.access_key');
  if (arn === null || key === undefined || !arn.startsWith('arn:')) return null;
  const arnId: Identifier = { type: 'aws.arn', value: arn };
  addIdentifier(credential, arnId, key, `TruffleHog verified access key ${preview(key.value)} with AWS STS, which named ${arn} as its owner`);
  const userId = str(extra?.user_id);
  if (userId !== null && /^A[A-Z0-9]{15,127}$/.test(userId)) {
    addIdentifier(credential, { type: 'aws.principal_id', value: userId }, arnId, `AWS STS reported principal id ${userId} for ${arn}`);
  }
  return arn;
}

// ---------------------------------------------------------------------------------------------------------------
// Where it was found

interface Origin {
  kind: string | null;
  repository: string | null;
  file: string | null;
  line: string | null;
  commit: string | null;
  email: string | null;
  time: string | null;
}

/** The one source block under SourceMetadata.Data (Git, Github, Filesystem, S3…), reduced to common facts. */
function originOf(result: Json): Origin {
  const data = asObject(asObject(result.SourceMetadata)?.Data);
  const kind = data === null ? null : (Object.keys(data)[0] ?? null);
  const block = kind === null ? null : asObject(data?.[kind]);
  return {
    kind,
    repository: str(block?.repository) ?? str(block?.bucket) ?? str(block?.link),
    file: str(block?.file) ?? str(block?.path) ?? str(block?.object),
    line: idText(block?.line),
    commit: str(block?.commit),
    email: str(block?.email),
    time: gitTime(block?.timestamp) ?? isoTime(block?.timestamp),
  };
}

// Git sources print Go's time format, e.g. "2022-06-16 10:17:40 -0700 -0700" (offset twice).
function gitTime(value: unknown): string | null {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.\d+)? ([+-])(\d{2})(\d{2})\b/.exec(str(value) ?? '');
  if (match === null) return null;
  const [, date, time, sign, hours, minutes] = match;
  return isoTime(`${date ?? ''}T${time ?? ''}${sign ?? '+'}${hours ?? '00'}:${minutes ?? '00'}`);
}

function severityOf(result: Json): Severity {
  return result.Verified === true ? 'critical' : 'medium';
}

function summaryOf(detector: string, credential: LeakedCredential, origin: Origin, verified: boolean, arn: string | null): string {
  const state = verified ? 'verified live' : 'unverified';
  const at = origin.file === null ? '' : ` in ${clip(origin.file, 160)}${origin.line === null ? '' : `:${origin.line}`}`;
  const repo = origin.repository === null ? '' : ` of ${clip(origin.repository, 120)}`;
  const commit = origin.commit === null ? '' : ` (commit ${origin.commit.slice(0, 12)})`;
  const owner = arn === null ? '' : `, belongs to ${arn}`;
  return `TruffleHog ${detector} ${credential.preview} (${state}${owner})${at}${repo}${commit}`;
}

function toSignal(record: RawRecord, file: string): ParsedSignal | null {
  const where = place(record.index, record.line);
  const value = record.value;
  if (isLogLine(value)) return null;
  if (!isResult(value)) {
    const problem = isObject(value) ? 'it has no SourceMetadata or DetectorName' : `it is ${typeName(value)}, not an object`;
    throw badRecord(file, where, `is not a usable TruffleHog result: ${problem}`, MALFORMED_HINT);
  }
  const detector = str(value.DetectorName) ?? `detector-${idText(value.DetectorType) ?? '?'}`;
  if (rawText(value.Raw, value) === null && rawText(value.RawV2, value) === null) {
    throw badRecord(file, where, 'is a TruffleHog result without the secret it found (Raw is empty)', MALFORMED_HINT);
  }
  const credential = credentialOf(value, detector);
  const arn = addAwsOwner(credential, value);
  const origin = originOf(value);
  return {
    time: origin.time ?? UNDATED,
    source: SOURCE_ID,
    action: `trufflehog:${detector}`,
    outcome: 'unknown',
    errorCode: null,
    actor: credential.actor,
    target: origin.repository ?? (origin.file === null ? null : clip(origin.file, 200)),
    sourceIp: null,
    region: null,
    userAgent: null,
    summary: summaryOf(detector, credential, origin, value.Verified === true, arn),
    severity: severityOf(value),
    // Results carry no id of their own; the whole result (secret included) hashes to a stable key.
    dedupeKey: contentKey(value),
    links: credential.links,
    relations: [],
  };
}

/** The TruffleHog v3 parser: JSON results from any source, one per line or in an array. */
export const trufflehog: FormatParser = {
  id: SOURCE_ID,
  label: 'TruffleHog results',
  detect: (sample) => detectResults(sample),
  records: (source) => readRecords(source),
  toSignal: (record, fileName) => toSignal(record, fileName),
};
