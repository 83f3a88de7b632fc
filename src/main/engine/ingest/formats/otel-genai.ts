// OpenTelemetry traces of AI agents, read through the GenAI semantic conventions (gen_ai.*). Two shapes: OTLP JSON
// ({"resourceSpans":[…]}, one export per file or one per line as the collector's file exporter writes) and SDK span
// dumps ({"spans":[…]}, an array, or one span per line, with plain-object attributes, as the Python SDK's to_json and
// agent frameworks write them). Each span becomes one signal whose actor is the agent; spans without agent
// attributes take the agent of their nearest ancestor in the same trace. Prompt and completion text never leaves
// the record: summaries give sizes only.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../../shared/canonical-json';
import { WorkbenchError } from '../../../../shared/errors';
import type { Identifier, Outcome } from '../../../../shared/schemas';
import { looksLikeNdjson, ndjsonValues, parseJsonText } from '../json-text';
import { maskValue, secretIdentifier } from '../redact';
import type { EvidenceSource, FormatParser, ParsedActor, ParsedLink, ParsedRelation, ParsedSignal, RawRecord, TextLine } from '../types';

type Json = Record<string, unknown>;
type Attributes = Map<string, unknown>;

const SOURCE_ID = 'otel.genai';

const NOT_OTEL_HINT =
  'Expected OpenTelemetry traces: OTLP JSON ({"resourceSpans":[…]}, as the collector\'s file exporter writes it, one ' +
  'export per line or per file) or an SDK span dump ({"spans":[…]} or an array of spans with name, context and ' +
  'attributes). Choose the right format for this file or leave it out of the bundle.';
const MALFORMED_HINT =
  'Every span has a name and a start time (startTimeUnixNano or start_time). The record may have been altered by an ' +
  'export tool; compare it with the original trace.';

// ---------------------------------------------------------------------------------------------------------------
// Detection

