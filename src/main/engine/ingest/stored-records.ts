// Reading records back out of the evidence store: checked against their custody hash, parsed again, redacted.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { WorkbenchError } from '../../../shared/errors';
import type { WorkspaceFiles } from '../workspace-files';
import { textSource } from './evidence-source';
import { collectSecrets, redactRecord } from './redact';
import { parserById } from './registry';
import type { FormatParser } from './types';
import { FINDING_SOURCES } from '../resolve/sources';

/** The custody fields needed to find and re-read a stored file. */
export interface StoredFile {
  sha256: string;
  name: string;
  format: string;
}

/** A redacted record as it was collected. */
export interface StoredRecord {
  recordIndex: number;
  line: number | null;
  value: unknown;
}

/** The wanted records of a stored evidence file, redacted; refuses a file that no longer matches its hash. */
export function readStoredRecords(files: WorkspaceFiles, file: StoredFile, wanted: Set<number>, resolve: (id: string) => FormatParser | undefined = parserById): StoredRecord[] {
  const parser = resolve(file.format);
  if (!parser) throw new WorkbenchError('INTERNAL', `No parser for stored format ${file.format}.`);
  let bytes: Buffer = files.readEvidence(file.sha256);
  if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) {
    throw new WorkbenchError('REFUSED', `Evidence file ${file.name} in the evidence store no longer matches its recorded SHA-256.`, {
      file: files.evidencePath(file.sha256),
      hint: 'The evidence store was changed after import. Restore it from a backup.',
    });
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  // Two passes: a secret one record names (a scanner's finding) is redacted wherever any other record quotes it.
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const secrets = new Set<string>();
  // Only scanner reports name a secret in one record and quote it in another; for other formats a second full
  // pass over a large file would double the cost of every export for nothing.
  if (FINDING_SOURCES.includes(file.format)) for (const record of parser.records(textSource(file.name, text))) collectSecrets(record.value, '', secrets);
  const out: StoredRecord[] = [];
  const last = Math.max(...wanted);
  for (const record of parser.records(textSource(file.name, text))) {
    if (wanted.has(record.index)) out.push({ recordIndex: record.index, line: record.line, value: redactRecord(record.value, secrets) });
    if (record.index >= last) break;
  }
  return out;
}
