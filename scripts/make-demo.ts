// Writes resources/demo/: a small, synthetic CloudTrail evidence bundle that tells a stolen-access-key story.
// Deterministic: a fixed seed drives a tiny PRNG, times are fixed in January 2026, and the gzip member is written
// with fflate (pure JavaScript, mtime 0) so the bytes do not depend on the machine's zlib build.
// Run: npx tsx scripts/make-demo.ts
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'fflate';

type Json = Record<string, unknown>;

const OUT_DIR = resolve(__dirname, '..', 'resources', 'demo');
const SEED = 0x4e484931; // "NHI1"
const ACCOUNT = '739104582263';

// Every address is from the documentation ranges of RFC 5737; the story's "unfamiliar country" is told in the README.
const CI_EGRESS_IP = '198.51.100.23';
const MONITOR_IP = '192.0.2.40';
const ATTACKER_IP = '203.0.113.77';
const HOME_REGION = 'eu-west-1';
const CLI_REGION = 'us-east-1';

const CI_UA =
  'APN/1.0 HashiCorp/1.0 Terraform/1.10.3 (+https://www.terraform.io) terraform-provider-aws/5.82.2 ' +
  '(+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.7 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64';
const MONITOR_UA = 'metrics-collector/3.4.1 aws-sdk-go/1.55.5 (go1.22.7; linux; amd64)';
const LAMBDA_UA = 'Boto3/1.35.90 md/Botocore#1.35.90 ua/2.0 os/linux#5.10.230-244.884.amzn2.x86_64 lang/python#3.12.8 exec-env/AWS_Lambda_python3.12';
const cliUa = (command: string): string =>
  `aws-cli/2.22.4 md/awscrt#0.23.1 ua/2.0 os/linux#6.8.0-45-generic md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off md/command#${command}`;

// Made-up identifiers in AWS's shapes (AKIA/ASIA + 16, AIDA/AROA + 17); none of them exists.
const CI_USER = { name: 'ci-deployer', arn: `arn:aws:iam::${ACCOUNT}:user/ci-deployer`, principalId: 'AIDA3JX7QPLMHF6YT2NBQ' };
const CI_KEY = 'AKIA3JX7QPLM4VRTD2KW';
const PERSISTENCE_KEY = 'AKIA3JX7QPLMZ5CW8RHE';
const MONITOR_USER = { name: 'metrics-collector', arn: `arn:aws:iam::${ACCOUNT}:user/monitoring/metrics-collector`, principalId: 'AIDA3JX7QPLMW9GB5KEJR' };
const MONITOR_KEY = 'AKIA3JX7QPLMN4HD6FUS';
const READER_ROLE = { name: 'prod-data-reader', arn: `arn:aws:iam::${ACCOUNT}:role/prod-data-reader`, principalId: 'AROA3JX7QPLMV2KD9SGLA' };
const ETL_ROLE = { name: 'reporting-etl-exec', arn: `arn:aws:iam::${ACCOUNT}:role/service-role/reporting-etl-exec`, principalId: 'AROA3JX7QPLMC7RW3XMDU' };
const ATTACKER_SESSION_KEY = 'ASIA3JX7QPLMT8NQ4YBF';

const EXPORT_BUCKET = 'acme-prod-customer-exports';
const ARTIFACT_BUCKET = 'acme-ci-artifacts';
// AWS itself never logs a new secret access key; where a secret would sit, the demo says so plainly.
const SECRET_PLACEHOLDER = 'HIDDEN_DUE_TO_SECURITY_REASONS';

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: a tiny seeded PRNG, enough to vary ids and timings reproducibly. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(SEED);
const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const chars = (alphabet: string, length: number): string =>
  Array.from({ length }, () => alphabet[int(0, alphabet.length - 1)] ?? '').join('');
