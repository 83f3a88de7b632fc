// The five situations analysts meet most (issue 4), each as an evidence bundle in the real formats the importers
// read (test/fixtures/situations/<n>-<name>/, described in the README.md there), imported through the engine and checked
// against the case a person would draw: one case, on the right anchor, holding every source's signals with readable
// reasons and the right severity, while unrelated background activity stays in cases of its own. Real third-party
// files join the bundles as background where they fit; without ../shared/fixtures/real those parts are skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inProcessEngine, type EngineClient } from '../../../src/main/engine/engine-client';
import type { CaseDetail, IngestResult, SignalRow } from '../../../src/shared/schemas';
import type { IdentityDetail } from '../../../src/shared/case-actions';
import { FIXTURES, REAL_FIXTURES, tempDir } from '../../helpers/workspace';

const SITUATIONS = join(FIXTURES, 'situations');
const REAL = existsSync(REAL_FIXTURES);
if (!REAL) console.log(`real fixtures not found at ${REAL_FIXTURES}; the situations are imported without their real background files`);

/** Real files that fit a situation as background, by path under ../shared/fixtures/real; none when absent. */
function real(...paths: string[]): string[] {
  return REAL ? paths.map((p) => join(REAL_FIXTURES, p)) : [];
}

/** The engine's own derived signals (first-seen). */
const DERIVED = 'nhi-workbench';
const FINDING_SOURCES = ['trufflehog', 'gitleaks', 'github.secret-scanning', 'detect-secrets'];

/** One imported bundle: the engine, what ingest said, and every proposed case with its anchor. */
interface Bundle {
  engine: EngineClient;
  result: IngestResult;
  cases: CaseDetail[];
}

async function importBundle(paths: string[]): Promise<Bundle> {
  const engine = inProcessEngine({ user: 'analyst@test' });
  await engine.call('open', { path: join(tempDir('nhi-situation-'), 'ws'), create: true });
  const result = await engine.call('ingest', { paths });
  const cases: CaseDetail[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await engine.call('listCases', { offset, limit: 1000, sort: 'id' });
    for (const c of page.items) cases.push(await engine.call('getCase', { id: c.id }));
    if (offset + page.items.length >= page.total) break;
  }
  return { engine, result, cases };
}

/** Every signal of a case, all pages. */
async function signalsOf(engine: EngineClient, caseId: string): Promise<SignalRow[]> {
  const out: SignalRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await engine.call('caseSignals', { id: caseId, offset, limit: 1000, sort: 'time' });
    out.push(...page.items);
    if (offset + page.items.length >= page.total) return out;
  }
}

/** The cases whose anchor identity holds this identifier. */
function casesHolding(bundle: Bundle, type: string, value: string): CaseDetail[] {
  return bundle.cases.filter((c) => c.anchorIdentity.identifiers.some((i) => i.type === type && i.value === value));
}

/** The one case anchored on the identity that holds this identifier; fails when there is none or more than one. */
function theCaseOf(bundle: Bundle, type: string, value: string): CaseDetail {
  const found = casesHolding(bundle, type, value);
  expect(found.map((c) => `${c.id} ${c.anchor.label}`), `cases anchored on the identity holding ${type}:${value}`).toHaveLength(1);
  return found[0]!;
}

function identifiersOf(c: CaseDetail): string[] {
  return c.anchorIdentity.identifiers.map((i) => `${i.type}:${i.value}`);
}

function derived(signals: SignalRow[], kind: string): SignalRow[] {
  return signals.filter((s) => s.source === DERIVED && s.action === `first-seen:${kind}`);
}

/** Every signal has a reason a person can read: the engine's own say what was first seen, the rest name the anchor. */
function expectReadableReasons(signals: SignalRow[], anchorLabel: string): void {
  const unreadable = signals.filter((s) =>
    s.source === DERIVED ? !/^first seen: .{12,}/.test(s.reason) || !s.reason.includes(anchorLabel) : !s.reason.includes(anchorLabel) || s.reason.length < anchorLabel.length + 8,
  );
  expect(unreadable.map((s) => `${s.action}: "${s.reason}"`)).toEqual([]);
}

/** Every string anywhere in a signal row. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** No field of any signal of any case holds one of the raw fake secrets of the bundle. */
async function expectNoRawSecrets(bundle: Bundle, secrets: string[]): Promise<void> {
  const leaks: string[] = [];
  for (const c of bundle.cases) {
    for (const s of await signalsOf(bundle.engine, c.id)) {
      for (const text of strings(s)) {
        for (const secret of secrets) if (text.includes(secret)) leaks.push(`${c.id} signal ${s.id} (${s.action}) holds ${secret.slice(0, 6)}…`);
      }
    }
  }
  expect(leaks).toEqual([]);
}

