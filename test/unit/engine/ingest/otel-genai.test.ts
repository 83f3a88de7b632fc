import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WorkbenchError } from '../../../../src/shared/errors';
import type { Identifier } from '../../../../src/shared/schemas';
import { textSource } from '../../../../src/main/engine/ingest/evidence-source';
import { otelGenai } from '../../../../src/main/engine/ingest/formats/otel-genai';
import { secretIdentifier } from '../../../../src/main/engine/ingest/redact';
import type { ParsedSignal, RawRecord } from '../../../../src/main/engine/ingest/types';

const repoRoot = resolve(__dirname, '../../../..');
const fixtureDir = join(repoRoot, 'test/fixtures/otel-genai');
const realDir = resolve(repoRoot, '../shared/fixtures/real/otel-genai/mozilla-ai_any-agent');

const fixture = (name: string): string => readFileSync(join(fixtureDir, name), 'utf8');
const records = (text: string, file: string): RawRecord[] => [...otelGenai.records(textSource(file, text))];
const agent = (value: string): Identifier => ({ type: 'agent', value });

function signals(text: string, file: string): ParsedSignal[] {
  return records(text, file).map((record) => otelGenai.toSignal(record, file) ?? (undefined as never));
}

function at(list: ParsedSignal[], i: number): ParsedSignal {
  const signal = list[i];
  if (signal === undefined) throw new Error(`no signal ${i}`);
  return signal;
}

function thrown(fn: () => unknown): WorkbenchError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WorkbenchError);
    return err as WorkbenchError;
  }
  throw new Error('expected a WorkbenchError, nothing was thrown');
}

describe('otel-genai: detection', () => {
  it.each(['otlp-export.json', 'collector.ndjson', 'sdk-spans.json', 'sdk-bigint.json'])('detects %s', (name) => {
    expect(otelGenai.detect(fixture(name).slice(0, 65536), name)).toBe(true);
  });

  const foreign = [
    ...readdirSync(join(repoRoot, 'test/fixtures/cloudtrail')).map((f) => join('test/fixtures/cloudtrail', f)),
    'test/fixtures/story/good/trail.json',
    ...['api-activity.ndjson', 'authentication.json', 'findings.json', 'single-event.json'].map((f) => join('test/fixtures/ocsf', f)),
    ...['bundle.json', 'stix20-bundle.json', 'taxii-envelope.json'].map((f) => join('test/fixtures/stix', f)),
    'test/fixtures/otel-genai/not-otel.json',
  ];
  it.each(foreign)('does not claim %s', (path) => {
    expect(otelGenai.detect(readFileSync(join(repoRoot, path), 'utf8').slice(0, 65536), path)).toBe(false);
  });
});

describe('otel-genai: OTLP JSON', () => {
  const all = signals(fixture('otlp-export.json'), 'otlp-export.json');

  it('makes the agent span a signal anchored on the agent id, with the agent name and API key id tied to it', () => {
    const s = at(all, 0);
    expect(s).toMatchObject({
      time: '2026-01-05T13:00:00.000Z',
      source: 'otel.genai',
      action: 'agent:invoke_agent:refund-helper',
      outcome: 'success',
      target: 'refund-helper',
      region: 'eu-west-1',
      dedupeKey: '4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7',
    });
    expect(s.actor).toMatchObject({ kind: 'ai-agent', label: 'agent/refund-helper', primary: agent('asst_7Qm2Zr9KxW4pLc8N') });
    expect(s.actor.identifiers).toEqual(expect.arrayContaining([agent('support-copilot/refund-helper'), { type: 'api_key.id', value: 'key_3Hf8sK2mQp7Wx1Zc' }]));
    for (const id of s.actor.identifiers.slice(1)) expect(s.links).toContainEqual(expect.objectContaining({ a: id, b: agent('asst_7Qm2Zr9KxW4pLc8N') }));
    expect(s.relations).toEqual([{ from: agent('asst_7Qm2Zr9KxW4pLc8N'), to: { type: 'enduser.id', value: 'customer-55120' }, relation: 'acted on behalf of' }]);
  });

  it('gives a child chat span the agent of its parent and says so, with token counts and prompt sizes only', () => {
    const s = at(all, 1);
    expect(s.actor.primary).toEqual(agent('asst_7Qm2Zr9KxW4pLc8N'));
    expect(s.action).toBe('agent:chat:gpt-4o-mini-2024-07-18');
    expect(s.target).toBe('gpt-4o-mini-2024-07-18');
    expect(s.outcome).toBe('unknown');
    expect(s.summary).toMatch(/^agent\/refund-helper called model gpt-4o-mini-2024-07-18 \(openai\) \(agent inherited from ancestor span "invoke_agent refund-helper" 00f067aa0ba902b7\)/);
    expect(s.summary).toContain('1,234 in / 87 out tokens');
    expect(s.summary).toMatch(/prompt of [\d,]+ chars/);
  });

  it('turns a failed tool call into a failure naming the tool and the error type', () => {
    const s = at(all, 2);
    expect(s).toMatchObject({ action: 'agent:execute_tool:issue_refund', target: 'issue_refund', outcome: 'failure', errorCode: 'PermissionDenied' });
    expect(s.summary).toContain('ran tool issue_refund (call call_Vx81KqP0dLm3)');
  });

  it('hashes a credential found in a span attribute and ties it to the agent, never showing it', () => {
    const s = at(all, 2);
    const hex = secretIdentifier('Bearer HEADER-SECRET-91c2e8d4b7a6').slice('secret.sha256:'.length);
    expect(s.actor.identifiers).toContainEqual({ type: 'secret.sha256', value: hex });
    expect(s.links.find((l) => l.a.type === 'secret.sha256')?.reason).toMatch(/authorization/);
  });

  it('lets no prompt, completion, tool argument, status message or secret reach any signal field', () => {
    const out = JSON.stringify(all);
    for (const leak of ['PROMPT-SECRET-7f3a9c', 'HEADER-SECRET-91c2e8d4b7a6', '4111 1111', 'dana.ortiz', 'A-99812', 'refund limit']) expect(out).not.toContain(leak);
  });
});

