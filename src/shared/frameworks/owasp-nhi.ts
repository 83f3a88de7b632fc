// OWASP Top 10 Non-Human Identities Risks (2025): the risk list an NHI incident is most often explained by.
// Names follow the project's own table (github.com/OWASP/www-project-non-human-identities-top-10, 2025/docs/top-10-2025.md);
// some third-party summaries circulate different names ("Excessive Permissions", "Inadequate Rotation"), which are not OWASP's.
import { defineEntry, type FrameworkEntry } from './types';

const BASE = 'https://owasp.org/www-project-non-human-identities-top-10/2025/';

// The page slugs are the project's own (its published site is built from these paths).
const risk = (n: number, slug: string, name: string, description: string): FrameworkEntry =>
  defineEntry('owasp-nhi', `NHI${n}`, name, description, `${BASE}${n}-${slug}/`);

/** The ten OWASP NHI risks, NHI1 to NHI10 in the list's order. */
export const OWASP_NHI: readonly FrameworkEntry[] = [
  risk(1, 'improper-offboarding', 'Improper Offboarding',
    'Service accounts, keys and other non-human identities stay active after the service, project or person they belonged to is gone, leaving unowned access for an attacker to pick up.'),
  risk(2, 'secret-leakage', 'Secret Leakage',
    'API keys, tokens, certificates and other secrets end up somewhere they should not be, such as source code, plain-text config, logs or chat, where anyone who finds them can use them.'),
  risk(3, 'vulnerable-third-party-nhi', 'Vulnerable Third-Party NHI',
    'Credentials and permissions handed to third-party tools, IDE extensions and SaaS integrations are abused when that third party is compromised or turns malicious.'),
  risk(4, 'insecure-authentication', 'Insecure Authentication',
    'Machine-to-machine integrations authenticate with deprecated, weak or easily attacked methods instead of modern, short-lived and verifiable ones.'),
  risk(5, 'overprivileged-nhi', 'Overprivileged NHI',
    'A non-human identity holds far more permissions than its job needs, so whoever compromises it inherits all of that excess access.'),
  risk(6, 'insecure-cloud-deployment-configurations', 'Insecure Cloud Deployment Configurations',
    'CI/CD pipelines reach the cloud with static credentials that can leak or with OIDC trust whose token claims are not checked strictly enough, opening a path into production.'),
  risk(7, 'long-lived-secrets', 'Long-Lived Secrets',
    'Keys, tokens and certificates that expire far in the future or never let a stolen secret keep working indefinitely.'),
  risk(8, 'environment-isolation', 'Environment Isolation',
    'The same non-human identities are shared between development, test and production, so a weakness in a lower environment reaches production.'),
  risk(9, 'nhi-reuse', 'NHI Reuse',
    'One non-human identity is reused by several applications or services, so compromising it in one place opens all the others.'),
  risk(10, 'human-use-of-nhi', 'Human Use of NHI',
    'People use service accounts and other machine identities for manual work, which blurs accountability and hides human activity among automation.'),
];
