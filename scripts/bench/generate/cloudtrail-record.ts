// Builds one CloudTrail record in the layout AWS writes: the common envelope, the userIdentity of the principal's
// kind, and the call's own request, response, resources and additional data.
import type { Rng } from './prng';
import type { Principal } from './identities';
import { errorMessage, type CallBody, type CallSpec } from './catalog';

type Json = Record<string, unknown>;

/** How one event departs from the principal's habits (incidents set these). */
export interface Deviation {
  ip?: string;
  region?: string;
  userAgent?: string;
  key?: string;
  error?: string;
  body?: CallBody;
}

function userIdentity(who: Principal, key: string, time: Date): Json {
  switch (who.kind) {
    case 'IAMUser':
      return { type: 'IAMUser', principalId: who.principalId, arn: who.arn, accountId: who.accountId, accessKeyId: key, userName: who.name };
    case 'AssumedRole':
      return {
        type: 'AssumedRole',
        principalId: who.principalId,
        arn: who.arn,
        accountId: who.accountId,
        accessKeyId: key,
        sessionContext: {
          sessionIssuer: { type: 'Role', principalId: who.roleId, arn: who.roleArn, accountId: who.accountId, userName: who.name },
          webIdFederationData: {},
          attributes: { creationDate: new Date(Math.floor(time.getTime() / 3_600_000) * 3_600_000).toISOString().replace('.000Z', 'Z'), mfaAuthenticated: 'false' },
        },
      };
    case 'AWSService':
      return { type: 'AWSService', invokedBy: who.service };
  }
}

/** One record; `key` is the access key this event is signed with (none for AWS services). */
export function cloudTrailRecord(rng: Rng, who: Principal, call: CallSpec, time: Date, key: string, dev: Deviation = {}): Json {
  const region = dev.region ?? who.region;
  const body = dev.body ?? call.body(rng, who, region);
  const dataEvent = call.source === 's3.amazonaws.com' && (call.name === 'GetObject' || call.name === 'PutObject');
  const host = `${call.source.replace('.amazonaws.com', '')}.${region}.amazonaws.com`;
  const record: Json = {
    eventVersion: '1.09',
    userIdentity: userIdentity(who, dev.key ?? key, time),
    eventTime: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: call.source,
    eventName: call.name,
    awsRegion: region,
    sourceIPAddress: dev.ip ?? (who.ips.length === 1 ? who.ips[0] : rng.pick(who.ips)),
    userAgent: dev.userAgent ?? who.userAgent,
  };
  if (dev.error) {
    record.errorCode = dev.error;
    record.errorMessage = errorMessage(dev.error, who, call);
  }
  record.requestParameters = body.request;
  record.responseElements = dev.error ? null : body.response;
  if (body.additional) record.additionalEventData = body.additional;
  record.requestID = who.kind === 'AWSService' || call.source.startsWith('s3') ? rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 16) : rng.uuid();
  record.eventID = rng.uuid();
  record.readOnly = call.readOnly;
  if (body.resources) record.resources = body.resources;
  record.eventType = 'AwsApiCall';
  record.managementEvent = !dataEvent;
  record.recipientAccountId = who.accountId;
  record.eventCategory = dataEvent ? 'Data' : 'Management';
  if (who.kind !== 'AWSService') record.tlsDetails = { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: host };
  return record;
}
