// Reviewer mode in Debian Chromium through the browser harness: a case file signed with the engine opens read-only
// from the dialog and says "Verified", a tampered copy dropped on the window says which member failed, and the
// same case's report renders to PDF as the app's PDF export would (Chromium's page.pdf from the report HTML).
import { test, expect, type Page } from '@playwright/test';
import { unzipSync, zipSync } from 'fflate';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { inProcessEngine } from '../../src/main/engine/engine-client';
import { startHarness, type Harness } from '../../src/main/harness/server';

const REPO = resolve(__dirname, '../..');
const TRAIL = join(REPO, 'test/fixtures/story/good/trail.json');
const SHOTS = join(REPO, 'test-results');
const ANCHOR = 'user/ci-deployer';
const SIGNER = 'reviewer-e2e@example.org';
const NOTE = 'Key used from 198.51.100.7 before the deploy window <b>not markup</b>';

// Evaluated in the page; declared here because the test itself compiles without DOM types.
declare const DataTransfer: { new (): { items: { add(file: File): void } } };
declare function atob(data: string): string;

interface Prepared {
  caseFile: string;
  tampered: string;
  html: string;
  signals: number;
}

let prepared: Prepared;
let harness: Harness;

/** A workspace with the story trail, a signing key and the ci-deployer case (with a note and a step) exported signed and as HTML. */
async function prepare(): Promise<Prepared> {
  const dir = mkdtempSync(join(tmpdir(), 'nhi-e2e-review-'));
  const engine = inProcessEngine({ user: 'analyst@e2e' });
  try {
    await engine.call('open', { path: join(dir, 'workspace'), create: true });
    await engine.call('ingest', { paths: [TRAIL] });
    const keyPath = join(dir, 'signing-key');
    await engine.call('keygen', { outPath: keyPath, name: SIGNER });
    const cases = await engine.call('listCases', { limit: 100 });
    const target = cases.items.find((c) => c.anchor.label.includes(ANCHOR));
    if (!target) throw new Error(`no case anchored on ${ANCHOR}`);
    await engine.call('addNote', { id: target.id, text: NOTE });
    await engine.call('setStep', { id: target.id, step: 'rotate', done: true, note: 'new key issued' });
    const caseFile = join(dir, `${target.id}.nhicase`);
    await engine.call('exportCase', { id: target.id, outPath: caseFile, keyPath });
    const html = join(dir, `${target.id}.html`);
    await engine.call('exportCase', { id: target.id, outPath: html, keyPath, format: 'html' });

    // One byte of case.json changed, every other member as signed.
    const members = unzipSync(readFileSync(caseFile));
    const json = members['case.json'];
    if (!json) throw new Error('the case file has no case.json');
    const at = Buffer.from(json).indexOf('ci-deployer');
    expect(at).toBeGreaterThan(0);
    json[at] = 'C'.charCodeAt(0);
    const tampered = join(dir, 'tampered.nhicase');
    writeFileSync(tampered, zipSync(members));
    return { caseFile, tampered, html, signals: target.signals };
  } finally {
    await engine.dispose();
  }
}

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  prepared = await prepare();
});
test.beforeEach(async () => {
  harness = await startHarness({ rendererDir: join(REPO, 'out/renderer'), demoBundle: join(REPO, 'resources/demo') });
});
test.afterEach(async () => {
  await harness.close();
});

async function createWorkspace(page: Page): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'nhi-e2e-')), 'investigation');
  mkdirSync(dir);
  harness.answerDialog('folder', dir);
  await page.goto(harness.url);
  await page.getByTestId('create-workspace').click();
  await expect(page.getByTestId('workspace-name')).toContainText(basename(dir));
  return dir;
}

/** Drops a file on the window the way a file manager would (the harness uploads it and answers with a path). */
async function dropFile(page: Page, path: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ data, name }) => {
      const binary = atob(data);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type: 'application/zip' }));
      return transfer;
    },
    { data: readFileSync(path).toString('base64'), name: basename(path) },
  );
  await page.getByTestId('drop-zone').dispatchEvent('dragover', { dataTransfer });
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
}

