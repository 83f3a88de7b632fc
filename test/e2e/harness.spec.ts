// The real renderer in Debian Chromium against the real engine, through the browser harness.
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { startHarness, type Harness } from '../../src/main/harness/server';

const REPO = resolve(__dirname, '../..');
const TRAIL = join(REPO, 'test/fixtures/story/good/trail.json');
const TRUNCATED = join(REPO, 'test/fixtures/story/bad/truncated.json');

// Evaluated in the page; declared here because the test itself compiles without DOM types.
declare const DataTransfer: { new (): { items: { add(file: File): void } } };

let harness: Harness;

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

test('import a CloudTrail file, open its case, see signals and graph, export and verify', async ({ page }) => {
  const out = join(mkdtempSync(join(tmpdir(), 'nhi-e2e-out-')), 'case.nhicase');
  await createWorkspace(page);

  harness.answerDialog('files', [TRAIL]);
  await page.getByTestId('import-evidence').click();
  await expect(page.getByTestId('import-progress')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('import-summary')).toContainText('13');
  await expect(page.getByTestId('case-row')).toHaveCount(3);

  await page.getByTestId('case-row').filter({ hasText: 'user/ci-deployer' }).click();
  await expect(page.getByTestId('anchor-label')).toContainText('user/ci-deployer');
  await expect(page.getByTestId('signal-row')).toHaveCount(8);
  await page.getByTestId('signal-row').first().click();
  await expect(page.getByTestId('signal-detail')).toContainText('trail.json');

  await page.getByTestId('tab-graph').click();
  const graph = page.getByTestId('case-graph');
  await expect(graph).toHaveAttribute('data-ready', 'true');
  expect(Number(await graph.getAttribute('data-node-count'))).toBeGreaterThanOrEqual(8);
  await page.screenshot({ path: join(REPO, 'test-results/harness-case-graph.png') });

  harness.answerDialog('save', out);
  await page.getByTestId('export-case').click();
  const banner = page.getByTestId('verify-banner');
  await expect(banner).toHaveAttribute('data-valid', 'true');
  await expect(banner).toContainText('Verified');
  await page.screenshot({ path: join(REPO, 'test-results/harness-verified.png') });

  // What the app exported is verifiable with nothing but OpenSSH and coreutils.
  const unpacked = mkdtempSync(join(tmpdir(), 'nhi-e2e-unzip-'));
  execFileSync('unzip', ['-q', out, '-d', unpacked]);
  execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: unpacked });
  const signer = readFileSync(join(unpacked, 'allowed_signers'), 'utf8').split(' ')[0]!;
  execFileSync('ssh-keygen', ['-Y', 'verify', '-f', 'allowed_signers', '-I', signer, '-n', 'nhi-workbench-case', '-s', 'SHA256SUMS.sig'], {
    cwd: unpacked,
    input: readFileSync(join(unpacked, 'SHA256SUMS')),
  });
});

test('the demo investigation shows cases within seconds of a first start', async ({ page }) => {
  await page.goto(harness.url);
  await page.getByTestId('open-demo').click();
  await expect(page.getByTestId('case-row').first()).toBeVisible();
  expect(await page.getByTestId('case-row').count()).toBeGreaterThanOrEqual(3);
  await page.screenshot({ path: join(REPO, 'test-results/harness-demo-queue.png') });
});

test('dropping a file on the window imports it', async ({ page }) => {
  await createWorkspace(page);
  const content = readFileSync(TRAIL, 'utf8');
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped-trail.json', { type: 'application/json' }));
    return transfer;
  }, content);
  await page.getByTestId('drop-zone').dispatchEvent('dragover', { dataTransfer });
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('case-row')).toHaveCount(3);
});

test('a refused import says which file and where, and changes nothing', async ({ page }) => {
  await createWorkspace(page);
  harness.answerDialog('files', [TRUNCATED]);
  await page.getByTestId('import-evidence').click();
  const banner = page.getByTestId('error-banner');
  await expect(banner).toContainText('truncated.json');
  await expect(banner).toContainText(/line \d+, column \d+/);
  await expect(page.getByTestId('case-row')).toHaveCount(0);
});
