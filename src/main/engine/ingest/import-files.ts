// One import: read every file, parse it, and only then store signals, resolve identities and propose cases in
// one transaction, and write the evidence store. A refused import leaves the workspace exactly as it was.
import { statSync } from 'node:fs';
import { WorkbenchError } from '../../../shared/errors';
import type { IngestFileResult, IngestResult } from '../../../shared/schemas';
import type { Db } from '../db/database';
import type { WorkspaceFiles } from '../workspace-files';
import type { EventSink } from '../engine';
import { listEvidenceFiles, readEvidenceFile } from './read-evidence';
import { parseEvidenceFile, requireFormat, type ParsedFile } from './parse-evidence';
import { detectFormat } from './registry';
import { storeParsedFile } from './store-signals';
import { resolveIdentities } from '../resolve/resolve-identities';
import { proposeCases } from '../resolve/propose-cases';

/** What an import works on. */
export interface ImportContext {
  db: Db;
  files: WorkspaceFiles;
  emit: EventSink;
  user: string;
  now: Date;
}

/** Imports files and folders into the open workspace's database and evidence store (the caller checkpoints). */
export function importFiles(ctx: ImportContext, paths: string[]): Pick<IngestResult, 'files' | 'signals'> {
  const { db, files, emit } = ctx;
  const candidates = listEvidenceFiles(paths);
  if (candidates.length === 0) {
    throw new WorkbenchError('BAD_INPUT', 'No files to import: the folders given are empty.', { file: paths.join(', '), hint: 'Choose evidence files or a folder that holds them.' });
  }
  const results: IngestFileResult[] = [];
  const parsed: ParsedFile[] = [];
  const seen = new Set<string>();
  const bytesTotal = candidates.reduce((sum, c) => sum + statSync(c.path).size, 0);
  const progress = { fileCount: candidates.length, bytesDone: 0, bytesTotal, records: 0 };
  candidates.forEach((candidate, fileIndex) => {
    const evidence = readEvidenceFile(candidate.path);
    const base = { path: candidate.path, sha256: evidence.sha256, signals: 0, rejected: 0, duplicate: false };
    const known = db.get<{ format: string }>('SELECT format FROM evidence_files WHERE sha256 = ?', [evidence.sha256]);
    if (known || seen.has(evidence.sha256)) {
      progress.bytesDone += evidence.bytes.length;
      results.push({ ...base, format: known?.format ?? 'duplicate', duplicate: true });
      return;
    }
    const parser = candidate.named ? requireFormat(evidence) : detectFormat(evidence.text, evidence.name);
    if (!parser) {
      progress.bytesDone += evidence.bytes.length;
      results.push({ ...base, format: 'unknown', rejected: 1, error: `${evidence.name} is not in a format this version reads; skipped.` });
      return;
    }
    seen.add(evidence.sha256);
    emit('ingestProgress', { phase: 'parsing', file: evidence.name, fileIndex, ...progress });
    const file = parseEvidenceFile(evidence, parser, (records) =>
      emit('ingestProgress', { phase: 'parsing', file: evidence.name, fileIndex, ...progress, records: progress.records + records }),
    );
    progress.records += file.records;
    progress.bytesDone += evidence.bytes.length;
    parsed.push(file);
    results.push({ ...base, format: parser.id, signals: file.signals.length, rejected: file.skipped });
  });

  const at = ctx.now.toISOString();
  const last = candidates.length - 1;
  emit('ingestProgress', { phase: 'storing', file: '', fileIndex: last, ...progress });
  db.transaction(() => {
    for (const file of parsed) {
      const result = results.find((r) => r.sha256 === file.file.sha256 && !r.duplicate)!;
      result.signals = storeParsedFile(db, file, { importedAt: at, importedBy: ctx.user });
    }
    emit('ingestProgress', { phase: 'resolving', file: '', fileIndex: last, ...progress });
    resolveIdentities(db);
    proposeCases(db, at);
  });
  for (const file of parsed) files.storeEvidence(file.file.sha256, file.file.bytes);
  emit('ingestProgress', { phase: 'done', file: '', fileIndex: last, ...progress, bytesDone: progress.bytesTotal });
  return { files: results, signals: results.reduce((n, r) => n + r.signals, 0) };
}
