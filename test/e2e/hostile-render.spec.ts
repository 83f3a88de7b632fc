// Hostile evidence through import, the UI and export: CloudTrail records whose every free-text field carries script,
// HTML, javascript: URLs, ANSI escapes, bidi overrides and very long strings. The app must show them as text, run
// nothing, create no element from them, and export them escaped in report.html and as plain data in case.json and
// the evidence records. Runs in Chromium against the real engine through the browser harness.
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { startHarness, type Harness } from '../../src/main/harness/server';

const REPO = resolve(__dirname, '../..');

// Evaluated in the page; declared here because the test itself compiles without DOM types.
declare const document: {
  querySelectorAll(selector: string): ArrayLike<{ tagName: string; attributes: ArrayLike<{ name: string; value: string }>; getAttribute(name: string): string | null }>;
  addEventListener(type: string, listener: (event: { violatedDirective: string; blockedURI: string }) => void): void;
};
declare const window: Record<string, unknown>;

/** Payloads; each one, if it ever ran or became markup, would set window.__pwned or open a dialog. */
const P = {
  script: '<script>window.__pwned=1;alert(1)</script>',
  img: '<img src=x onerror="window.__pwned=2;alert(2)">',
  svg: '"><svg onload=alert(3)>',
  js: 'javascript:alert(4)',
  ansi: '\u001b[31mRED-ALERT\u001b[0m\u001b]0;pwned\u0007',
  rtl: 'invoice\u202eexe.pdf',
  iframe: '<iframe src="javascript:alert(5)"></iframe>',
  style: '<style>body{display:none}</style>',
  entity: '&lt;already-escaped&gt; &amp; <b>bold</b>',
} as const;
const LONG = `long-${'A'.repeat(20_000)}-end`;
const USER = `evil-${P.img}`;
const ACCOUNT = '111122223333';
const USER_ARN = `arn:aws:iam::${ACCOUNT}:user/${USER}`;

/** CloudTrail events by one IAM user, with payloads in every field an attacker controls. */
function hostileEvents(): Record<string, unknown>[] {
  const base = (i: number, extra: Record<string, unknown>): Record<string, unknown> => ({
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', principalId: 'AIDAHOSTILEUSER00001', arn: USER_ARN, accountId: ACCOUNT, accessKeyId: 'AKIAHOSTILEKEY000001', userName: USER },
    eventTime: `2026-01-05T09:0${i}:00Z`,
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    awsRegion: 'eu-west-1',
    sourceIPAddress: '198.51.100.66',
    userAgent: `${P.script} ${P.ansi}`,
    requestParameters: { bucketName: P.img, key: P.js },
    responseElements: null,
    requestID: `req-hostile-${i}`,
    eventID: `00000000-0000-4000-8000-00000000h00${i}`,
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
    ...extra,
  });
  return [
    base(1, {}),
    base(2, { eventName: `ListBuckets${P.svg}`, errorCode: `AccessDenied${P.iframe}`, errorMessage: `User ${P.script} is not authorized ${P.rtl}` }),
    base(3, { userAgent: LONG, requestParameters: { bucketName: P.style, key: P.entity, policy: `{"Statement":"${P.img}"}` } }),
    base(4, { eventSource: 'iam.amazonaws.com', eventName: 'GetUser', requestParameters: { userName: P.rtl }, resources: [{ ARN: `arn:aws:iam::${ACCOUNT}:user/${P.script}` }] }),
  ];
}

let harness: Harness;

test.beforeEach(async () => {
  harness = await startHarness({ rendererDir: join(REPO, 'out/renderer'), demoBundle: join(REPO, 'resources/demo') });
});
test.afterEach(async () => {
  await harness.close();
});

