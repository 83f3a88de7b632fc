// report.html printed to PDF by a locally installed Chromium, for the CLI (the desktop app prints the same HTML with
// Electron's printToPDF). Chromium runs headless on a private temp copy, with its profile and network kept out.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkbenchError } from '../../../shared/errors';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const TIMEOUT_MS = 120_000;

/** The Chromium to print with: CHROMIUM_PATH when set (and present), else the first usual install path found. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env['CHROMIUM_PATH'];
  if (chosen) return existsSync(chosen) ? chosen : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/** Prints self-contained HTML to PDF bytes with headless Chromium; refuses (REFUSED) when no Chromium is installed. */
export function htmlToPdf(html: string, chromium: string | null = findChromium()): Buffer {
  if (!chromium) {
    throw new WorkbenchError('REFUSED', 'No Chromium found to render the PDF.', {
      hint: 'install chromium, or set CHROMIUM_PATH to a Chromium or Chrome binary; or export --format html and print it from a browser',
    });
  }
  const dir = mkdtempSync(join(tmpdir(), 'nhi-pdf-'));
  try {
    const page = join(dir, 'report.html');
    const out = join(dir, 'report.pdf');
    writeFileSync(page, html, { mode: 0o600 });
    const result = spawnSync(
      chromium,
      [
        '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--disable-extensions', '--no-pdf-header-footer', `--user-data-dir=${join(dir, 'profile')}`, `--print-to-pdf=${out}`,
        pathToFileURL(page).href,
      ],
      { encoding: 'utf8', timeout: TIMEOUT_MS, env: { ...process.env, HOME: dir } },
    );
    const pdf = existsSync(out) ? readFileSync(out) : null;
    if (!pdf || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
      const why = result.error ? result.error.message : `exit ${result.status ?? result.signal}: ${(result.stderr ?? '').trim().split('\n').slice(-3).join(' ')}`;
      throw new WorkbenchError('REFUSED', `Chromium did not print the report to PDF (${why.slice(0, 500)}).`, { hint: `check that ${chromium} runs headless` });
    }
    return pdf;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