test('a signed case file opens read-only from the dialog: verified, its signals, no editing, and Close goes back', async ({ page }) => {
  await createWorkspace(page);
  harness.answerDialog('casefile', prepared.caseFile);
  await page.getByTestId('open-case-file').click();

  const banner = page.getByTestId('review-banner');
  await expect(banner).toHaveAttribute('data-valid', 'true');
  await expect(banner).toContainText('Verified');
  await expect(banner).toContainText(`signed by ${SIGNER}`);
  await expect(banner).toContainText(/\(SHA256:[A-Za-z0-9+/]+\)/);
  // Signed with a key the harness has never seen: intact, but not trusted.
  await expect(banner).toHaveAttribute('data-trusted', 'false');
  await expect(banner).toContainText('signer not in your trust list');

  await expect(page.getByTestId('review-anchor')).toContainText(ANCHOR);
  await expect(page.getByTestId('review-signal-row')).toHaveCount(prepared.signals);
  await page.getByTestId('review-signal-row').first().click();
  await expect(page.getByTestId('review-signal-detail')).toContainText('trail.json');
  await page.screenshot({ path: join(SHOTS, 'reviewer-verified.png') });

  // Read-only: none of the workspace's editing controls are on screen.
  for (const id of ['split-signals', 'move-signals', 'export-case', 'import-evidence', 'undo', 'note-add']) await expect(page.getByTestId(id)).toHaveCount(0);
  await expect(page.locator('[data-testid="reviewer-view"] input:not([type="search"]), [data-testid="reviewer-view"] textarea, [data-testid="reviewer-view"] select')).toHaveCount(0);

  await page.getByTestId('review-tab-custody').click();
  const custody = page.getByTestId('review-custody-row');
  await expect(custody).toHaveCount(1);
  await expect(custody).toContainText('trail.json');
  await expect(custody).toContainText(/[0-9a-f]{64}/);
  await expect(custody).toContainText('analyst@e2e');
  await page.getByTestId('review-tab-links').click();
  await page.getByTestId('review-tab-notes').click();
  // Notes and steps come from the signed audit entries; text from the file stays text.
  await expect(page.getByTestId('review-note')).toContainText(NOTE);
  await expect(page.locator('[data-testid="review-note"] b')).toHaveCount(0);
  await page.getByTestId('review-tab-steps').click();
  await expect(page.getByTestId('review-step')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('review-step')).toContainText('analyst@e2e');
  await page.getByTestId('review-tab-audit').click();
  await expect(page.getByTestId('review-audit-entry').first()).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'reviewer-audit.png') });

  await page.getByTestId('review-close').click();
  await expect(page.getByTestId('reviewer-view')).toHaveCount(0);
  await expect(page.getByTestId('workspace-name')).toBeVisible();
});

test('a tampered case file dropped on the window says verification failed and names case.json', async ({ page }) => {
  await page.goto(harness.url);
  await expect(page.getByTestId('open-demo')).toBeEnabled();
  await dropFile(page, prepared.tampered);

  const banner = page.getByTestId('review-banner');
  await expect(banner).toHaveAttribute('data-valid', 'false');
  await expect(banner).toContainText('Verification failed');
  const problem = page.getByTestId('review-problem').filter({ hasText: 'case.json' });
  await expect(problem.first()).toContainText(/Verification failed: case\.json: \w[\w-]*: ./);
  // Still readable, but marked as not to be relied on.
  await expect(page.getByTestId('review-unverified')).toBeVisible();
  await expect(page.getByTestId('review-signal-row')).toHaveCount(prepared.signals);
  await page.screenshot({ path: join(SHOTS, 'reviewer-tampered.png') });

  // It was reviewed, not imported: closing goes back to the start view with no workspace.
  await page.getByTestId('review-close').click();
  await expect(page.getByTestId('open-demo')).toBeVisible();
});

test("the case's report renders to PDF", async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto(`file://${prepared.html}`);
  await expect(page.locator('body')).toContainText(ANCHOR);
  await page.screenshot({ path: join(SHOTS, 'reviewer-report.png'), fullPage: true });
  const pdf = join(SHOTS, 'reviewer-report.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  await page.close();
  expect(existsSync(pdf)).toBe(true);
  expect(readFileSync(pdf).subarray(0, 4).toString('latin1')).toBe('%PDF');
  expect(statSync(pdf).size).toBeGreaterThan(10 * 1024);
});
