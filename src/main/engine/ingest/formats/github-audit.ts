// GitHub audit log (organization or enterprise): the JSON export and REST API responses (an array), streamed or
// exported NDJSON, and the CSV export. When a token acts, the token is the NHI: it is named by the `hashed_token`
// GitHub records (base64 SHA-256, the same value a leaked token found by a scanner resolves to) and related to the
// user it belongs to, never merged with them. Apps, deploy keys and workflows get their own identifiers.
import type { Identifier, IdentityKind } from '../../../../shared/schemas';
import { WorkbenchError } from '../../../../shared/errors';
import { csvHeader, csvRecords } from '../csv-text';
import type { EvidenceSource, FormatParser, ParsedActor, ParsedLink, ParsedRelation, ParsedSignal, RawRecord } from '../types';
import { asObject, badRecord, clip, contentKey, idText, isObject, isoTime, type Json, place, readJsonRecords, sampleHead, str, typeName } from './json-records';

const SOURCE_ID = 'github.audit';

const NOT_AUDIT_HINT =
  'Expected a GitHub audit log: the JSON or CSV export of an organization or enterprise audit log, the REST API\'s ' +
  'response (a JSON array), or streamed events (one JSON object per line). Choose the right format for this file or ' +
  'leave it out.';
const MALFORMED_HINT =
  'Every GitHub audit event has an action (like "repo.create") and a time (@timestamp or created_at). The record may ' +
  'have been altered by an export tool; compare it with the audit log on GitHub.';

// ---------------------------------------------------------------------------------------------------------------
// Detection

