// Mapping hints: which framework entries a case's API actions and identity kinds point to, each with the reason in
// plain words. They are suggestions for the analyst to accept or reject, never mappings made on their behalf, so
// every rule says what it saw and why that matters instead of asserting what happened.
import { frameworkEntry } from './index';

/** One suggested mapping and the sentence that explains it. */
export interface MappingSuggestion {
  readonly id: string;
  readonly why: string;
}

// What a rule saw: the first matching action as it was written in the evidence, and how many actions matched.
interface Seen {
  readonly action: string;
  readonly count: number;
}

interface Hint {
  readonly id: string;
  readonly why: (seen: Seen) => string;
}

// Matchers lowercase before comparing: providers and parsers disagree on case (CloudTrail `GetObject`, GCP
// `storage.objects.get`, Entra "Add service principal credentials").
type Test = (action: string) => boolean;

interface ActionRule {
  readonly test: Test;
  /** For actions that are routine one at a time and only telling in volume (reads, deletes, describes). */
  readonly minCount?: number;
  readonly hints: readonly Hint[];
}

interface KindRule {
  readonly kinds: readonly string[];
  readonly hints: readonly ((kind: string) => MappingSuggestion)[];
}

const lower = (s: string): string => s.toLowerCase();
const oneOf = (...names: string[]): Test => {
  const set = new Set(names.map(lower));
  return (a) => set.has(lower(a));
};
const startsWith = (...prefixes: string[]): Test => (a) => prefixes.some((p) => lower(a).startsWith(lower(p)));
const endsWith = (...suffixes: string[]): Test => (a) => suffixes.some((s) => lower(a).endsWith(lower(s)));
const contains = (...parts: string[]): Test => (a) => parts.some((p) => lower(a).includes(lower(p)));
const either = (...tests: Test[]): Test => (a) => tests.some((t) => t(a));

const TOOL_PREFIX = 'agent:execute_tool:';

// The words of an agent tool's name: `send_email`, `sendEmail` and `send-email` all give "send", "email".
function toolWords(action: string): readonly string[] | undefined {
  if (!lower(action).startsWith(TOOL_PREFIX)) return undefined;
  const name = action.slice(TOOL_PREFIX.length).replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  return lower(name).split(/[^a-z0-9]+/).filter((w) => w !== '');
}

// Tool calls are classified by whole words of the tool's name, never substrings: "post" must not fire on "postgres",
// nor "drop" on "dropbox".
const agentTool = (...keywords: string[]): Test => (a) => {
  const words = toolWords(a);
  return words !== undefined && words.some((w) => keywords.includes(w));
};

const hint = (id: string, why: (seen: Seen) => string): Hint => ({ id, why });
const times = (n: number): string => (n === 1 ? 'once' : `${n} times`);

