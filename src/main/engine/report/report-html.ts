// report.html: the human-readable story of one case, self-contained so it opens offline, prints, and runs nothing.
import { CASE_MEMBERS, evidenceMember, verifyCommands } from '../../../shared/case-file';
import type { SignalRow } from '../../../shared/schemas';
import type { AuditEntry } from '../cases/audit-chain';
import type { CaseFileInput } from './case-file-input';
import { html, SafeHtml } from './html-template';
import { renderGraphSvg } from './report-graph-svg';

/** Who signed the case file, as shown in the report. */
export interface ReportSigner {
  name: string;
  fingerprint: string;
  publicKeyLine: string;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;max-width:1100px;margin:2em auto;padding:0 1em}
h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.2em;border-bottom:1px solid #d0d7de;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;width:100%;font-size:12px}th,td{border:1px solid #d0d7de;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f3f5f7;overflow-wrap:normal}code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;overflow-wrap:anywhere}.nowrap{white-space:nowrap}
pre{background:#f3f5f7;padding:.6em;white-space:pre-wrap;word-break:break-all}.muted{color:#57606a}
.badge{display:inline-block;padding:0 .5em;border-radius:3px;background:#eaeef2;margin-right:.4em}
.sev-critical,.sev-high{background:#ffd8d3}.failure{color:#b42318}dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}
dt{font-weight:600}dd{margin:0}svg.graph{width:100%;max-width:800px;height:auto;display:block;margin:auto}
@page{size:A4;margin:14mm 12mm}
@media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid;page-break-after:avoid}h1,h2,h3{color:#000}
tr,svg,pre,dl,li{break-inside:avoid;page-break-inside:avoid}thead{display:table-header-group}table{font-size:9px}code,.mono{font-size:9px}
.badge,th,.sev-critical,.sev-high,pre{-webkit-print-color-adjust:exact;print-color-adjust:exact}svg.graph{max-width:170mm}section{break-before:auto}}
`;

/** Renders the complete report.html; `signer` is null for a report exported on its own, without a signature. */
export function renderReportHtml(input: CaseFileInput, signer: ReportSigner | null): string {
  const c = input.case;
  // The content policy forbids scripts and every remote load even if an escape were ever missed.
  const page = html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Case ${c.id}: ${c.title}</title><style>${new SafeHtml(CSS)}</style></head>
<body>
<header><h1>${c.title}</h1>
<p><span class="badge">case ${c.id}</span><span class="badge">${c.status}</span><span class="badge sev-${c.severity}">${c.severity}</span>
<span class="muted">exported ${input.exportedAt} by ${input.tool.name} ${input.tool.version}</span></p></header>
${summary(input)}
${anchorSection(input)}
${narrative(input.signals)}
${timeline(input)}
<section><h2>Graph</h2>${renderGraphSvg(input.graph, c.anchor.id)}</section>
${evidenceSection(input)}
${auditSection(input)}
${signerSection(signer)}
</body></html>
`;
  return page.value;
}

function summary(input: CaseFileInput): SafeHtml {
  const c = input.case;
  const id = c.anchorIdentity;
  return html`<section><h2>Summary</h2><dl>
<dt>Anchor identity</dt><dd>${id.label} <span class="muted">(${id.kind}${id.owner ? `, owner ${id.owner}` : ''})</span></dd>
<dt>Signals</dt><dd>${input.signals.length}${c.failures > 0 ? html` <span class="failure">(${c.failures} failed)</span>` : ''}</dd>
<dt>First seen</dt><dd>${c.firstSeen ?? '—'}</dd><dt>Last seen</dt><dd>${c.lastSeen ?? '—'}</dd>
<dt>Source IPs</dt><dd>${c.sourceIps.length ? c.sourceIps.join(', ') : '—'}</dd>
<dt>Regions</dt><dd>${c.regions.length ? c.regions.join(', ') : '—'}</dd>
<dt>Evidence files</dt><dd>${input.custody.length}</dd><dt>Audit entries</dt><dd>${input.audit.entries.length}</dd>
</dl></section>`;
}

function anchorSection(input: CaseFileInput): SafeHtml {
  const id = input.case.anchorIdentity;
  const names = fileNames(input);
  const identifiers = id.identifiers.map((i) => html`<tr><td>${i.type}</td><td class="mono">${i.value}</td></tr>`);
  const links = input.links.map(
    (l) =>
      html`<tr><td class="mono">${l.a}</td><td class="mono">${l.b}</td><td>${l.reason}</td><td>${
        l.evidence ? html`${names.get(l.evidence.sha256) ?? l.evidence.sha256.slice(0, 12)} record ${l.evidence.recordIndex}` : 'analyst decision'
      }</td></tr>`,
  );
  return html`<section><h2>Anchor identity</h2>
<p><strong>${id.label}</strong> <span class="muted">${id.kind} · ${id.id}</span></p>
<table><thead><tr><th>Identifier type</th><th>Value</th></tr></thead><tbody>${identifiers}</tbody></table>
${links.length ? html`<h3>Why these identifiers are one identity</h3><table><thead><tr><th>Identifier</th><th>Identifier</th><th>Reason</th><th>Shown by</th></tr></thead><tbody>${links}</tbody></table>` : ''}
</section>`;
}

// Groups signals by their stated reason so the reader sees the argument, not a wall of rows.
function narrative(signals: SignalRow[]): SafeHtml {
  const groups = new Map<string, SignalRow[]>();
  for (const s of sortByTime(signals)) {
    const group = groups.get(s.reason);
    if (group) group.push(s);
    else groups.set(s.reason, [s]);
  }
  const items = [...groups].map(([reason, rows]) => {
    const ids = rows.slice(0, 30).map((r) => `#${r.id}`).join(', ') + (rows.length > 30 ? ` and ${rows.length - 30} more` : '');
    const first = rows[0]?.time ?? '';
    const last = rows[rows.length - 1]?.time ?? '';
    return html`<li><p><strong>${rows.length} signal${rows.length === 1 ? '' : 's'}</strong> <span class="muted">(${first}${last !== first ? ` – ${last}` : ''})</span>: ${reason}</p><p class="muted mono">${ids}</p></li>`;
  });
  return html`<section><h2>Why these signals belong to this case</h2>${items.length ? html`<ul>${items}</ul>` : html`<p class="muted">No signals.</p>`}</section>`;
}

function timeline(input: CaseFileInput): SafeHtml {
  const names = fileNames(input);
  const rows = sortByTime(input.signals).map(
    (s) => html`<tr><td class="mono nowrap">${s.time}</td><td>#${s.id}</td><td>${s.source}</td><td>${s.action}</td>
<td class="${s.outcome === 'failure' ? 'failure' : ''}">${s.outcome}${s.errorCode ? ` (${s.errorCode})` : ''}</td><td class="mono">${s.actor}</td><td class="mono">${s.target ?? ''}</td>
<td class="mono">${s.sourceIp ?? ''}</td><td>${s.region ?? ''}</td><td>${s.count}</td><td>${s.summary}${s.userAgent ? html`<br><span class="muted">UA: ${s.userAgent}</span>` : ''}</td>
<td class="mono">${names.get(s.evidence.sha256) ?? s.evidence.name} #${s.evidence.recordIndex}${s.evidence.line !== null ? ` line ${s.evidence.line}` : ''}</td></tr>`,
  );
  return html`<section><h2>Timeline</h2><table><thead><tr><th>Time</th><th>Signal</th><th>Source</th><th>Action</th><th>Outcome</th><th>Actor</th><th>Target</th><th>Source IP</th><th>Region</th><th>Count</th><th>Summary</th><th>Evidence</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function evidenceSection(input: CaseFileInput): SafeHtml {
  const rows = input.custody.map((f) => {
    const records = input.records.get(f.sha256)?.length ?? 0;
    return html`<tr><td>${f.name}</td><td class="mono">${f.sha256}</td><td>${f.size}</td><td>${f.format}</td><td class="mono">${f.importedAt}</td><td>${f.importedBy}</td><td>${records}</td><td class="mono">${records ? evidenceMember(f.sha256) : '—'}</td></tr>`;
  });
  return html`<section><h2>Evidence and chain of custody</h2>
<p class="muted">Each evidence file is identified by the SHA-256 computed when it was imported; the original stays in the workspace evidence store. The records cited here are in the evidence members, with secrets redacted.</p>
<table><thead><tr><th>File</th><th>SHA-256</th><th>Bytes</th><th>Format</th><th>Imported</th><th>By</th><th>Records</th><th>Member</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function auditSection(input: CaseFileInput): SafeHtml {
  const rows = input.audit.entries.map((e) => html`<tr><td>${e.seq}</td><td class="mono nowrap">${e.at}</td><td>${e.actor}</td><td>${e.type}</td><td>${reasonOf(e)}</td><td class="mono" title="${e.hash}">${e.hash.slice(0, 16)}…</td></tr>`);
  return html`<section><h2>Audit history</h2>
<p class="muted">Entries of the workspace audit chain that concern this case. Each hash is SHA-256 of the previous hash and the canonical JSON of the action. Chain head at export: <span class="mono">${input.audit.head}</span> (seq ${input.audit.headSeq}).</p>
${rows.length ? html`<table><thead><tr><th>Seq</th><th>At</th><th>Actor</th><th>Action</th><th>Reason</th><th>Hash</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p class="muted">No recorded actions.</p>`}</section>`;
}

function signerSection(signer: ReportSigner | null): SafeHtml {
  if (!signer) {
    return html`<section><h2>Signature</h2><p>This report was exported on its own and is not signed. A signed case file (<code>.nhicase</code>) carries the same report together with ${CASE_MEMBERS.sums} and an SSH signature that a reviewer can check.</p></section>`;
  }
  return html`<section><h2>Signature and how to verify</h2>
<dl><dt>Signer</dt><dd>${signer.name}</dd><dt>Key fingerprint</dt><dd class="mono">${signer.fingerprint}</dd></dl>
<pre>${signer.publicKeyLine}</pre>
<p>Unpack the case file, compare the fingerprint above with one you obtained from the signer by another channel, then run in the unpacked folder:</p>
<pre>${verifyCommands(signer.name).join('\n')}</pre>
<p class="muted">${CASE_MEMBERS.sums} lists the SHA-256 of every member; ${CASE_MEMBERS.signature} is an SSH signature over it. ${CASE_MEMBERS.verifyTxt} repeats these steps.</p></section>`;
}

function reasonOf(entry: AuditEntry): string {
  const reason = entry.payload['reason'];
  return typeof reason === 'string' ? reason : '';
}

function fileNames(input: CaseFileInput): Map<string, string> {
  return new Map(input.custody.map((f) => [f.sha256, f.name]));
}

function sortByTime(signals: SignalRow[]): SignalRow[] {
  return [...signals].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id - b.id));
}