const ACTION_MARK = /"action"\s*:\s*"[a-z0-9_]+\.[a-z0-9_.]+"/;
const AUDIT_MARKS = [/"_document_id"\s*:/, /"@timestamp"\s*:\s*\d/, /"actor_id"\s*:/, /"actor"\s*:\s*"/];

/** True when the start of a text looks like a GitHub audit log (JSON, NDJSON or the CSV export). */
function detectAudit(sample: string): boolean {
  const head = sampleHead(sample);
  if (head.startsWith('{') || head.startsWith('[')) {
    // Webhook payloads carry "action" too, but a bare verb ("created"), never category.operation.
    return ACTION_MARK.test(head) && AUDIT_MARKS.filter((mark) => mark.test(head)).length >= 2;
  }
  const header = csvHeader(head);
  return header !== null && header.includes('action') && header.includes('actor') && (header.includes('created_at') || header.includes('@timestamp'));
}

// ---------------------------------------------------------------------------------------------------------------
// Reading records

function isAuditEvent(value: unknown): boolean {
  return isObject(value) && str(value.action) !== null && (value['@timestamp'] !== undefined || value.created_at !== undefined);
}

function notAudit(file: string, where: string): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${file} is not a GitHub audit log: ${where} is not an audit event`, { file, record: where, hint: NOT_AUDIT_HINT });
}

function* readRecords(source: EvidenceSource): Generator<RawRecord> {
  const head = sampleHead(source.sample);
  if (!head.startsWith('{') && !head.startsWith('[')) {
    yield* readCsv(source);
    return;
  }
  yield* readJsonRecords(source, {
    shapeOf: (doc) => (Array.isArray(doc) ? { items: doc, key: null } : isObject(doc) ? { items: [doc], key: null, single: true } : null),
    accepts: isAuditEvent,
    refuse: (where) => notAudit(source.name, where),
  });
}

function* readCsv(source: EvidenceSource): Generator<RawRecord> {
  let first = true;
  for (const record of csvRecords(source.text(), source.name)) {
    if (first && !isAuditEvent(record.value)) throw notAudit(source.name, place(record.index, record.line));
    first = false;
    yield record;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Who acted

interface ActorFacts {
  actor: ParsedActor;
  links: ParsedLink[];
  relations: ParsedRelation[];
  /** How the summary names the actor. */
  phrase: string;
}

// The Actions app acts in every repository under one name; a name shared that widely must not become an identity.
const SHARED_BOTS = new Set(['github-actions[bot]', 'github-actions', 'dependabot[bot]']);
// Placeholders GitHub writes where no account acted.
const PLACEHOLDER_ACTORS = new Set(['deploy_key', 'ghost', 'github', '-']);

function userId(login: string): Identifier {
  return { type: 'github.user', value: login };
}

// Collects an actor's identifiers; every one but the primary enters with the link that ties it in.
class ActorBuilder {
  readonly identifiers: Identifier[];
  readonly links: ParsedLink[] = [];
  readonly relations: ParsedRelation[] = [];

  constructor(readonly primary: Identifier) {
    this.identifiers = [primary];
  }

  tie(id: Identifier | null, reason: string): void {
    if (id === null || this.identifiers.some((known) => known.type === id.type && known.value === id.value)) return;
    this.identifiers.push(id);
    this.links.push({ a: id, b: this.primary, reason });
  }

  relate(to: Identifier | null, relation: string): void {
    if (to !== null && !(to.type === this.primary.type && to.value === this.primary.value)) this.relations.push({ from: this.primary, to, relation });
  }

  facts(label: string, kind: IdentityKind, phrase = label): ActorFacts {
    return { actor: { label, kind, primary: this.primary, identifiers: this.identifiers }, links: this.links, relations: this.relations, phrase };
  }
}

function describeActor(event: Json): ActorFacts {
  const login = str(event.actor);
  const access = str(event.programmatic_access_type);
  const hashed = str(event.hashed_token);
  const tokenId = idText(event.token_id);
  if (isDeployKeyAccess(access, login)) return deployKeyActor(event, hashed);
  const workflow = workflowOf(event);
  const bot = login !== null && (login.endsWith('[bot]') || event.actor_is_bot === true);
  if (bot && login !== null) return botActor(event, login, workflow, hashed, tokenId);
  if (hashed !== null || (tokenId !== null && access !== null)) return tokenActor(event, login, access, hashed, tokenId);
  if (login !== null && !PLACEHOLDER_ACTORS.has(login)) return new ActorBuilder(userId(login)).facts(`user/${login}`, 'github.user');
  return unnamed(login ?? 'unknown');
}

function unnamed(label: string): ActorFacts {
  return { actor: { label, kind: 'unknown', primary: null, identifiers: [] }, links: [], relations: [], phrase: label };
}

function isDeployKeyAccess(access: string | null, login: string | null): boolean {
  return login === 'deploy_key' || (access !== null && /deploy/i.test(access));
}

// A token acting for a user: the token is the NHI, related to its user.
function tokenActor(event: Json, login: string | null, access: string | null, hashed: string | null, tokenId: string | null): ActorFacts {
  const primary: Identifier = { type: 'github.token', value: hashed ?? tokenId ?? '' };
  const builder = new ActorBuilder(primary);
  const kindOfToken = access ?? 'token';
  if (hashed !== null && tokenId !== null) builder.tie({ type: 'github.token', value: tokenId }, `token id ${tokenId} has hashed_token ${shortHash(hashed)} in this record`);
  const owner = login !== null && !PLACEHOLDER_ACTORS.has(login) ? userId(login) : null;
  builder.relate(owner, 'token of');
  const app = str(event.integration) ?? str(event.oauth_application);
  if (app !== null) builder.relate({ type: 'github.app', value: app }, 'issued by app');
  const label = `token/${shortHash(primary.value)}`;
  const phrase = `${kindOfToken} ${shortHash(primary.value)}${login === null ? '' : ` of ${login}`}`;
  return builder.facts(label, 'github.token', phrase);
}

// GitHub App installation tokens: the app is the NHI (each token lives an hour), except the shared Actions app,
// where the workflow that ran is the NHI when the record names it, else the single token.
function botActor(event: Json, login: string, workflow: Identifier | null, hashed: string | null, tokenId: string | null): ActorFacts {
  const token: Identifier | null = hashed !== null ? { type: 'github.token', value: hashed } : tokenId !== null ? { type: 'github.token', value: tokenId } : null;
  if (SHARED_BOTS.has(login)) {
    if (workflow !== null) {
      const builder = new ActorBuilder(workflow);
      builder.tie(token, `the workflow ${workflow.value} ran with token ${shortHash(token?.value ?? '')} in this record`);
      return builder.facts(`workflow/${workflow.value}`, 'github.workflow');
    }
    if (token === null) return unnamed(login);
    return new ActorBuilder(token).facts(`token/${shortHash(token.value)}`, 'github.token', `${login} token ${shortHash(token.value)}`);
  }
  const slug = str(event.integration) ?? login.replace(/\[bot\]$/, '');
  const builder = new ActorBuilder({ type: 'github.app', value: slug });
  builder.tie(token, `app ${slug} authenticated with installation token ${shortHash(token?.value ?? '')} in this record`);
  return builder.facts(`app/${slug}`, 'github.app');
}

function deployKeyActor(event: Json, hashed: string | null): ActorFacts {
  const fingerprint = str(event.deploy_key_fingerprint);
  const primaryValue = hashed ?? fingerprint;
  if (primaryValue === null) return unnamed('deploy key');
  const builder = new ActorBuilder({ type: 'github.deploy_key', value: primaryValue });
  if (hashed !== null && fingerprint !== null) builder.tie({ type: 'github.deploy_key', value: fingerprint }, `the deploy key with fingerprint ${fingerprint} authenticated in this record`);
  const label = `deploy-key/${shortHash(primaryValue)}`;
  const repo = str(event.repo);
  return builder.facts(label, 'github.deploy-key', repo === null ? label : `${label} of ${repo}`);
}

// `owner/repo/.github/workflows/x.yml@refs/heads/main` -> `owner/repo:.github/workflows/x.yml`. Without a path the
// workflow is named by its numeric id in its repository, which names it as surely, though it cannot join a path.
function workflowOf(event: Json): Identifier | null {
  const ref = str(event.job_workflow_ref) ?? str(event.workflow_ref);
  const match = ref === null ? null : /^([^/@\s]+\/[^/@\s]+)\/(\.github\/workflows\/[^@]+)(?:@.*)?$/.exec(ref);
  if (match !== null) return { type: 'github.workflow', value: `${match[1] ?? ''}:${match[2] ?? ''}` };
  const repo = str(event.repo) ?? str(event.repository);
  const id = idText(event.workflow_id);
  return repo !== null && id !== null ? { type: 'github.workflow', value: `${repo}:workflow#${id}` } : null;
}

