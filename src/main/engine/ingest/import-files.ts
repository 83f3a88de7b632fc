// One import, streamed: every file is hashed, checked against its manifest, detected from its first 64 KiB and
// parsed record by record, each signal written as it is made, all inside ONE transaction for the whole import.
// Identities and cases are resolved in it too, and the evidence is copied into the store before COMMIT. Any
// refusal rolls the database back and takes the copies out again: a refused import leaves the workspace as it was.
import { WorkbenchError } from '../../../shared/errors';
import type { IngestFileResult, IngestResult } from '../../../shared/schemas';
import type { Db } from '../db/database';
import type { WorkspaceFiles } from '../workspace-files';
import type { EventSink } from '../engine';
import { hashEvidence, readEvidenceHead, evidenceSource, unreadable, type Candidate } from './read-evidence';
import { parseEvidence, requireFormat, SkipLog } from './parse-evidence';
import { detectFormat, parserById, parsers } from './registry';
import { SignalWriter } from './store-signals';
import type { FormatParser } from './types';
import { hashMismatch, listCandidates } from './bundle/candidates';
import { EvidenceCopier } from './bundle/copy-evidence';
import { ProgressReporter } from './bundle/progress';
import { resolveIdentities } from '../resolve/resolve-identities';
import { proposeCases } from '../resolve/propose-cases';
import { foldFirsts } from '../resolve/first-seen';
import { storeEvidenceCounts } from '../queries/evidence-counts';
import { indexSignals, lastSignalId } from '../db/search-index';

/** What an import works on. */
export interface ImportContext {
  db: Db;
  files: WorkspaceFiles;
  emit: EventSink;
  user: string;
  now: Date;
}

/** The user's choices for one import. */
export interface ImportOptions {
  /** Skip malformed records (listed per file) instead of refusing the file and the import. */
  skipBadRecords?: boolean;
  /** Read every file as this format (a parser id) instead of detecting it. */
  format?: string;
  /** Read every file with this parser (a column mapping's); wins over `format`. */
  parser?: FormatParser;
  /** Polled with every progress report; true stops the import, which then changes nothing. */
  cancelled?: () => boolean;
}

/** Imports files, folders and zips into the open workspace's database and evidence store (the caller checkpoints). */
export function importFiles(ctx: ImportContext, paths: string[], options: ImportOptions = {}): Pick<IngestResult, 'files' | 'signals'> {
  const { db, files, emit } = ctx;
  const forced = options.parser ?? (options.format === undefined ? null : knownParser(options.format));
  const listed = listCandidates(paths, parsers.map((p) => p.id));
  if (listed.length === 0) {
    throw new WorkbenchError('BAD_INPUT', 'No files to import: the folders given are empty.', { file: paths.join(', '), hint: 'Choose evidence files or a folder that holds them.' });
  }
  const candidates = listed.flatMap((l) => (l.kind === 'file' ? [l.file] : []));
  const progress = new ProgressReporter(
    (p) => {
      // Thrown from inside the import's transaction, so everything it did is rolled back and its copies removed.
      if (options.cancelled?.()) throw new WorkbenchError('REFUSED', 'The import was cancelled; nothing was changed.', { hint: 'Import again when you are ready.' });
      emit('ingestProgress', p);
    },
    candidates.length,
    candidates.reduce((n, c) => n + c.size, 0),
  );
  const at = ctx.now.toISOString();
  const copier = new EvidenceCopier(files);
  const results: IngestFileResult[] = [];
  try {
    db.transaction(() => {
      const indexedUpTo = lastSignalId(db);
      // Everything already stored is folded into what each identifier did first; the writer folds the new signals.
      foldFirsts(db);
      const writer = new SignalWriter(db, { importedAt: at, importedBy: ctx.user });
      const importer = new FileImporter(db, writer, progress, forced, options.skipBadRecords ?? false);
      try {
        let fileIndex = 0;
        for (const item of listed) results.push(item.kind === 'notice' ? item.result : importer.import(item.file, fileIndex++));
        writer.flushFirsts();
      } finally {
        importer.free();
      }
      progress.phase('resolving');
      resolveIdentities(db);
      proposeCases(db, at);
      // After proposeCases, so the first-seen signals it derives are searchable too.
      indexSignals(db, indexedUpTo);
      storeEvidenceCounts(db);
      progress.phase('storing');
      for (const { sha256, file } of importer.imported) copier.copy(sha256, () => file.open(), file.display);
      copier.finish();
    });
  } catch (err) {
    copier.undo();
    throw err;
  }
  progress.phase('done');
  return { files: results, signals: results.reduce((n, r) => n + r.signals, 0) };
}

