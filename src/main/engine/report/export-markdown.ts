// The case report as Markdown, for tickets and wikis. Every value from evidence is escaped so that no renderer turns
// it into HTML, a link or table structure: Markdown renderers pass raw HTML through, and the evidence is hostile.
import { CASE_MEMBERS, evidenceMember, verifyCommands } from '../../../shared/case-file';
import type { SignalRow } from '../../../shared/schemas';
import type { CaseFileInput } from './case-file-input';
import type { ReportSigner } from './report-html';

/** Renders the case report as CommonMark with GitHub-style tables; `signer` is null for an unsigned export. */
export function renderMarkdown(input: CaseFileInput, signer: ReportSigner | null): string {
  const c = input.case;
  const id = c.anchorIdentity;
  const names = new Map(input.custody.map((f) => [f.sha256, f.name]));
  const out: string[] = [];
  out.push(`# ${md(c.title)}`, '');
  out.push(`Case ${code(c.id)} · status **${md(c.status)}** · severity **${md(c.severity)}** · exported ${md(input.exportedAt)} by ${md(input.tool.name)} ${md(input.tool.version)}`, '');
  out.push('## Summary', '');
  out.push(...table(['', ''], [
    ['Anchor identity', `${md(id.label)} (${md(id.kind)}${id.owner ? `, owner ${md(id.owner)}` : ''})`],
    ['Signals', `${input.signals.length}${c.failures > 0 ? ` (${c.failures} failed)` : ''}`],
    ['First seen', md(c.firstSeen ?? '—')],
    ['Last seen', md(c.lastSeen ?? '—')],
    ['Source IPs', c.sourceIps.length ? c.sourceIps.map(code).join(', ') : '—'],
    ['Regions', c.regions.length ? c.regions.map(md).join(', ') : '—'],
    ['Evidence files', String(input.custody.length)],
    ['Audit entries', String(input.audit.entries.length)],
  ]));
  out.push('## Anchor identity', '', `**${md(id.label)}** — ${md(id.kind)} · ${code(id.id)}`, '');
  out.push(...table(['Identifier type', 'Value'], id.identifiers.map((i) => [md(i.type), code(i.value)])));
  if (input.links.length) {
    out.push('### Why these identifiers are one identity', '');
    out.push(...table(['Identifier', 'Identifier', 'Reason', 'Shown by'], input.links.map((l) => [
      code(l.a), code(l.b), md(l.reason),
      l.evidence ? `${md(names.get(l.evidence.sha256) ?? l.evidence.sha256.slice(0, 12))} record ${l.evidence.recordIndex}` : 'analyst decision',
    ])));
  }
  out.push('## Why these signals belong to this case', '');
  out.push(...narrative(input.signals), '');
  out.push('## Timeline', '');
  out.push(...table(['Time', 'Signal', 'Source', 'Action', 'Outcome', 'Actor', 'Source IP', 'Summary', 'Evidence'], sortByTime(input.signals).map((s) => [
    code(s.time), `#${s.id}`, md(s.source), md(s.action), md(`${s.outcome}${s.errorCode ? ` (${s.errorCode})` : ''}`), code(s.actor), s.sourceIp ? code(s.sourceIp) : '',
    md(s.summary), `${md(names.get(s.evidence.sha256) ?? s.evidence.name)} #${s.evidence.recordIndex}`,
  ])));
  out.push('## Graph', '', ...table(['From', 'Relation', 'To', 'Count'], graphRows(input)));
  out.push('## Evidence and chain of custody', '');
  out.push(...table(['File', 'SHA-256', 'Bytes', 'Format', 'Imported', 'By', 'Records', 'Member'], input.custody.map((f) => {
    const records = input.records.get(f.sha256)?.length ?? 0;
    return [md(f.name), code(f.sha256), String(f.size), md(f.format), md(f.importedAt), md(f.importedBy), String(records), records ? code(evidenceMember(f.sha256)) : '—'];
  })));
  out.push('## Audit history', '', `Chain head at export: ${code(input.audit.head)} (seq ${input.audit.headSeq}).`, '');
  out.push(...table(['Seq', 'At', 'Actor', 'Action', 'Reason', 'Hash'], input.audit.entries.map((e) => {
    const reason = e.payload['reason'];
    return [String(e.seq), md(e.at), md(e.actor), md(e.type), typeof reason === 'string' ? md(reason) : '', code(e.hash)];
  })));
  out.push(...signerSection(signer));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** Escapes text for Markdown: backslash-escapes punctuation that starts syntax, and keeps a value on one line. */
export function md(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_{}[\]()<>#+!|~&]/g, (ch) => `\\${ch}`)
    .replace(/^([-=]|\d+\.)/, '\\$1');
}

// A code span cannot hold a backtick safely, so values that have one fall back to escaped text.
function code(text: string): string {
  const one = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  return one.includes('`') || one.includes('|') ? md(one) : `\`${one}\``;
}

function table(head: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ['_None._', ''];
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`), ''];
}

function narrative(signals: SignalRow[]): string[] {
  const groups = new Map<string, SignalRow[]>();
  for (const s of sortByTime(signals)) {
    const group = groups.get(s.reason);
    if (group) group.push(s);
    else groups.set(s.reason, [s]);
  }
  if (groups.size === 0) return ['_No signals._'];
  return [...groups].map(([reason, rows]) => {
    const ids = rows.slice(0, 30).map((r) => `#${r.id}`).join(', ') + (rows.length > 30 ? ` and ${rows.length - 30} more` : '');
    return `- **${rows.length} signal${rows.length === 1 ? '' : 's'}** (${md(rows[0]?.time ?? '')} – ${md(rows[rows.length - 1]?.time ?? '')}): ${md(reason)} — ${ids}`;
  });
}

function graphRows(input: CaseFileInput): string[][] {
  const labels = new Map(input.graph.nodes.map((n) => [n.id, n.label]));
  return input.graph.edges.map((e) => [md(labels.get(e.source) ?? e.source), md(e.label), md(labels.get(e.target) ?? e.target), String(e.count)]);
}

function signerSection(signer: ReportSigner | null): string[] {
  if (!signer) return ['## Signature', '', 'This report was exported on its own and is not signed; the signed case file (`.nhicase`) carries the verifiable original.'];
  return [
    '## Signature and how to verify', '',
    `Signed by **${md(signer.name)}**, key ${code(signer.fingerprint)}. This Markdown file is a view of the signed case file; only the case file itself can be verified:`, '',
    '```sh', ...verifyCommands(signer.name), '```', '',
    `${CASE_MEMBERS.verifyTxt} inside the case file repeats these steps.`,
  ];
}

function sortByTime(signals: SignalRow[]): SignalRow[] {
  return [...signals].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id - b.id));
}
