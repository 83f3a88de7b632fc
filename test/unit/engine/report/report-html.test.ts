import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../../../../src/main/engine/report/html-template';
import { renderGraphSvg } from '../../../../src/main/engine/report/report-graph-svg';
import { renderReportHtml } from '../../../../src/main/engine/report/report-html';
import { generateSigningKey } from '../../../../src/main/engine/report/ssh-key';
import { HOSTILE, sampleInput } from './helpers';

const gen = generateSigningKey('reviewer@example.org');
const signer = { name: 'reviewer@example.org', fingerprint: gen.fingerprint, publicKeyLine: gen.publicKeyLine };

describe('report.html', () => {
  const page = renderReportHtml(sampleInput(), signer);

  it('runs nothing and loads nothing from anywhere', () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/https?:\/\//i);
    // Escaped evidence may say "onerror=" as text; what matters is that no real tag carries such an attribute.
    const tags = page.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.length).toBeGreaterThan(50);
    expect(tags.filter((t) => /\s(on[a-z]+|src|href|xlink:href)\s*=/i.test(t))).toEqual([]);
    expect(page).toContain("default-src 'none'");
  });

  it('shows hostile evidence values only escaped', () => {
    expect(page).not.toContain(HOSTILE);
    expect(page).not.toContain('<img');
    expect(page).toContain(escapeHtml(HOSTILE));
    expect(page).toContain(`probe ${escapeHtml(HOSTILE)}`);
  });

  it('tells the story: summary, identity, reasons, timeline, graph, evidence, audit, signer and commands', () => {
    for (const heading of ['Summary', 'Anchor identity', 'Why these signals belong to this case', 'Timeline', 'Graph', 'Evidence and chain of custody', 'Audit history', 'Signature and how to verify']) {
      expect(page).toContain(`<h2>${heading}</h2>`);
    }
    expect(page).toContain('arn:aws:iam::123456789012:user/ci-deployer');
    expect(page).toContain('<strong>2 signals</strong>');
    expect(page).toContain('uses access key AKIA…WXYZ');
    expect(page).toContain('<svg class="graph"');
    expect(page).toContain(gen.fingerprint);
    expect(page).toContain('ssh-keygen -Y verify -f allowed_signers -I reviewer@example.org -n nhi-workbench-case -s SHA256SUMS.sig &#60; SHA256SUMS');
    expect(page).toContain('sha256sum -c SHA256SUMS');
    // Timeline rows come in time order whatever order the engine gave.
    expect(page.indexOf('GetCallerIdentity')).toBeLessThan(page.indexOf('ListBuckets'));
  });
});

describe('the graph drawing', () => {
  it('puts the anchor in the middle and copes with no data', () => {
    const svg = renderGraphSvg(sampleInput().graph, 'id-1').value;
    expect(svg).toMatch(/<circle cx="400.0" cy="400.0" r="16"/);
    expect(svg.match(/<line /g)).toHaveLength(4);
    expect(renderGraphSvg({ nodes: [], edges: [] }, 'x').value).toContain('No graph data');
  });

  it('caps a huge graph and says how much it left out', () => {
    const nodes = Array.from({ length: 300 }, (_, i) => ({ id: `n${i}`, kind: 'ip' as const, label: `10.0.0.${i}`, count: 1 }));
    const svg = renderGraphSvg({ nodes: [{ id: 'c', kind: 'identity', label: 'c', count: 1 }, ...nodes], edges: [] }, 'c').value;
    expect(svg).toContain('181 more nodes are not drawn');
  });
});

describe('the html template tag', () => {
  it('escapes every interpolated value and keeps nested templates', () => {
    expect(html`<p>${'<b>"x"&\'y\''}</p>${[html`<i>${'<'}</i>`, null, undefined, 3]}`.value).toBe('<p>&#60;b&#62;&#34;x&#34;&#38;&#39;y&#39;</p><i>&#60;</i>3');
  });
});
