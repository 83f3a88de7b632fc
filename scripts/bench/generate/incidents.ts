// Planted incidents: short scripted runs of events that a good investigation tool should surface, placed after a
// baseline of several days so that "first seen" and failure-burst detection have something to differ from.
import type { Rng } from './prng';
import { accessKey, type Principal } from './identities';
import { CALLS, type CallSpec } from './catalog';
import type { Deviation } from './cloudtrail-record';

/** One scripted event. */
export interface ScriptedEvent {
  who: Principal;
  call: CallSpec;
  dev: Deviation;
}

/** An incident: where in the trail it starts and its events in order. */
export interface Incident {
  name: string;
  principal: string;
  startFraction: number;
  events: ScriptedEvent[];
}

/** What the other sources (secret findings, agent traces) must refer to so that they join the same story. */
export interface Planted {
  incidents: { name: string; principal: string; events: number; startFraction: number }[];
  leakedKey: string | null;
  leakedUser: string | null;
  agentKey: string | null;
}

const ATTACKER_UA = 'aws-cli/2.15.0 md/awscrt#0.19.19 ua/2.0 os/windows#10 md/arch#amd64 lang/python#3.11.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#iam.list-users';

function call(source: string, name: string): CallSpec {
  const found = CALLS.find((c) => c.source === source && c.name === name);
  if (found) return found;
  // Calls an attacker makes that ordinary workloads do not: request shapes kept small and plausible.
  return { source, name, weight: 0, readOnly: name.startsWith('List') || name.startsWith('Get'), errors: ['AccessDenied'], body: () => ({ request: name.startsWith('List') ? { maxItems: 1000 } : null, response: null }) };
}

/** Picks principals for the incidents from those not reserved (`skip`), preferring the kind each story needs. */
export function planIncidents(rng: Rng, principals: readonly Principal[], skip: number): { incidents: Incident[]; planted: Planted } {
  const free = principals.slice(skip);
  const users = free.filter((p) => p.kind === 'IAMUser');
  const roles = free.filter((p) => p.kind === 'AssumedRole');
  const incidents: Incident[] = [];
  const planted: Planted = { incidents: [], leakedKey: null, leakedUser: null, agentKey: null };

  const stolen = users[0];
  if (stolen) {
    // A long-term key used from a new address and region, a burst of denied reconnaissance, then persistence.
    const dev = { ip: '203.0.113.77', region: 'ap-southeast-1', userAgent: ATTACKER_UA, key: stolen.keys[0] };
    const events: ScriptedEvent[] = [{ who: stolen, call: call('sts.amazonaws.com', 'GetCallerIdentity'), dev }];
    const recon = [call('iam.amazonaws.com', 'ListUsers'), call('iam.amazonaws.com', 'ListRoles'), call('s3.amazonaws.com', 'ListBuckets'), call('secretsmanager.amazonaws.com', 'ListSecrets'), call('ec2.amazonaws.com', 'DescribeInstances')];
    for (let i = 0; i < 24; i++) events.push({ who: stolen, call: recon[i % recon.length]!, dev: { ...dev, error: 'AccessDenied' } });
    const newKey = accessKey(rng, 'AKIA');
    events.push({ who: stolen, call: call('iam.amazonaws.com', 'CreateAccessKey'), dev: { ...dev, body: { request: { userName: stolen.name }, response: { accessKey: { accessKeyId: newKey, status: 'Active', userName: stolen.name, createDate: 'Jan 9, 2026, 3:12:44 AM' } } } } });
    for (let i = 0; i < 3; i++) events.push({ who: stolen, call: call('secretsmanager.amazonaws.com', 'GetSecretValue'), dev });
    incidents.push({ name: 'stolen access key: new IP and region, failure burst, new key created', principal: stolen.arn, startFraction: 0.62, events });
  }

  const role = roles[0];
  if (role) {
    // A role session used from outside the estate to read secrets and pull exports.
    const dev = { ip: '203.0.113.9', userAgent: 'python-requests/2.32.3', key: role.keys[2] };
    const events: ScriptedEvent[] = [];
    for (let i = 0; i < 15; i++) events.push({ who: role, call: call('secretsmanager.amazonaws.com', 'GetSecretValue'), dev });
    for (let i = 0; i < 10; i++) events.push({ who: role, call: call('s3.amazonaws.com', 'GetObject'), dev });
    incidents.push({ name: 'role session from an outside address reading secrets and exports', principal: role.roleArn, startFraction: 0.7, events });
  }

  const leaked = users[1];
  if (leaked) {
    // The key a secret scanner found in a repository, then used from an address never seen before.
    planted.leakedKey = leaked.keys[0] ?? null;
    planted.leakedUser = leaked.name;
    const dev = { ip: '192.0.2.200', region: 'us-west-1', userAgent: ATTACKER_UA, key: leaked.keys[0] };
    const events: ScriptedEvent[] = [];
    for (let i = 0; i < 10; i++) events.push({ who: leaked, call: call('s3.amazonaws.com', i < 2 ? 'ListBuckets' : 'GetObject'), dev });
    incidents.push({ name: 'leaked key (secret finding) used from a new address', principal: leaked.arn, startFraction: 0.78, events });
  }

  const escalator = users[2];
  if (escalator) {
    // Privilege escalation attempts: two denied, then an admin policy attached.
    const dev = { ip: '203.0.113.140', userAgent: ATTACKER_UA };
    const events: ScriptedEvent[] = [
      { who: escalator, call: call('iam.amazonaws.com', 'PutUserPolicy'), dev: { ...dev, error: 'AccessDenied' } },
      { who: escalator, call: call('iam.amazonaws.com', 'CreateLoginProfile'), dev: { ...dev, error: 'AccessDenied' } },
      { who: escalator, call: call('iam.amazonaws.com', 'AttachUserPolicy'), dev: { ...dev, body: { request: { userName: escalator.name, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }, response: null } } },
      { who: escalator, call: call('iam.amazonaws.com', 'ListAccessKeys'), dev },
    ];
    incidents.push({ name: 'privilege escalation: AdministratorAccess attached after denied attempts', principal: escalator.arn, startFraction: 0.85, events });
  }

  planted.agentKey = users[3]?.keys[0] ?? null;
  planted.incidents = incidents.map((i) => ({ name: i.name, principal: i.principal, events: i.events.length, startFraction: i.startFraction }));
  return { incidents, planted };
}
