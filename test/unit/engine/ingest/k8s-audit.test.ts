import { describe, it, expect } from 'vitest';
import { k8sAudit } from '../../../../src/main/engine/ingest/formats/k8s-audit';
import type { RawRecord } from '../../../../src/main/engine/ingest/types';
import { at, expectActorsLinked, fixture, foreignFiles, Identities, realFiles, records, signals, thrown } from './parser-kit';

const F = 'k8s-audit';
const sa = (value: string) => ({ type: 'k8s.sa', value });
const WORKER = sa('payments/invoice-worker');
const WORKER_TOKEN = { type: 'k8s.token', value: 'JTI=9c2e7b41-5d3a-4f08-b6e2-1a7c9d4f3e58' };

describe('k8s.audit: detection', () => {
  it.each(['events.ndjson', 'event-list.json', 'events-array.json', 'single-event.json', 'bad-line.ndjson'])('detects %s by its content', (name) => {
    expect(k8sAudit.detect(fixture(F, name), 'evidence.bin')).toBe(true);
  });

  it('detects a sample cut in the middle of the first event', () => {
    expect(k8sAudit.detect(fixture(F, 'event-list.json').slice(0, 400), 'x.json')).toBe(true);
  });

  it('does not claim Kubernetes objects that are not audit events', () => {
    expect(k8sAudit.detect(fixture(F, 'not-audit.json'), 'audit.json')).toBe(false);
  });

  it('does not claim CloudTrail, the other formats, or their real files', () => {
    for (const { name, text } of foreignFiles(F, ['k8s-audit'])) expect(k8sAudit.detect(text, name), name).toBe(false);
  });
});

