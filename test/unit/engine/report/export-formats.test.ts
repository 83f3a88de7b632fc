import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseJsonSchema } from '../../../../src/shared/case-file';
import { WorkbenchError } from '../../../../src/shared/errors';
import { csvCell, renderSignalsCsv } from '../../../../src/main/engine/report/export-csv';
import { renderMarkdown } from '../../../../src/main/engine/report/export-markdown';
import { findChromium, htmlToPdf } from '../../../../src/main/engine/report/export-pdf';
import { buildStixBundle, uuidV5 } from '../../../../src/main/engine/report/export-stix';
import { exportCaseAs } from '../../../../src/main/engine/report/exportFormats';
import { generateSigningKey, parseSigningKey } from '../../../../src/main/engine/report/ssh-key';
import { HOSTILE, sampleInput, tempDir } from './helpers';

const key = parseSigningKey(generateSigningKey('analyst@example.org').privateKeyText, 'k');
const CHROMIUM = findChromium();
if (!CHROMIUM) console.log('skipping PDF rendering: no Chromium (set CHROMIUM_PATH or install /usr/bin/chromium)');

/** Parses RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += ch;
  }
  return rows;
}

describe('CSV of the signals', () => {
  it('has one row per signal with reason and evidence pointer, CRLF line ends and RFC 4180 quoting', () => {
    const input = sampleInput();
    const csv = renderSignalsCsv(input);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/(?<!")\n/); // no bare LF outside quoted fields
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(input.signals.length + 1);
    const head = rows[0] ?? [];
    const col = (name: string) => head.indexOf(name);
    const probe = rows.find((r) => r[col('signal_id')] === '12') ?? [];
    expect(probe[col('reason')]).toBe('uses access key AKIA…WXYZ');
    expect(probe[col('evidence_file')]).toBe('cloudtrail-a.json');
    expect(probe[col('evidence_record')]).toBe('1');
    expect(probe[col('summary')]).toBe(`probe ${HOSTILE}`);
  });

  it('neutralizes spreadsheet formulas in text cells and quotes what needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    for (const bad of ['+1+cmd', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(bad).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('plain, with comma')).toBe('"plain, with comma"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    const input = sampleInput();
    const first = input.signals[0];
    if (first) first.summary = '=cmd|\' /C calc\'!A0';
    const rows = parseCsv(renderSignalsCsv(input));
    expect(rows.flat().filter((cell) => /^[=+@]/.test(cell))).toEqual([]);
  });
});

describe('Markdown report', () => {
  it('tells the same story and lets no evidence value become HTML, a link or a table cell', () => {
    const input = sampleInput();
    const first = input.signals[0];
    if (first) first.summary = 'a | b [click](http://evil) `x` <script>alert(1)</script>\n# heading';
    const md = renderMarkdown(input, key);
    for (const heading of ['# Access key used from a new network', '## Summary', '## Anchor identity', '## Why these signals belong to this case', '## Timeline', '## Evidence and chain of custody', '## Audit history', '## Signature and how to verify']) {
      expect(md).toContain(heading);
    }
    expect(md).not.toMatch(/(?<!\\)<(script|img)/i);
    expect(md).not.toContain('[click](http');
    expect(md).toContain('\\<script\\>');
    // Every row of a table has as many cells as its header: an escaped | never splits a cell.
    for (const block of md.split(/\n(?!\|)/).map((b) => b.split('\n').filter((l) => l.startsWith('|'))).filter((b) => b.length > 0)) {
      const counts = block.map((line) => line.replace(/\\\|/g, '').split('|').length);
      expect(new Set(counts).size, block.join('\n')).toBe(1);
    }
    expect(md).not.toMatch(/^# heading/m);
    expect(md).toContain('ssh-keygen -Y verify');
    expect(renderMarkdown(input, null)).toContain('not signed');
  });
});

describe('STIX 2.1 bundle', () => {
  const ID = /^([a-z0-9-]+)--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
  const REQUIRED: Record<string, string[]> = {
    identity: ['name'],
    indicator: ['pattern', 'pattern_type', 'valid_from'],
    'observed-data': ['first_observed', 'last_observed', 'number_observed', 'object_refs'],
    sighting: ['sighting_of_ref'],
    relationship: ['relationship_type', 'source_ref', 'target_ref'],
    report: ['name', 'published', 'object_refs'],
    'ipv4-addr': ['value'],
    'user-account': [],
  };

  it('is a valid bundle: ids, versions, timestamps, required properties, and every reference resolves', () => {
    const bundle = buildStixBundle(sampleInput(), 'analyst@example.org');
    expect(bundle.type).toBe('bundle');
    expect(bundle.id).toMatch(/^bundle--/);
    expect(bundle).not.toHaveProperty('spec_version'); // 2.1 bundles carry none
    const ids = new Set(bundle.objects.map((o) => o.id));
    expect(ids.size).toBe(bundle.objects.length);
    for (const o of bundle.objects) {
      expect(ID.exec(o.id)?.[1], o.id).toBe(o.type);
      expect(Object.keys(REQUIRED), o.type).toContain(o.type);
      for (const prop of REQUIRED[o.type] ?? []) expect(o[prop], `${o.type}.${prop}`).toBeDefined();
      expect(o['spec_version']).toBe('2.1');
      if (!['ipv4-addr', 'user-account'].includes(o.type)) {
        expect(o['created']).toMatch(TIME);
        expect(o['modified']).toMatch(TIME);
      }
      for (const [prop, value] of Object.entries(o)) {
        if (prop.endsWith('_ref')) expect(ids, `${o.type}.${prop}`).toContain(value);
        if (prop.endsWith('_refs')) for (const ref of value as string[]) expect(ids, `${o.type}.${prop}`).toContain(ref);
        if (/^(first_|last_|valid_from|published)/.test(prop)) expect(value, prop).toMatch(TIME);
        expect(prop).toMatch(/^[a-z0-9_]+$/);
        if (prop.startsWith('x_')) expect(prop).toMatch(/^[a-z0-9_]{3,250}$/);
      }
      if (o.type === 'observed-data') expect(o['number_observed']).toBeGreaterThanOrEqual(1);
      if (o.type === 'indicator') {
        expect(o['pattern_type']).toBe('stix');
        expect(o['pattern']).toMatch(/^\[(ipv4-addr:value|user-account:user_id) = '.*'\]$/);
      }
    }
  });

  it('names the anchor NHI as a system identity, with its identifiers and source IPs as indicators and sightings', () => {
    const input = sampleInput();
    const bundle = buildStixBundle(input, null);
    const of = (type: string) => bundle.objects.filter((o) => o.type === type);
    const anchor = of('identity').find((o) => o['name'] === 'ci-deployer');
    expect(anchor?.['identity_class']).toBe('system');
    const patterns = of('indicator').map((o) => o['pattern']);
    expect(patterns).toContain("[ipv4-addr:value = '203.0.113.7']");
    expect(patterns).toContain("[user-account:user_id = 'arn:aws:iam::123456789012:user/ci-deployer']");
    // Observable ids are the spec's deterministic UUIDv5, so other tools name the same address the same way.
    expect(of('ipv4-addr')[0]?.id).toBe('ipv4-addr--9ddd739e-87b1-587d-83f2-62ef1130af2f');
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(of('sighting').length).toBeGreaterThanOrEqual(2);
    expect(of('relationship').some((r) => r['relationship_type'] === 'related-to' && r['target_ref'] === anchor?.id)).toBe(true);
    expect(of('report')[0]?.['name']).toBe(input.case.title);
  });

  it('escapes quotes and backslashes inside patterns', () => {
    const input = sampleInput();
    input.case.anchorIdentity.identifiers = [{ type: 'k8s.sa', value: "ns/it's\\x" }];
    const pattern = buildStixBundle(input, null).objects.find((o) => o.type === 'indicator' && String(o['pattern']).includes('user-account'))?.['pattern'];
    expect(pattern).toBe("[user-account:user_id = 'ns/it\\'s\\\\x']");
  });
});

describe('exportCaseAs', () => {
  it('writes each format to one file, and only nhicase needs a key', () => {
    const dir = tempDir();
    const input = sampleInput();
    const html = exportCaseAs(input, 'html', join(dir, 'r.html'));
    expect(readFileSync(html.path, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(readFileSync(html.path, 'utf8')).toContain('not signed');
    const json = exportCaseAs(input, 'json', join(dir, 'case.json'), key);
    expect(CaseJsonSchema.parse(JSON.parse(readFileSync(json.path, 'utf8'))).signer.name).toBe('analyst@example.org');
    expect(readFileSync(exportCaseAs(input, 'md', join(dir, 'r.md')).path, 'utf8')).toMatch(/^# /);
    expect(JSON.parse(readFileSync(exportCaseAs(input, 'stix', join(dir, 'b.json')).path, 'utf8')).type).toBe('bundle');
    expect(readFileSync(exportCaseAs(input, 'csv', join(dir, 's.csv')).path, 'utf8')).toMatch(/^signal_id,/);
    expect(() => exportCaseAs(input, 'nhicase', join(dir, 'c.nhicase'))).toThrow(WorkbenchError);
    expect(existsSync(join(dir, 'c.nhicase'))).toBe(false);
    expect(exportCaseAs(input, 'nhicase', join(dir, 'c.nhicase'), key).bytes).toBeGreaterThan(1000);
  });

  it('report.html carries print CSS: page size, no breaks inside rows, repeated table headers', () => {
    const html = readFileSync(exportCaseAs(sampleInput(), 'html', join(tempDir(), 'r.html')).path, 'utf8');
    expect(html).toContain('@page{size:A4');
    expect(html).toMatch(/@media print\{[^}]*\}?[\s\S]*break-inside:avoid/);
    expect(html).toContain('thead{display:table-header-group}');
  });

  it('refuses PDF with a clear message when no Chromium is installed, writing nothing', () => {
    expect(findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' })).toBeNull();
    const err = (() => {
      try {
        htmlToPdf('<p>x</p>', null);
      } catch (e) {
        return e as WorkbenchError;
      }
      return null;
    })();
    expect(err?.code).toBe('REFUSED');
    expect(err?.message).toMatch(/No Chromium found/);
    expect(err?.hint).toMatch(/CHROMIUM_PATH/);
  });

  it.skipIf(!CHROMIUM)('prints report.html to a PDF with Chromium', () => {
    const out = join(tempDir(), 'report.pdf');
    const written = exportCaseAs(sampleInput(), 'pdf', out, key);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(written.bytes).toBe(pdf.length);
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