const hex = (length: number): string => chars('0123456789abcdef', length);
const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(0, 3)] ?? '8'}${hex(3)}-${hex(12)}`;
const s3RequestId = (): string => chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 16);
const sessionKey = (): string => `ASIA3JX7QPLM${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 8)}`;

// ---------------------------------------------------------------------------------------------------------------
// Event building

interface Call {
  at: Date;
  who: Json;
  source: string;
  name: string;
  region: string;
  ip: string;
  ua: string;
  request?: Json | null;
  response?: Json | null;
  error?: readonly [code: string, message: string];
  resources?: Json[];
  data?: boolean;
  readOnly?: boolean;
}

function iso(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// The US-style timestamp AWS writes inside some responseElements, e.g. "Jan 15, 2026, 2:53:12 AM".
function awsResponseDate(at: Date): string {
  const month = at.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const hour = at.getUTCHours() % 12 === 0 ? 12 : at.getUTCHours() % 12;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${month} ${at.getUTCDate()}, ${at.getUTCFullYear()}, ${hour}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} ${at.getUTCHours() < 12 ? 'AM' : 'PM'}`;
}

function minutesAfter(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

function secondsAfter(at: Date, seconds: number): Date {
  return new Date(at.getTime() + seconds * 1000);
}

function userIdentity(user: { name: string; arn: string; principalId: string }, accessKeyId: string): Json {
  return { type: 'IAMUser', principalId: user.principalId, arn: user.arn, accountId: ACCOUNT, accessKeyId, userName: user.name };
}

function roleSessionIdentity(role: { name: string; arn: string; principalId: string }, session: string, accessKeyId: string, created: Date): Json {
  return {
    type: 'AssumedRole',
    principalId: `${role.principalId}:${session}`,
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role.name}/${session}`,
    accountId: ACCOUNT,
    accessKeyId,
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: role.principalId, arn: role.arn, accountId: ACCOUNT, userName: role.name },
      attributes: { creationDate: iso(created), mfaAuthenticated: 'false' },
    },
  };
}

function serviceIdentity(service: string): Json {
  return { type: 'AWSService', invokedBy: service };
}

// Field order follows what CloudTrail writes, so the files read like the real thing.
function event(call: Call): Json {
  const isService = call.who.type === 'AWSService';
  const out: Json = {
    eventVersion: call.data === true ? '1.10' : '1.09',
    userIdentity: call.who,
    eventTime: iso(call.at),
    eventSource: call.source,
    eventName: call.name,
    awsRegion: call.region,
    sourceIPAddress: call.ip,
    userAgent: call.ua,
  };
  if (call.error !== undefined) {
    out.errorCode = call.error[0];
    out.errorMessage = call.error[1];
  }
  out.requestParameters = call.request ?? null;
  out.responseElements = call.response ?? null;
  out.requestID = call.source === 's3.amazonaws.com' ? s3RequestId() : uuid();
  out.eventID = uuid();
  out.readOnly = call.readOnly ?? true;
  if (call.resources !== undefined) out.resources = call.resources;
  out.eventType = 'AwsApiCall';
  out.managementEvent = call.data !== true;
  out.recipientAccountId = ACCOUNT;
  if (isService) out.sharedEventID = uuid();
  out.eventCategory = call.data === true ? 'Data' : 'Management';
  return out;
}

function denied(who: string, action: string, resource: string): readonly [string, string] {
  return ['AccessDenied', `User: ${who} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`];
}

function s3Object(bucket: string, key: string): Json[] {
  return [
    { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` },
    { accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` },
  ];
}

function getObject(at: Date, who: Json, ip: string, ua: string, bucket: string, key: string): Json {
  return event({
    at,
    who,
    source: 's3.amazonaws.com',
    name: 'GetObject',
    region: HOME_REGION,
    ip,
    ua,
    data: true,
    request: { bucketName: bucket, key, Host: `${bucket}.s3.${HOME_REGION}.amazonaws.com` },
    resources: s3Object(bucket, key),
  });
}

function assumeRole(at: Date, who: Json, ip: string, ua: string, region: string, role: typeof READER_ROLE, session: string, key: string): Json {
  return event({
    at,
    who,
    source: 'sts.amazonaws.com',
    name: 'AssumeRole',
    region,
    ip,
    ua,
    request: { roleArn: role.arn, roleSessionName: session, durationSeconds: 3600 },
    response: {
      credentials: {
        accessKeyId: key,
        sessionToken: SECRET_PLACEHOLDER,
        expiration: iso(minutesAfter(at, 60)),
      },
      assumedRoleUser: { assumedRoleId: `${role.principalId}:${session}`, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role.name}/${session}` },
    },
    resources: [{ accountId: ACCOUNT, type: 'AWS::IAM::Role', ARN: role.arn }],
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The story

