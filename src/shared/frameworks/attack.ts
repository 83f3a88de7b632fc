// MITRE ATT&CK Enterprise, the slice that NHI incidents in cloud, SaaS, identity providers, containers and CI/CD touch.
// IDs and names follow ATT&CK v19 (2026), which retired Defense Evasion into Stealth and Defense Impairment and revoked
// T1562 Impair Defenses: its cloud sub-techniques now live under T1685/T1686, and their old codes are kept as aliases.
// Only pairs confirmed against a catalogue generated from MITRE's STIX data are listed; unsure ones were left out.
import { defineEntry, type EntryExtras, type FrameworkEntry } from './types';

const urlOf = (code: string): string => `https://attack.mitre.org/techniques/${code.replace('.', '/')}/`;

const entries: FrameworkEntry[] = [];
const names = new Map<string, string>();

// A technique; its name is remembered so its sub-techniques can be named the way MITRE displays them.
function technique(code: string, name: string, description: string, extras: EntryExtras = {}): void {
  names.set(code, name);
  entries.push(defineEntry('attack', code, name, description, urlOf(code), extras));
}

// A sub-technique: parent code and the "Parent: Child" name come from its code, so they cannot drift apart.
function sub(code: string, name: string, description: string, extras: EntryExtras = {}): void {
  const parent = code.split('.')[0] ?? code;
  const parentName = names.get(parent);
  if (parentName === undefined) throw new Error(`ATT&CK catalogue: ${code} is listed before its technique ${parent}`);
  entries.push(defineEntry('attack', code, `${parentName}: ${name}`, description, urlOf(code), { ...extras, parent }));
}

// Initial access
technique('T1078', 'Valid Accounts', 'Adversaries log in with credentials of existing accounts instead of breaking in, blending with normal use.');
sub('T1078.004', 'Cloud Accounts', 'Stolen or misused credentials of cloud users, service accounts or roles are used to get in or keep access.');
technique('T1199', 'Trusted Relationship', 'Access that a vendor, MSP or integrated third party already holds is abused to reach the victim.');
technique('T1195', 'Supply Chain Compromise', 'Software, dependencies or tooling are tampered with before they reach the victim.');
sub('T1195.001', 'Compromise Software Dependencies and Development Tools', 'Packages, libraries or developer tools the victim pulls in are poisoned upstream.');
sub('T1195.002', 'Compromise Software Supply Chain', 'A vendor\'s build or release is altered so the victim installs a compromised version.');
technique('T1190', 'Exploit Public-Facing Application', 'A weakness in an internet-facing service is exploited to get a first foothold, often one that exposes workload credentials.');
technique('T1133', 'External Remote Services', 'VPNs, gateways and other remote-access services are used with valid credentials to enter the environment.');
technique('T1566', 'Phishing', 'Deceptive messages are sent to trick recipients into giving access or running something.');
sub('T1566.002', 'Spearphishing Link', 'A targeted message carries a link, such as an OAuth consent page that grants an attacker\'s app access.');

// Execution
technique('T1059', 'Command and Scripting Interpreter', 'Command lines and script interpreters are used to run the adversary\'s commands.');
sub('T1059.009', 'Cloud API', 'Cloud provider CLIs, SDKs and APIs are driven directly with stolen credentials to act on the tenant.');
technique('T1651', 'Cloud Administration Command', 'Cloud management features that run commands on virtual machines, such as run-command or SSM, are used for execution.');
technique('T1648', 'Serverless Execution', 'Functions and other serverless resources are created or changed to run adversary code with their attached identity.');
technique('T1609', 'Container Administration Command', 'Container or orchestrator management interfaces, such as kubectl exec, are used to run commands inside containers.');
technique('T1610', 'Deploy Container', 'A new container or pod is started to run code, often with a privileged service account or host access.');
technique('T1053', 'Scheduled Task/Job', 'Scheduling features are used to run code at set times or repeatedly.');
sub('T1053.007', 'Container Orchestration Job', 'Orchestrator jobs and cron jobs, such as Kubernetes CronJobs, are created to run code on a schedule.');
technique('T1204', 'User Execution', 'Something is run because a user or automation was led to run it.');
sub('T1204.003', 'Malicious Image', 'A backdoored container or machine image is pulled and run by a user or pipeline.');
technique('T1677', 'Poisoned Pipeline Execution', 'Changes to pipeline definitions or the code a CI/CD job builds make the pipeline run adversary commands with its credentials.');