describe('otel-genai: the collector file exporter (NDJSON)', () => {
  const recs = records(fixture('collector.ndjson'), 'collector.ndjson');
  const all = recs.map((r) => otelGenai.toSignal(r, 'collector.ndjson') as ParsedSignal);

  it('reads every span of every line with its line number', () => {
    expect(recs.map((r) => [r.index, r.line])).toEqual([[0, 1], [1, 1], [2, 2]]);
  });

  it('reads export lines longer than the detection sample', () => {
    const [first, second] = fixture('collector.ndjson').trimEnd().split('\n') as [string, string];
    const padded = JSON.stringify({ ...(JSON.parse(first) as object), padding: 'x'.repeat(70_000) });
    const recs2 = records(`${padded}\n${second}\n`, 'long.ndjson');
    expect(recs2.map((r) => r.line)).toEqual([1, 1, 2]);
  });

  it('lets spans exported before their ancestor inherit its agent, through a non-GenAI span too', () => {
    expect(at(all, 0).actor.primary).toEqual(agent('ops-runbook-agent/runbook-bot'));
    expect(at(all, 1).actor.primary).toEqual(agent('ops-runbook-agent/runbook-bot'));
    expect(at(all, 1).summary).toContain('inherited from ancestor span "invoke_agent" c1d2e3f4a5b60789');
    expect(at(all, 0).outcome).toBe('success');
  });

  it('ties an AWS access key id used by a tool to the agent, masked in the summary', () => {
    const s = at(all, 0);
    expect(s.actor.identifiers).toContainEqual({ type: 'aws.access_key', value: 'AKIAUQ3XK7PLWD4HN2QB' });
    expect(s.summary).toContain('AKIA…N2QB');
    expect(s.summary).not.toContain('AKIAUQ3XK7PLWD4HN2QB');
  });
});