function expectImportedWhole(result: IngestResult, ownFiles: number): void {
  expect(result.files.filter((f) => f.error !== undefined).map((f) => `${f.path}: ${f.error ?? ''}`)).toEqual([]);
  const own = result.files.filter((f) => f.path.startsWith(SITUATIONS));
  expect(own).toHaveLength(ownFiles);
  expect(own.every((f) => f.signals > 0 && f.rejected === 0)).toBe(true);
}

/** The signals of a case that came from files other than the bundle's own (real background files). */
function fromOtherFiles(signals: SignalRow[], bundleDir: string): SignalRow[] {
  const own = new Set(readdirSync(bundleDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name));
  return signals.filter((s) => !own.has(s.evidence.name));
}

/** Identities related to this one, by relation and direction, as the identity panel shows them. */
async function relatedOf(engine: EngineClient, identityId: string): Promise<IdentityDetail['related']> {
  return (await engine.call('getIdentity', { id: identityId })).related;
}

// ---------------------------------------------------------------------------------------------------------------
// 1. A compromised API key

describe('situation 1: a compromised API key', () => {
  const DIR = join(SITUATIONS, '1-compromised-api-key');
  const KEY = 'AKIA4R7TQ2NWX5HZKD6V';
  const SECRET_KEY = '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';
  const SESSION_KEY = 'ASIA4R7TQ2MQZ8LPVN3C';
  const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEFAKEaCXVzLWVhc3QtMSJHMEUCIQDfakeS1tokenNotRealAtAll';
  const OTHER_PAT = 'ghp_i8s4c10HrtnxmzdyoIrL7yMv75jc49IF9J4T';
  const USER_ARN = 'arn:aws:iam::418273645091:user/svc-invoice-sync';
  const ATTACKER = '203.0.113.45';
  const NAT = '198.51.100.40';
  let bundle: Bundle;
  let incident: CaseDetail;
  let signals: SignalRow[];

  beforeAll(async () => {
    bundle = await importBundle([DIR, ...real('aws-cloudtrail/invictus-ir_aws_dataset', 'trufflehog/defectdojo_unittests_trufflehog/v3_git.json')]);
    incident = theCaseOf(bundle, 'aws.access_key', KEY);
    signals = await signalsOf(bundle.engine, incident.id);
  }, 120_000);
  afterAll(async () => bundle.engine.dispose());

  it('imports the TruffleHog scan and the CloudTrail whole', () => {
    expectImportedWhole(bundle.result, 2);
  });

  it('proposes one case anchored on the IAM user that owns the leaked key, holding the finding, the key, its session key and the secret', () => {
    expect(incident.anchor).toMatchObject({ label: 'user/svc-invoice-sync', kind: 'aws.iam-user' });
    expect(identifiersOf(incident)).toEqual(expect.arrayContaining([`aws.arn:${USER_ARN}`, `aws.access_key:${KEY}`, `aws.access_key:${SESSION_KEY}`]));
    // The secret access key TruffleHog found beside the key id is the same credential, by its hash only.
    expect(incident.anchorIdentity.identifiers.filter((i) => i.type === 'secret.sha256')).toHaveLength(2);
    // The session key minted by GetSessionToken names no second case.
    expect(casesHolding(bundle, 'aws.access_key', SESSION_KEY).map((c) => c.id)).toEqual([incident.id]);
  });

  it('holds the finding, the failures, the token use and the data access, each source with its reason', () => {
    const finding = signals.filter((s) => s.source === 'trufflehog');
    expect(finding).toHaveLength(1);
    expect(finding[0]!.summary).toContain('larkspur-labs/invoice-sync');
    expect(finding[0]!.summary).toContain('config/application-prod.yml');

    const fromAttacker = signals.filter((s) => s.source === 'aws.cloudtrail' && s.sourceIp === ATTACKER);
    const actions = fromAttacker.map((s) => s.action);
    expect(actions).toEqual(expect.arrayContaining(['sts:GetCallerIdentity', 'sts:GetSessionToken', 's3:ListBuckets']));
    expect(fromAttacker.filter((s) => s.outcome === 'failure')).toHaveLength(7);
    expect(incident.failures).toBe(7);
    // The invoice archive read out object by object, with the session key GetSessionToken minted.
    const reads = fromAttacker.filter((s) => s.action === 's3:GetObject');
    expect(reads).toHaveLength(14);
    expect(reads.every((s) => s.target?.startsWith('s3://larkspur-invoices-prod/archive/') && s.reason.includes('ASIA…VN3C'))).toBe(true);
    // The workload's own routine is there too, to compare against.
    expect(signals.filter((s) => s.sourceIp === NAT && s.action === 's3:PutObject').length).toBeGreaterThan(20);
    expect(incident.sourceIps).toEqual(expect.arrayContaining([ATTACKER, NAT]));

    expectReadableReasons(signals, 'user/svc-invoice-sync');
    expect(finding[0]!.reason).toBe('a secret of access key AKIA…KD6V of user/svc-invoice-sync was found leaked');
  });

  it('flags the use after the finding, the new IP, the new client and the burst of failures', () => {
    const use = derived(signals, 'use-after-finding');
    expect(use).toHaveLength(1);
    // The use that matters: the attacker's first call from an address the workload never used, not its own routine.
    expect(use[0]!.reason).toMatch(new RegExp(`^first seen: user/svc-invoice-sync was used .+ after its secret was found by trufflehog from ${ATTACKER.replaceAll('.', '\\.')}, an address it had not used before$`));
    expect(use[0]!.sourceIp).toBe(ATTACKER);

    const ip = derived(signals, 'new-source-ip');
    expect(ip.map((s) => s.sourceIp)).toEqual([ATTACKER]);
    expect(ip[0]!).toMatchObject({ time: '2026-03-03T21:47:02.000Z', reason: `first seen: first time user/svc-invoice-sync was seen from ${ATTACKER} (after a one-day baseline)` });

    const burst = derived(signals, 'failure-burst');
    expect(burst).toHaveLength(1);
    expect(burst[0]!.sourceIp).toBe(ATTACKER);
    expect(burst[0]!.time.startsWith('2026-03-03T21:')).toBe(true);

    expect(derived(signals, 'new-user-agent').map((s) => s.reason)).toEqual([expect.stringContaining('used the client Boto3')]);
    const families = derived(signals, 'new-api-family').map((s) => s.reason);
    for (const family of ['sts', 'iam']) expect(families).toContainEqual(expect.stringContaining(`called the ${family} API`));
  });

  it('is critical, while the routine workload beside it stays low', () => {
    expect(incident.severity).toBe('critical');
    expect(theCaseOf(bundle, 'aws.arn', 'arn:aws:iam::418273645091:user/svc-reporting').severity).toBe('low');
  });

  it('leaves the other workload behind the same NAT IP, and the other leaked token, in cases of their own', async () => {
    const reporting = theCaseOf(bundle, 'aws.arn', 'arn:aws:iam::418273645091:user/svc-reporting');
    expect(reporting.id).not.toBe(incident.id);
    expect(reporting.anchor.label).toBe('user/svc-reporting');
    expect(reporting.sourceIps).toEqual([NAT]);
    expect(signals.filter((s) => s.summary.includes('svc-reporting') || s.actor.includes('svc-reporting'))).toEqual([]);

    const pat = bundle.cases.filter((c) => c.anchorIdentity.identifiers.some((i) => i.type === 'github.token'));
    expect(pat.map((c) => c.anchor.kind)).toEqual(['secret']);
    expect((await signalsOf(bundle.engine, pat[0]!.id)).every((s) => s.summary.includes('docs-site'))).toBe(true);
    expect(signals.filter((s) => s.summary.includes('docs-site'))).toEqual([]);
  });

  it.skipIf(!REAL)('keeps the real CloudTrail and TruffleHog background out of the incident', () => {
    expect(fromOtherFiles(signals, DIR)).toEqual([]);
    expect(bundle.cases.length).toBeGreaterThan(5);
  });

  it('shows no raw secret in any signal field', async () => {
    await expectNoRawSecrets(bundle, [SECRET_KEY, SESSION_TOKEN, OTHER_PAT, KEY, SESSION_KEY]);
  });

  // A scanner's finding reports on the credential; it is not a call the credential made.
  it('derives no "called the … API" signal from a secret-scanning finding', () => {
    const false_ = derived(signals, 'new-api-family').filter((s) => FINDING_SOURCES.some((source) => s.reason.includes(`the ${source} API`)));
    expect(false_.map((s) => s.reason)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 2. A CI/CD service account deploying from an unexpected region

describe('situation 2: a CI/CD deploy role acting in a region it never used', () => {
  const DIR = join(SITUATIONS, '2-cicd-unexpected-region');
  const ROLE_ARN = 'arn:aws:iam::592036481770:role/gha-deploy-prod';
  const SUBJECT = 'repo:larkspur-labs/payments-deploy:ref:refs/heads/main';
  const WORKFLOW = 'larkspur-labs/payments-deploy:.github/workflows/deploy.yml';
  const SESSION_TOKEN_PREFIX = 'IQoJb3JpZ2luX2VjEFAKE';
  let bundle: Bundle;
  let ci: CaseDetail;
  let signals: SignalRow[];

  beforeAll(async () => {
    bundle = await importBundle([DIR, ...real('aws-cloudtrail/invictus-ir_aws_dataset')]);
    ci = theCaseOf(bundle, 'aws.arn', ROLE_ARN);
    signals = await signalsOf(bundle.engine, ci.id);
  }, 120_000);
  afterAll(async () => bundle.engine.dispose());

  it('imports the CloudTrail and the GitHub audit stream whole', () => {
    expectImportedWhole(bundle.result, 2);
  });

  it('proposes one case anchored on the deploy role, holding every session of it', () => {
    expect(ci.anchor).toMatchObject({ label: 'role/gha-deploy-prod', kind: 'aws.role' });
    expect(identifiersOf(ci)).toContain('aws.arn:arn:aws:sts::592036481770:assumed-role/gha-deploy-prod/GitHubActions');
    // Seven deploys, seven temporary keys, all of this one role.
    expect(ci.anchorIdentity.identifiers.filter((i) => i.type === 'aws.access_key')).toHaveLength(7);
    expectReadableReasons(signals, 'role/gha-deploy-prod');
    expect(signals.find((s) => s.source === 'aws.cloudtrail')!.reason).toMatch(/^assumed-role session "GitHubActions" of role\/gha-deploy-prod with key ASIA…/);
  });

  it('flags the new region, and shows what the role read and changed there beside its routine deploys', () => {
    const region = derived(signals, 'new-region');
    expect(region).toHaveLength(1);
    expect(region[0]!).toMatchObject({ region: 'ap-southeast-1', reason: 'first seen: first time role/gha-deploy-prod acted in ap-southeast-1 (after a one-day baseline)' });
    expect(region[0]!.time.startsWith('2026-04-09T03:1')).toBe(true);

    const away = signals.filter((s) => s.source === 'aws.cloudtrail' && s.region === 'ap-southeast-1');
    // Three production secrets read there (which ones: see the test of their names below).
    expect(away.filter((s) => s.action === 'secretsmanager:GetSecretValue')).toHaveLength(3);
    expect(away.map((s) => s.action)).toEqual(expect.arrayContaining(['secretsmanager:ListSecrets', 'cloudformation:CreateStack', 'lambda:CreateFunction20150331', 'ecs:UpdateService']));
    // The routine it departs from is in the same case: six deploys to eu-west-1 reading one secret each.
    const home = signals.filter((s) => s.source === 'aws.cloudtrail' && s.region === 'eu-west-1');
    expect(home.filter((s) => s.action === 'ecs:UpdateService')).toHaveLength(6);
    expect(home.filter((s) => s.action === 'secretsmanager:GetSecretValue')).toHaveLength(6);
    expect(ci.regions).toEqual(expect.arrayContaining(['eu-west-1', 'ap-southeast-1']));
    expect(derived(signals, 'new-api-family').map((s) => s.reason)).toContainEqual(expect.stringContaining('called the lambda API'));
  });

  // The analyst must see which secrets were read and what call was made: secret names and ARNs are not secrets.
  it('names the secrets read in the new region, and the call, in the target and the summary', () => {
    const reads = signals.filter((s) => s.action === 'secretsmanager:GetSecretValue' && s.region === 'ap-southeast-1');
    const targets = reads.map((s) => s.target ?? '');
    for (const name of ['prod/payments/db', 'prod/payments/stripe-live', 'prod/shared/jwt-signing']) expect(targets).toContainEqual(expect.stringContaining(`:secret:${name}-`));
    expect(reads.every((s) => s.summary.includes('called secretsmanager:GetSecretValue on arn:aws:secretsmanager:ap-southeast-1:592036481770:secret:prod/'))).toBe(true);
  });

  it('ranks it at least medium: production secrets read from a new region', () => {
    expect(['medium', 'high', 'critical']).toContain(ci.severity);
  });

  it('keeps the GitHub OIDC identity that assumed the role related to it, not merged', async () => {
    const web = theCaseOf(bundle, 'aws.web_identity', `arn:aws:iam::592036481770:oidc-provider/token.actions.githubusercontent.com:sts.amazonaws.com:${SUBJECT}`);
    expect(web.id).not.toBe(ci.id);
    expect(web.anchor.label).toBe(`web-identity/${SUBJECT}`);
    expect(await relatedOf(bundle.engine, ci.anchor.id)).toContainEqual(expect.objectContaining({ id: web.anchor.id, relation: 'assumed role', direction: 'in' }));
    const calls = await signalsOf(bundle.engine, web.id);
    expect(calls.filter((s) => s.action === 'sts:AssumeRoleWithWebIdentity')).toHaveLength(7);
    expect(derived(calls, 'new-region').map((s) => s.region)).toEqual(['ap-southeast-1']);
  });

  it('keeps the pipeline runs in the workflow\'s own case, never merged into the role\'s', async () => {
    const workflow = theCaseOf(bundle, 'github.workflow', WORKFLOW);
    expect(workflow.id).not.toBe(ci.id);
    expect(workflow.anchor.kind).toBe('github.workflow');
    const runs = await signalsOf(bundle.engine, workflow.id);
    expect(runs.filter((s) => s.action === 'workflows.completed_workflow_run')).toHaveLength(7);
    // The 03:12 dispatch by a contractor is what tells abuse from a misconfigured deploy.
    expect(runs.filter((s) => s.summary.includes('ci-contractor-17'))).toHaveLength(2);
    expect(signals.filter((s) => s.source === 'github.audit')).toEqual([]);
    expect((await relatedOf(bundle.engine, workflow.anchor.id)).map((r) => `${r.direction} ${r.relation} ${r.label}`).sort()).toEqual([
      'in ran workflow github.user:ci-contractor-17',
      'in ran workflow github.user:dana-ops',
      'out can sign in to clouds as web-identity/repo:larkspur-labs/payments-deploy:ref:refs/heads/main',
    ]);
  });

  // The OIDC subject CloudTrail records (repo:larkspur-labs/payments-deploy:ref:refs/heads/main) and the workflow runs
  // GitHub records (repo larkspur-labs/payments-deploy, head_branch main) name the same repository and ref, so the
  // analyst should reach the pipeline runs from the role: related, never merged (the subject is the join).
  it('relates the workflow runs to the OIDC identity that assumed the deploy role', async () => {
    const workflow = theCaseOf(bundle, 'github.workflow', WORKFLOW);
    const web = theCaseOf(bundle, 'aws.web_identity', `arn:aws:iam::592036481770:oidc-provider/token.actions.githubusercontent.com:sts.amazonaws.com:${SUBJECT}`);
    const reachable = [...(await relatedOf(bundle.engine, web.anchor.id)), ...(await relatedOf(bundle.engine, ci.anchor.id))].map((r) => r.id);
    expect(reachable).toContain(workflow.anchor.id);
  });

  it('leaves the service\'s own task role, reading the same secret name, in its own case', () => {
    const task = theCaseOf(bundle, 'aws.arn', 'arn:aws:iam::592036481770:role/payments-api-task');
    expect(task.id).not.toBe(ci.id);
    expect(task.regions).toEqual(['eu-west-1']);
    expect(signals.filter((s) => s.actor.includes('payments-api-task'))).toEqual([]);
  });

  it.skipIf(!REAL)('keeps the real CloudTrail background out of the case', () => {
    expect(fromOtherFiles(signals, DIR)).toEqual([]);
  });

  it('shows no STS session token in any signal field', async () => {
    await expectNoRawSecrets(bundle, [SESSION_TOKEN_PREFIX]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 3. An AI agent calling tools outside its approved workflow

describe('situation 3: an AI agent calling tools outside its approved workflow', () => {
  const DIR = join(SITUATIONS, '3-agent-tool-drift');
  const KEY = 'AKIA6M3KD8QWZT2NVR5X';
  const SECRET_KEY = 'mK2pX8vR4tL9nQ3wZ7bY1cH6dJ5sF0gA2eU8oI4k';
  const ERP_TOKEN = 'erp_live_CPvMFk8nQkhZKaeyl0FQhixrCm0HsZIf';
  const DB_PASSWORD = 'pg-S7A0nraRt8CONVJKNlSyGsP0';
  let bundle: Bundle;
  let agent: CaseDetail;
  let signals: SignalRow[];

  beforeAll(async () => {
    bundle = await importBundle([DIR, ...real('otel-genai/mozilla-ai_any-agent')]);
    agent = theCaseOf(bundle, 'agent', 'agt_3f9c2e71');
    signals = await signalsOf(bundle.engine, agent.id);
  }, 120_000);
  afterAll(async () => bundle.engine.dispose());

  it('imports the agent traces and the CloudTrail whole', () => {
    expectImportedWhole(bundle.result, 2);
  });

  it('proposes one case for the agent and its credential: the key in its tool spans joins it to the IAM user the key belongs to', () => {
    expect(identifiersOf(agent)).toEqual(
      expect.arrayContaining(['agent:agt_3f9c2e71', 'agent:finance-agents/invoice-triage', `aws.access_key:${KEY}`, 'aws.arn:arn:aws:iam::306158927443:user/svc-invoice-agent']),
    );
    // Resolution names the identity by its best identifier, the user ARN, so the anchor reads as the IAM user.
    expect(agent.anchor).toMatchObject({ label: 'user/svc-invoice-agent', kind: 'aws.iam-user' });
    expect(casesHolding(bundle, 'aws.access_key', KEY).map((c) => c.id)).toEqual([agent.id]);
  });

  it('holds the prompts, the tool spans and the credential\'s cloud activity together', () => {
    const bySource = (source: string): SignalRow[] => signals.filter((s) => s.source === source);
    const spans = bySource('otel.genai');
    expect(spans.filter((s) => s.action === 'agent:invoke_agent:invoice-triage')).toHaveLength(9);
    expect(spans.filter((s) => s.action.startsWith('agent:chat:')).length).toBeGreaterThan(30);
    // Prompt text never leaves the record: the summary gives its size.
    expect(spans.filter((s) => s.action.startsWith('agent:chat:') && /prompt of [\d,]+ chars/.test(s.summary)).length).toBe(9);
    const tools = new Set(spans.filter((s) => s.action.startsWith('agent:execute_tool:')).map((s) => s.action.slice('agent:execute_tool:'.length)));
    expect([...tools].sort()).toEqual(['fetch_invoice_pdf', 'http_post', 'lookup_vendor', 'post_ledger_note', 'read_secret', 'run_shell']);
    expect(spans.find((s) => s.action === 'agent:execute_tool:http_post')).toMatchObject({ outcome: 'failure', errorCode: 'ConnectTimeout' });

    const cloud = bySource('aws.cloudtrail');
    expect(cloud.filter((s) => s.action === 's3:GetObject')).toHaveLength(9);
    expect(cloud.filter((s) => s.action === 'secretsmanager:GetSecretValue').map((s) => s.target)).toEqual(['prod/erp/api-token', 'prod/payments/db']);
    expect(cloud.map((s) => s.action)).toEqual(expect.arrayContaining(['sts:GetCallerIdentity', 'secretsmanager:ListSecrets']));
    expectReadableReasons(signals, 'user/svc-invoice-agent');
    expect(spans.find((s) => s.action === 'agent:execute_tool:lookup_vendor')!.reason).toBe('acted as agent/invoice-triage, which the evidence links to user/svc-invoice-agent');
  });

  it('flags each tool the agent called for the first time, and none it always used', () => {
    const tools = derived(signals, 'new-api-family').filter((s) => s.reason.includes('first time the agent'));
    expect(tools.map((s) => s.reason.replace(/^.* called (\S+) \(after a one-day baseline\)$/, '$1')).sort()).toEqual(['http_post', 'read_secret', 'run_shell']);
    expect(tools.every((s) => s.time.startsWith('2026-05-12T21:18'))).toBe(true);
    expect(tools.find((s) => s.reason.includes('run_shell'))!.reason).toBe('first seen: first time the agent user/svc-invoice-agent called run_shell (after a one-day baseline)');
    // And the same drift seen from the cloud side: the credential's first calls to STS and Secrets Manager.
    const apis = derived(signals, 'new-api-family').map((s) => s.reason);
    expect(apis).toContainEqual(expect.stringContaining('called the secretsmanager API'));
    expect(apis).toContainEqual(expect.stringContaining('called the sts API'));
  });

  it('ranks it at least medium: secrets read outside the approved workflow', () => {
    expect(['medium', 'high', 'critical']).toContain(agent.severity);
  });

  it('leaves the other agent of the same service, doing only what it always does, in its own case', async () => {
    const helpdesk = theCaseOf(bundle, 'agent', 'agt_77d0a4b2');
    expect(helpdesk.id).not.toBe(agent.id);
    expect(helpdesk.anchor).toMatchObject({ label: 'agent/helpdesk-assistant', kind: 'ai-agent' });
    const its = await signalsOf(bundle.engine, helpdesk.id);
    expect(derived(its, 'new-api-family')).toEqual([]);
    expect(helpdesk.severity).toBe('low');
    expect(signals.filter((s) => s.actor.includes('helpdesk'))).toEqual([]);
  });

  it.skipIf(!REAL)('keeps the real agent traces out of the case', () => {
    expect(fromOtherFiles(signals, DIR)).toEqual([]);
    expect(bundle.cases.filter((c) => c.anchor.kind === 'ai-agent').length).toBeGreaterThan(1);
  });

  it('shows no raw secret, not even those the tools returned, in any signal field', async () => {
    await expectNoRawSecrets(bundle, [SECRET_KEY, ERP_TOKEN, DB_PASSWORD, KEY]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 4. An external vendor's NHI used from a new geography

describe('situation 4: a vendor\'s service principal signing in from a new country', () => {
  const DIR = join(SITUATIONS, '4-vendor-new-geography');
  const APP_ID = '2c8e5a14-7b3f-4d92-8a61-5e0c9f3b7d48';
  const SP_ID = 'e61b9d37-2a4c-4f85-b3e0-8d7c1a5f9e26';
  const OLD_CREDENTIAL = '5a3f8c2e-1d7b-4e96-a0f4-6b9d2c8e3a71';
  const NEW_CREDENTIAL = 'b94e1f6a-3c8d-4a27-9e5b-0f6d3a8c2e19';
  const NEW_IP = '203.0.113.88';
  let bundle: Bundle;
  let vendor: CaseDetail;
  let signals: SignalRow[];

  beforeAll(async () => {
    bundle = await importBundle([DIR, ...real('azure-entra/otrf_security-datasets_GoldenSAMLADFSMailAccess/AADAuditEvents.json')]);
    vendor = theCaseOf(bundle, 'azure.app', APP_ID);
    signals = await signalsOf(bundle.engine, vendor.id);
  }, 120_000);
  afterAll(async () => bundle.engine.dispose());

  it('imports the sign-in rows and the directory audits whole', () => {
    expectImportedWhole(bundle.result, 2);
  });

  it('proposes one case anchored on the vendor\'s service principal, with both its credentials', () => {
    expect(vendor.anchor).toMatchObject({ label: 'sp/Brightline Expense Connector', kind: 'azure.service-principal' });
    expect(identifiersOf(vendor)).toEqual(
      expect.arrayContaining([`azure.app:${APP_ID}`, `azure.sp:${SP_ID}`, `azure.credential:${OLD_CREDENTIAL}`, `azure.credential:${NEW_CREDENTIAL}`]),
    );
    const signIns = signals.filter((s) => s.source === 'azure.entra-signin');
    expect(signIns).toHaveLength(25);
    expectReadableReasons(signals, 'sp/Brightline Expense Connector');
  });

  it('flags the new country and the new IP, where it signed in with the credential added minutes before', () => {
    const region = derived(signals, 'new-region');
    expect(region.map((s) => s.reason)).toEqual(['first seen: first time sp/Brightline Expense Connector acted in São Paulo, BR (after a one-day baseline)']);
    expect(derived(signals, 'new-source-ip').map((s) => s.sourceIp)).toEqual([NEW_IP]);
    const fromBrazil = signals.filter((s) => s.source === 'azure.entra-signin' && s.region === 'São Paulo, BR');
    expect(fromBrazil).toHaveLength(8);
    expect(fromBrazil.filter((s) => s.outcome === 'failure').map((s) => s.errorCode)).toEqual(['7000215', '7000215']);
    expect(vendor.regions).toEqual(expect.arrayContaining(['Dublin, IE', 'São Paulo, BR']));
    expect(['medium', 'high', 'critical']).toContain(vendor.severity);
  });

  it('shows who added credentials to it as a related identity, whose own case holds the audit record', async () => {
    const related = await relatedOf(bundle.engine, vendor.anchor.id);
    const adder = related.find((r) => r.relation === 'added credentials to');
    expect(adder).toMatchObject({ label: 'user/it-ops.admin@larkspur.example', kind: 'azure.user', direction: 'in' });
    const admin = bundle.cases.find((c) => c.anchor.id === adder!.id)!;
    expect(admin.id).not.toBe(vendor.id);
    const audit = (await signalsOf(bundle.engine, admin.id)).filter((s) => s.action === 'Add service principal credentials');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.time).toBe('2026-06-03T02:14:22.318Z');
    expect(audit[0]!.target).toBe('ServicePrincipal/Brightline Expense Connector');
  });

  it('glues neither the tenant\'s own app on the same Dublin IP nor the admin on the same São Paulo IP into it', () => {
    const payroll = theCaseOf(bundle, 'azure.app', '8d1f3b6a-9c2e-4a57-b0d4-1e7c5a9f3b62');
    expect(payroll.id).not.toBe(vendor.id);
    expect(payroll.anchor.label).toBe('sp/payroll-sync');
    expect(signals.filter((s) => s.actor !== 'sp/Brightline Expense Connector')).toEqual([]);
    expect(casesHolding(bundle, 'azure.user', 'it-ops.admin@larkspur.example').map((c) => c.id)).not.toContain(vendor.id);
  });

  it.skipIf(!REAL)('keeps the real Entra audit background out of the case', () => {
    expect(fromOtherFiles(signals, DIR)).toEqual([]);
    expect(bundle.cases.length).toBeGreaterThan(3);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 5. Repeated secret-scanning hits on the same repository and the same workload credential

describe('situation 5: the same workload key found again and again in one repository', () => {
  const DIR = join(SITUATIONS, '5-repeated-secret-hits');
  const KEY = 'AKIA7Y2WQ5LRN8KPZT4H';
  const SECRET_KEY = 'Hx3mQ9vT2kP7nW4zL8bR1cY6dJ5sF0gA3eU9oK2t';
  const SLACK = 'https://hooks.slack.com/services/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';
  let bundle: Bundle;
  let leak: CaseDetail;
  let signals: SignalRow[];

  beforeAll(async () => {
    bundle = await importBundle([
      DIR,
      ...real(
        'gitleaks/defectdojo_unittests',
        'trufflehog/defectdojo_unittests_trufflehog/v3_git.json',
        'github-secret-scanning/defectdojo_unittests/github_secrets_detection_report_many_vul.json',
      ),
    ]);
    leak = theCaseOf(bundle, 'aws.access_key', KEY);
    signals = await signalsOf(bundle.engine, leak.id);
  }, 120_000);
  afterAll(async () => bundle.engine.dispose());

  it('imports the gitleaks report, the TruffleHog results and the secret scanning alerts whole', () => {
    expectImportedWhole(bundle.result, 4);
  });

  it('proposes one case, not one per hit, anchored on the IAM user TruffleHog verified the key belongs to', () => {
    expect(leak.anchor).toMatchObject({ label: 'user/svc-ledger-export', kind: 'aws.iam-user' });
    expect(identifiersOf(leak)).toContain('aws.arn:arn:aws:iam::847201395668:user/svc-ledger-export');
    // The key id and the secret key, whichever scanner found them, by their hashes: both in this one identity.
    expect(leak.anchorIdentity.identifiers.filter((i) => i.type === 'secret.sha256')).toHaveLength(2);
    const keyCases = new Set(bundle.cases.filter((c) => c.anchorIdentity.identifiers.some((i) => i.value === KEY || i.value.endsWith('user/svc-ledger-export'))).map((c) => c.id));
    expect([...keyCases]).toEqual([leak.id]);
  });

  it('holds every hit of every scanner, the key id and the secret key alike, and nothing else', () => {
    const count = (source: string, action?: string): number => signals.filter((s) => s.source === source && (action === undefined || s.action === action)).length;
    expect(count('gitleaks', 'gitleaks:aws-access-token')).toBe(3);
    expect(count('gitleaks', 'gitleaks:generic-api-key')).toBe(2);
    expect(count('trufflehog', 'trufflehog:AWS')).toBe(3);
    expect(count('github.secret-scanning', 'secret-scanning:aws_access_key_id')).toBe(3); // alert #7, resolved, reopened
    expect(count('github.secret-scanning', 'secret-scanning:aws_secret_access_key')).toBe(1);
    expect(signals).toHaveLength(12);
    // Where to clean up: every file of the repository the key sits in, and the alert that was closed and came back.
    const summaries = signals.map((s) => s.summary).join('\n');
    for (const place of ['deploy/.env.prod', 'scripts/backfill.sh', 'docker-compose.override.yml', 'larkspur-labs/ledger-export']) expect(summaries).toContain(place);
    expect(summaries).toContain('resolved as used_in_tests');
    expect(signals.filter((s) => s.summary.includes('alert #7 reopened'))).toHaveLength(1);
    expectReadableReasons(signals, 'user/svc-ledger-export');
  });

  it('is critical: GitHub reports the key active and TruffleHog verified it live', () => {
    expect(leak.severity).toBe('critical');
    // What to revoke, and whose it is: the verified owner is in the findings themselves.
    expect(signals.filter((s) => s.summary.includes('AKIA…ZT4H (verified live, belongs to arn:aws:iam::847201395668:user/svc-ledger-export)'))).toHaveLength(3);
    expect(signals.filter((s) => s.summary.includes('validity active'))).toHaveLength(4);
  });

  it('keeps the Slack webhook found in the same repository in a case of its own', async () => {
    const slack = bundle.cases.filter((c) => c.anchor.label.startsWith('slack_incoming_webhook_url'));
    expect(slack).toHaveLength(1);
    expect(slack[0]!.id).not.toBe(leak.id);
    expect((await signalsOf(bundle.engine, slack[0]!.id)).map((s) => s.source).sort()).toEqual(['github.secret-scanning', 'gitleaks']);
    expect(signals.filter((s) => /slack/i.test(s.summary))).toEqual([]);
  });

  it('adds nothing when the same scans are imported again', async () => {
    const again = await bundle.engine.call('ingest', { paths: [DIR] });
    expect(again.files.every((f) => f.duplicate)).toBe(true);
    const after = await bundle.engine.call('getCase', { id: leak.id });
    expect(after.signals).toBe(12);
    expect((await bundle.engine.call('listCases', { offset: 0, limit: 1 })).total).toBe(bundle.cases.length);
  });

  it.skipIf(!REAL)('keeps the real scanner reports, their own AWS keys included, out of the case', () => {
    expect(fromOtherFiles(signals, DIR)).toEqual([]);
    expect(bundle.cases.length).toBeGreaterThan(10);
  });

  it('shows no raw secret in any signal field', async () => {
    await expectNoRawSecrets(bundle, [KEY, SECRET_KEY, SLACK]);
  });
});