// Persistence
technique('T1098', 'Account Manipulation', 'Existing accounts are changed, for example given new credentials or permissions, to keep or widen access.');
sub('T1098.001', 'Additional Cloud Credentials', 'New keys, secrets, certificates or passwords are added to a cloud user, service principal or app so access survives a reset.');
sub('T1098.003', 'Additional Cloud Roles', 'Extra roles or policies are attached to a cloud identity the adversary controls.');
sub('T1098.004', 'SSH Authorized Keys', 'An adversary\'s public key is added to a host\'s or cloud account\'s authorized keys for lasting SSH access.');
sub('T1098.006', 'Additional Container Cluster Roles', 'Cluster roles or role bindings are created or changed to give an identity more power in a container cluster.');
technique('T1136', 'Create Account', 'New accounts are made so the adversary has access of their own.');
sub('T1136.003', 'Cloud Account', 'A new cloud user, service account or identity is created to keep access to the tenant.');
technique('T1525', 'Implant Internal Image', 'Container or VM images in the victim\'s own registry are backdoored so new workloads start compromised.');
technique('T1671', 'Cloud Application Integration', 'A malicious or compromised OAuth app or SaaS integration is added to the tenant to keep access through its grants.');
technique('T1556', 'Modify Authentication Process', 'The way identities are authenticated is changed to let the adversary in or capture credentials.');
sub('T1556.006', 'Multi-Factor Authentication', 'MFA is disabled or altered, or an adversary device is enrolled, so multi-factor checks stop blocking them.');
sub('T1556.007', 'Hybrid Identity', 'Components linking on-premises and cloud identity, such as sync agents or federation, are tampered with.');
sub('T1556.009', 'Conditional Access Policies', 'Conditional access rules in the identity provider are loosened to let adversary sign-ins through.');

// Privilege escalation
technique('T1548', 'Abuse Elevation Control Mechanism', 'Built-in mechanisms meant to grant higher privileges are abused to gain them.');
sub('T1548.005', 'Temporary Elevated Cloud Access', 'Just-in-time access, role impersonation or passed roles are abused to act with temporarily higher cloud permissions.');
technique('T1611', 'Escape to Host', 'A process breaks out of its container to reach the underlying host and its credentials.');
technique('T1484', 'Domain or Tenant Policy Modification', 'Directory or tenant-wide settings are changed to gain privileges or weaken controls.');
sub('T1484.002', 'Trust Modification', 'Federation or tenant trust settings are changed so tokens issued by an adversary-controlled party are accepted.');

// Stealth and defense impairment
technique('T1685', 'Disable or Modify Tools', 'Security and logging tools are turned off or reconfigured so adversary activity goes unseen.', { aliases: ['T1562.001'] });
sub('T1685.002', 'Disable or Modify Cloud Log', 'Cloud audit trails, log sinks or detectors are stopped, deleted or narrowed to blind the defenders.', { aliases: ['T1562.008'] });
technique('T1686', 'Disable or Modify System Firewall', 'Firewall rules are weakened or removed to open paths for the adversary.', { aliases: ['T1562.004'] });
sub('T1686.001', 'Cloud Firewall', 'Security groups and cloud firewall rules are changed to allow adversary traffic in or out.', { aliases: ['T1562.007'] });
technique('T1535', 'Unused/Unsupported Cloud Regions', 'Resources are created in cloud regions the victim does not use or watch, to avoid detection.');
technique('T1578', 'Modify Cloud Compute Infrastructure', 'Instances, snapshots and other compute resources are created, changed or deleted to evade defenses or reach data.');
sub('T1578.002', 'Create Cloud Instance', 'A new instance is launched, for example from a snapshot, to work around controls on existing ones.');
technique('T1666', 'Modify Cloud Resource Hierarchy', 'Accounts, subscriptions or projects are moved or detached from their organization to escape its policies and logging.');
technique('T1550', 'Use Alternate Authentication Material', 'Stolen tokens, tickets or cookies are presented instead of a password, bypassing normal sign-in checks.');
sub('T1550.001', 'Application Access Token', 'Stolen OAuth or API access tokens are replayed to call services as the victim identity without re-authenticating.');
sub('T1550.004', 'Web Session Cookie', 'Stolen session cookies are replayed to reuse an authenticated web session, skipping MFA.');