const DAYS = ['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15'] as const;
const day = (date: string, time: string): Date => new Date(`${date}T${time}Z`);

// ci-deployer: a pipeline user with a long-term key, always from the CI egress address in eu-west-1 via Terraform.
function ciDeploys(): { management: Json[]; data: Json[] } {
  const management: Json[] = [];
  const data: Json[] = [];
  const who = userIdentity(CI_USER, CI_KEY);
  for (const date of DAYS.slice(0, 3)) {
    for (const hour of [9, 13, 16]) {
      let at = day(date, `${String(hour).padStart(2, '0')}:${String(int(0, 40)).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}`);
      const ua = (api: string): string => `${CI_UA} api/${api}`;
      const next = (): Date => (at = secondsAfter(at, int(4, 40)));
      const build = `billing-api-${date.replaceAll('-', '')}.${hour}.zip`;
      management.push(event({ at: next(), who, source: 'sts.amazonaws.com', name: 'GetCallerIdentity', region: HOME_REGION, ip: CI_EGRESS_IP, ua: ua('sts#1.33.3') }));
      data.push(event({ at: next(), who, source: 's3.amazonaws.com', name: 'PutObject', region: HOME_REGION, ip: CI_EGRESS_IP, ua: ua('s3#1.71.1'), data: true, readOnly: false, request: { bucketName: ARTIFACT_BUCKET, key: `builds/${build}`, Host: `${ARTIFACT_BUCKET}.s3.${HOME_REGION}.amazonaws.com` }, resources: s3Object(ARTIFACT_BUCKET, `builds/${build}`) }));
      management.push(event({ at: next(), who, source: 'lambda.amazonaws.com', name: 'UpdateFunctionCode20150331v2', region: HOME_REGION, ip: CI_EGRESS_IP, ua: ua('lambda#1.69.2'), readOnly: false, request: { functionName: 'billing-api', s3Bucket: ARTIFACT_BUCKET, s3Key: `builds/${build}`, publish: true } }));
      management.push(event({ at: next(), who, source: 'lambda.amazonaws.com', name: 'GetFunction20150331v2', region: HOME_REGION, ip: CI_EGRESS_IP, ua: ua('lambda#1.69.2'), request: { functionName: 'billing-api' } }));
      management.push(event({ at: next(), who, source: 'cloudformation.amazonaws.com', name: 'DescribeStacks', region: HOME_REGION, ip: CI_EGRESS_IP, ua: ua('cloudformation#1.56.5'), request: { stackName: 'billing-api-prod' } }));
    }
  }
  return { management, data };
}

// metrics-collector: a read-only monitoring user polling every six hours from its vendor's address.
function monitoring(): Json[] {
  const who = userIdentity(MONITOR_USER, MONITOR_KEY);
  const out: Json[] = [];
  for (const date of DAYS) {
    for (const hour of ['00', '06', '12', '18']) {
      let at = day(date, `${hour}:0${int(0, 4)}:${String(int(0, 59)).padStart(2, '0')}`);
      const next = (): Date => (at = secondsAfter(at, int(1, 6)));
      const common = { who, region: HOME_REGION, ip: MONITOR_IP, ua: MONITOR_UA };
      out.push(event({ ...common, at: next(), source: 'ec2.amazonaws.com', name: 'DescribeInstances', request: { instancesSet: {}, filterSet: {} } }));
      out.push(event({ ...common, at: next(), source: 'rds.amazonaws.com', name: 'DescribeDBInstances', request: null }));
      out.push(event({ ...common, at: next(), source: 'lambda.amazonaws.com', name: 'ListFunctions20150331', request: null }));
    }
  }
  return out;
}

