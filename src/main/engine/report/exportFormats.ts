// One entry point for every export format: the signed case file, or one unsigned view of the same CaseFileInput.
import { createHash } from 'node:crypto';
import { assertNever, WorkbenchError } from '../../../shared/errors';
import type { ExportFormat } from '../../../shared/case-file';
import { writeFileAtomic } from '../db/atomic-write';
import type { CaseFileInput } from './case-file-input';
import { buildCaseFile, buildCaseJson, writeCaseFile } from './case-file';
import { renderSignalsCsv } from './export-csv';
import { renderMarkdown } from './export-markdown';
import { htmlToPdf } from './export-pdf';
import { buildStixBundle } from './export-stix';
import { renderReportHtml } from './report-html';
import type { SigningKey } from './ssh-key';

/** Where an export went, its size and SHA-256 (of the zip, the file, or a folder's SHA256SUMS). */
export interface ExportedFile {
  path: string;
  format: ExportFormat;
  bytes: number;
  sha256: string;
}

/** Writes `input` as `format` to `outPath`; only `nhicase` is signed and needs `key`, the others name its holder if given. */
export function exportCaseAs(input: CaseFileInput, format: ExportFormat, outPath: string, key?: SigningKey): ExportedFile {
  if (format === 'nhicase') {
    if (!key) throw new WorkbenchError('USAGE', 'A signed case file needs a signing key.', { hint: 'pass --key <private-key>' });
    const written = writeCaseFile(buildCaseFile(input, key), outPath);
    return { path: written.path, format, bytes: written.bytes, sha256: written.sha256 };
  }
  const bytes = renderFormat(input, format, key ?? null);
  writeFileAtomic(outPath, bytes);
  return { path: outPath, format, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** The bytes of one unsigned format, in memory (the app prints `html` to PDF itself with Electron). */
export function renderFormat(input: CaseFileInput, format: Exclude<ExportFormat, 'nhicase'>, key: SigningKey | null): Buffer {
  const signer = key ? { name: key.name, fingerprint: key.fingerprint, publicKeyLine: key.publicKeyLine } : null;
  switch (format) {
    case 'html':
      return Buffer.from(renderReportHtml(input, signer), 'utf8');
    case 'pdf':
      return htmlToPdf(renderReportHtml(input, signer));
    case 'md':
      return Buffer.from(renderMarkdown(input, signer), 'utf8');
    case 'json':
      return Buffer.from(`${JSON.stringify(buildCaseJson(input, signer), null, 2)}\n`, 'utf8');
    case 'stix':
      return Buffer.from(`${JSON.stringify(buildStixBundle(input, signer?.name ?? null), null, 2)}\n`, 'utf8');
    case 'csv':
      return Buffer.from(renderSignalsCsv(input), 'utf8');
    default:
      return assertNever(format);
  }
}
