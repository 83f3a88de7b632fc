// No raw secret in any export: cases built from evidence that holds fake secrets are exported in every format, and
// every byte of every output (every member of the case file) is searched for them.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, type ExportFormat } from '../../../../src/shared/case-file';
import { inProcessEngine, type EngineClient } from '../../../../src/main/engine/engine-client';
import { findChromium } from '../../../../src/main/engine/report/export-pdf';
import { FIXTURES, tempDir } from '../../../helpers/workspace';

const TRAIL = join(FIXTURES, 'story/good/trail.json');
const GITLEAKS = join(FIXTURES, 'gitleaks/report-v8.json');
const TRUFFLEHOG = join(FIXTURES, 'trufflehog/results.ndjson');
const FORMATS = EXPORT_FORMATS.filter((f) => f !== 'pdf' || findChromium() !== null);
if (!FORMATS.includes('pdf')) console.log('secrets scan: no Chromium, so no PDF is scanned');

/** The fake secrets in the fixtures. AWS access key IDs (AKIA…) are identifiers the workbench shows on purpose; the secret keys, tokens and private keys are not. */
function fixtureSecrets(files: string[]): string[] {
  const out = new Set<string>();
  const trail = readFileSync(TRAIL, 'utf8');
  for (const m of trail.matchAll(/"(secretAccessKey|sessionToken)"\s*:\s*"([^"]+)"/g)) out.add(m[2] ?? '');
  if (files.includes(GITLEAKS)) for (const leak of JSON.parse(readFileSync(GITLEAKS, 'utf8')) as { Secret: string }[]) out.add(leak.Secret);
  if (files.includes(TRUFFLEHOG)) for (const line of readFileSync(TRUFFLEHOG, 'utf8').split('\n').filter(Boolean)) {
    const r = JSON.parse(line) as { Raw?: string; RawV2?: string };
    for (const v of [r.Raw, r.RawV2]) if (v) out.add(v.replace(/^AKIA[A-Z0-9]{16}/, ''));
  }
  const secrets = [...out].filter((s) => s.length >= 12 && !/^AKIA[A-Z0-9]{16}$/.test(s));
  // Multi-line secrets (a private key) are searched line by line too, so a partial leak is caught.
  return [...new Set(secrets.flatMap((s) => [s, ...s.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----'))]))];
}

/** Every searchable text of an export: the file, each zip member, and each inflated PDF stream. */
function texts(bytes: Buffer, format: ExportFormat): { where: string; text: string }[] {
  const out = [{ where: 'file', text: bytes.toString('latin1') }];
  if (format === 'nhicase') for (const [name, data] of Object.entries(unzipSync(bytes))) out.push({ where: name, text: Buffer.from(data).toString('utf8') });
  if (format === 'pdf') {
    const raw = bytes.toString('latin1');
    for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
      try {
        out.push({ where: 'pdf stream', text: inflateSync(Buffer.from(m[1] ?? '', 'latin1')).toString('latin1') });
      } catch {
        // not a Flate stream (an image, a font subset): nothing textual to search
      }
    }
  }
  return out;
}

let engine: EngineClient;
let ws: string;
const ingestedFiles: string[] = [];
let caseIds: string[];
const outDir = tempDir();

beforeAll(async () => {
  ws = join(tempDir(), 'ws');
  engine = inProcessEngine({ user: 'tester@example.org' });
  await engine.call('open', { path: ws, create: true });
  await engine.call('ingest', { paths: [TRAIL] });
  ingestedFiles.push(TRAIL);
  // The secret-scanner reports join when this version reads them (their parsers arrive with another issue).
  for (const file of [GITLEAKS, TRUFFLEHOG]) {
    try {
      await engine.call('ingest', { paths: [file] });
      ingestedFiles.push(file);
    } catch (err) {
      console.log(`secrets scan: ${file} not scanned: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  caseIds = (await engine.call('listCases', { offset: 0, limit: 1000 })).items.map((c) => c.id);
  await engine.call('keygen', { outPath: join(outDir, 'key'), name: 'analyst@example.org' });
}, 60_000);

afterAll(async () => {
  await engine.dispose();
});

async function exportAll(): Promise<{ id: string; format: ExportFormat; path: string }[]> {
  const jobs = caseIds.flatMap((id) => FORMATS.map((format) => ({ id, format, path: join(outDir, `${id}.${format}`) })));
  for (const job of jobs) {
    const input = { id: job.id, outPath: job.path, keyPath: join(outDir, 'key'), format: job.format };
    await engine.call('exportCase', input);
  }
  return jobs;
}

describe('secrets scan of every export format', () => {
  it('finds none of the fixtures\' fake secrets in any byte of any member of any format', async () => {
    const secrets = fixtureSecrets(ingestedFiles);
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    // The scan can fail: the raw evidence itself holds every secret it looks for.
    const evidence = ingestedFiles.map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const s of secrets) expect(evidence.includes(s.split('\n')[0] ?? s), s.slice(0, 12)).toBe(true);
    expect(caseIds.length).toBeGreaterThanOrEqual(3);
    // The cases really cite the record that held the secret: the evidence members carry its redacted form.
    const jobs = await exportAll();
    expect(readdirSync(outDir).length).toBeGreaterThanOrEqual(jobs.length);
    let scanned = 0;
    for (const job of jobs) {
      for (const { where, text } of texts(readFileSync(job.path), job.format)) {
        scanned++;
        for (const secret of secrets) expect(text.includes(secret), `${job.id} ${job.format} ${where} holds ${secret.slice(0, 8)}…`).toBe(false);
      }
    }
    expect(scanned).toBeGreaterThan(jobs.length);
  }, 300_000);
});
