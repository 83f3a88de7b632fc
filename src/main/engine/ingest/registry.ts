// The evidence formats this build reads. Adding a format is adding its parser file and one line here.
import type { FormatParser } from './types';
import { cloudtrail } from './formats/cloudtrail';
import { ocsf } from './formats/ocsf';
import { k8sAudit } from './formats/k8s-audit';
import { githubAudit } from './formats/github-audit';
import { githubSecretScanning } from './formats/github-secret-scanning';
import { gitleaks } from './formats/gitleaks';
import { trufflehog } from './formats/trufflehog';
import { detectSecrets } from './formats/detect-secrets';
import { gcpAudit } from './formats/gcp-audit';
import { azureActivity } from './formats/azure-activity';
import { entraAudit } from './formats/entra-audit';
import { entraSignIn } from './formats/entra-signin';
import { okta } from './formats/okta';
import { inventory } from './formats/inventory';
import { otelGenai } from './formats/otel-genai';
import { stix } from './formats/stix';
import { DETECT_SAMPLE_CHARS } from './detect-sample';

/** Every known parser, in detection order (most specific first). */
export const parsers: readonly FormatParser[] = [
  cloudtrail,
  gcpAudit,
  azureActivity,
  entraAudit,
  entraSignIn,
  okta,
  k8sAudit,
  githubSecretScanning,
  githubAudit,
  gitleaks,
  trufflehog,
  detectSecrets,
  stix,
  otelGenai,
  ocsf,
  inventory,
];


/** The parser whose detector accepts the sample, or undefined. */
export function detectFormat(text: string, fileName: string): FormatParser | undefined {
  const sample = text.slice(0, DETECT_SAMPLE_CHARS);
  return parsers.find((parser) => parser.detect(sample, fileName));
}

/** The parser with this id (for a user's explicit choice), or undefined. */
export function parserById(id: string): FormatParser | undefined {
  return parsers.find((parser) => parser.id === id);
}