const OTLP_MARK = /"resourceSpans"\s*:\s*\[/;
const SDK_SPAN_MARK = /"(?:span_id|spanId|parent_id|start_time|startTimeUnixNano)"\s*:/;
const GENAI_MARK = /"gen_ai\.[a-z_.]+"/;

/** True for OTLP trace exports, and for SDK span dumps that carry GenAI attributes. */
function detectOtel(sample: string): boolean {
  const head = sample.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('{') && !head.startsWith('[')) return false;
  if (OTLP_MARK.test(head)) return true;
  return SDK_SPAN_MARK.test(head) && GENAI_MARK.test(head) && /"name"\s*:/.test(head);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading: every span, flattened, with the agent it inherits

/** One span as found in the file, before the ancestry pass. */
interface FoundSpan {
  line: number | null;
  value: Json;
}

/** The agent that a span names or inherits. */
interface AgentRef {
  id: string | null;
  name: string | null;
  service: string | null;
}

/** Where a span's agent came from, when the span itself names none. */
interface Inherited {
  agent: AgentRef;
  fromSpanId: string;
  fromName: string;
}

// The ancestry pass sees the whole file; toSignal sees one record, so records() leaves each span's inherited agent
// here, keyed by the very object it yields, without adding fields the evidence does not hold.
const inheritedAgents = new WeakMap<object, Inherited>();

function* readRecords(source: EvidenceSource): Generator<RawRecord> {
  // A document is parsed once and held; NDJSON is streamed twice so a large collector file never sits whole in memory.
  const held = isNdjson(source) ? null : [...documentSpans(source.text(), source.name)];
  const spans = (): Iterable<FoundSpan> => held ?? ndjsonSpans(source.lines(), source.name);
  // Parents usually end, and so are exported, after their children: a first pass maps the trace tree.
  const tree = new SpanTree();
  for (const found of spans()) tree.add(viewOf(found.value));
  let index = 0;
  for (const found of spans()) {
    const inherited = tree.inheritedBy(viewOf(found.value));
    if (inherited !== null) inheritedAgents.set(found.value, inherited);
    yield { index, line: found.line, value: found.value };
    index += 1;
  }
}

function isNdjson(source: EvidenceSource): boolean {
  if (looksLikeNdjson(source.sample)) return true;
  if (source.sample.includes('\n')) return false;
  // No line break in the sample: one long document, or a collector export line longer than the sample.
  let first: string | null = null;
  for (const { text } of source.lines()) {
    if (first === null) first = text;
    else if (text.trim() !== '') return looksLikeNdjson(`${first}\n${text}`);
  }
  return false;
}


function* documentSpans(text: string, file: string): Generator<FoundSpan> {
  const doc = parseWithIds(text, file);
  const line = text.trimEnd().includes('\n') ? null : 1;
  const found = spansOf(doc, line);
  if (found === null) throw notOtel(file, 'the top-level JSON value');
  yield* found;
}

function* ndjsonSpans(lines: Iterable<TextLine>, file: string): Generator<FoundSpan> {
  let first = true;
  for (const { line, text } of lines) {
    if (text.trim() === '') continue;
    const found = spansOf(parseWithIds(text, file, line), line);
    if (found === null && first) throw notOtel(file, `line ${line}`);
    first = false;
    // A line that is not a span or an export is still yielded, so toSignal rejects it by name instead of losing it.
    if (found === null) yield { line, value: { unreadable: text.length } };
    else yield* found;
  }
}

// The spans of one parsed value: an OTLP export, {"spans":[…]}, an array of spans, or one span.
function spansOf(doc: unknown, line: number | null): FoundSpan[] | null {
  if (isObject(doc) && Array.isArray(doc.resourceSpans)) return otlpSpans(doc.resourceSpans, line);
  const list = isObject(doc) && Array.isArray(doc.spans) ? doc.spans : Array.isArray(doc) ? doc : null;
  if (list !== null) {
    if (list.length > 0 && !isSdkSpan(list[0])) return null;
    return list.map((value) => ({ line, value: isObject(value) ? value : { notASpan: typeof value } }));
  }
  return isSdkSpan(doc) ? [{ line, value: doc }] : null;
}

function isSdkSpan(value: unknown): value is Json {
  return isObject(value) && typeof value.name === 'string' && (isObject(value.context) || 'span_id' in value || 'start_time' in value);
}

// OTLP nests spans under resource and scope; each record keeps its resource and scope so it stands alone.
function otlpSpans(resourceSpans: unknown[], line: number | null): FoundSpan[] {
  const out: FoundSpan[] = [];
  for (const rs of resourceSpans.filter(isObject)) {
    const resource = asObject(rs.resource) ?? {};
    const scopes = Array.isArray(rs.scopeSpans) ? rs.scopeSpans : Array.isArray(rs.instrumentationLibrarySpans) ? rs.instrumentationLibrarySpans : [];
    for (const ss of scopes.filter(isObject)) {
      const scope = asObject(ss.scope) ?? asObject(ss.instrumentationLibrary) ?? {};
      const spans = Array.isArray(ss.spans) ? ss.spans : [];
      for (const span of spans) out.push({ line, value: { resource, scope, span } });
    }
  }
  return out;
}

// SDK dumps may write 64- and 128-bit ids as bare JSON numbers, which JSON.parse would round. Before parsing they are
// rewritten as the "0x…" hex strings the Python SDK itself prints, so the ids stay exact and the record keeps its meaning.
const BIG_ID = /(?<!\\)"(trace_id|span_id|parent_id|traceId|spanId|parentSpanId)"(\s*:\s*)(\d{16,40})(?=\s*[,}\]])/g;

function parseWithIds(text: string, file: string, line?: number): unknown {
  const quoted = text.replace(BIG_ID, (_all, key: string, colon: string, digits: string) => `"${key}"${colon}"0x${BigInt(digits).toString(16)}"`);
  try {
    return JSON.parse(quoted);
  } catch {
    // Errors are reported against the original text, so line and column match the file.
    if (line === undefined) return parseJsonText(text, file);
    for (const parsed of ndjsonValues([{ line, text }], file)) return parsed.value;
    return null;
  }
}

