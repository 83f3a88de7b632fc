// The workbench engine: one open workspace, every engine-contract method. Never imports electron.
import { statSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { WorkbenchError } from '../../shared/errors';
import { engineContract, type EngineContract, type EngineMethod, type EventName, type EventPayload, type InputOf, type OutputOf } from '../../shared/contract';
import type { IngestFileResult, IngestResult, WorkspaceInfo } from '../../shared/schemas';
import { Db } from './db/database';
import { WorkspaceFiles } from './workspace-files';
import { listEvidenceFiles, readEvidenceFile } from './ingest/read-evidence';
import { parseEvidenceFile, requireFormat, type ParsedFile } from './ingest/parse-evidence';
import { detectFormat } from './ingest/registry';
import { storeParsedFile } from './ingest/store-signals';
import { resolveIdentities } from './resolve/resolve-identities';
import { proposeCases } from './resolve/propose-cases';
import { caseSignals, getCase, listCases, listIdentities } from './queries/case-queries';
import { caseGraph } from './queries/case-graph';
import { exportCase, keygen, signerInfo, verifyCaseFileAt } from './report/export-case';

/** Receives the engine's events (ingest progress, workspace changed). */
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Who is acting, for custody records and the audit chain. */
export interface EngineOptions {
  user?: string;
  now?: () => Date;
}

type Handlers = { [M in EngineMethod]: (input: OutputOfInput<M>) => Promise<OutputOf<EngineContract, M>> | OutputOf<EngineContract, M> };
type OutputOfInput<M extends EngineMethod> = import('zod').output<EngineContract[M]['input']>;

/** One engine per open workspace; hosts call it through `call`, which validates every input against the contract. */
export class Engine {
  private db: Db | null = null;
  private files: WorkspaceFiles | null = null;
  private readonly user: string;
  private readonly now: () => Date;

  constructor(private readonly emit: EventSink = () => {}, options: EngineOptions = {}) {
    this.user = options.user ?? `${safeUser()}@${hostname()}`;
    this.now = options.now ?? (() => new Date());
  }

  /** Validates the input, runs the method and returns its output. */
  async call<M extends EngineMethod>(method: M, input: InputOf<EngineContract, M>): Promise<OutputOf<EngineContract, M>> {
    const spec = engineContract[method];
    if (!spec) throw new WorkbenchError('USAGE', `Unknown engine method: ${String(method)}`);
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) throw new WorkbenchError('USAGE', `Invalid input for ${method}: ${parsed.error.message}`);
    const handler = this.handlers[method] as (input: unknown) => unknown;
    return (await handler(parsed.data)) as OutputOf<EngineContract, M>;
  }

  private readonly handlers: Handlers = {
    open: (input) => this.open(input.path, input.create, input.initialize),
    info: () => this.info(),
    close: () => {
      this.closeWorkspace();
      return null;
    },
    ingest: (input) => this.ingest(input.paths),
    listCases: (input) => listCases(this.requireDb(), input.offset, input.limit, input.sort),
    getCase: (input) => getCase(this.requireDb(), input.id),
    caseSignals: (input) => caseSignals(this.requireDb(), input.id, input.offset, input.limit),
    caseGraph: (input) => caseGraph(this.requireDb(), input.id),
    listIdentities: () => listIdentities(this.requireDb()),
    exportCase: (input) => {
      const result = exportCase(this.requireDb(), this.requireFiles(), input, this.now());
      this.checkpoint();
      return result;
    },
    verifyCaseFile: (input) => verifyCaseFileAt(input.path, input.allowedSignersPath),
    keygen: (input) => keygen(input.outPath, input.name),
    signerInfo: (input) => signerInfo(input.keyPath),
  };

  private async open(path: string, create: boolean, initialize: boolean): Promise<WorkspaceInfo> {
    const files = new WorkspaceFiles(path);
    files.checkUsable(create);
    const db = files.hasCheckpoint() ? await Db.open(files.readCheckpoint(), files.checkpointPath) : await Db.create();
    this.closeWorkspace();
    this.db = db;
    this.files = files;
    if (initialize && !files.hasCheckpoint()) this.checkpoint();
    const info = this.info()!;
    this.emit('workspaceChanged', info);
    return info;
  }

  private info(): WorkspaceInfo | null {
    if (!this.db || !this.files) return null;
    const db = this.db;
    return {
      path: this.files.dir,
      name: this.files.name,
      files: db.count('SELECT COUNT(*) FROM evidence_files'),
      signals: db.count('SELECT COUNT(*) FROM signals'),
      identities: db.count('SELECT COUNT(DISTINCT m.identity_id) FROM signals s JOIN identity_members m ON m.identifier_id = s.actor_id'),
      cases: db.count('SELECT COUNT(*) FROM cases'),
    };
  }

  private closeWorkspace(): void {
    this.db?.close();
    this.db = null;
    this.files = null;
  }

  /**
   * Imports files and folders. Every file is read and parsed before anything is written, so a refused
   * import leaves the workspace exactly as it was.
   */
  private ingest(paths: string[]): IngestResult {
    const db = this.requireDb();
    const files = this.requireFiles();
    const candidates = listEvidenceFiles(paths);
    if (candidates.length === 0) throw new WorkbenchError('BAD_INPUT', 'No files to import: the folders given are empty.', { file: paths.join(', '), hint: 'Choose evidence files or a folder that holds them.' });
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
      this.emit('ingestProgress', { phase: 'parsing', file: evidence.name, fileIndex, ...progress });
      const file = parseEvidenceFile(evidence, parser, (records) =>
        this.emit('ingestProgress', { phase: 'parsing', file: evidence.name, fileIndex, ...progress, records: progress.records + records }),
      );
      progress.records += file.records;
      progress.bytesDone += evidence.bytes.length;
      parsed.push(file);
      results.push({ ...base, format: parser.id, signals: file.signals.length, rejected: file.skipped });
    });

    const at = this.now().toISOString();
    this.emit('ingestProgress', { phase: 'storing', file: '', fileIndex: candidates.length - 1, ...progress });
    db.transaction(() => {
      for (const file of parsed) {
        const added = storeParsedFile(db, file, { importedAt: at, importedBy: this.user });
        const result = results.find((r) => r.sha256 === file.file.sha256 && !r.duplicate)!;
        result.signals = added;
      }
      this.emit('ingestProgress', { phase: 'resolving', file: '', fileIndex: candidates.length - 1, ...progress });
      resolveIdentities(db);
      proposeCases(db, at);
    });
    for (const file of parsed) files.storeEvidence(file.file.sha256, file.file.bytes);
    this.checkpoint();
    const info = this.info()!;
    this.emit('ingestProgress', { phase: 'done', file: '', fileIndex: candidates.length - 1, ...progress, bytesDone: progress.bytesTotal });
    this.emit('workspaceChanged', info);
    return { files: results, signals: results.reduce((n, r) => n + r.signals, 0), identities: info.identities, cases: info.cases };
  }

  /** Writes the database checkpoint atomically (temp file, fsync, rename). */
  private checkpoint(): void {
    const files = this.requireFiles();
    files.writeCheckpoint(this.requireDb().export());
  }

  private requireDb(): Db {
    if (!this.db) throw new WorkbenchError('REFUSED', 'No workspace is open.', { hint: 'Open or create a workspace first.' });
    return this.db;
  }

  private requireFiles(): WorkspaceFiles {
    if (!this.files) throw new WorkbenchError('REFUSED', 'No workspace is open.', { hint: 'Open or create a workspace first.' });
    return this.files;
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
