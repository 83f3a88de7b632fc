// The AWS principals a generated trail is about: IAM users with long-term keys (AKIA), roles whose sessions carry
// temporary keys (ASIA), and AWS services acting on the account's behalf. Each keeps its own habits (IPs, region,
// client) so that first-seen and failure-burst detection have a baseline to differ from.
import type { Rng } from './prng';

/** One principal and its habits. */
export interface Principal {
  index: number;
  kind: 'IAMUser' | 'AssumedRole' | 'AWSService';
  name: string;
  accountId: string;
  arn: string;
  principalId: string;
  /** Long-term keys for users; session keys rotate for roles. */
  keys: string[];
  sessionName: string;
  roleArn: string;
  roleId: string;
  ips: string[];
  region: string;
  userAgent: string;
  /** For AWSService principals: the service that calls (`invokedBy`). */
  service: string;
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ACCOUNTS = ['284619370215', '739104582263', '501238847160', '118450029377'];
const REGIONS = [
  ['us-east-1', 40],
  ['eu-west-1', 20],
  ['us-west-2', 15],
  ['eu-central-1', 10],
  ['ap-southeast-2', 5],
  ['us-east-2', 5],
  ['ap-northeast-1', 5],
] as const;
const TEAMS = ['payments', 'billing', 'platform', 'data', 'ml', 'identity', 'search', 'growth', 'infra', 'security', 'reporting', 'mobile'];
const USER_ROLES = ['deployer', 'ci', 'backup', 'terraform', 'etl', 'metrics', 'exporter', 'sync', 'scanner', 'rotator', 'migrator', 'webhook'];
const ROLE_KINDS = ['lambda-exec', 'ecs-task', 'github-actions', 'eks-irsa', 'batch-job', 'glue-job', 'readonly', 'admin', 'data-reader', 'sso-power-user'];
const SERVICES = ['cloudformation.amazonaws.com', 'autoscaling.amazonaws.com', 'elasticloadbalancing.amazonaws.com', 'config.amazonaws.com', 'ssm.amazonaws.com', 'access-analyzer.amazonaws.com'];
const USER_AGENTS = [
  'aws-cli/2.22.4 md/awscrt#0.23.1 ua/2.0 os/linux#6.8.0-45-generic md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off md/command#s3.ls',
  'Boto3/1.35.90 md/Botocore#1.35.90 ua/2.0 os/linux#5.10.230-244.884.amzn2.x86_64 lang/python#3.12.8 exec-env/AWS_Lambda_python3.12',
  '[aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/s3#1.58.2]',
  'APN/1.0 HashiCorp/1.0 Terraform/1.10.3 (+https://www.terraform.io) terraform-provider-aws/5.82.2 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.7 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64',
  'aws-sdk-java/1.12.488 Linux/5.4.247-169.350.amzn2int.x86_64 OpenJDK_64-Bit_Server_VM/25.372-b08 java/1.8.0_372 vendor/Oracle_Corporation cfg/retry-mode/standard',
  'aws-sdk-js/3.637.0 ua/2.1 os/linux#6.1.102-111.182.amzn2023.x86_64 lang/js md/nodejs#20.17.0 api/secrets-manager#3.637.0',
  '[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.488 Linux/5.4.247-169.350.amzn2int.x86_64 OpenJDK_64-Bit_Server_VM/25.372-b08 java/1.8.0_372 vendor/Oracle_Corporation cfg/retry-mode/standard]',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
];

function pickRegion(rng: Rng): string {
  let x = rng.int(0, 99);
  for (const [region, weight] of REGIONS) {
    if (x < weight) return region;
    x -= weight;
  }
  return 'us-east-1';
}

/** A made-up key in AWS's shape: prefix + 16 base32 characters. None of them exists. */
export function accessKey(rng: Rng, prefix: 'AKIA' | 'ASIA'): string {
  return `${prefix}${rng.chars(B32, 16)}`;
}

function homeIps(rng: Rng): string[] {
  const count = rng.int(1, 3);
  const ips: string[] = [];
  for (let i = 0; i < count; i++) {
    // Mostly corporate egress and AWS-hosted workloads; documentation ranges where an address is "public".
    const r = rng.int(0, 9);
    if (r < 4) ips.push(`10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`);
    else if (r < 7) ips.push(`198.51.100.${rng.int(1, 254)}`);
    else ips.push(`52.${rng.int(0, 95)}.${rng.int(0, 255)}.${rng.int(1, 254)}`);
  }
  return ips;
}

/** `count` principals: a few AWS services (each is one identity, named by the service), the rest ~60% IAM users and
 * ~40% roles, each named uniquely by its index so that `count` is also the number of identities the engine resolves. */
export function makePrincipals(rng: Rng, count: number): Principal[] {
  const services = Math.min(SERVICES.length, Math.floor(count / 10));
  const out: Principal[] = [];
  for (let index = 0; index < count; index++) {
    const accountId = rng.pick(ACCOUNTS);
    const team = rng.pick(TEAMS);
    const kind: Principal['kind'] = index >= count - services ? 'AWSService' : rng.chance(0.6) ? 'IAMUser' : 'AssumedRole';
    const base = {
      index,
      kind,
      accountId,
      ips: homeIps(rng),
      region: pickRegion(rng),
      userAgent: rng.pick(USER_AGENTS),
      keys: [] as string[],
      sessionName: '',
      roleArn: '',
      roleId: '',
      service: '',
    };
    if (kind === 'IAMUser') {
      const name = `${team}-${rng.pick(USER_ROLES)}-${index}`;
      const keys = [accessKey(rng, 'AKIA')];
      if (rng.chance(0.15)) keys.push(accessKey(rng, 'AKIA'));
      out.push({ ...base, name, arn: `arn:aws:iam::${accountId}:user/svc/${name}`, principalId: `AIDA${rng.chars(B32, 17)}`, keys });
    } else if (kind === 'AssumedRole') {
      const name = `${team}-${rng.pick(ROLE_KINDS)}-${index}`;
      const roleId = `AROA${rng.chars(B32, 17)}`;
      const sessionName = rng.chance(0.5) ? `${name}-session` : `botocore-session-${rng.int(1_600_000_000, 1_760_000_000)}`;
      out.push({
        ...base,
        name,
        roleArn: `arn:aws:iam::${accountId}:role/${name}`,
        roleId,
        sessionName,
        arn: `arn:aws:sts::${accountId}:assumed-role/${name}/${sessionName}`,
        principalId: `${roleId}:${sessionName}`,
        keys: [accessKey(rng, 'ASIA'), accessKey(rng, 'ASIA'), accessKey(rng, 'ASIA')],
      });
    } else {
      const service = SERVICES[count - 1 - index] ?? 'config.amazonaws.com';
      // AWS services appear as {type: AWSService, invokedBy}: no ARN and no key, one identity per service.
      out.push({ ...base, name: service, service, arn: '', principalId: '', ips: [service], userAgent: service });
    }
  }
  return out;
}
