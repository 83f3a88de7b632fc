// Secret redaction: raw secrets never enter the database or an export.
// A secret becomes `secret.sha256:<hex>` plus a masked preview; the evidence store keeps the original file.
import { createHash } from 'node:crypto';

/** Field names whose string values are secrets whatever they look like. */
const SECRET_FIELD = /(secret|secret[_-]?access[_-]?key|password|passwd|passphrase|token|private[_-]?key|api[_-]?key|client[_-]?secret|credential)$/i;
/** Field names that match SECRET_FIELD but name public identifiers. */
const PUBLIC_FIELD = /^(accessKeyId|keyId|tokenType|token_type|nextToken|NextToken|secretId|SecretId|secretArn|secretName)$/;
/** Values AWS and others put where a secret would be: nothing to hide. */
const PLACEHOLDER = /^(HIDDEN_DUE_TO_SECURITY_REASONS|\*+|REDACTED|<redacted>|null|)$/i;

/** Shapes of secrets that are recognizable anywhere in text. */
// No \b before the prefixes: tokens turn up glued to other text ("token%3Dghp_…", "\\nghp_…", "token_ghp_…").
const SECRET_PATTERNS: RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  /gh[pousr]_[A-Za-z0-9]{36,255}/g,
  /github_pat_[A-Za-z0-9_]{22,255}/g,
  /xox[abprs]-[A-Za-z0-9-]{10,}/g,
  /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g,
  /sk-[A-Za-z0-9_-]{20,}/g,
  /AIza[0-9A-Za-z_-]{35}/g,
];

/**
 * `NAME=value`, `NAME: value` and `"name": "value"` whose name says secret (env files, commit messages, shell history
 * quoted in logs). A bare colon does not count: `secretsmanager:GetSecretValue` and ARNs are not assignments.
 */
const SECRET_WORD = /secret|passw|token|api_?key|private_?key|credential/i;
const SECRET_ASSIGNMENT = /\b([A-Za-z0-9_.-]*(?:SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)[A-Za-z0-9_.-]*)(\s*=\s*["']?|:\s+["']?|["']\s*:\s*["'])([^\s"'`,;]{8,})/gi;

/** The identifier a secret is known by: its SHA-256, never the secret. */
export function secretIdentifier(secret: string): string {
  return `secret.sha256:${createHash('sha256').update(secret, 'utf8').digest('hex')}`;
}

/** A preview that helps a person recognize a value without revealing it: first and last four characters. */
export function maskValue(value: string): string {
  return value.length >= 16 ? `${value.slice(0, 4)}…${value.slice(-4)}` : '…';
}

/** The text that replaces a secret in records and fields. */
export function redactedMarker(secret: string): string {
  return `[redacted ${secretIdentifier(secret)} ${maskValue(secret)}]`;
}

/**
 * Text that matches none of these cannot hold a secret SECRET_PATTERNS or SECRET_ASSIGNMENT would find, nor a marker:
 * one test of this keeps the nine passes below off the vast majority of strings (keys, names, times, ARNs).
 */
const MAYBE_SECRET = new RegExp(`-----BEGIN|gh[pousr]_|github_pat_|xox[abprs]-|eyJ|sk-|AIza|\\[redacted|${SECRET_WORD.source}`, 'i');

/** Replaces every recognizable secret inside free text. */
export function redactText(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  // Markers already in the text are left alone: their "secret.sha256:…" would otherwise look like an assignment.
  return text
    .split(MARKER)
    .map((part, i) => (i % 2 === 1 ? part : redactPlain(part)))
    .join('');
}

/** A redaction marker, captured so split() keeps it. */
const MARKER = /(\[redacted secret\.sha256:[0-9a-f]{64} [^\]]*\])/;

function redactPlain(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, (match) => redactedMarker(match));
  // Most text names no secret at all: a cheap test first keeps the assignment pattern off the hot path.
  if (!SECRET_WORD.test(out)) return out;
  // A hash identifier ("secret.sha256:<hex>", maybe from a marker a parser shortened) is not an assignment.
  return out.replace(SECRET_ASSIGNMENT, (match, name: string, sep: string, value: string) =>
    /secret\.sha(1|256)$/i.test(name) ? match : `${name}${sep}${redactedMarker(value)}`,
  );
}

/** Fields in which secret scanners put the secret or the text around it (gitleaks, TruffleHog, GitHub). */
const SCANNER_FIELD = /^(Secret|Match|offender|Raw|RawV2|line)$/;
/** Shorter values are not worth hunting for inside other strings (they would match by chance). */
const MIN_SECRET_LENGTH = 8;

/**
 * A deep copy of a parsed record with secrets replaced: values of secret-named fields, any later occurrence of
 * those same values inside other strings (a scanner's `Match` or `line` quotes the secret), and known shapes.
 */
export function redactRecord(value: unknown, known: Iterable<string> = []): unknown {
  const secrets = new Set<string>(known);
  collectSecrets(value, '', secrets);
  const sorted = [...secrets].sort((a, b) => b.length - a.length); // longest first, so a secret inside another is not half-replaced
  return redactValue(value, '', sorted);
}

function isSecretField(fieldName: string): boolean {
  return (SECRET_FIELD.test(fieldName) && !PUBLIC_FIELD.test(fieldName)) || SCANNER_FIELD.test(fieldName);
}

/** Adds the secret values a record holds in secret-named fields to `out` (so other records quoting them are redacted too). */
export function collectSecrets(value: unknown, fieldName: string, out: Set<string>): void {
  if (typeof value === 'string') {
    if (isSecretField(fieldName) && !PLACEHOLDER.test(value) && value.length >= MIN_SECRET_LENGTH) out.add(value);
    return;
  }
  if (Array.isArray(value)) for (const item of value) collectSecrets(item, fieldName, out);
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value as Record<string, unknown>)) collectSecrets(item, key, out);
}

function redactValue(value: unknown, fieldName: string, secrets: string[]): unknown {
  if (typeof value === 'string') {
    if (isSecretField(fieldName) && !PLACEHOLDER.test(value)) return redactedMarker(value);
    let out = value;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(redactedMarker(secret));
    return redactText(out);
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, fieldName, secrets));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      // A secret can be a key too (an env map keyed by value, a cache dump): keys are redacted like text.
      const safeKey = redactValue(key, '', secrets) as string;
      // defineProperty, not assignment: a "__proto__" key in hostile evidence stays a plain key
      Object.defineProperty(out, safeKey, { value: redactValue(item, key, secrets), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