function shortHash(value: string): string {
  return value.length > 12 ? `${value.slice(0, 8)}…` : value;
}

// ---------------------------------------------------------------------------------------------------------------
// Events about other NHIs: the workflow run, the deploy key or app installed

function workflowRun(event: Json, action: string, caller: ActorFacts): ActorFacts {
  const workflow = workflowOf(event);
  if (!action.startsWith('workflows.') || workflow === null || caller.actor.primary?.type === 'github.workflow') return caller;
  const name = str(event.name);
  const login = str(event.actor);
  const label = `workflow/${workflow.value}`;
  const phrase = `${label}${name === null ? '' : ` ("${clip(name, 60)}")`}${login === null ? '' : ` run by ${login}`}`;
  const facts = new ActorBuilder(workflow).facts(label, 'github.workflow', phrase);
  // Whoever started the run (a user, or a token acting for one) stays a distinct identity, related to the workflow.
  const trigger = caller.actor.primary;
  // The run's OIDC token subject, as cloud providers see it (a relation: every workflow on that branch shares it).
  const repo = str(event.repo) ?? str(event.repository);
  const branch = str(event.head_branch);
  const subject = repo !== null && branch !== null ? [{ from: workflow, to: { type: 'github.oidc_subject', value: `repo:${repo}:ref:refs/heads/${branch}` }, relation: 'can sign in to clouds as' }] : [];
  return {
    ...facts,
    links: caller.links,
    relations: [...caller.relations, ...(trigger === null ? [] : [{ from: trigger, to: workflow, relation: 'ran workflow' }]), ...subject],
  };
}

function createdNhi(event: Json, action: string, caller: ActorFacts): ParsedRelation[] {
  const from = caller.actor.primary;
  if (from === null) return [];
  const category = action.split('.')[0] ?? '';
  const repo = str(event.repo);
  if ((category === 'public_key' || category === 'deploy_key') && repo !== null) {
    const key = str(event.fingerprint) ?? str(event.deploy_key_fingerprint) ?? idText(event.public_key_id);
    return key === null ? [] : [{ from, to: { type: 'github.deploy_key', value: key }, relation: `${verbOf(action)} deploy key` }];
  }
  if (category === 'integration_installation' || category === 'integration') {
    const app = str(event.integration) ?? str(event.name);
    return app === null ? [] : [{ from, to: { type: 'github.app', value: app }, relation: `${verbOf(action)} app` }];
  }
  return [];
}