// Credential access
technique('T1552', 'Unsecured Credentials', 'Credentials stored insecurely are searched for and collected.');
sub('T1552.001', 'Credentials In Files', 'Files, repositories and configs are searched for passwords, keys and tokens written in them.');
sub('T1552.004', 'Private Keys', 'Private keys and certificates are collected from where they are stored.');
sub('T1552.005', 'Cloud Instance Metadata API', 'The instance metadata service is queried, often through SSRF, for the workload\'s temporary credentials.');
sub('T1552.007', 'Container API', 'Container or cluster APIs are queried for secrets, service account tokens and environment credentials.');
sub('T1552.008', 'Chat Messages', 'Chat and collaboration messages are searched for credentials people shared there.');
technique('T1555', 'Credentials from Password Stores', 'Credentials are taken from password and secret stores.');
sub('T1555.006', 'Cloud Secrets Management Stores', 'Secrets are read in bulk from cloud secret managers and parameter stores using an identity allowed to read them.');
technique('T1528', 'Steal Application Access Token', 'OAuth or application tokens are stolen, for example through a malicious app consent or from a compromised workload.');
technique('T1539', 'Steal Web Session Cookie', 'Authenticated session cookies are stolen so the session can be reused elsewhere.');
technique('T1606', 'Forge Web Credentials', 'Web credentials such as cookies or tokens are forged from stolen signing secrets.');
sub('T1606.002', 'SAML Tokens', 'SAML assertions are forged with a stolen signing certificate to sign in as any identity.');
technique('T1110', 'Brute Force', 'Credentials are guessed systematically to find ones that work.');
sub('T1110.003', 'Password Spraying', 'A few common passwords are tried against many accounts to avoid lockouts.');
sub('T1110.004', 'Credential Stuffing', 'Credentials leaked elsewhere are tried against the victim\'s accounts.');
technique('T1621', 'Multi-Factor Authentication Request Generation', 'Repeated MFA prompts are sent to a user until one is approved.');
technique('T1649', 'Steal or Forge Authentication Certificates', 'Certificates used for authentication are stolen or fraudulently issued.');

// Discovery
technique('T1580', 'Cloud Infrastructure Discovery', 'Instances, storage, networks and other cloud resources are listed to plan next steps.');
technique('T1526', 'Cloud Service Discovery', 'The cloud and SaaS services a tenant uses are enumerated.');
technique('T1538', 'Cloud Service Dashboard', 'The provider\'s web console is used with stolen credentials to browse the environment.');
technique('T1087', 'Account Discovery', 'Accounts in the environment are listed.');
sub('T1087.004', 'Cloud Account', 'Cloud users, roles and service accounts are enumerated through the provider\'s APIs.');
technique('T1069', 'Permission Groups Discovery', 'Groups and their permissions are listed to find privileged access.');
sub('T1069.003', 'Cloud Groups', 'Cloud groups, roles and attached policies are enumerated to see who can do what.');
technique('T1613', 'Container and Resource Discovery', 'Containers, pods, nodes and other cluster resources are enumerated.');
technique('T1619', 'Cloud Storage Object Discovery', 'Buckets and the objects in them are listed to find data worth taking.');
technique('T1654', 'Log Enumeration', 'Logs are read to learn about the environment, accounts and what defenders can see.');

// Lateral movement
technique('T1021', 'Remote Services', 'Valid credentials are used with remote services to move to other systems.');
sub('T1021.007', 'Cloud Services', 'Synchronized or federated credentials are used to move from one cloud service or tenant to another.');

// Collection and exfiltration
technique('T1530', 'Data from Cloud Storage', 'Data is read from cloud object storage, often in bulk, by an identity that can reach it.');
technique('T1213', 'Data from Information Repositories', 'Data is gathered from wikis, databases, code hosts and other shared repositories.');
sub('T1213.003', 'Code Repositories', 'Source repositories are cloned or browsed for code, secrets and infrastructure details.');
technique('T1114', 'Email Collection', 'Email is gathered for the information it holds.');
sub('T1114.002', 'Remote Email Collection', 'Mailboxes are read remotely through mail APIs, often via an app or service principal with mail permissions.');
technique('T1537', 'Transfer Data to Cloud Account', 'Data, snapshots or images are shared or copied to a cloud account the adversary controls.');
technique('T1567', 'Exfiltration Over Web Service', 'Data is sent out through an existing legitimate web service.');
sub('T1567.001', 'Exfiltration to Code Repository', 'Data is pushed to a code hosting service the adversary controls.');
sub('T1567.002', 'Exfiltration to Cloud Storage', 'Data is uploaded to a cloud storage service outside the victim\'s control.');

// Impact
technique('T1496', 'Resource Hijacking', 'The victim\'s resources are used for the adversary\'s own purposes at the victim\'s cost.');
sub('T1496.001', 'Compute Hijacking', 'Compute is used for the adversary\'s workloads, such as cryptocurrency mining.');
sub('T1496.004', 'Cloud Service Hijacking', 'Paid cloud or SaaS services, such as email sending or hosted AI models, are used at the victim\'s expense.');
technique('T1485', 'Data Destruction', 'Data and backups are deleted or made unrecoverable.');
sub('T1485.001', 'Lifecycle-Triggered Deletion', 'Storage lifecycle rules are changed so the provider deletes the data itself.');
technique('T1486', 'Data Encrypted for Impact', 'Data is encrypted with keys the victim does not hold, typically for ransom.');
technique('T1531', 'Account Access Removal', 'Legitimate accounts are deleted, locked or have credentials changed to cut off the owners.');

/** The ATT&CK techniques and sub-techniques the app ships, each technique before its sub-techniques. */
export const ATTACK: readonly FrameworkEntry[] = entries;