describe('k8s.audit: reading every shape', () => {
  it('streams the log backend NDJSON, skipping blank lines, with the line of each event', () => {
    const all = records(k8sAudit, fixture(F, 'events.ndjson'), 'audit.log');
    expect(all.map((r) => r.line)).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('reads an EventList (v1) and a JSON array (v1beta1 with `timestamp`) the same way', () => {
    const list = signals(k8sAudit, fixture(F, 'event-list.json'), 'list.json');
    const array = signals(k8sAudit, fixture(F, 'events-array.json'), 'array.json');
    expect(list.map((s) => s.action)).toEqual(['create serviceaccounts/token', 'create clusterrolebindings']);
    expect(array.map((s) => s.action)).toEqual(list.map((s) => s.action));
    expect(array.map((s) => s.time)).toEqual(['2026-01-06T11:02:33.000Z', '2026-01-06T11:04:10.000Z']);
    expect(records(k8sAudit, fixture(F, 'event-list.json'), 'list.json').map((r) => r.line)).toEqual([6, 42]);
  });

  it('reads a single event object', () => {
    const [one] = signals(k8sAudit, fixture(F, 'single-event.json'), 'one.json');
    expect(one?.dedupeKey).toBe('5b1f7e2a-9c3d-4e8f-a1b6-2c7d9e0f3a41');
  });
});

describe('k8s.audit: normalized fields', () => {
  const all = signals(k8sAudit, fixture(F, 'events.ndjson'), 'audit.log');

  it('tells a service account reading a secret in plain words, with its pod, address and client', () => {
    expect(at(all, 0)).toMatchObject({
      time: '2026-01-05T09:14:02.118Z',
      source: 'k8s.audit',
      action: 'get secrets',
      outcome: 'success',
      errorCode: null,
      target: 'payments/secrets/stripe-live-key',
      sourceIp: '10.20.3.41',
      userAgent: 'invoice-worker/2.4.1 (linux/amd64) kubernetes/client-go',
      dedupeKey: '5b1f7e2a-9c3d-4e8f-a1b6-2c7d9e0f3a41',
      actor: { label: 'sa/payments/invoice-worker', kind: 'k8s.service-account', primary: WORKER },
    });
    expect(at(all, 0).summary).toBe('sa/payments/invoice-worker (pod invoice-worker-6f9c8d7b5-q2xkp) read secret payments/stripe-live-key from 10.20.3.41');
  });

  it('links the bound token (credential-id) to its service account', () => {
    expect(at(all, 0).actor.identifiers).toEqual([WORKER, WORKER_TOKEN]);
    expect(at(all, 0).links).toEqual([{ a: WORKER_TOKEN, b: WORKER, reason: expect.stringContaining('JTI=9c2e7b41') }]);
    expectActorsLinked(all);
  });

  it('turns a 403 into a failure with the reason, and says the secrets were listed', () => {
    expect(at(all, 1)).toMatchObject({ outcome: 'failure', errorCode: 'Forbidden', action: 'list secrets', target: 'kube-system/secrets' });
    expect(at(all, 1).summary).toMatch(/listed secrets in namespace kube-system .*denied \(Forbidden\)/);
  });

  it('keeps one signal per auditID: RequestReceived is skipped, later stages share the key', () => {
    const raw = records(k8sAudit, fixture(F, 'events.ndjson'), 'audit.log');
    expect(k8sAudit.toSignal(raw[2] as RawRecord, 'audit.log')).toBeNull();
    const exec = all.filter((s) => s.action === 'create pods/exec');
    expect(exec).toHaveLength(2);
    expect(new Set(exec.map((s) => s.dedupeKey))).toEqual(new Set(['7d3c1a9e-2f5b-4c8d-b0e6-3a9f1c7d5e24']));
    expect(exec[0]).toMatchObject({ outcome: 'success', target: 'payments/pods/invoice-worker-6f9c8d7b5-q2xkp/exec' });
  });

  it('names a human user as k8s.user and relates them to the service account they impersonated, without merging', () => {
    const imp = at(all, 4);
    expect(imp.actor).toMatchObject({ kind: 'k8s.user', primary: { type: 'k8s.user', value: 'oidc:dana@acme.example' } });
    expect(imp.relations).toEqual([{ from: { type: 'k8s.user', value: 'oidc:dana@acme.example' }, to: sa('ci/deployer'), relation: 'impersonated' }]);
    expect(imp.links).toEqual([]);
    expect(imp.summary).toContain('as sa/ci/deployer read secret payments/stripe-live-key');
  });

  it('gives anonymous and control-plane callers no identifier, so they glue nothing together', () => {
    const anonymous = all.filter((s) => s.actor.label === 'system:anonymous');
    expect(anonymous).toHaveLength(2);
    for (const s of [...anonymous, at(all, 7)]) {
      expect(s.actor.primary).toBeNull();
      expect(s.actor.identifiers).toEqual([]);
      expect(s.links).toEqual([]);
    }
    expect(at(all, 7).actor.label).toBe('system:kube-scheduler');
  });

  it('names non-resource requests by their path, without the query string', () => {
    expect(at(all, 6)).toMatchObject({ action: 'get /version', target: '/version' });
    expect(at(all, 3).target).not.toContain('command=');
  });

  it('resolves the two requests of the worker to one identity and keeps the impersonator apart', () => {
    const identities = new Identities(all);
    expect(identities.same(WORKER_TOKEN, WORKER)).toBe(true);
    expect(identities.same(WORKER, sa('ci/deployer'))).toBe(false);
  });
});

describe('k8s.audit: refusing what it cannot read', () => {
  it('refuses broken JSON by naming the file and line', () => {
    const err = thrown(() => records(k8sAudit, fixture(F, 'bad-line.ndjson'), 'bad-line.ndjson'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.file).toBe('bad-line.ndjson');
    expect(err.record).toMatch(/^line 3, column \d+$/);
  });

  it('refuses JSON that is not an audit log, naming the place and what was found', () => {
    const err = thrown(() => records(k8sAudit, fixture(F, 'not-audit.json'), 'pod.json'));
    expect(err.message).toBe('pod.json is JSON but not a Kubernetes audit log: record 1 (line 1) is not an audit Event: its "kind" is "Pod", not "Event"');
    expect(err.hint).toMatch(/audit\.k8s\.io/);
  });

  it('rejects a malformed record by name, and survives hostile values', () => {
    const err = thrown(() => k8sAudit.toSignal({ index: 4, line: 9, value: { kind: 'Event', auditID: 'x', verb: 'get' } }, 'a.log'));
    expect(err.record).toBe('record 5 (line 9)');
    expect(err.message).toMatch(/no requestReceivedTimestamp/);
    expect(thrown(() => k8sAudit.toSignal({ index: 0, line: null, value: [1] }, 'a.log')).message).toMatch(/an array, not an object/);
    const hostile = JSON.parse('{"kind":"Event","auditID":"h","verb":"get","stage":"ResponseComplete","requestReceivedTimestamp":"2026-01-05T00:00:00Z","user":{"username":42,"extra":{"__proto__":["x"]}},"objectRef":{"resource":["secrets"]},"sourceIPs":"1.2.3.4","responseStatus":{"code":"500"}}');
    const signal = k8sAudit.toSignal({ index: 0, line: 1, value: hostile }, 'a.log');
    expect(signal).toMatchObject({ actor: { primary: null }, outcome: 'unknown', sourceIp: '1.2.3.4' });
  });
});

const real = realFiles('k8s-audit/falcosecurity_falco_trace_files', 'Kubernetes audit');

describe.skipIf(real.length === 0)('k8s.audit: real falco trace files', () => {
  const good = real.filter((f) => f.name !== 'fal_01_003.json');

  it('detects and normalizes every file but the deliberately malformed one', () => {
    expect(good.length).toBeGreaterThanOrEqual(40);
    for (const { name, text } of good) {
      expect(k8sAudit.detect(text.slice(0, 65536), name), name).toBe(true);
      const out = signals(k8sAudit, text, name);
      expect(out.length, name).toBeGreaterThan(0);
      expectActorsLinked(out);
    }
  });

  it('names the replicaset controller as a service account and leaves system:kube-* and anonymous unnamed', () => {
    const all = good.flatMap(({ name, text }) => signals(k8sAudit, text, name));
    expect(all.some((s) => s.actor.primary?.value === 'kube-system/replicaset-controller')).toBe(true);
    for (const s of all.filter((x) => /^system:(anonymous|kube-)/.test(x.actor.label))) expect(s.actor.primary).toBeNull();
  });

  it('refuses fal_01_003.json ({"kind": 0}) naming the file and the place', () => {
    const bad = real.find((f) => f.name === 'fal_01_003.json');
    expect(bad).toBeDefined();
    const err = thrown(() => records(k8sAudit, bad?.text ?? '', 'fal_01_003.json'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.file).toBe('fal_01_003.json');
    expect(err.record).toBe('record 1 (line 1)');
    expect(err.message).toContain('its "kind" is 0, not "Event"');
    // It carries no audit marker, so detection does not claim it either: the importer reports it as unrecognized.
    expect(k8sAudit.detect(bad?.text ?? '', 'fal_01_003.json')).toBe(false);
  });
});