/** What the page did that evidence must never cause: dialogs, console errors, page errors, CSP violations. */
function watch(page: Page): { dialogs: string[]; errors: string[] } {
  const seen = { dialogs: [] as string[], errors: [] as string[] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  // A failed load is reported by URL (below), so evidence naming a resource (src=x) shows up as what it is.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) seen.errors.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    // The browser asks for /favicon.ico on its own; the app ships none. Anything else that fails was asked for by the page.
    if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') seen.errors.push(`load failed: ${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => seen.errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('pageerror', (err) => seen.errors.push(`pageerror: ${err.message}`));
  return seen;
}

/** Elements and attributes that can only come from evidence turned into markup. */
async function injectedMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('img, iframe, svg, style, script, a, object, embed'))) {
      const tag = el.tagName.toLowerCase();
      const src = el.getAttribute('src') ?? '';
      const href = el.getAttribute('href') ?? '';
      if (tag === 'img' && (src === 'x' || src.endsWith('/x'))) found.push(`<img src=${src}>`);
      if (tag === 'iframe' || tag === 'object' || tag === 'embed') found.push(`<${tag}>`);
      if (tag === 'script' && !/\/assets\/[\w.-]+\.js$/.test(src)) found.push(`<script src=${JSON.stringify(src)}>`);
      if (href.trim().toLowerCase().startsWith('javascript:')) found.push(`<${tag} href=${href}>`);
    }
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) if (attr.name.toLowerCase().startsWith('on')) found.push(`<${el.tagName.toLowerCase()} ${attr.name}=…>`);
    }
    if (window['__pwned'] !== undefined) found.push(`window.__pwned = ${String(window['__pwned'])}`);
    const violations = window['__cspViolations'] as string[] | undefined;
    if (violations && violations.length > 0) found.push(...violations.map((v) => `CSP violation: ${v}`));
    return found;
  });
}

async function expectClean(page: Page, seen: { dialogs: string[]; errors: string[] }, where: string): Promise<void> {
  expect(seen.dialogs, `dialogs after ${where}`).toEqual([]);
  expect(seen.errors, `console errors after ${where}`).toEqual([]);
  expect(await injectedMarkup(page), `markup from evidence after ${where}`).toEqual([]);
}