/** The parser a user named, or a USAGE error listing the ids there are. */
function knownParser(id: string): FormatParser {
  const parser = parserById(id);
  if (parser) return parser;
  throw new WorkbenchError('USAGE', `Unknown format "${id}". Known formats: ${parsers.map((p) => p.id).join(', ')}.`, {
    hint: 'Leave the format out to detect it from each file, or choose one of the known ids.',
  });
}

/** Imports one file at a time within the import's transaction. */
class FileImporter {
  /** Files whose signals were written: their evidence is copied into the store before COMMIT. */
  readonly imported: { sha256: string; file: Candidate }[] = [];

  constructor(
    private readonly db: Db,
    private readonly writer: SignalWriter,
    private readonly progress: ProgressReporter,
    private readonly forced: FormatParser | null,
    private readonly skipBadRecords: boolean,
  ) {}

  import(file: Candidate, fileIndex: number): IngestFileResult {
    this.progress.startFile(file.name, fileIndex, file.size);
    const rejectedBefore = this.progress.rejected;
    try {
      const result = this.importFile(file);
      // Skipped records were counted as they came; the file's other rejects (empty records, a refused file) now.
      this.progress.reject(result.rejected - (this.progress.rejected - rejectedBefore));
      return result;
    } finally {
      this.progress.endFile();
    }
  }

  free(): void {
    this.writer.free();
  }

  private importFile(file: Candidate): IngestFileResult {
    const { sha256, size } = hashEvidence(file);
    const base: IngestFileResult = { path: file.display, sha256, format: 'unknown', signals: 0, rejected: 0, duplicate: false };
    if (file.bundle !== null) base.bundle = file.bundle;
    if (file.listed && (file.listed.sha256 !== sha256 || (file.listed.size !== undefined && file.listed.size !== size))) {
      return { ...base, format: file.listed.format ?? 'unknown', rejected: 1, error: hashMismatch(file.name, file.listed, sha256, size) };
    }
    const known = this.db.get<{ format: string }>('SELECT format FROM evidence_files WHERE sha256 = ?', [sha256]);
    if (known) return { ...base, format: known.format, duplicate: true };
    const head = readEvidenceHead(file);
    const problem = unreadable(file, head);
    if (problem) {
      if (file.named) throw problem;
      return { ...base, format: head.zip ? 'zip' : 'empty', rejected: 1, error: `${problem.message} Skipped.` };
    }
    const parser = this.parserFor(file, head.sample);
    if (!parser) return { ...base, rejected: 1, error: `${file.name} is not in a format this version reads; skipped.` };

    this.writer.beginFile({ sha256, name: file.name, sourcePath: file.display, size, format: parser.id, bundle: file.bundle });
    const skipLog = this.skipBadRecords ? new SkipLog(() => this.progress.reject()) : undefined;
    const source = evidenceSource(file, head, this.progress.bytes, skipLog?.noteLine);
    let produced = 0;
    let added = 0;
    this.progress.parsing();
    let outcome;
    try {
      outcome = parseEvidence({ display: file.display, name: file.name, source }, parser, { skipLog, onRecord: this.progress.record }, (signal) => {
        produced += 1;
        if (this.writer.add(signal)) added += 1;
      });
    } finally {
      source.close();
    }
    this.writer.endFile(outcome.records + (skipLog?.lines ?? 0), produced);
    this.imported.push({ sha256, file });
    const result: IngestFileResult = { ...base, format: parser.id, signals: added, rejected: outcome.empty + (skipLog?.count ?? 0) };
    if (skipLog && skipLog.count > 0) result.skipped = skipLog.list();
    if (file.unlistedIn !== null) result.error = `${file.name} was imported, but it is not listed in ${file.unlistedIn}, so there was no hash to check it against.`;
    return result;
  }

  // The user's choice wins, then the manifest's, then detection from the first 64 KiB.
  private parserFor(file: Candidate, sample: string): FormatParser | undefined {
    if (this.forced) return this.forced;
    if (file.listed?.format !== undefined) return parserById(file.listed.format);
    return file.named ? requireFormat(sample, file.name, file.display) : detectFormat(sample, file.name);
  }
}
