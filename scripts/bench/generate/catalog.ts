// Which API calls a generated trail contains and how often, after the mix of real management trails
// (EC2 Describe*, SSM parameters, IAM reads, S3 bucket configuration, KMS, Secrets Manager, STS...), each with
// request parameters and response elements of the sizes real records carry (about 110 and 50 bytes on average).
import type { Rng } from './prng';
import type { Principal } from './identities';

type Json = Record<string, unknown>;

/** What one call puts into its record beyond the common fields. */
export interface CallBody {
  request: Json | null;
  response: Json | null;
  resources?: Json[];
  additional?: Json;
}

/** One API call the generator can emit. */
export interface CallSpec {
  source: string;
  name: string;
  weight: number;
  readOnly: boolean;
  /** Error codes this call plausibly fails with. */
  errors: readonly string[];
  body: (rng: Rng, who: Principal, region: string) => CallBody;
}

const bucket = (rng: Rng, who: Principal): string => `${who.name.split('-')[0]}-${rng.pick(['artifacts', 'logs', 'exports', 'backups', 'data-lake', 'static'])}-${who.accountId.slice(-4)}`;
const s3Extra = (rng: Rng, host: string): Json => ({
  SignatureVersion: 'SigV4',
  CipherSuite: 'ECDHE-RSA-AES128-GCM-SHA256',
  bytesTransferredIn: 0,
  AuthenticationMethod: 'AuthHeader',
  'x-amz-id-2': rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 76) + '=',
  bytesTransferredOut: rng.int(200, 4000),
  Host: host,
});
const param = (rng: Rng, who: Principal): string => `/${who.name.split('-')[0]}/${rng.pick(['prod', 'staging', 'dev'])}/${rng.pick(['db/password', 'api/token', 'feature-flags', 'queue/url', 'smtp/credentials'])}`;
const instanceId = (rng: Rng): string => `i-0${rng.hex(16)}`;
const keyArn = (rng: Rng, who: Principal, region: string): string => `arn:aws:kms:${region}:${who.accountId}:key/${rng.uuid()}`;
const encContext = (rng: Rng, who: Principal): Json => ({ 'aws:ssm:ParameterName': param(rng, who) });

const DENIED = ['AccessDenied'] as const;
const EC2_ERR = ['Client.UnauthorizedOperation', 'Client.InvalidParameterValue', 'Client.RequestLimitExceeded'] as const;