function notOtel(file: string, where: string): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${file} is JSON but not OpenTelemetry traces: ${where} holds no spans`, {
    file,
    record: where,
    hint: NOT_OTEL_HINT,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// One span in a common shape

interface SpanView {
  traceId: string | null;
  spanId: string | null;
  parentId: string | null;
  name: string | null;
  start: unknown;
  status: 'ok' | 'error' | 'unset';
  attrs: Attributes;
  resource: Attributes;
}

function viewOf(value: Json): SpanView {
  const span = asObject(value.span);
  return span !== null && 'resource' in value ? otlpView(span, asObject(value.resource)) : sdkView(value);
}

function otlpView(span: Json, resource: Json | null): SpanView {
  return {
    traceId: normalizeId(span.traceId, 32),
    spanId: normalizeId(span.spanId, 16),
    parentId: normalizeId(span.parentSpanId, 16),
    name: str(span.name),
    start: span.startTimeUnixNano,
    status: statusOf(asObject(span.status)?.code),
    attrs: otlpAttributes(span.attributes),
    resource: otlpAttributes(resource?.attributes),
  };
}

function sdkView(span: Json): SpanView {
  const context = asObject(span.context);
  const parent = asObject(span.parent);
  const status = asObject(span.status);
  return {
    traceId: normalizeId(context?.trace_id ?? span.trace_id, 32),
    spanId: normalizeId(context?.span_id ?? span.span_id, 16),
    parentId: normalizeId(span.parent_id ?? parent?.span_id, 16),
    name: str(span.name),
    start: span.start_time,
    status: statusOf(status?.status_code ?? status?.code),
    attrs: plainAttributes(span.attributes),
    resource: plainAttributes(asObject(span.resource)?.attributes),
  };
}

function otlpAttributes(list: unknown): Attributes {
  const out: Attributes = new Map();
  if (!Array.isArray(list)) return out;
  for (const item of list.filter(isObject)) {
    const key = str(item.key);
    if (key !== null) out.set(key, anyValue(item.value, 0));
  }
  return out;
}

// OTLP's AnyValue: one of stringValue, intValue (a string in JSON), doubleValue, boolValue, arrayValue, kvlistValue.
function anyValue(value: unknown, depth: number): unknown {
  const v = asObject(value);
  if (v === null || depth > 8) return null;
  if ('stringValue' in v) return v.stringValue;
  if ('intValue' in v) return typeof v.intValue === 'string' ? Number(v.intValue) : v.intValue;
  if ('doubleValue' in v) return v.doubleValue;
  if ('boolValue' in v) return v.boolValue;
  const array = asObject(v.arrayValue)?.values;
  if (Array.isArray(array)) return array.map((item) => anyValue(item, depth + 1));
  const kvlist = asObject(v.kvlistValue)?.values;
  if (Array.isArray(kvlist)) return kvlist.length;
  return null;
}

function plainAttributes(value: unknown): Attributes {
  return isObject(value) ? new Map(Object.entries(value)) : new Map();
}

function statusOf(code: unknown): SpanView['status'] {
  if (code === 2) return 'error';
  if (code === 1) return 'ok';
  const word = typeof code === 'string' ? code.toLowerCase() : '';
  if (word.endsWith('error')) return 'error';
  if (word.endsWith('ok')) return 'ok';
  return 'unset';
}

// Ids become lowercase hex of their full width: OTLP writes hex (some exporters base64), the Python SDK "0x…" hex,
// and some dumps decimal numbers.
function normalizeId(value: unknown, width: number): string | null {
  let hex: string | null = null;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) hex = BigInt(Math.round(value)).toString(16);
  else if (typeof value === 'string' && value.length <= 64) hex = idFromString(value.trim(), width);
  if (hex === null || /^0*$/.test(hex)) return null;
  return hex.toLowerCase().padStart(width, '0');
}

function idFromString(value: string, width: number): string | null {
  if (/^0x[0-9a-f]+$/i.test(value)) return value.slice(2);
  if (new RegExp(`^[0-9a-f]{${width}}$`, 'i').test(value)) return value;
  if (/^\d+$/.test(value)) return BigInt(value).toString(16);
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(value) && value.length === Math.ceil(width / 2 / 3) * 4) return Buffer.from(value, 'base64').toString('hex');
  return /^[0-9a-f]+$/i.test(value) ? value : null;
}

// ---------------------------------------------------------------------------------------------------------------
// The agent of a span, and of its ancestors

function ownAgent(view: SpanView): AgentRef | null {
  const id = scalar(view.attrs.get('gen_ai.agent.id'));
  const name = scalar(view.attrs.get('gen_ai.agent.name'));
  if (id === null && name === null) return null;
  return { id, name, service: serviceOf(view) };
}

// SDKs default service.name to "unknown_service[:<process>]", which names no one.
function serviceOf(view: SpanView): string | null {
  const service = scalar(view.resource.get('service.name'));
  return service === null || service.startsWith('unknown_service') ? null : service;
}

interface TreeNode {
  parent: string | null;
  agent: AgentRef | null;
  name: string;
  spanId: string;
}

/** The spans of one file by trace and span id, to find each span's nearest ancestor that names an agent. */
class SpanTree {
  private readonly nodes = new Map<string, TreeNode>();

  add(view: SpanView): void {
    if (view.traceId === null || view.spanId === null) return;
    const parent = view.parentId === null ? null : `${view.traceId}:${view.parentId}`;
    this.nodes.set(`${view.traceId}:${view.spanId}`, { parent, agent: ownAgent(view), name: view.name ?? '?', spanId: view.spanId });
  }

  inheritedBy(view: SpanView): Inherited | null {
    if (ownAgent(view) !== null || view.traceId === null || view.parentId === null) return null;
    const seen = new Set<string>();
    let key: string | null = `${view.traceId}:${view.parentId}`;
    while (key !== null && !seen.has(key)) {
      seen.add(key);
      const node = this.nodes.get(key);
      if (node === undefined) return null;
      if (node.agent !== null) return { agent: node.agent, fromSpanId: node.spanId, fromName: node.name };
      key = node.parent;
    }
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Identifiers and credentials

function agentIdentifier(agent: AgentRef): Identifier {
  if (agent.id !== null) return { type: 'agent', value: agent.id };
  return { type: 'agent', value: qualifiedName(agent) };
}

function qualifiedName(agent: AgentRef): string {
  const name = agent.name ?? '?';
  return agent.service === null ? name : `${agent.service}/${name}`;
}

function agentLabel(agent: AgentRef): string {
  return `agent/${agent.name ?? agent.id ?? '?'}`;
}

// Attribute names that hold an identifier of a credential (safe to show) or a credential itself (never shown).
const CREDENTIAL_ID_KEY = /(?:api[_.]?key|access[_.]?key|client|credential|token)[_.]?id$/i;
const SECRET_KEY = /(?:api[_.]?key|secret|password|passwd|token|credential|authorization)$/i;
const END_USER_KEYS = ['enduser.id', 'user.id'];
const ACCESS_KEY = /^(?:AKIA|ASIA)[A-Z0-9]{12,124}$/;

interface ActorFacts {
  actor: ParsedActor;
  links: ParsedLink[];
  relations: ParsedRelation[];
  /** Phrases for the summary about credentials seen on the span (masked). */
  notes: string[];
}

function actorOf(view: SpanView, inherited: Inherited | null, spanName: string): ActorFacts {
  const agent = ownAgent(view) ?? inherited?.agent ?? null;
  if (agent === null) return { actor: { label: serviceOf(view) ?? 'no agent', kind: 'unknown', primary: null, identifiers: [] }, links: [], relations: [], notes: [] };
  const primary = agentIdentifier(agent);
  const label = agentLabel(agent);
  const identifiers: Identifier[] = [primary];
  const links: ParsedLink[] = [];
  const tie = (id: Identifier, reason: string): void => {
    if (identifiers.some((known) => known.type === id.type && known.value === id.value)) return;
    identifiers.push(id);
    links.push({ a: id, b: primary, reason });
  };
  if (agent.id !== null && agent.name !== null) {
    tie({ type: 'agent', value: qualifiedName(agent) }, `span "${spanName}" names agent id ${agent.id} as ${qualifiedName(agent)}`);
  }
  const notes = credentialsOf(view, label, spanName, tie);
  const relations: ParsedRelation[] = [];
  for (const key of END_USER_KEYS) {
    const user = scalar(view.attrs.get(key));
    if (user !== null && user.length <= 256) relations.push({ from: primary, to: { type: 'enduser.id', value: user }, relation: 'acted on behalf of' });
  }
  return { actor: { label, kind: 'ai-agent', primary, identifiers }, links, relations: dedupeRelations(relations), notes };
}

function credentialsOf(view: SpanView, label: string, spanName: string, tie: (id: Identifier, reason: string) => void): string[] {
  const notes: string[] = [];
  for (const [key, raw] of view.attrs) {
    const value = scalar(raw);
    if (value === null || isContentKey(key)) continue;
    if (ACCESS_KEY.test(value)) {
      tie({ type: 'aws.access_key', value }, `${label} used access key ${maskKey(value)} (attribute ${key}) in span "${spanName}"`);
      notes.push(`access key ${maskKey(value)}`);
    } else if (CREDENTIAL_ID_KEY.test(key) && value.length <= 256) {
      tie({ type: 'api_key.id', value }, `${label} used credential ${value} (attribute ${key}) in span "${spanName}"`);
      notes.push(`credential ${value}`);
    } else if (SECRET_KEY.test(key) && value.length >= 8) {
      const hex = secretIdentifier(value).slice('secret.sha256:'.length);
      tie({ type: 'secret.sha256', value: hex }, `span "${spanName}" of ${label} carries a secret in attribute ${key} (${maskValue(value)})`);
      notes.push(`a secret in ${key} (${maskValue(value)})`);
    }
  }
  return notes;
}

function dedupeRelations(relations: ParsedRelation[]): ParsedRelation[] {
  return relations.filter((r, i) => relations.findIndex((o) => o.to.value === r.to.value) === i);
}

// ---------------------------------------------------------------------------------------------------------------
// Content: measured, never quoted

const CONTENT_KEY = new RegExp(
  '^(?:gen_ai\\.(?:prompt|completion)(?:\\..*)?|gen_ai\\.(?:input|output)(?:\\.messages)?|gen_ai\\.system_instructions' +
    '|gen_ai\\.tool\\.(?:args|call\\.arguments|call\\.result|definitions)|llm\\.(?:input_messages|output_messages|prompts?|prompt_template)(?:\\..*)?' +
    '|input\\.value|output\\.value|traceloop\\.entity\\.(?:input|output))$',
);

function isContentKey(key: string): boolean {
  return CONTENT_KEY.test(key);
}

function contentSizes(attrs: Attributes): { input: number; output: number } {
  let input = 0;
  let output = 0;
  for (const [key, value] of attrs) {
    if (!isContentKey(key)) continue;
    const size = typeof value === 'string' ? value.length : JSON.stringify(value ?? null).length;
    if (/output|completion|result/.test(key)) output += size;
    else input += size;
  }
  return { input, output };
}

// ---------------------------------------------------------------------------------------------------------------
// Normalizing one span

const MODEL_OPERATIONS = new Set(['chat', 'call_llm', 'text_completion', 'generate_content', 'embeddings', 'completion']);

function toSignal(record: RawRecord, file: string): ParsedSignal {
  const where = record.line === null ? `span ${record.index + 1}` : `span ${record.index + 1} (line ${record.line})`;
  const value = requireSpan(record.value, where, file);
  const view = viewOf(value);
  const spanName = clip(view.name ?? '?', 120);
  const inherited = inheritedAgents.get(value) ?? null;
  const facts = actorOf(view, inherited, spanName);
  const operation = operationOf(view);
  const { action, target, doing } = whatOf(view, operation);
  const failed = view.status === 'error' || scalar(view.attrs.get('error.type')) !== null;
  const errorCode = failed ? clip(scalar(view.attrs.get('error.type')) ?? 'ERROR', 80) : null;
  const outcome: Outcome = failed ? 'failure' : view.status === 'ok' ? 'success' : 'unknown';
  return {
    time: timeOf(view.start, where, file),
    source: SOURCE_ID,
    action,
    outcome,
    errorCode,
    actor: facts.actor,
    target,
    sourceIp: scalar(view.attrs.get('client.address')),
    region: scalar(view.resource.get('cloud.region')),
    userAgent: scalar(view.attrs.get('user_agent.original')),
    summary: summaryOf(view, facts, inherited, doing, errorCode),
    dedupeKey: view.traceId !== null && view.spanId !== null ? `${view.traceId}:${view.spanId}` : `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`,
    links: facts.links,
    relations: facts.relations,
  };
}

function operationOf(view: SpanView): string {
  const op = scalar(view.attrs.get('gen_ai.operation.name'));
  if (op !== null) return op;
  if (scalar(view.attrs.get('gen_ai.tool.name')) !== null) return 'execute_tool';
  const first = view.name?.split(' ')[0] ?? '';
  return /^[a-z_]+$/.test(first) && first.length <= 40 ? first : 'span';
}

function whatOf(view: SpanView, operation: string): { action: string; target: string | null; doing: string } {
  const tool = scalar(view.attrs.get('gen_ai.tool.name'));
  const model = scalar(view.attrs.get('gen_ai.response.model')) ?? scalar(view.attrs.get('gen_ai.request.model'));
  const agentName = scalar(view.attrs.get('gen_ai.agent.name'));
  if (operation === 'execute_tool') {
    const name = clip(tool ?? view.name?.replace(/^execute_tool\s*/, '') ?? '?', 120);
    const call = scalar(view.attrs.get('gen_ai.tool.call.id'));
    return { action: `agent:execute_tool:${name}`, target: name, doing: `ran tool ${name}${call === null ? '' : ` (call ${clip(call, 60)})`}` };
  }
  if (MODEL_OPERATIONS.has(operation) || (model !== null && !operation.includes('agent'))) {
    const name = clip(model ?? '?', 120);
    const provider = scalar(view.attrs.get('gen_ai.provider.name')) ?? scalar(view.attrs.get('gen_ai.system'));
    return { action: `agent:${operation}:${name}`, target: name, doing: `${operation === 'embeddings' ? 'embedded with' : 'called model'} ${name}${provider === null ? '' : ` (${provider})`}` };
  }
  const subject = clip(agentName ?? model ?? view.name ?? '?', 120);
  const withModel = model === null ? '' : ` with model ${clip(model, 120)}`;
  const doing = operation === 'invoke_agent' ? `was invoked${withModel}` : operation === 'create_agent' ? `was created${withModel}` : `did ${operation} ${subject}`;
  return { action: `agent:${operation}:${subject}`, target: agentName ?? model, doing };
}

function summaryOf(view: SpanView, facts: ActorFacts, inherited: Inherited | null, doing: string, errorCode: string | null): string {
  const parts = [`${facts.actor.label} ${doing}`];
  if (inherited !== null && facts.actor.primary !== null) parts.push(`(agent inherited from ancestor span "${clip(inherited.fromName, 60)}" ${inherited.fromSpanId})`);
  if (facts.actor.primary === null) parts.push('(no agent attributes on this span or its ancestors)');
  const tokens = tokensOf(view.attrs);
  if (tokens !== null) parts.push(`— ${tokens}`);
  const { input, output } = contentSizes(view.attrs);
  const [inWord, outWord] = doing.startsWith('ran tool') ? ['arguments', 'result'] : ['prompt', 'output'];
  if (input > 0) parts.push(`— ${inWord} of ${input.toLocaleString('en-US')} chars`);
  if (output > 0) parts.push(`— ${outWord} of ${output.toLocaleString('en-US')} chars`);
  if (facts.notes.length > 0) parts.push(`— with ${facts.notes.join(', ')}`);
  if (errorCode !== null) parts.push(`— failed: ${errorCode}`);
  return clip(parts.join(' '), 500);
}

function tokensOf(attrs: Attributes): string | null {
  const input = attrs.get('gen_ai.usage.input_tokens') ?? attrs.get('gen_ai.usage.prompt_tokens');
  const output = attrs.get('gen_ai.usage.output_tokens') ?? attrs.get('gen_ai.usage.completion_tokens');
  if (typeof input !== 'number' && typeof output !== 'number') return null;
  const fmt = (n: unknown): string => (typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString('en-US') : '?');
  return `${fmt(input)} in / ${fmt(output)} out tokens`;
}

function requireSpan(value: unknown, where: string, file: string): Json {
  if (isObject(value)) {
    const view = viewOf(value);
    if (view.name !== null && view.start !== undefined && view.start !== null) return value;
  }
  throw new WorkbenchError('BAD_INPUT', `${file}: ${where} is not a usable span: it has no name or no start time`, { file, record: where, hint: MALFORMED_HINT });
}

// Start times are nanoseconds since the epoch (a string or a number), or an ISO date in the Python SDK's to_json.
function timeOf(start: unknown, where: string, file: string): string {
  let ms: number | null = null;
  if (typeof start === 'number' && Number.isFinite(start) && start > 0) ms = start / 1e6;
  else if (typeof start === 'string' && /^\d{7,25}$/.test(start)) ms = Number(start.slice(0, -6));
  else if (typeof start === 'string' && start.length <= 64) ms = new Date(start).getTime();
  const time = ms === null ? null : new Date(ms);
  if (time === null || Number.isNaN(time.getTime())) {
    throw new WorkbenchError('BAD_INPUT', `${file}: ${where} has a start time that is not a date`, { file, record: where, hint: MALFORMED_HINT });
  }
  return time.toISOString();
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown): Json | null {
  return isObject(value) ? value : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

// Attribute values that name something: non-empty strings and integers, bounded.
function scalar(value: unknown): string | null {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  const text = str(value);
  return text === null || text.length > 1024 ? null : text;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function maskKey(key: string): string {
  return `${key.slice(0, 4)}…${key.slice(-4)}`;
}

/** The OpenTelemetry GenAI parser: AI-agent spans from OTLP JSON exports and SDK span dumps. */
export const otelGenai: FormatParser = {
  id: SOURCE_ID,
  label: 'OpenTelemetry GenAI traces',
  detect: (sample) => detectOtel(sample),
  records: (source) => readRecords(source),
  toSignal: (record, fileName) => toSignal(record, fileName),
};