/** Every string value inside a parsed JSON value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) strings(item, out);
  return out;
}

/** Text with HTML character references decoded (numeric and the five named ones). */
function decodeEntities(html: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return html.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return named[ref.toLowerCase()] ?? all;
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('hostile evidence is shown as text everywhere and exported only escaped or as data', async ({ page }) => {
  test.setTimeout(120_000);
  const seen = watch(page);
  await page.addInitScript(() => {
    const violations: string[] = [];
    window['__cspViolations'] = violations;
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });

  const dir = join(mkdtempSync(join(tmpdir(), 'nhi-e2e-hostile-')), 'investigation');
  mkdirSync(dir);
  // The file name is evidence too: it comes from the collected bundle.
  const evidence = join(mkdtempSync(join(tmpdir(), 'nhi-e2e-hostile-in-')), `trail<img src=x onerror=alert(6)>.ndjson`);
  writeFileSync(evidence, hostileEvents().map((e) => JSON.stringify(e)).join('\n') + '\n');

  harness.answerDialog('folder', dir);
  await page.goto(harness.url);
  await page.getByTestId('create-workspace').click();
  await expect(page.getByTestId('workspace-name')).toContainText(basename(dir));
  // Before any evidence: zod (in the renderer bundle) probes `new Function` once and the CSP refuses it. That is the
  // app's own doing and harmless; it is noted and cleared so that anything after this point is evidence's doing.
  const baseline = await page.evaluate(() => (window['__cspViolations'] as string[]).splice(0));
  expect(baseline.every((v) => v === 'script-src eval')).toBe(true);

  harness.answerDialog('files', [evidence]);
  await page.getByTestId('import-evidence').click();
  await expect(page.getByTestId('import-progress')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('case-row')).toHaveCount(1);
  await expect(page.getByTestId('case-row')).toContainText(USER);
  await expectClean(page, seen, 'import and the case queue');

  // The case and its signals table: the payloads are text in the rows.
  await page.getByTestId('case-row').first().click();
  await expect(page.getByTestId('anchor-label')).toContainText(USER);
  await expect(page.getByTestId('signal-row')).toHaveCount(4);
  await expect(page.getByTestId('signals-table')).toContainText(P.svg);
  await expectClean(page, seen, 'opening the case');

  // The signal detail and its source record, for each signal.
  for (let i = 0; i < 4; i++) {
    await page.getByTestId('signal-row').nth(i).click();
    await expect(page.getByTestId('signal-detail')).toContainText('trail<img src=x onerror=alert(6)>.ndjson');
    await expect(page.getByTestId('signal-record')).toContainText('eventName');
  }
  const record = page.getByTestId('signal-record');
  await page.getByTestId('signal-row').filter({ hasText: 'ListBuckets' }).click();
  // The source record is shown as JSON: the payloads appear as JSON strings, quotes escaped, markup as typed.
  await expect(record).toContainText(P.script);
  await expect(record).toContainText(JSON.stringify(P.iframe).slice(1, -1));
  await expect(record).toContainText(JSON.stringify(P.ansi).slice(1, -1));
  await expect(page.getByTestId('signal-detail')).toContainText(P.svg);
  await expectClean(page, seen, 'the signal detail and source record');

  // The graph (canvas, labels drawn as text) and the identity panel.
  await page.getByTestId('tab-graph').click();
  await expect(page.getByTestId('case-graph')).toHaveAttribute('data-ready', 'true');
  await expectClean(page, seen, 'the graph');
  await page.getByTestId('show-identity').click();
  await expect(page.getByTestId('identity-panel')).toContainText(USER);
  await page.getByTestId('identity-link-record').first().click();
  await expect(page.getByTestId('identity-panel').getByTestId('signal-record').first()).toContainText(JSON.stringify(P.img).slice(1, -1));
  await expectClean(page, seen, 'the identity panel');
  await page.screenshot({ path: join(REPO, 'test-results/hostile-identity.png') });

  // Export: the harness answers the save dialog; the exported file verifies.
  const out = join(mkdtempSync(join(tmpdir(), 'nhi-e2e-hostile-out-')), 'case.nhicase');
  harness.answerDialog('save', out);
  await page.keyboard.press('Escape');
  await page.getByTestId('export-case').click();
  await expect(page.getByTestId('verify-banner')).toHaveAttribute('data-valid', 'true');
  await expectClean(page, seen, 'export');

  const unpacked = mkdtempSync(join(tmpdir(), 'nhi-e2e-hostile-unzip-'));
  execFileSync('unzip', ['-q', out, '-d', unpacked]);
  const report = readFileSync(join(unpacked, 'report.html'), 'utf8');
  expect(report).not.toMatch(/<script/i);
  expect(report).not.toMatch(/<img/i);
  expect(report).not.toMatch(/<iframe/i);
  expect(report).not.toMatch(/<style>body\{display:none/i);
  // No tag of the report carries an event handler or a javascript: URL ("onerror=" as escaped text is fine: it is
  // outside every tag, since the text has no raw "<").
  const tags = report.match(/<[a-zA-Z][^>]*>/g) ?? [];
  expect(tags.filter((tag) => /\son\w+\s*=/i.test(tag) || /=\s*["']?\s*javascript:/i.test(tag))).toEqual([]);
  // The payloads are in the report, escaped: a reviewer reads exactly what the attacker wrote.
  const text = decodeEntities(report.replace(/<[^>]*>/g, ''));
  for (const payload of [P.script, P.img, P.iframe, P.style, `evil-${P.img}`]) expect(text, `report shows ${payload}`).toContain(payload);
  expect(report).toContain('&#60;script&#62;window.__pwned=1;alert(1)&#60;/script&#62;');

  // case.json and the evidence records hold the payloads as data, byte for byte.
  const data = [JSON.parse(readFileSync(join(unpacked, 'case.json'), 'utf8')) as unknown];
  for (const file of filesUnder(join(unpacked, 'evidence'))) {
    const text = readFileSync(file, 'utf8');
    for (const line of file.endsWith('.json') ? [text] : text.split('\n').filter((l) => l.trim() !== '')) data.push(JSON.parse(line) as unknown);
  }
  const values = strings(data);
  for (const payload of [P.script, P.img, P.svg, P.js, P.ansi, P.rtl, P.iframe, P.style, P.entity, USER_ARN, LONG]) {
    expect(values.some((v) => v.includes(payload)), `exported data holds ${JSON.stringify(payload.slice(0, 40))}`).toBe(true);
  }
});
