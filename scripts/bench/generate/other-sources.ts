// The smaller evidence sets that come with a cloud trail in a real engagement: Kubernetes audit events, a gitleaks
// (v8) report and OpenTelemetry GenAI agent traces. Each refers to the planted story where it can (the leaked key,
// the agent's AWS key) so that identities join across sources.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rng } from './prng';
import type { Planted } from './incidents';

const START = Date.UTC(2026, 0, 5, 0, 0, 0);
const NAMESPACES = ['payments', 'billing', 'platform', 'data', 'ml', 'kube-system', 'monitoring', 'ingress'];
const WORKLOADS = ['invoice-worker', 'api', 'scheduler', 'exporter', 'trainer', 'coredns', 'prometheus', 'controller'];
const RESOURCES = ['pods', 'configmaps', 'secrets', 'deployments', 'leases', 'events', 'serviceaccounts'];
const VERBS = ['get', 'list', 'watch', 'update', 'create', 'patch'] as const;

/** Kubernetes audit events (NDJSON, audit.k8s.io/v1): service accounts going about their work, and one reading
 * secrets in namespaces it has no business in, mostly refused. */
export function writeK8sAudit(rng: Rng, count: number, days: number, path: string): number {
  const lines: string[] = [];
  const span = days * 86_400_000;
  const burstAt = Math.floor(count * 0.66);
  for (let i = 0; i < count; i++) {
    const burst = i >= burstAt && i < burstAt + 20;
    const ns = burst ? 'payments' : rng.pick(NAMESPACES);
    const sa = burst ? 'invoice-worker' : `${rng.pick(WORKLOADS)}-${rng.int(0, 30)}`;
    const targetNs = burst ? rng.pick(NAMESPACES) : ns;
    const resource = burst ? 'secrets' : rng.pick(RESOURCES);
    const verb = burst ? 'get' : rng.pick(VERBS);
    const name = `${resource.slice(0, -1)}-${rng.hex(6)}`;
    const code = burst && targetNs !== 'payments' ? 403 : rng.chance(0.02) ? 404 : 200;
    const at = new Date(START + Math.floor((i * span) / count));
    const ip = `10.20.${rng.int(0, 15)}.${rng.int(2, 250)}`;
    lines.push(
      JSON.stringify({
        kind: 'Event',
        apiVersion: 'audit.k8s.io/v1',
        level: 'Metadata',
        auditID: rng.uuid(),
        stage: 'ResponseComplete',
        requestURI: `/api/v1/namespaces/${targetNs}/${resource}/${name}`,
        verb,
        user: {
          username: `system:serviceaccount:${ns}:${sa}`,
          uid: rng.uuid(),
          groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
          extra: { 'authentication.kubernetes.io/pod-name': [`${sa}-${rng.hex(9)}-${rng.chars('abcdefghijklmnopqrstuvwxyz0123456789', 5)}`], 'authentication.kubernetes.io/credential-id': [`JTI=${rng.uuid()}`] },
        },
        sourceIPs: [ip],
        userAgent: `${sa}/1.${rng.int(0, 9)}.${rng.int(0, 9)} (linux/amd64) kubernetes/client-go`,
        objectRef: { resource, namespace: targetNs, name, apiVersion: 'v1' },
        responseStatus: code === 200 ? { metadata: {}, code } : { metadata: {}, status: 'Failure', reason: code === 403 ? 'Forbidden' : 'NotFound', code },
        requestReceivedTimestamp: at.toISOString(),
        stageTimestamp: new Date(at.getTime() + rng.int(1, 40)).toISOString(),
        annotations: { 'authorization.k8s.io/decision': code === 403 ? 'forbid' : 'allow', 'authorization.k8s.io/reason': code === 403 ? '' : `RBAC: allowed by RoleBinding "${sa}/${ns}"` },
      }),
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return count;
}

/** A gitleaks v8 JSON report: mostly generic findings, one of them the AWS key the trail later shows in use. */
export function writeGitleaks(rng: Rng, count: number, planted: Planted, path: string): number {
  const rules = [
    ['generic-api-key', 'Generic API Key'],
    ['slack-webhook-url', 'Slack Webhook'],
    ['github-pat', 'GitHub Personal Access Token'],
    ['stripe-access-token', 'Stripe Access Token'],
    ['private-key', 'Private Key'],
  ] as const;
  const findings: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const leak = i === Math.floor(count / 2) && planted.leakedKey !== null;
    const [rule, description] = leak ? (['aws-access-token', 'AWS'] as const) : rng.pick(rules);
    const secret = leak ? (planted.leakedKey as string) : rule === 'github-pat' ? `ghp_${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 36)}` : rng.hex(40);
    const file = leak ? 'deploy/.env.production' : rng.pick(['src/config.ts', 'scripts/deploy.sh', '.github/workflows/release.yml', 'docker-compose.yml', 'README.md']);
    const commit = rng.hex(40);
    const line = rng.int(1, 300);
    const match = leak ? `AWS_ACCESS_KEY_ID=${secret}` : `token = "${secret}"`;
    findings.push({
      Description: description,
      StartLine: line,
      EndLine: line,
      StartColumn: rng.int(1, 20),
      EndColumn: rng.int(40, 80),
      Match: match,
      Secret: secret,
      File: file,
      SymlinkFile: '',
      Commit: commit,
      Entropy: 3 + rng.float() * 2,
      Author: leak ? (planted.leakedUser ?? 'dev') : rng.pick(['Alex Dev', 'Sam Ops', 'Kim Data']),
      Email: 'dev@acme.example',
      Date: new Date(START + rng.int(0, 3) * 86_400_000).toISOString().replace('.000Z', 'Z'),
      Message: leak ? 'ci: add prod env' : rng.pick(['fix build', 'wip', 'update config']),
      Tags: [],
      RuleID: rule,
      Fingerprint: `${commit}:${file}:${rule}:${line}`,
    });
  }
  writeFileSync(path, JSON.stringify(findings, null, 1));
  return count;
}

/** OpenTelemetry GenAI spans (OTLP JSON, one export a line): agents invoking tools, one with the planted AWS key. */
export function writeAgentTraces(rng: Rng, spans: number, planted: Planted, path: string): number {
  const agents = ['ops-runbook-agent', 'support-triage-agent', 'code-review-agent', 'data-analyst-agent'];
  const tools = ['run_shell', 'http_get', 'query_db', 'read_file', 'aws_cli', 'search_docs'];
  const lines: string[] = [];
  const span = 7 * 86_400_000;
  let written = 0;
  while (written < spans) {
    const agent = rng.pick(agents);
    const traceId = rng.hex(32);
    const rootId = rng.hex(16);
    const t0 = BigInt(START + Math.floor((written * span) / spans)) * 1_000_000n;
    const list: unknown[] = [{ traceId, spanId: rootId, name: 'invoke_agent', startTimeUnixNano: String(t0), endTimeUnixNano: String(t0 + 2_000_000_000n), attributes: [{ key: 'gen_ai.operation.name', value: { stringValue: 'invoke_agent' } }, { key: 'gen_ai.agent.name', value: { stringValue: agent } }], status: { code: 'STATUS_CODE_UNSET' } }];
    const children = rng.int(2, 5);
    for (let c = 0; c < children; c++) {
      const tool = rng.pick(tools);
      const attributes: unknown[] = [{ key: 'gen_ai.operation.name', value: { stringValue: 'execute_tool' } }, { key: 'gen_ai.tool.name', value: { stringValue: tool } }];
      if (tool === 'aws_cli' && agent === 'ops-runbook-agent' && planted.agentKey) attributes.push({ key: 'aws.access_key_id', value: { stringValue: planted.agentKey } });
      const start = t0 + BigInt(100_000_000 * (c + 1));
      list.push({ traceId, spanId: rng.hex(16), parentSpanId: rootId, name: `execute_tool ${tool}`, startTimeUnixNano: String(start), endTimeUnixNano: String(start + 90_000_000n), attributes, status: { code: rng.chance(0.05) ? 'STATUS_CODE_ERROR' : 'STATUS_CODE_OK' } });
    }
    written += list.length;
    lines.push(JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: agent } }] }, scopeSpans: [{ scope: { name: 'agent-sdk' }, spans: list }] }] }));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return written;
}

/** Writes all three next to the trail; returns their paths. */
export function writeOtherSources(rng: Rng, dir: string, sizes: { k8s: number; findings: number; spans: number; days: number }, planted: Planted): string[] {
  const paths = [join(dir, 'k8s-audit.ndjson'), join(dir, 'gitleaks-report.json'), join(dir, 'agent-traces.ndjson')];
  writeK8sAudit(rng, sizes.k8s, sizes.days, paths[0]!);
  writeGitleaks(rng, sizes.findings, planted, paths[1]!);
  writeAgentTraces(rng, sizes.spans, planted, paths[2]!);
  return paths;
}
