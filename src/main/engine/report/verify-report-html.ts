// report.html is opened by people, so a case file whose report could run code or load remote content is refused,
// even when it is correctly signed: a forger can sign anything with their own key. The text is only scanned, never
// rendered. Our own reports escape every `<` in evidence, so a real tag in the file is one we (or a forger) wrote.
import { CASE_MEMBERS } from '../../../shared/case-file';
import type { VerifyProblem } from '../../../shared/schemas';

const FORBIDDEN_TAGS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'link', 'base', 'form', 'input', 'button', 'portal',
  'foreignobject', 'animate', 'set', 'animatetransform', 'animatemotion', 'image', 'use', 'img', 'video', 'audio', 'source',
]);
const TAG = /<([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s"'=/>]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;
const URL_ATTRIBUTES = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'srcset', 'poster', 'data', 'background', 'ping']);
const MAX_FINDINGS = 5;

/** Appends a problem for each way report.html could run code or reach the network. */
export function checkReportHtml(members: Map<string, Uint8Array>, problems: VerifyProblem[]): void {
  const bytes = members.get(CASE_MEMBERS.report);
  if (!bytes) return;
  const text = Buffer.from(bytes).toString('utf8');
  const findings = new Set<string>();
  for (const m of text.matchAll(TAG)) {
    const tag = (m[1] ?? '').toLowerCase();
    if (FORBIDDEN_TAGS.has(tag)) findings.add(`contains a <${tag}> element`);
    if (tag === 'meta' && /http-equiv\s*=\s*["']?refresh/i.test(m[2] ?? '')) findings.add('contains a meta refresh');
    for (const a of (m[2] ?? '').matchAll(ATTRIBUTE)) {
      const name = (a[1] ?? '').toLowerCase();
      const value = (a[2] ?? '').replace(/^["']|["']$/g, '').trim();
      if (name.startsWith('on')) findings.add(`has an event handler attribute (${name})`);
      if (URL_ATTRIBUTES.has(name) && !value.startsWith('#')) findings.add(`loads or links to ${name}="${value.slice(0, 60)}"`);
      if (name === 'style' && /url\s*\(|expression\s*\(/i.test(value)) findings.add('has a style attribute that loads content');
    }
  }
  for (const style of text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)) {
    if (/@import|url\s*\(\s*["']?(?!data:)/i.test(style[1] ?? '')) findings.add('has CSS that loads remote content');
  }
  if (!/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/.test(text)) findings.add("lacks the Content-Security-Policy that forbids scripts and remote loads");
  for (const finding of [...findings].slice(0, MAX_FINDINGS)) {
    problems.push({ member: CASE_MEMBERS.report, check: 'schema', message: `${finding}; the report must not run code or load content (it was not opened)` });
  }
  if (findings.size > MAX_FINDINGS) problems.push({ member: CASE_MEMBERS.report, check: 'schema', message: `and ${findings.size - MAX_FINDINGS} more unsafe constructs` });
}