// reporting-etl: a nightly Lambda whose execution role reads its config, then assumes prod-data-reader to read
// yesterday's export. This is the only legitimate user of prod-data-reader, and it never leaves eu-west-1.
function nightlyEtl(): { management: Json[]; data: Json[] } {
  const management: Json[] = [];
  const data: Json[] = [];
  for (const date of DAYS) {
    let at = day(date, `02:00:${String(int(1, 20)).padStart(2, '0')}`);
    const next = (): Date => (at = secondsAfter(at, int(1, 5)));
    const lambdaKey = sessionKey();
    const lambdaSession = 'reporting-etl';
    management.push(assumeRole(next(), serviceIdentity('lambda.amazonaws.com'), 'lambda.amazonaws.com', 'lambda.amazonaws.com', HOME_REGION, ETL_ROLE, lambdaSession, lambdaKey));
    const created = at;
    const etl = roleSessionIdentity(ETL_ROLE, lambdaSession, lambdaKey, created);
    const lambdaIp = `192.0.2.${int(100, 199)}`;
    management.push(event({ at: next(), who: etl, source: 'ssm.amazonaws.com', name: 'GetParameter', region: HOME_REGION, ip: lambdaIp, ua: LAMBDA_UA, request: { name: '/reporting/etl/config', withDecryption: false } }));
    const readerKey = sessionKey();
    const readerSession = `reporting-etl-${date.replaceAll('-', '')}`;
    management.push(assumeRole(next(), etl, lambdaIp, LAMBDA_UA, HOME_REGION, READER_ROLE, readerSession, readerKey));
    const reader = roleSessionIdentity(READER_ROLE, readerSession, readerKey, at);
    for (let part = 1; part <= 4; part++) {
      const key = `daily/${date}/customers-part-${String(part).padStart(3, '0')}.csv.gz`;
      data.push(getObject(next(), reader, lambdaIp, LAMBDA_UA, EXPORT_BUCKET, key));
    }
  }
  return { management, data };
}