// Rule order is output order: the most specific, highest-signal rules come first, and the first reason given for an
// id is the one kept, so a strong reason is never replaced by a weaker one.
const ACTION_RULES: readonly ActionRule[] = [
  // Secret-scanner findings: the evidence itself says a credential was exposed.
  {
    test: startsWith('secret-scanning:', 'gitleaks:', 'trufflehog:'),
    hints: [
      hint('owasp-nhi:NHI2', (s) => `${s.action} is a secret-scanner finding: a credential was stored where others could read it, which is OWASP's Secret Leakage risk.`),
      hint('attack:T1552.001', () => 'A secret found in files or a repository is exactly what an attacker harvests with ATT&CK Credentials In Files; check whether it was used after it was exposed.'),
    ],
  },
  // A new long-term credential on an existing identity. Mapped to NHI7 rather than NHI2 (nothing shows it leaked) or
  // NHI5 (it adds no permission): the risk it creates is a static secret that keeps working until someone revokes it.
  {
    test: either(
      oneOf('iam:CreateAccessKey', 'iam:CreateServiceSpecificCredential', 'iam:UploadSigningCertificate', 'Add service principal credentials'),
      endsWith('.CreateServiceAccountKey'),
      contains('certificates and secrets management'),
    ),
    hints: [
      hint('attack:T1098.001', (s) => `${s.action} added a credential to an existing identity, the usual way an intruder keeps access after the credential they came in with is rotated.`),
      hint('owasp-nhi:NHI7', (s) => `${s.action} minted a static credential that does not expire on its own; check whether it has an expiry, who holds it and whether it is still needed.`),
    ],
  },
  {
    test: oneOf('iam:CreateLoginProfile', 'iam:UpdateLoginProfile'),
    hints: [
      hint('attack:T1098', (s) => `${s.action} set a console password on an IAM user, which gives whoever chose it interactive access as that user.`),
      hint('owasp-nhi:NHI10', () => 'A console password on a machine user lets a person sign in as it; if this identity serves automation, that is Human Use of NHI.'),
    ],
  },
  {
    test: either(oneOf('iam:UploadSSHPublicKey'), contains('deploy_key.create', 'public_key.create')),
    hints: [hint('attack:T1098.004', (s) => `${s.action} registered a new SSH public key, which gives its holder lasting access that survives password and token resets.`)],
  },
  // Permission grants.
  {
    test: either(
      oneOf(
        'iam:AttachUserPolicy', 'iam:AttachRolePolicy', 'iam:AttachGroupPolicy', 'iam:PutUserPolicy', 'iam:PutRolePolicy',
        'iam:PutGroupPolicy', 'iam:AddUserToGroup', 'iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion',
        'Microsoft.Authorization/roleAssignments/write', 'Add member to role', 'Add app role assignment to service principal',
      ),
      endsWith('.SetIamPolicy'),
    ),
    hints: [
      hint('attack:T1098.003', (s) => `${s.action} gave an identity more permissions; if the change was not planned, it is an intruder widening or securing their access.`),
      hint('owasp-nhi:NHI5', () => 'Each grant makes the identity more valuable to steal; check that it still needs everything it now holds (Overprivileged NHI).'),
    ],
  },
  {
    test: oneOf('iam:UpdateAssumeRolePolicy'),
    hints: [hint('attack:T1098', () => 'iam:UpdateAssumeRolePolicy changed who may assume a role; an added outside principal is a quiet way to keep access.')],
  },
  {
    test: either(
      oneOf('iam:CreateSAMLProvider', 'iam:UpdateSAMLProvider', 'iam:CreateOpenIDConnectProvider', 'Set domain authentication', 'system.idp.lifecycle.create', 'system.idp.lifecycle.update'),
      contains('federation settings'),
    ),
    hints: [hint('attack:T1484.002', (s) => `${s.action} changed which external identity providers are trusted, so tokens from a new issuer may now be accepted.`)],
  },
  {
    test: either(oneOf('iam:CreateUser', 'Add service principal', 'create serviceaccounts'), endsWith('.CreateServiceAccount')),
    hints: [hint('attack:T1136.003', (s) => `${s.action} created a new identity; check that it belongs to a known deployment and not to an intruder keeping a way back in.`)],
  },
  // Sign-in and session use.
  {
    test: oneOf('sts:AssumeRoleWithWebIdentity'),
    hints: [
      hint('attack:T1078.004', () => 'A role was assumed with a web-identity (OIDC) token: whoever presented an accepted token now acts as that role.'),
      hint('owasp-nhi:NHI6', () => 'Web-identity federation is how CI/CD and workloads reach the cloud; trust policies with loose subject or audience conditions let other repositories or workflows assume the role.'),
    ],
  },
  {
    test: oneOf('sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:GetFederationToken', 'sts:GetSessionToken'),
    hints: [hint('attack:T1078.004', (s) => `${s.action} turned one cloud identity's credentials into a session for another; if the caller is unexpected, valid cloud credentials are being misused.`)],
  },
  {
    test: oneOf('signin:ConsoleLogin', 'signin:GetSigninToken'),
    hints: [
      hint('owasp-nhi:NHI10', (s) => `${s.action} is an interactive web sign-in; on a machine identity it means a person is using it.`),
      hint('attack:T1538', () => 'The web console lets whoever holds the credentials browse the whole environment without leaving API traces of each look.'),
    ],
  },
  {
    test: oneOf('Consent to application'),
    hints: [
      hint('attack:T1671', () => 'Consent to application gave an app delegated access to the tenant, which outlives the user\'s password and MFA.'),
      hint('attack:T1528', () => 'A malicious consent is how attackers obtain OAuth tokens without ever seeing a password (illicit consent grant).'),
      hint('owasp-nhi:NHI3', () => 'The consented app is a third party now holding access to your data; its compromise becomes yours (Vulnerable Third-Party NHI).'),
    ],
  },
  {
    test: contains('integration_installation.create', 'oauth_application.create'),
    hints: [hint('attack:T1671', (s) => `${s.action} added an app integration that keeps its own access to the organization.`)],
  },
  {
    test: oneOf('Update conditional access policy', 'Delete conditional access policy'),
    hints: [hint('attack:T1556.009', (s) => `${s.action} changed the rules that decide which sign-ins are allowed; a loosened policy can let an intruder's sign-ins through.`)],
  },
  {
    test: oneOf('system.mfa.factor.deactivate', 'user.mfa.factor.deactivate', 'user.mfa.factor.reset_all', 'Disable Strong Authentication'),
    hints: [hint('attack:T1556.006', (s) => `${s.action} removed or reset multi-factor authentication, taking away the check that stops stolen passwords.`)],
  },
  {
    test: oneOf('user.mfa.okta_verify.deny_push', 'system.push.send_factor_verify_push'),
    minCount: 5,
    hints: [hint('attack:T1621', (s) => `${s.action} appears ${times(s.count)}: repeated MFA pushes are how attackers wear a user down into approving one.`)],
  },
  // Secrets read from a secret store.
  {
    test: either(
      oneOf('secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue', 'ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath', 'secretsmanager:ListSecrets', 'ssm:DescribeParameters'),
      endsWith('.AccessSecretVersion'),
    ),
    hints: [hint('attack:T1555.006', (s) => `${s.action} was called ${times(s.count)}: reading or listing a cloud secret store is how credentials for other systems get harvested, so check each secret against what this identity normally reads.`)],
  },
  // Blinding the defenders.
  {
    test: either(
      oneOf(
        'cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors',
        'logs:DeleteLogGroup', 'logs:DeleteLogStream', 'config:StopConfigurationRecorder', 'config:DeleteConfigurationRecorder',
        'config:DeleteDeliveryChannel', 'bedrock:DeleteModelInvocationLoggingConfiguration', 'Microsoft.Insights/diagnosticSettings/delete',
      ),
      endsWith('.DeleteSink', '.UpdateSink'),
    ),
    hints: [hint('attack:T1685.002', (s) => `${s.action} stopped, removed or narrowed cloud audit logging, which hides what happens next; ATT&CK v19 files this under T1685.002 (formerly T1562.008).`)],
  },
  {
    test: oneOf('guardduty:DeleteDetector', 'guardduty:UpdateDetector', 'guardduty:DisassociateFromMasterAccount', 'guardduty:CreateIPSet', 'securityhub:DisableSecurityHub'),
    hints: [hint('attack:T1685', (s) => `${s.action} disabled or reconfigured a detection service, so threats it would have flagged go unreported.`)],
  },
  {
    test: either(oneOf('ec2:AuthorizeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupEgress', 'ec2:ModifySecurityGroupRules'), endsWith('.firewalls.insert', '.firewalls.patch')),
    hints: [hint('attack:T1686.001', (s) => `${s.action} opened a cloud firewall rule; check whether it exposes a service or an outbound path nobody planned.`)],
  },
  {
    test: oneOf('organizations:LeaveOrganization'),
    hints: [hint('attack:T1666', () => 'organizations:LeaveOrganization detaches the account from the organization\'s guardrails and central logging.')],
  },
  // Data access and movement.
  {
    test: either(oneOf('s3:GetObject'), endsWith('storage.objects.get')),
    minCount: 25,
    hints: [hint('attack:T1530', (s) => `${s.action} was called ${times(s.count)}: a burst of object reads by one identity is what bulk collection from cloud storage looks like.`)],
  },
  {
    test: either(oneOf('s3:ListBuckets', 's3:ListObjects', 's3:ListObjectsV2'), endsWith('storage.buckets.list', 'storage.objects.list')),
    hints: [hint('attack:T1619', (s) => `${s.action} enumerated buckets or objects, the step before choosing what to take.`)],
  },
  {
    test: oneOf(
      'ec2:ModifySnapshotAttribute', 'ec2:ModifyImageAttribute', 'rds:ModifyDBSnapshotAttribute', 'rds:ModifyDBClusterSnapshotAttribute',
      's3:PutBucketReplication', 's3:PutBucketPolicy', 's3:PutBucketAcl',
    ),
    hints: [hint('attack:T1537', (s) => `${s.action} can share data with another account; check whether the grantee is one of yours.`)],
  },
  {
    test: oneOf('s3:DeleteObject', 's3:DeleteObjects', 's3:DeleteBucket'),
    minCount: 25,
    hints: [hint('attack:T1485', (s) => `${s.action} was called ${times(s.count)}: mass deletion is destruction, or the cleanup after data was copied out.`)],
  },
  {
    test: oneOf('kms:ScheduleKeyDeletion', 'kms:DisableKey'),
    hints: [hint('attack:T1485', (s) => `${s.action} makes everything encrypted under that key unreadable once it takes effect.`)],
  },
  {
    test: oneOf('s3:PutBucketLifecycleConfiguration', 's3:PutBucketLifecycle'),
    hints: [hint('attack:T1485.001', (s) => `${s.action} changed lifecycle rules; an expiry of a day or less has the provider delete the data itself.`)],
  },
  // Discovery.
  {
    test: oneOf('iam:ListUsers', 'iam:ListRoles', 'iam:ListAccessKeys', 'iam:GetAccountAuthorizationDetails', 'list serviceaccounts'),
    hints: [hint('attack:T1087.004', (s) => `${s.action} enumerated cloud identities, what an intruder does first with a new credential.`)],
  },
  {
    test: either(
      oneOf(
        'iam:ListGroups', 'iam:ListGroupsForUser', 'iam:ListAttachedUserPolicies', 'iam:ListAttachedRolePolicies', 'iam:ListUserPolicies',
        'iam:ListRolePolicies', 'iam:ListPolicies', 'iam:GetPolicyVersion', 'iam:GetAccountAuthorizationDetails', 'iam:SimulatePrincipalPolicy',
      ),
      endsWith('.GetIamPolicy'),
    ),
    hints: [hint('attack:T1069.003', (s) => `${s.action} read groups and policies, which tells an intruder what the stolen identity can do and where to escalate.`)],
  },
  {
    test: startsWith('ec2:Describe', 'rds:Describe'),
    minCount: 10,
    hints: [hint('attack:T1580', (s) => `${s.count} describe calls (first ${s.action}) in one case map the environment's infrastructure.`)],
  },
  {
    test: oneOf('bedrock:ListFoundationModels', 'bedrock:GetFoundationModelAvailability', 'ses:GetSendQuota'),
    hints: [hint('attack:T1526', (s) => `${s.action} checks which paid services the account can use; attackers probe AI models and email sending before abusing them.`)],
  },
  // Running code and using the account's resources.
  {
    test: oneOf('ssm:SendCommand', 'ssm:StartSession', 'Microsoft.Compute/virtualMachines/runCommand/action'),
    hints: [hint('attack:T1651', (s) => `${s.action} ran commands on machines through the cloud control plane, with no network path or host credentials needed.`)],
  },
  {
    test: either(
      startsWith('lambda:CreateFunction', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration'),
      endsWith('.CreateFunction', '.UpdateFunction'),
    ),
    hints: [hint('attack:T1648', (s) => `${s.action} created or changed a serverless function, which runs with its own role and is easy to overlook.`)],
  },
  {
    test: oneOf('ec2:RunInstances'),
    hints: [hint('attack:T1578.002', () => 'ec2:RunInstances launched compute; an unexpected instance can be a foothold outside existing controls.')],
  },
  {
    test: oneOf('ec2:RunInstances'),
    minCount: 5,
    hints: [hint('attack:T1496.001', (s) => `${s.action} was called ${times(s.count)}: a run of launches from one identity is typical of cryptomining on a stolen account.`)],
  },
  {
    test: oneOf('bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream', 'bedrock:Converse', 'bedrock:ConverseStream'),
    hints: [
      hint('attack:T1496.004', (s) => `${s.action} ran a hosted AI model; from an identity with no AI workload this is LLMjacking, using your account's models at your expense.`),
      hint('atlas:AML.T0034', () => 'Model calls billed to the victim are ATLAS Cost Harvesting; compare the volume with what the identity normally spends.'),
    ],
  },
  {
    test: oneOf('ses:SendEmail', 'ses:SendRawEmail'),
    minCount: 20,
    hints: [hint('attack:T1496.004', (s) => `${s.action} was called ${times(s.count)}: bulk sending from a stolen account is how attackers run spam and phishing on the victim's reputation.`)],
  },
  // Containers and clusters (Kubernetes audit actions are "<verb> <resource>[/<subresource>]").
  {
    test: oneOf('create pods/exec', 'get pods/exec', 'create pods/attach'),
    hints: [hint('attack:T1609', (s) => `${s.action}: a shell was opened inside a running container, with whatever credentials that container holds.`)],
  },
  {
    test: oneOf('create pods', 'create deployments', 'create daemonsets'),
    hints: [hint('attack:T1610', (s) => `${s.action} started new workloads; check the image and the service account they run with.`)],
  },
  {
    test: oneOf('create cronjobs', 'create jobs'),
    hints: [hint('attack:T1053.007', (s) => `${s.action} scheduled work in the cluster, which keeps running after the session that created it ends.`)],
  },
  {
    test: oneOf('create clusterrolebindings', 'create rolebindings', 'update clusterrolebindings', 'patch clusterrolebindings', 'create clusterroles'),
    hints: [hint('attack:T1098.006', (s) => `${s.action} changed who holds which cluster permissions; a new binding to a powerful role is how cluster access is widened or kept.`)],
  },
  {
    test: oneOf('get secrets', 'list secrets', 'watch secrets', 'create serviceaccounts/token'),
    hints: [hint('attack:T1552.007', (s) => `${s.action} read secrets or minted tokens through the cluster API; each one can open another system.`)],
  },
  {
    test: oneOf('list pods', 'list nodes', 'list namespaces', 'list deployments', 'list services'),
    minCount: 5,
    hints: [hint('attack:T1613', (s) => `${s.count} listings (first ${s.action}) map the cluster before an intruder picks a target.`)],
  },
  {
    test: oneOf('ecr:PutImage'),
    hints: [hint('attack:T1525', () => 'ecr:PutImage pushed an image to your own registry; a backdoored image spreads to every workload that pulls it.')],
  },
  {
    test: endsWith('git.clone', 'repo.download_zip'),
    minCount: 10,
    hints: [hint('attack:T1213.003', (s) => `${s.action} appears ${times(s.count)}: bulk cloning is how source code, and the secrets in it, are collected.`)],
  },
  // AI agents: their tool calls are where an injected instruction turns into an action.
  {
    test: startsWith(TOOL_PREFIX),
    hints: [hint('atlas:AML.T0053', (s) => `The agent invoked a tool (${s.action}); if content the agent read, rather than its user, prompted the call, this is AI Agent Tool Invocation.`)],
  },
  {
    test: agentTool('send', 'mail', 'email', 'sendmail', 'http', 'https', 'fetch', 'post', 'upload', 'webhook', 'curl', 'request', 'requests', 'slack', 'message', 'ftp'),
    hints: [hint('atlas:AML.T0086', (s) => `${s.action} can carry data out of the environment; check what the agent sent and to whom (Exfiltration via AI Agent Tool Invocation).`)],
  },
  {
    test: agentTool('delete', 'remove', 'drop', 'rm', 'rmdir', 'destroy', 'truncate', 'wipe', 'purge', 'unlink'),
    hints: [hint('atlas:AML.T0101', (s) => `${s.action} deletes or overwrites data; an agent steered into it destroys data with its own permissions.`)],
  },
  {
    test: agentTool('secret', 'secrets', 'credential', 'credentials', 'password', 'passwords', 'token', 'vault', 'env', 'getenv', 'environ', 'apikey', 'keychain', 'keyring'),
    hints: [hint('atlas:AML.T0098', (s) => `${s.action} can return credentials; an agent made to fetch them hands them to whoever steers it (AI Agent Tool Credential Harvesting).`)],
  },
  {
    test: agentTool('shell', 'exec', 'bash', 'sh', 'terminal', 'command', 'cmd', 'powershell', 'python', 'interpreter', 'subprocess'),
    hints: [hint('attack:T1059', (s) => `${s.action} runs commands or code, so whatever the agent was steered to type ran with the agent's access.`)],
  },
];

// Kind hints are weaker than action hints: they say where to look given what the case is anchored on.
const KIND_RULES: readonly KindRule[] = [
  {
    kinds: ['secret'],
    hints: [
      (k) => ({ id: 'owasp-nhi:NHI2', why: `The case is anchored on a ${k} found by a scanner, so its exposure (OWASP Secret Leakage) is the starting point.` }),
      () => ({ id: 'attack:T1552.001', why: 'A leaked secret is collected by attackers as Credentials In Files; look for its use after the time it was exposed.' }),
    ],
  },
  {
    kinds: ['aws.access-key', 'aws.iam-user', 'api-key'],
    hints: [(k) => ({ id: 'owasp-nhi:NHI7', why: `A ${k} authenticates with a static secret that works until revoked; how long it has lived bounds how long it could have been abused.` })],
  },
  {
    kinds: ['aws.access-key', 'aws.iam-user', 'aws.role', 'aws.root', 'aws.federated', 'gcp.service-account', 'azure.service-principal', 'azure.managed-identity'],
    hints: [(k) => ({ id: 'attack:T1078.004', why: `The case is anchored on a cloud identity (${k}); misuse of its credentials is Valid Accounts: Cloud Accounts.` })],
  },
  {
    kinds: ['github.token', 'api-key'],
    hints: [(k) => ({ id: 'attack:T1550.001', why: `A stolen ${k} is replayed directly against the API, skipping sign-in and MFA.` })],
  },
  {
    kinds: ['github.token'],
    hints: [() => ({ id: 'owasp-nhi:NHI7', why: 'GitHub personal access tokens can be created without an expiry date; check this one\'s lifetime and scopes.' })],
  },
  {
    kinds: ['github.deploy-key'],
    hints: [
      () => ({ id: 'attack:T1552.004', why: 'A deploy key is an SSH private key; whoever holds a copy has its repository access.' }),
      () => ({ id: 'owasp-nhi:NHI7', why: 'Deploy keys never expire, so a copied key keeps working until it is removed from the repository.' }),
    ],
  },
  {
    kinds: ['github.app', 'okta.app'],
    hints: [
      (k) => ({ id: 'owasp-nhi:NHI3', why: `A ${k} is an integration holding delegated access; a compromise of its vendor or its keys reaches you (Vulnerable Third-Party NHI).` }),
      () => ({ id: 'attack:T1199', why: 'Access granted to an integration is a Trusted Relationship an attacker can ride in on.' }),
    ],
  },
  {
    kinds: ['github.workflow'],
    hints: [
      () => ({ id: 'owasp-nhi:NHI6', why: 'A CI/CD workflow reaches the cloud with secrets or OIDC trust; check both (Insecure Cloud Deployment Configurations).' }),
      () => ({ id: 'attack:T1677', why: 'A workflow runs with its credentials whatever code it is given; a poisoned pipeline runs the attacker\'s commands with them.' }),
    ],
  },
  {
    kinds: ['k8s.service-account'],
    hints: [() => ({ id: 'attack:T1552.007', why: 'Service account tokens are mounted into pods and readable through the cluster API, so anyone inside a pod can take them.' })],
  },
  {
    kinds: ['ai-agent'],
    hints: [
      () => ({ id: 'atlas:AML.T0051', why: 'AI agents are most often turned through prompt injection; check what content the agent read before any unexpected action.' }),
      () => ({ id: 'atlas:AML.T0083', why: 'An agent\'s configuration usually holds the API keys for its tools; treat them as exposed if the agent was steered.' }),
    ],
  },
];

/** Explainable mapping hints for a case: `actions` one entry per signal (repeats count toward bursts), `kinds` the identity kinds involved. */
export function suggestMappings(actions: readonly string[], kinds: readonly string[]): MappingSuggestion[] {
  const out = new Map<string, string>();
  const add = (id: string, why: string): void => {
    // A rule naming an id the catalogue lacks would be a bug; dropping it keeps the UI from showing a dead mapping.
    if (!out.has(id) && frameworkEntry(id)?.id === id) out.set(id, why);
  };
  for (const rule of ACTION_RULES) {
    let count = 0;
    let first: string | undefined;
    for (const a of actions) {
      if (!rule.test(a)) continue;
      count += 1;
      first ??= a;
    }
    if (first === undefined || count < (rule.minCount ?? 1)) continue;
    const seen: Seen = { action: first, count };
    for (const h of rule.hints) add(h.id, h.why(seen));
  }
  const kindSet = new Set(kinds.map(lower));
  for (const rule of KIND_RULES) {
    const kind = rule.kinds.find((k) => kindSet.has(k));
    if (kind === undefined) continue;
    for (const h of rule.hints) {
      const s = h(kind);
      add(s.id, s.why);
    }
  }
  return [...out].map(([id, why]) => ({ id, why }));
}

/** Every id a rule can suggest, so tests can check each one exists in the catalogue. */
export const SUGGESTABLE_IDS: readonly string[] = [
  ...new Set([
    ...ACTION_RULES.flatMap((r) => r.hints.map((h) => h.id)),
    ...KIND_RULES.flatMap((r) => r.hints.map((h) => h('x').id)),
  ]),
];
