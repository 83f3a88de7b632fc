// Cancelling a long import from the progress bar: the engine (in its worker thread) stops, nothing is imported.
import { test, expect } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHarness } from '../../src/main/harness/server';

const REPO = resolve(__dirname, '../..');

function bigTrail(dir: string, events: number): string {
  const lines: string[] = [];
  for (let i = 0; i < events; i++) {
    lines.push(
      JSON.stringify({
        eventVersion: '1.09',
        userIdentity: { type: 'IAMUser', principalId: `AIDACANCELE2E${String(i % 40).padStart(7, '0')}`, arn: `arn:aws:iam::999988887777:user/bot-${i % 40}`, accountId: '999988887777' },
        eventTime: new Date(Date.UTC(2026, 1, 1) + i * 1000).toISOString(),
        eventSource: 's3.amazonaws.com',
        eventName: 'GetObject',
        awsRegion: 'eu-west-1',
        sourceIPAddress: '198.51.100.9',
        requestParameters: { bucketName: 'b', key: `k/${i}` },
        eventID: `cancel-e2e-${i}`,
      }),
    );
  }
  const path = join(dir, 'big.ndjson');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

test('a long import can be cancelled from its progress bar and leaves the workspace empty', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'nhi-e2e-cancel-'));
  const ws = join(dir, 'investigation');
  mkdirSync(ws);
  const big = bigTrail(dir, 120_000);
  const harness = await startHarness({ rendererDir: join(REPO, 'out/renderer'), demoBundle: join(REPO, 'resources/demo') });
  try {
    harness.answerDialog('folder', ws);
    await page.goto(harness.url);
    await page.getByTestId('create-workspace').click();
    harness.answerDialog('files', [big]);
    await page.getByTestId('import-evidence').click();
    await page.getByTestId('import-cancel').click();
    await expect(page.getByTestId('error-banner')).toContainText('cancelled');
    await expect(page.getByTestId('import-progress')).toHaveAttribute('data-done', 'true');
    await expect(page.getByTestId('case-row')).toHaveCount(0);
    await page.screenshot({ path: join(REPO, 'test-results/import-cancelled.png') });
  } finally {
    await harness.close();
  }
});