/** The calls, weighted roughly as in the real trails the project keeps for reference. */
export const CALLS: readonly CallSpec[] = [
  { source: 'kms.amazonaws.com', name: 'Decrypt', weight: 60, readOnly: true, errors: ['AccessDeniedException', 'InvalidCiphertextException'], body: (rng, who, region) => ({ request: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT', encryptionContext: encContext(rng, who) }, response: null, resources: [{ accountId: who.accountId, type: 'AWS::KMS::Key', ARN: keyArn(rng, who, region) }] }) },
  { source: 'kms.amazonaws.com', name: 'GenerateDataKey', weight: 15, readOnly: true, errors: ['AccessDeniedException'], body: (rng, who, region) => ({ request: { keyId: `alias/${who.name.split('-')[0]}-data`, keySpec: 'AES_256', encryptionContext: { 'aws:s3:arn': `arn:aws:s3:::${bucket(rng, who)}` } }, response: null, resources: [{ accountId: who.accountId, type: 'AWS::KMS::Key', ARN: keyArn(rng, who, region) }] }) },
  { source: 'kms.amazonaws.com', name: 'Encrypt', weight: 12, readOnly: true, errors: ['AccessDeniedException'], body: (rng, who, region) => ({ request: { keyId: keyArn(rng, who, region), encryptionAlgorithm: 'SYMMETRIC_DEFAULT' }, response: null }) },
  { source: 'ec2.amazonaws.com', name: 'DescribeInstances', weight: 45, readOnly: true, errors: EC2_ERR, body: () => ({ request: { instancesSet: {}, filterSet: { items: [{ name: 'instance-state-name', valueSet: { items: [{ value: 'running' }] } }] } }, response: null }) },
  { source: 'ec2.amazonaws.com', name: 'DescribeRouteTables', weight: 40, readOnly: true, errors: EC2_ERR, body: (rng) => ({ request: { routeTableIdSet: {}, filterSet: { items: [{ name: 'vpc-id', valueSet: { items: [{ value: `vpc-0${rng.hex(16)}` }] } }] } }, response: null }) },
  { source: 'ec2.amazonaws.com', name: 'DescribeSecurityGroups', weight: 25, readOnly: true, errors: EC2_ERR, body: (rng) => ({ request: { securityGroupSet: {}, securityGroupIdSet: { items: [{ groupId: `sg-0${rng.hex(16)}` }] }, filterSet: {} }, response: null }) },
  { source: 'ec2.amazonaws.com', name: 'DescribeVpcs', weight: 15, readOnly: true, errors: EC2_ERR, body: () => ({ request: { vpcSet: {}, filterSet: {} }, response: null }) },
  { source: 'ec2.amazonaws.com', name: 'DescribeSubnets', weight: 12, readOnly: true, errors: EC2_ERR, body: () => ({ request: { subnetSet: {}, filterSet: {} }, response: null }) },
  { source: 'ec2.amazonaws.com', name: 'RunInstances', weight: 2, readOnly: false, errors: ['Client.UnauthorizedOperation', 'Client.VcpuLimitExceeded'], body: (rng) => ({ request: { instancesSet: { items: [{ imageId: `ami-0${rng.hex(16)}`, minCount: 1, maxCount: 1 }] }, instanceType: rng.pick(['t3.micro', 'm6i.large', 'c6g.xlarge']), blockDeviceMapping: {}, monitoring: { enabled: false }, disableApiTermination: false }, response: { requestId: rng.uuid(), reservationId: `r-0${rng.hex(16)}`, instancesSet: { items: [{ instanceId: instanceId(rng), currentState: { code: 0, name: 'pending' } }] } } }) },
  { source: 'ec2.amazonaws.com', name: 'StopInstances', weight: 1, readOnly: false, errors: ['Client.UnauthorizedOperation', 'Client.IncorrectInstanceState'], body: (rng) => ({ request: { instancesSet: { items: [{ instanceId: instanceId(rng) }] }, force: false }, response: { requestId: rng.uuid(), instancesSet: { items: [{ instanceId: instanceId(rng), currentState: { code: 64, name: 'stopping' }, previousState: { code: 16, name: 'running' } }] } } }) },
  { source: 'ssm.amazonaws.com', name: 'GetParameter', weight: 40, readOnly: true, errors: ['ParameterNotFound', 'AccessDeniedException'], body: (rng, who) => ({ request: { name: param(rng, who), withDecryption: true }, response: null }) },
  { source: 'ssm.amazonaws.com', name: 'GetParameters', weight: 15, readOnly: true, errors: ['AccessDeniedException'], body: (rng, who) => ({ request: { names: [param(rng, who), param(rng, who)], withDecryption: true }, response: null }) },
  { source: 'ssm.amazonaws.com', name: 'DescribeParameters', weight: 20, readOnly: true, errors: ['ThrottlingException'], body: (rng) => ({ request: { maxResults: 50, nextToken: rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 48) }, response: null }) },
  { source: 'ssm.amazonaws.com', name: 'PutParameter', weight: 4, readOnly: false, errors: ['ParameterAlreadyExists', 'AccessDeniedException'], body: (rng, who) => ({ request: { name: param(rng, who), type: 'SecureString', keyId: 'alias/aws/ssm', overwrite: true, tier: 'Standard' }, response: { version: rng.int(1, 40), tier: 'Standard' } }) },
  { source: 'iam.amazonaws.com', name: 'GetUser', weight: 18, readOnly: true, errors: ['NoSuchEntityException', 'AccessDenied'], body: (_rng, who) => ({ request: { userName: who.name }, response: null }) },
  { source: 'iam.amazonaws.com', name: 'GetRole', weight: 12, readOnly: true, errors: ['NoSuchEntityException', 'AccessDenied'], body: (rng, who) => ({ request: { roleName: `${who.name.split('-')[0]}-${rng.pick(['lambda-exec', 'ecs-task', 'readonly'])}` }, response: null }) },
  { source: 'iam.amazonaws.com', name: 'ListAttachedRolePolicies', weight: 8, readOnly: true, errors: DENIED, body: (rng, who) => ({ request: { roleName: `${who.name.split('-')[0]}-${rng.pick(['lambda-exec', 'ecs-task'])}`, maxItems: 100 }, response: null }) },
  { source: 'iam.amazonaws.com', name: 'ListAccessKeys', weight: 4, readOnly: true, errors: DENIED, body: (_rng, who) => ({ request: { userName: who.name }, response: null }) },
  { source: 's3.amazonaws.com', name: 'GetObject', weight: 30, readOnly: true, errors: ['NoSuchKey', 'AccessDenied'], body: (rng, who, region) => { const b = bucket(rng, who); const key = `${rng.pick(['releases', 'reports', 'exports', 'state'])}/${rng.hex(8)}/${rng.pick(['data.parquet', 'report.csv', 'terraform.tfstate', 'bundle.zip'])}`; return { request: { bucketName: b, key, Host: `${b}.s3.${region}.amazonaws.com` }, response: null, resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${b}/${key}` }, { accountId: who.accountId, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${b}` }], additional: s3Extra(rng, `${b}.s3.${region}.amazonaws.com`) }; } },
  { source: 's3.amazonaws.com', name: 'PutObject', weight: 10, readOnly: false, errors: ['AccessDenied'], body: (rng, who, region) => { const b = bucket(rng, who); const key = `${rng.pick(['uploads', 'exports', 'logs'])}/${rng.hex(12)}.json.gz`; return { request: { bucketName: b, key, Host: `${b}.s3.${region}.amazonaws.com`, 'x-amz-server-side-encryption': 'aws:kms' }, response: { 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-version-id': rng.chars('abcdefghijklmnopqrstuvwxyz0123456789._', 32) }, resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${b}/${key}` }], additional: s3Extra(rng, `${b}.s3.${region}.amazonaws.com`) }; } },
  { source: 's3.amazonaws.com', name: 'GetBucketAcl', weight: 10, readOnly: true, errors: ['AccessDenied'], body: (rng, who, region) => { const b = bucket(rng, who); return { request: { bucketName: b, Host: `${b}.s3.${region}.amazonaws.com`, acl: '' }, response: null, additional: s3Extra(rng, `${b}.s3.${region}.amazonaws.com`) }; } },
  { source: 's3.amazonaws.com', name: 'GetBucketPolicy', weight: 6, readOnly: true, errors: ['NoSuchBucketPolicy', 'AccessDenied'], body: (rng, who, region) => { const b = bucket(rng, who); return { request: { bucketName: b, Host: `${b}.s3.${region}.amazonaws.com`, policy: '' }, response: null }; } },
  { source: 's3.amazonaws.com', name: 'ListBuckets', weight: 5, readOnly: true, errors: ['AccessDenied'], body: (rng, _who, region) => ({ request: { Host: `s3.${region}.amazonaws.com` }, response: null, additional: s3Extra(rng, `s3.${region}.amazonaws.com`) }) },
  { source: 'secretsmanager.amazonaws.com', name: 'GetSecretValue', weight: 20, readOnly: true, errors: ['AccessDeniedException', 'ResourceNotFoundException'], body: (rng, who, region) => ({ request: { secretId: `arn:aws:secretsmanager:${region}:${who.accountId}:secret:${who.name.split('-')[0]}/${rng.pick(['db', 'stripe', 'github-app', 'slack'])}-${rng.chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 6)}` }, response: null }) },
  { source: 'secretsmanager.amazonaws.com', name: 'DescribeSecret', weight: 6, readOnly: true, errors: ['AccessDeniedException'], body: (rng, who) => ({ request: { secretId: `${who.name.split('-')[0]}/${rng.pick(['db', 'stripe', 'github-app'])}` }, response: null }) },
  { source: 'sts.amazonaws.com', name: 'GetCallerIdentity', weight: 12, readOnly: true, errors: [], body: () => ({ request: null, response: null }) },
  { source: 'sts.amazonaws.com', name: 'AssumeRole', weight: 8, readOnly: true, errors: ['AccessDenied'], body: (rng, who) => ({ request: { roleArn: `arn:aws:iam::${who.accountId}:role/${who.name.split('-')[0]}-${rng.pick(['deploy', 'readonly', 'data-reader'])}`, roleSessionName: `${who.name}-${rng.int(1000, 9999)}`, durationSeconds: 3600 }, response: { credentials: { accessKeyId: `ASIA${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`, sessionToken: `IQoJb3JpZ2luX2VjE${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 40)}`, expiration: 'Jan 5, 2026, 10:00:00 AM' }, assumedRoleUser: { assumedRoleId: `AROA${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}:${who.name}`, arn: `arn:aws:sts::${who.accountId}:assumed-role/${who.name.split('-')[0]}-deploy/${who.name}` } } }) },
  { source: 'lambda.amazonaws.com', name: 'Invoke', weight: 6, readOnly: false, errors: ['AccessDeniedException', 'TooManyRequestsException'], body: (rng, who, region) => ({ request: { functionName: `arn:aws:lambda:${region}:${who.accountId}:function:${who.name.split('-')[0]}-${rng.pick(['ingest', 'notify', 'resize', 'sync'])}`, invocationType: 'RequestResponse' }, response: null }) },
  { source: 'logs.amazonaws.com', name: 'PutLogEvents', weight: 8, readOnly: false, errors: ['ThrottlingException'], body: (rng, who) => ({ request: { logGroupName: `/aws/lambda/${who.name}`, logStreamName: `2026/01/05/[$LATEST]${rng.hex(32)}` }, response: null }) },
  { source: 'dynamodb.amazonaws.com', name: 'DescribeTable', weight: 5, readOnly: true, errors: ['ResourceNotFoundException', 'AccessDeniedException'], body: (rng, who) => ({ request: { tableName: `${who.name.split('-')[0]}-${rng.pick(['sessions', 'orders', 'locks'])}` }, response: null }) },
  { source: 'rds.amazonaws.com', name: 'DescribeDBInstances', weight: 6, readOnly: true, errors: ['DBInstanceNotFound'], body: () => ({ request: { maxRecords: 100 }, response: null }) },
  { source: 'ecr.amazonaws.com', name: 'GetAuthorizationToken', weight: 5, readOnly: true, errors: [], body: () => ({ request: null, response: null }) },
  { source: 'cloudtrail.amazonaws.com', name: 'LookupEvents', weight: 3, readOnly: true, errors: ['ThrottlingException'], body: (rng) => ({ request: { maxResults: 50, lookupAttributes: [{ attributeKey: 'EventName', attributeValue: rng.pick(['ConsoleLogin', 'CreateAccessKey']) }] }, response: null }) },
  { source: 'health.amazonaws.com', name: 'DescribeEventAggregates', weight: 4, readOnly: true, errors: [], body: () => ({ request: { aggregateField: 'eventTypeCategory', filter: { eventStatusCodes: ['open', 'upcoming'] } }, response: null }) },
  { source: 'sqs.amazonaws.com', name: 'ReceiveMessage', weight: 4, readOnly: true, errors: ['AccessDenied'], body: (rng, who, region) => ({ request: { queueUrl: `https://sqs.${region}.amazonaws.com/${who.accountId}/${who.name.split('-')[0]}-${rng.pick(['jobs', 'events', 'dlq'])}`, maxNumberOfMessages: 10, waitTimeSeconds: 20 }, response: null }) },
];

/** Errors AWS returns on any call now and then, whatever the call. */
export const ANY_ERRORS = ['ThrottlingException', 'AccessDenied'] as const;

/** A message for an error code, in the style CloudTrail records them. */
export function errorMessage(code: string, who: Principal, call: CallSpec): string {
  if (code.startsWith('AccessDenied') || code === 'Client.UnauthorizedOperation') {
    return `User: ${who.arn || who.service} is not authorized to perform: ${call.source.split('.')[0]}:${call.name} because no identity-based policy allows the ${call.source.split('.')[0]}:${call.name} action`;
  }
  if (code === 'ThrottlingException' || code === 'Client.RequestLimitExceeded') return 'Rate exceeded';
  return `The requested resource was not found (${code}).`;
}