// The incident: ci-deployer's key, leaked from a CI log, is used from an unfamiliar address with the AWS CLI.
function intrusion(): { management: Json[]; data: Json[] } {
  const management: Json[] = [];
  const who = userIdentity(CI_USER, CI_KEY);
  let at = day('2026-01-15', '02:47:13');
  const next = (min: number, max: number): Date => (at = secondsAfter(at, int(min, max)));
  const cli = { who, region: CLI_REGION, ip: ATTACKER_IP };
  management.push(event({ ...cli, at, source: 'sts.amazonaws.com', name: 'GetCallerIdentity', ua: cliUa('sts.get-caller-identity') }));
  management.push(event({ ...cli, at: next(20, 40), source: 's3.amazonaws.com', name: 'ListBuckets', ua: cliUa('s3.ls'), request: { Host: 's3.amazonaws.com' } }));

  // Enumeration: the key is narrow, so most of it fails.
  const probes: readonly (readonly [string, string, string, string, Json | null])[] = [
    ['iam.amazonaws.com', 'ListUsers', 'iam:ListUsers', `arn:aws:iam::${ACCOUNT}:user/`, null],
    ['iam.amazonaws.com', 'ListRoles', 'iam:ListRoles', `arn:aws:iam::${ACCOUNT}:role/`, null],
    ['iam.amazonaws.com', 'GetAccountAuthorizationDetails', 'iam:GetAccountAuthorizationDetails', '*', null],
    ['iam.amazonaws.com', 'ListAttachedUserPolicies', 'iam:ListAttachedUserPolicies', CI_USER.arn, { userName: CI_USER.name }],
    ['ec2.amazonaws.com', 'DescribeInstances', 'ec2:DescribeInstances', '*', { instancesSet: {}, filterSet: {} }],
    ['rds.amazonaws.com', 'DescribeDBInstances', 'rds:DescribeDBInstances', `arn:aws:rds:${CLI_REGION}:${ACCOUNT}:db:*`, null],
    ['kms.amazonaws.com', 'ListKeys', 'kms:ListKeys', '*', null],
    ['dynamodb.amazonaws.com', 'ListTables', 'dynamodb:ListTables', `arn:aws:dynamodb:${CLI_REGION}:${ACCOUNT}:table/*`, null],
    ['organizations.amazonaws.com', 'DescribeOrganization', 'organizations:DescribeOrganization', '*', null],
    ['lambda.amazonaws.com', 'ListFunctions20150331', 'lambda:ListFunctions', '*', null],
    ['sns.amazonaws.com', 'ListTopics', 'sns:ListTopics', `arn:aws:sns:${CLI_REGION}:${ACCOUNT}:*`, null],
    ['logs.amazonaws.com', 'DescribeLogGroups', 'logs:DescribeLogGroups', `arn:aws:logs:${CLI_REGION}:${ACCOUNT}:log-group::log-stream:`, null],
  ];
  for (const [source, name, action, resource, request] of probes) {
    const command = `${source.split('.')[0] ?? ''}.${name.replace(/20150331$/, '').replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}`;
    const error = source === 'ec2.amazonaws.com'
      ? (['Client.UnauthorizedOperation', 'You are not authorized to perform this operation.'] as const)
      : denied(CI_USER.arn, action, resource);
    management.push(event({ ...cli, at: next(2, 9), source, name, ua: cliUa(command), request, error }));
  }

  // Secrets: the listing works; one secret is out of reach, another is not.
  management.push(event({ ...cli, at: next(30, 60), source: 'secretsmanager.amazonaws.com', name: 'ListSecrets', ua: cliUa('secretsmanager.list-secrets') }));
  const stripe = `arn:aws:secretsmanager:${CLI_REGION}:${ACCOUNT}:secret:prod/billing/stripe-api-key-Xb3T9q`;
  management.push(event({ ...cli, at: next(20, 40), source: 'secretsmanager.amazonaws.com', name: 'GetSecretValue', ua: cliUa('secretsmanager.get-secret-value'), request: { secretId: 'prod/billing/stripe-api-key' }, error: denied(CI_USER.arn, 'secretsmanager:GetSecretValue', stripe) }));
  management.push(event({ ...cli, at: next(10, 30), source: 'secretsmanager.amazonaws.com', name: 'GetSecretValue', ua: cliUa('secretsmanager.get-secret-value'), request: { secretId: 'ci/deploy/terraform-state-token' }, resources: [{ accountId: ACCOUNT, type: 'AWS::SecretsManager::Secret', ARN: `arn:aws:secretsmanager:${CLI_REGION}:${ACCOUNT}:secret:ci/deploy/terraform-state-token-Lq8RzE` }] }));

  // Persistence: a second key for the same user, then a check that it works.
  management.push(event({ ...cli, at: next(60, 120), source: 'iam.amazonaws.com', name: 'ListAccessKeys', ua: cliUa('iam.list-access-keys'), request: { userName: CI_USER.name } }));
  management.push(event({
    ...cli,
    at: next(20, 40),
    source: 'iam.amazonaws.com',
    name: 'CreateAccessKey',
    ua: cliUa('iam.create-access-key'),
    readOnly: false,
    request: { userName: CI_USER.name },
    response: { accessKey: { userName: CI_USER.name, accessKeyId: PERSISTENCE_KEY, status: 'Active', secretAccessKey: SECRET_PLACEHOLDER, createDate: awsResponseDate(at) } },
  }));
  const newKey = userIdentity(CI_USER, PERSISTENCE_KEY);
  management.push(event({ ...cli, who: newKey, at: next(60, 90), source: 'sts.amazonaws.com', name: 'GetCallerIdentity', ua: cliUa('sts.get-caller-identity') }));

  // Pivot: the new key assumes the data-reading role, which CI never does.
  management.push(assumeRole(next(60, 120), newKey, ATTACKER_IP, cliUa('sts.assume-role'), CLI_REGION, READER_ROLE, 'sync', ATTACKER_SESSION_KEY));
  const sessionStart = at;
  return { management, data: exfiltration(roleSessionIdentity(READER_ROLE, 'sync', ATTACKER_SESSION_KEY, sessionStart), sessionStart) };
}

