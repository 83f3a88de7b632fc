// What the secret-scanner parsers (gitleaks, TruffleHog, GitHub secret scanning) share: turning a found secret into
// the identifiers that name it without revealing it, so the same leaked credential resolves to one identity whichever
// scanner found it, and joins the logs where that credential was used.
import { createHash } from 'node:crypto';
import type { Identifier } from '../../../../shared/schemas';
import { maskValue, secretIdentifier } from '../redact';
import type { ParsedActor, ParsedLink } from '../types';

/**
 * The time given to a finding whose source records none (a gitleaks scan of files outside git, a TruffleHog
 * filesystem scan): the contract needs a time, and the epoch is plainly not a real one.
 */
export const UNDATED = '1970-01-01T00:00:00.000Z';

// AKIA (long-term) and ASIA (session) and the rarer A3T…/ABIA/ACCA prefixes, 20 characters in all.
const AWS_KEY_ID = /^(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}$/;
const GITHUB_TOKEN = /^(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})$/;

/** The `secret.sha256` identifier of a secret: its hex SHA-256 only. */
export function secretSha256(secret: string): Identifier {
  return { type: 'secret.sha256', value: secretIdentifier(secret).slice('secret.sha256:'.length) };
}

/** The value when it is an AWS access key id (which names a key, and is not itself secret), else null. */
export function awsKeyId(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  return AWS_KEY_ID.test(trimmed) ? trimmed : null;
}

/**
 * For a GitHub token, the `hashed_token` GitHub's audit log records for it (base64 of its SHA-256), so a leaked
 * token joins the audit events of its use; null for anything else.
 */
export function githubHashedToken(secret: string): string | null {
  return GITHUB_TOKEN.test(secret) ? createHash('sha256').update(secret, 'utf8').digest('base64') : null;
}

const PEM_HEADER = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY/;

/**
 * A masked preview of a secret for labels and summaries (`AKIA…WXYZ`, or `…` for short values). A private key is
 * called what it is: its first and last characters are only dashes.
 */
export function preview(secret: string): string {
  const pem = PEM_HEADER.exec(secret);
  if (pem !== null) return `${pem[1] ?? ''}private key …`;
  return maskValue(secret.trim()).replace(/\s+/g, ' ');
}

/** The leaked credential as the actor of a finding, with every identifier it is known by and why they belong together. */
export interface LeakedCredential {
  actor: ParsedActor;
  links: ParsedLink[];
  /** How summaries show the secret: a masked preview, never the value. */
  preview: string;
}

/**
 * The actor of a finding: the secret by its SHA-256, plus the AWS key id or GitHub token hash it proves, linked.
 * `what` names the kind of secret for the label (e.g. `aws_access_key_id`).
 */
export function leakedCredential(secret: string, what: string): LeakedCredential {
  const primary = secretSha256(secret);
  const masked = preview(secret);
  const identifiers: Identifier[] = [primary];
  const links: ParsedLink[] = [];
  const keyId = awsKeyId(secret);
  if (keyId !== null) {
    const key: Identifier = { type: 'aws.access_key', value: keyId };
    identifiers.push(key);
    links.push({ a: key, b: primary, reason: `the secret found is AWS access key id ${masked}` });
  }
  const hashed = githubHashedToken(secret);
  if (hashed !== null) {
    const token: Identifier = { type: 'github.token', value: hashed };
    identifiers.push(token);
    links.push({ a: token, b: primary, reason: `GitHub logs the token found (${masked}) as hashed_token ${hashed}, the SHA-256 of its value` });
  }
  return { actor: { label: `${what} ${masked}`, kind: 'secret', primary, identifiers }, links, preview: masked };
}

/** The actor of a finding whose record does not carry the secret itself: named, but with nothing to link. */
export function unseenCredential(what: string): LeakedCredential {
  return { actor: { label: `${what} (value not in the record)`, kind: 'secret', primary: null, identifiers: [] }, links: [], preview: '(value not in the record)' };
}

/** Adds another identifier of the same credential to an actor, with the link that ties it in. */
export function addIdentifier(credential: LeakedCredential, id: Identifier, to: Identifier, reason: string): void {
  const known = credential.actor.identifiers.some((x) => x.type === id.type && x.value === id.value);
  if (known) return;
  credential.actor.identifiers.push(id);
  credential.links.push({ a: id, b: to, reason });
}