function verbOf(action: string): string {
  const op = action.split('.').slice(1).join('.');
  if (/create|add|install/.test(op)) return 'added';
  if (/destroy|delete|remove/.test(op)) return 'removed';
  return 'changed';
}

// ---------------------------------------------------------------------------------------------------------------
// What was done, to what

function targetOf(event: Json, action: string): string | null {
  const category = action.split('.')[0] ?? '';
  const repo = str(event.repo) ?? str(event.repository);
  if (category === 'public_key' && repo !== null) return clip(`${repo} deploy key ${str(event.title) ?? str(event.fingerprint) ?? ''}`.trim(), 200);
  if (category === 'integration_installation') return clip(`app/${str(event.integration) ?? str(event.name) ?? '?'}`, 200);
  if (category === 'personal_access_token') return clip(`fine-grained token ${str(event.token_name) ?? str(event.user_programmatic_access_name) ?? idText(event.token_id) ?? ''}`.trim(), 200);
  const value = repo ?? str(event.user) ?? str(event.team) ?? str(event.org) ?? str(event.business);
  return value === null ? null : clip(value, 200);
}

const FAILED_CONCLUSIONS = new Set(['failure', 'timed_out', 'startup_failure']);

function failureOf(event: Json, action: string): string | null {
  const status = typeof event.status_code === 'number' ? event.status_code : Number(str(event.status_code) ?? NaN);
  if (Number.isFinite(status) && status >= 400) return String(status);
  const conclusion = str(event.conclusion);
  if (action.startsWith('workflows.') && conclusion !== null && FAILED_CONCLUSIONS.has(conclusion)) return conclusion;
  if (/(?:_|\.)fail(?:ure|ed)?$/.test(action)) return action.split('.').pop() ?? 'failure';
  return null;
}

function summaryOf(phrase: string, action: string, target: string | null, failure: string | null, event: Json): string {
  const on = target === null ? '' : ` on ${target}`;
  const from = str(event.actor_ip) === null ? '' : ` from ${str(event.actor_ip) ?? ''}`;
  const scopes = str(event.token_scopes) === null ? '' : ` (scopes ${clip(str(event.token_scopes) ?? '', 80)})`;
  const failed = failure === null ? '' : ` — ${failure}`;
  return `${phrase} ${action}${on}${from}${scopes}${failed}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Normalizing one record

function toSignal(record: RawRecord, file: string): ParsedSignal {
  const where = place(record.index, record.line);
  const event = requireEvent(record.value, where, file);
  const action = str(event.action) ?? '';
  const caller = workflowRun(event, action, describeActor(event));
  const failure = failureOf(event, action);
  const target = targetOf(event, action);
  return {
    time: timeOf(event, where, file),
    source: SOURCE_ID,
    action,
    outcome: failure === null ? 'success' : 'failure',
    errorCode: failure,
    actor: caller.actor,
    target,
    sourceIp: str(event.actor_ip),
    region: str(asObject(event.actor_location)?.country_code) ?? str(event['actor_location.country_code']),
    userAgent: str(event.user_agent),
    summary: summaryOf(caller.phrase, action, target, failure, event),
    dedupeKey: str(event._document_id) ?? contentKey(event),
    links: caller.links,
    relations: [...caller.relations, ...createdNhi(event, action, caller)],
  };
}

function requireEvent(value: unknown, where: string, file: string): Json {
  if (isObject(value) && str(value.action) !== null) return value;
  const problem = isObject(value) ? 'it has no action' : `it is ${typeName(value)}, not an object`;
  throw badRecord(file, where, `is not a usable GitHub audit event: ${problem}`, MALFORMED_HINT);
}

// @timestamp and created_at are epoch milliseconds in JSON, and may be text in the CSV export.
function timeOf(event: Json, where: string, file: string): string {
  const time = isoTime(event['@timestamp']) ?? isoTime(event.created_at);
  if (time !== null) return time;
  throw badRecord(file, where, 'has no @timestamp or created_at that is a date', MALFORMED_HINT);
}

/** The GitHub audit log parser: JSON and CSV exports, API responses and streamed NDJSON. */
export const githubAudit: FormatParser = {
  id: SOURCE_ID,
  label: 'GitHub audit log',
  detect: (sample) => detectAudit(sample),
  records: (source) => readRecords(source),
  toSignal: (record, fileName) => toSignal(record, fileName),
};