// The stolen session copies a year of customer exports, far more than the nightly ETL ever reads.
function exfiltration(who: Json, start: Date): Json[] {
  const out: Json[] = [];
  let at = secondsAfter(start, 95);
  out.push(event({ at, who, source: 's3.amazonaws.com', name: 'ListObjects', region: HOME_REGION, ip: ATTACKER_IP, ua: cliUa('s3.sync'), data: true, request: { bucketName: EXPORT_BUCKET, prefix: 'monthly/', Host: `${EXPORT_BUCKET}.s3.${HOME_REGION}.amazonaws.com` }, resources: [{ accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${EXPORT_BUCKET}` }] }));
  for (let month = 1; month <= 12; month++) {
    for (let part = 1; part <= 6; part++) {
      at = secondsAfter(at, int(1, 4));
      const key = `monthly/2025-${String(month).padStart(2, '0')}/customers-part-${String(part).padStart(3, '0')}.csv.gz`;
      out.push(getObject(at, who, ATTACKER_IP, cliUa('s3.sync'), EXPORT_BUCKET, key));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Files

function byTime(events: Json[]): Json[] {
  return [...events].sort((a, b) => String(a.eventTime).localeCompare(String(b.eventTime)));
}

// As a log shipper exports it: its own fields next to the event's, one event per line.
function shipped(events: Json[]): string {
  return byTime(events)
    .map((e) => {
      const ingested = secondsAfter(new Date(String(e.eventTime)), 300 + int(0, 240));
      const shipper = { '@timestamp': ingested.toISOString(), agent: { type: 'filebeat', version: '8.17.0' }, host: { name: 'siem-ingest-01' }, input: { type: 'aws-s3' } };
      return JSON.stringify({ ...shipper, ...e });
    })
    .join('\n')
    .concat('\n');
}

function recordsFile(events: Json[]): string {
  return JSON.stringify({ Records: byTime(events) });
}

const README = `# Demo evidence bundle (synthetic)

Everything in this folder is **synthetic**. It was generated by \`scripts/make-demo.ts\`
(\`npx tsx scripts/make-demo.ts\`, or \`npm run demo\`) from a fixed seed, so running it again writes the same bytes.
No event, account, key or address here belongs to anyone: the account id and every access key id are made up in
AWS's formats, the IP addresses are from the documentation ranges of RFC 5737, and where AWS would return a
credential the files say \`${SECRET_PLACEHOLDER}\` instead.

## The story

AWS account \`${ACCOUNT}\` (call it Acme) deploys its billing API from CI. The pipeline signs in as the IAM user
**ci-deployer** with a long-term access key (\`${CI_KEY.slice(0, 4)}…${CI_KEY.slice(-4)}\`). For three days it behaves: a few deploys a
day, always from the CI egress address ${CI_EGRESS_IP}, always in ${HOME_REGION}, always through Terraform.

On 2026-01-15 at 02:47 UTC the same key turns up at ${ATTACKER_IP} (a VPS in a country where Acme has no staff),
using the AWS CLI against ${CLI_REGION}:

1. \`sts:GetCallerIdentity\` and \`s3:ListBuckets\`: who am I, what is here.
2. A burst of \`AccessDenied\` across IAM, EC2, RDS, KMS, DynamoDB, Organizations, Lambda, SNS and Logs: enumeration.
3. \`secretsmanager:ListSecrets\`, then \`GetSecretValue\`: denied for the Stripe key, allowed for a CI token.
4. \`iam:CreateAccessKey\` for ci-deployer: a second key (\`${PERSISTENCE_KEY.slice(0, 4)}…${PERSISTENCE_KEY.slice(-4)}\`) for persistence, checked at once.
5. \`sts:AssumeRole\` into **prod-data-reader** with the new key, session \`sync\`.
6. The session's key (\`${ATTACKER_SESSION_KEY.slice(0, 4)}…${ATTACKER_SESSION_KEY.slice(-4)}\`) lists \`${EXPORT_BUCKET}\` and downloads a year of
   monthly customer exports with \`s3:GetObject\`: exfiltration.

Around it, normal activity from other non-human identities:

- **reporting-etl-exec**, a Lambda execution role that \`lambda.amazonaws.com\` assumes every night at 02:00; it
  reads its config and assumes **prod-data-reader** to read the previous day's export (four objects), from
  Lambda's addresses in ${HOME_REGION}. It is the only legitimate user of that role.
- **metrics-collector** (\`user/monitoring/metrics-collector\`), a read-only monitoring user polling EC2, RDS and Lambda
  every six hours from ${MONITOR_IP}.

What an analyst should end up with: one case for ci-deployer (both of its keys, the enumeration, the secrets and
the new key), one for prod-data-reader (the nightly ETL sessions and the attacker's \`sync\` session, linked to the
role through AssumeRole), and quieter ones for reporting-etl-exec, metrics-collector and the Lambda service. The
relation "ci-deployer assumed prod-data-reader" is the pivot between the two incident cases.

## Files

| file | shape | what is in it |
|---|---|---|
| \`${'{RECORDS}'}\` | CloudTrail \`{"Records":[…]}\` as delivered to S3 | 2026-01-12..14 management events: CI deploys, monitoring, nightly ETL |
| \`${'{GZIP}'}\` | the same, gzip-compressed | 2026-01-15 management events: the intrusion, plus that day's monitoring and ETL |
| \`${'{NDJSON}'}\` | NDJSON exported from a SIEM, one event per line with the shipper's fields (\`@timestamp\`, \`agent\`, \`host\`, \`input\`) next to the event's | S3 data events: CI uploads, ETL reads, the exfiltration |
`;

/** Builds the bundle and writes it to resources/demo/, replacing earlier output. */
function main(): void {
  const ci = ciDeploys();
  const monitor = monitoring();
  const etl = nightlyEtl();
  const attack = intrusion();
  const isIncidentDay = (e: Json): boolean => String(e.eventTime).startsWith('2026-01-15');
  const baseline = [...ci.management, ...monitor, ...etl.management].filter((e) => !isIncidentDay(e));
  const incidentDay = [...monitor, ...etl.management].filter(isIncidentDay).concat(attack.management);
  const dataEvents = [...ci.data, ...etl.data, ...attack.data];

  const names = {
    RECORDS: `${ACCOUNT}_CloudTrail_${HOME_REGION}_20260114T2355Z_b7Qk2XwM9pLr4TnZ.json`,
    GZIP: `${ACCOUNT}_CloudTrail_${CLI_REGION}_20260115T2355Z_Hc3vN8sYq1RfW6dA.json.gz`,
    NDJSON: 'siem-export_cloudtrail-s3-data-events_2026-01-12_2026-01-15.ndjson',
  };
  mkdirSync(OUT_DIR, { recursive: true });
  for (const old of readdirSync(OUT_DIR)) rmSync(join(OUT_DIR, old));
  writeFileSync(join(OUT_DIR, names.RECORDS), recordsFile(baseline));
  writeFileSync(join(OUT_DIR, names.GZIP), gzipSync(new TextEncoder().encode(recordsFile(incidentDay)), { level: 9, mtime: 0 }));
  writeFileSync(join(OUT_DIR, names.NDJSON), shipped(dataEvents));
  // The README sits beside the bundle, not in it: the bundle holds evidence only.
  writeFileSync(join(OUT_DIR, '..', 'demo-README.md'), README.replace(/\{(RECORDS|GZIP|NDJSON)\}/g, (_, k: keyof typeof names) => names[k]));

  const total = baseline.length + incidentDay.length + dataEvents.length;
  console.log(`wrote ${total} events to ${OUT_DIR}: ${baseline.length} + ${incidentDay.length} (gzip) + ${dataEvents.length} (ndjson)`);
}

main();
