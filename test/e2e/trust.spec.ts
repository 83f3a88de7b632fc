// The reviewer's trust list in Chromium through the harness: a case file from another analyst verifies but is not
// trusted; after comparing the fingerprint the reviewer trusts the signer, and the same file then shows as trusted,
// also for the CLI and ssh-keygen, which read the same allowed_signers file.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inProcessEngine } from '../../src/main/engine/engine-client';
import { startHarness } from '../../src/main/harness/server';

const REPO = resolve(__dirname, '../..');

test('trusting the signer of a verified case file, then removing the trust again', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'nhi-e2e-trust-'));
  const engine = inProcessEngine();
  await engine.call('open', { path: join(dir, 'ws'), create: true });
  await engine.call('ingest', { paths: [join(REPO, 'test/fixtures/story/good/trail.json')] });
  const signer = await engine.call('keygen', { outPath: join(dir, 'colleague-key'), name: 'colleague@example.org' });
  const [first] = (await engine.call('listCases', { offset: 0, limit: 1 })).items;
  const caseFile = join(dir, 'from-colleague.nhicase');
  await engine.call('exportCase', { id: first!.id, outPath: caseFile, keyPath: join(dir, 'colleague-key') });
  await engine.dispose();

  const harness = await startHarness({ rendererDir: join(REPO, 'out/renderer'), demoBundle: join(REPO, 'resources/demo') });
  try {
    await page.goto(harness.url);
    harness.answerDialog('casefile', caseFile);
    await page.getByTestId('open-case-file').first().click();
    const banner = page.getByTestId('review-banner');
    await expect(banner).toHaveAttribute('data-valid', 'true');
    await expect(banner).toHaveAttribute('data-trusted', 'false');

    await page.getByTestId('trust-signer').click();
    await expect(page.getByTestId('trust-fingerprint')).toHaveText(signer.fingerprint);
    await page.getByTestId('trust-signer-confirm').click();
    await expect(banner).toHaveAttribute('data-trusted', 'true');
    await expect(banner).toContainText('signer in your trust list');
    await page.screenshot({ path: join(REPO, 'test-results/trust-trusted.png') });

    // The app's trust list is a real allowed_signers file: ssh-keygen accepts the case file with it.
    const allowed = join(harness.dataDir, 'allowed_signers');
    expect(readFileSync(allowed, 'utf8')).toContain('colleague@example.org');
    const unpacked = mkdtempSync(join(tmpdir(), 'nhi-e2e-trust-unzip-'));
    execFileSync('unzip', ['-q', caseFile, '-d', unpacked]);
    execFileSync('ssh-keygen', ['-Y', 'verify', '-f', allowed, '-I', 'colleague@example.org', '-n', 'nhi-workbench-case', '-s', join(unpacked, 'SHA256SUMS.sig')], {
      input: readFileSync(join(unpacked, 'SHA256SUMS')),
    });

    // Remove the trust again from the list on the start view.
    await page.getByTestId('review-close').click();
    await page.getByTestId('trusted-signers').click();
    await expect(page.getByTestId('trusted-signer')).toHaveCount(2);
    await page.getByTestId('trusted-signer').nth(1).getByRole('button', { name: 'Remove' }).click();
    await expect(page.getByTestId('trusted-signer')).toHaveCount(1);
    expect(readFileSync(allowed, 'utf8')).not.toContain('colleague@example.org');
  } finally {
    await harness.close();
  }
});