describe('otel-genai: SDK span dumps', () => {
  it('reads the Python SDK shape: hex ids, ISO times, status names, a service-qualified agent name', () => {
    const all = signals(fixture('sdk-spans.json'), 'sdk-spans.json');
    const tool = at(all, 0);
    expect(tool).toMatchObject({
      time: '2026-01-05T14:00:01.250Z',
      action: 'agent:execute_tool:query_warehouse',
      outcome: 'failure',
      errorCode: 'TimeoutError',
      dedupeKey: '5b8efff798038103d269b633813fc60c:eee19b7ec3c1b174',
    });
    expect(tool.actor.primary).toEqual(agent('analytics-crew/data-analyst'));
    expect(tool.summary).toMatch(/arguments of \d+ chars/);
    const chat = at(all, 1);
    expect(chat).toMatchObject({ action: 'agent:chat:claude-sonnet-4', outcome: 'success' });
    expect(chat.summary).toContain('310 in / 12 out tokens');
    expect(JSON.stringify(all)).not.toContain('Dana Ortiz');
    expect(at(all, 2).relations).toEqual([{ from: agent('analytics-crew/data-analyst'), to: { type: 'enduser.id', value: 'analyst-042' }, relation: 'acted on behalf of' }]);
  });

  it('keeps 64- and 128-bit integer ids exact and inherits through them', () => {
    const all = signals(fixture('sdk-bigint.json'), 'sdk-bigint.json');
    expect(at(all, 0).dedupeKey).toBe('572318454595034fe5076610d6400542:a78bc9a92c52cd14');
    expect(at(all, 1).dedupeKey).toBe('572318454595034fe5076610d6400542:d78a58cabe908b85');
    // "unknown_service" is the SDK default and names nothing, so the agent is its bare name.
    expect(at(all, 0).actor.primary).toEqual(agent('triage'));
    expect(at(all, 0).time).toBe('2026-01-05T15:00:00.500Z');
  });

  it('reads a bare array of spans and one span per line', () => {
    const doc = JSON.parse(fixture('sdk-spans.json')) as { spans: unknown[] };
    expect(signals(JSON.stringify(doc.spans, null, 2), 'array.json')).toHaveLength(3);
    const lines = doc.spans.map((s) => JSON.stringify(s)).join('\n');
    const perLine = signals(lines, 'spans.ndjson');
    expect(perLine).toHaveLength(3);
    expect(at(perLine, 0).actor.primary).toEqual(agent('analytics-crew/data-analyst'));
  });

  it('marks a span with no agent anywhere in its ancestry as unanchored', () => {
    const span = { name: 'chat gpt-4o', context: { trace_id: '0x1', span_id: '0x2' }, start_time: '2026-01-05T10:00:00Z', attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o' }, resource: { attributes: { 'service.name': 'billing-api' } } };
    const [s] = signals(JSON.stringify({ spans: [span] }), 'x.json');
    expect(s?.actor).toEqual({ label: 'billing-api', kind: 'unknown', primary: null, identifiers: [] });
    expect(s?.summary).toContain('no agent attributes');
  });
});

describe('otel-genai: refusing bad input', () => {
  it('refuses truncated JSON naming line and column', () => {
    const err = thrown(() => records(fixture('sdk-spans.json').slice(0, 700), 'cut.json'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.record).toMatch(/^line \d+, column \d+$/);
  });

  it('refuses a broken NDJSON line by its number, even one holding big integer ids', () => {
    const text = `${fixture('collector.ndjson')}{"resourceSpans":[{"spanId":1234567890123456789,`;
    expect(thrown(() => records(text, 'c.ndjson')).record).toMatch(/^line 3, column \d+$/);
  });

  it.each([
    ['not-otel.json', fixture('not-otel.json')],
    ['array.json', '[{"a":1}]'],
    ['lines.ndjson', '{"a":1}\n{"b":2}\n'],
  ])('refuses JSON that is not OpenTelemetry (%s) with a hint', (name, text) => {
    const err = thrown(() => records(text, name));
    expect(err.message).toMatch(/not OpenTelemetry/);
    expect(err.hint).toMatch(/resourceSpans/);
  });

  it('rejects a span without a start time by name, and survives hostile values', () => {
    const err = thrown(() => otelGenai.toSignal({ index: 4, line: 7, value: { name: 'x', context: {} } }, 'x.ndjson'));
    expect(err.record).toBe('span 5 (line 7)');
    const hostile = JSON.parse('{"name":"x","start_time":"2026-01-05T10:00:00Z","context":{"span_id":{"a":1},"trace_id":[1]},"attributes":{"__proto__":{"y":1},"gen_ai.agent.name":["a"],"gen_ai.tool.name":7}}') as unknown;
    const s = otelGenai.toSignal({ index: 0, line: 1, value: hostile }, 'x.json');
    expect(s?.action).toBe('agent:execute_tool:7');
    expect(s?.dedupeKey).toMatch(/^sha256:/);
  });
});

const realFiles = existsSync(realDir) ? readdirSync(realDir).filter((f) => f.endsWith('.json')) : [];
if (realFiles.length === 0) console.log(`real OTel GenAI fixtures were not found at ${realDir}; skipping those tests`);

describe.skipIf(realFiles.length === 0)('otel-genai: real agent traces (mozilla-ai any-agent)', () => {
  const parsed = realFiles.map((name) => ({ name, text: readFileSync(join(realDir, name), 'utf8') }));

  it('detects every file and turns every span into a signal of the agent', () => {
    for (const { name, text } of parsed) {
      expect(otelGenai.detect(text.slice(0, 65536), name), name).toBe(true);
      const spanCount = (JSON.parse(text) as { spans: unknown[] }).spans.length;
      const all = signals(text, name);
      expect(all, name).toHaveLength(spanCount);
      for (const s of all) expect(s.actor).toMatchObject({ kind: 'ai-agent', primary: agent('any_agent') });
      expect(new Set(all.map((s) => s.dedupeKey)).size).toBe(spanCount);
    }
  });

  it('names the tool of every tool call and the model of every LLM call, without their content', () => {
    for (const { name, text } of parsed) {
      const all = signals(text, name);
      const tools = all.filter((s) => s.action.startsWith('agent:execute_tool:'));
      expect(tools.length, name).toBeGreaterThanOrEqual(2);
      for (const s of tools) expect(s.target).toMatch(/^(get_current_time|write_file|final_answer)$/);
      for (const s of all.filter((x) => x.action.startsWith('agent:call_llm:'))) expect(s.target).toBe('mistral/mistral-small-latest');
      expect(JSON.stringify(all)).not.toContain('Use the available tools');
    }
  });
});
