// Workspace-wide search, end to end in Chromium through the browser harness against the real engine: import the story
// trail and an inventory, search for an IP and for an API action from the header, see the hits with the case each is
// in, open the case from a hit, and search for words no signal has.
import { test, expect, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { startHarness, type Harness } from '../../src/main/harness/server';

const REPO = resolve(__dirname, '../..');
const FIXTURES = join(REPO, 'test/fixtures');
const SHOTS = join(REPO, 'test-results');

let harness: Harness;

test.beforeEach(async () => {
  harness = await startHarness({ rendererDir: join(REPO, 'out/renderer'), demoBundle: join(REPO, 'resources/demo') });
});
test.afterEach(async () => {
  await harness.close();
});

async function createWorkspace(page: Page): Promise<void> {
  const dir = join(mkdtempSync(join(tmpdir(), 'nhi-e2e-search-')), 'investigation');
  mkdirSync(dir);
  harness.answerDialog('folder', dir);
  await page.goto(harness.url);
  await page.getByTestId('create-workspace').click();
  await expect(page.getByTestId('workspace-name')).toContainText(basename(dir));
}

async function importFiles(page: Page, paths: string[]): Promise<void> {
  harness.answerDialog('files', paths);
  await page.getByTestId('import-evidence').click();
  await expect(page.getByTestId('import-progress')).toHaveAttribute('data-done', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('case-row').first()).toBeVisible();
}

test('an analyst searches every signal for an IP and an API action and opens a case from a hit', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.location().url.endsWith('/favicon.ico')) problems.push(`console: ${msg.text()} ${msg.location().url}`);
  });

  await createWorkspace(page);
  await importFiles(page, [join(FIXTURES, 'story/good/trail.json'), join(FIXTURES, 'inventory/nhi-inventory.csv')]);

  // The attacker's address: every signal from it, across the user's and the role's cases.
  const box = page.getByTestId('workspace-search');
  await box.fill('203.0.113.10');
  await box.press('Enter');
  await expect(page.getByTestId('search-results')).toBeVisible();
  await expect(page.getByTestId('case-queue')).toHaveCount(0);
  const hits = page.getByTestId('search-hit');
  await expect(hits.first()).toBeVisible();
  expect(await hits.count()).toBeGreaterThanOrEqual(11);
  await expect(page.getByTestId('search-count')).toContainText(/\d+ hits/);
  for (const hit of await hits.all()) await expect(hit).toContainText('203.0.113.10');
  const cases = new Set(await hits.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id'))));
  expect(cases.size).toBe(2);
  await expect(hits.first()).toContainText(/C-\d+/);
  await page.screenshot({ path: join(SHOTS, 'search-ip.png') });

  // An API action, typed (the search runs after a pause), narrowed by a second word.
  await box.fill('GetSecretValue');
  await expect(hits).toHaveCount(1);
  const hit = hits.first();
  await expect(hit).toContainText('secretsmanager:GetSecretValue');
  await expect(hit).toContainText('user/ci-deployer');
  const caseId = (await hit.getAttribute('data-case-id')) ?? '';
  const signalId = (await hit.getAttribute('data-signal-id')) ?? '';
  expect(caseId).toMatch(/^C-\d+$/);

  // Opening the hit opens its case with that signal's details; the results step aside.
  await hit.click();
  await expect(page.getByTestId('search-results')).toHaveCount(0);
  await expect(page.getByTestId('anchor-label')).toContainText('ci-deployer');
  await expect(page.getByTestId('signal-detail')).toHaveAttribute('data-signal-id', signalId);
  await expect(page.getByTestId('signal-detail')).toContainText('GetSecretValue');
  await page.screenshot({ path: join(SHOTS, 'search-opened-case.png') });

  // The results come back with Enter (or the Results link) and go away with Escape.
  await page.getByTestId('workspace-search-results').click();
  await expect(hits).toHaveCount(1);
  await box.press('Escape');
  await expect(page.getByTestId('search-results')).toHaveCount(0);
  await expect(page.getByTestId('anchor-label')).toContainText('ci-deployer');

  // Words no signal has, and query syntax, find nothing and say so.
  for (const text of ['no-such-word-anywhere', '" OR *']) {
    await box.fill(text);
    await box.press('Enter');
    await expect(page.getByTestId('search-count')).toHaveText('0 hits');
    await expect(page.getByTestId('search-table')).toContainText('No signal matches');
  }

  // Clearing the box puts the view back.
  await box.fill('');
  await expect(page.getByTestId('search-results')).toHaveCount(0);
  expect(problems).toEqual([]);
});
