// The workbench engine: one open workspace, every engine-contract method. Never imports electron.
import { hostname, userInfo } from 'node:os';
import { existsSync } from 'node:fs';
import { WorkbenchError } from '../../shared/errors';
import { engineContract, type EngineContract, type EngineMethod, type EventName, type EventPayload, type InputOf, type OutputOf } from '../../shared/contract';
import type { IngestResult, WorkspaceInfo } from '../../shared/schemas';
import type { ActionResult } from '../../shared/case-actions';
import { frameworkEntry } from '../../shared/frameworks/index';
import { Db } from './db/database';
import { WorkspaceFiles } from './workspace-files';
import { WorkspaceLock } from './workspace-lock';
import { importFiles, type ImportOptions } from './ingest/import-files';
import { resolveMapping, saveMapping } from './ingest/mappings';
import { mappedParser } from './ingest/formats/generic';
import type { ColumnMapping } from '../../shared/column-mapping';
import { caseSignals, getCase, listCases, listIdentities } from './queries/case-queries';
import { caseGraph } from './queries/case-graph';
import { searchSignals } from './queries/search';
import { ensureEvidenceCounts, evidenceCounts } from './queries/evidence-counts';
import { auditVerify, caseHistory, caseMappings, caseNotes, caseSteps, identityDetail, signalRecord } from './queries/case-extras';
import { exportCase, keygen, signerInfo, verifyCaseFileAt } from './report/export-case';
import { caseFileSigner, openCaseFile } from './report/open-case-file';
import { Journal } from './cases/journal';
import { ActionRunner } from './cases/action-runner';
import { lastAuditEntry } from './cases/audit-log';
import type { ActionSpec } from './cases/action-spec';
import { mergeCases, planMerge } from './cases/merge-cases';
import { planSplit, splitCase } from './cases/split-case';
import { moveSignals, planMove } from './cases/move-signals';
import { addNote, planMappings, planNote, planStep, planUpdate, setMappings, setStep, updateCase } from './cases/case-fields';

/** Receives the engine's events (ingest progress, workspace changed). */
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Who is acting, for custody records and the audit chain. */
export interface EngineOptions {
  user?: string;
  now?: () => Date;
  /** Journaled actions after which the database is checkpointed (and the journal emptied). */
  checkpointEvery?: number;
  /** Shared with the host: it sets element 0 to 1 to cancel the running import (the engine thread is busy in it). */
  cancelFlag?: Int32Array;
}

type Input<M extends EngineMethod> = import('zod').output<EngineContract[M]['input']>;
type Handlers = { [M in EngineMethod]: (input: Input<M>) => Promise<OutputOf<EngineContract, M>> | OutputOf<EngineContract, M> };

/** An open workspace: its database, folder, lock, journal and action runner. */
interface Open {
  db: Db;
  files: WorkspaceFiles;
  lock: WorkspaceLock | null;
  journal: Journal;
  runner: ActionRunner;
  warnings: string[];
}

/** One engine per open workspace; hosts call it through `call`, which validates every input against the contract. */
export class Engine {
  private ws: Open | null = null;
  private readonly user: string;
  private readonly now: () => Date;
  private readonly checkpointEvery: number;
  private readonly cancelFlag: Int32Array;

  constructor(
    private readonly emit: EventSink = () => {},
    options: EngineOptions = {},
  ) {
    this.user = options.user ?? `${safeUser()}@${hostname()}`;
    this.now = options.now ?? (() => new Date());
    this.checkpointEvery = options.checkpointEvery ?? 200;
    this.cancelFlag = options.cancelFlag ?? new Int32Array(new SharedArrayBuffer(4));
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
    ingest: (input) => this.ingest(input.paths, { skipBadRecords: input.skipBadRecords, format: input.format }, input.mapping),
    listCases: (input) => listCases(this.db(), input),
    getCase: (input) => getCase(this.db(), input.id),
    caseSignals: (input) => caseSignals(this.db(), input.id, input),
    searchSignals: (input) => searchSignals(this.db(), input),
    caseGraph: (input) => caseGraph(this.db(), input.id),
    listIdentities: () => listIdentities(this.db()),
    getIdentity: (input) => identityDetail(this.db(), input.id),
    signalRecord: (input) => signalRecord(this.db(), this.open_().files, input.id),
    caseNotes: (input) => caseNotes(this.db(), input.id),
    caseSteps: (input) => caseSteps(this.db(), input.id),
    caseMappings: (input) => caseMappings(this.db(), input.id),
    caseHistory: (input) => caseHistory(this.db(), input.id),
    undoState: () => this.open_().runner.state(),
    auditVerify: () => auditVerify(this.db()),
    mergeCases: (input) => this.act(mergeCases, planMerge(this.db(), input)),
    splitCase: (input) => this.act(splitCase, planSplit(this.db(), input)),
    moveSignals: (input) => this.act(moveSignals, planMove(this.db(), input)),
    addNote: (input) => this.act(addNote, planNote(this.db(), input)),
    updateCase: (input) => this.act(updateCase, planUpdate(this.db(), input)),
    setStep: (input) => this.act(setStep, planStep(this.db(), input)),
    setMappings: (input) => this.act(setMappings, planMappings(this.db(), input, (id) => frameworkEntry(id) !== undefined)),
    undo: () => this.after(this.open_().runner.undo(this.user, this.now().toISOString())),
    redo: () => this.after(this.open_().runner.redo(this.user, this.now().toISOString())),
    exportCase: (input) => {
      this.ensureOnDisk();
      const ws = this.open_();
      // The export's audit entry is journaled like an action, not checkpointed: a checkpoint writes the whole
      // database, which for a large workspace would cost far more than the export itself.
      return ws.db.transaction(() => {
        const result = exportCase(ws.db, ws.files, input, this.now());
        const entry = lastAuditEntry(ws.db);
        if (entry?.type === 'case.exported') ws.journal.append(entry);
        return result;
      });
    },
    verifyCaseFile: (input) => verifyCaseFileAt(input.path, input.allowedSignersPath),
    openCaseFile: (input) => openCaseFile(input.path, input.allowedSignersPath),
    caseFileSigner: (input) => caseFileSigner(input.path),
    keygen: (input) => keygen(input.outPath, input.name, input.passphrase),
    signerInfo: (input) => signerInfo(input.keyPath, input.passphrase),
  };

  private async open(path: string, create: boolean, initialize: boolean): Promise<WorkspaceInfo> {
    const files = new WorkspaceFiles(path);
    files.checkUsable(create);
    this.closeWorkspace();
    // A workspace folder that does not exist yet is locked when the first change creates it.
    const lock = existsSync(files.dir) ? new WorkspaceLock(files.dir) : null;
    lock?.acquire();
    try {
      const db = files.hasCheckpoint() ? await Db.open(files.readCheckpoint(), files.checkpointPath) : await Db.create();
      ensureEvidenceCounts(db);
      const journal = new Journal(files.dir);
      const runner = new ActionRunner(db, journal);
      const warnings = replayJournal(journal, runner);
      this.ws = { db, files, lock, journal, runner, warnings };
    } catch (err) {
      lock?.release();
      throw err;
    }
    if (initialize && !files.hasCheckpoint()) this.checkpoint();
    const info = this.info()!;
    this.emit('workspaceChanged', info);
    return info;
  }

  private info(): WorkspaceInfo | null {
    if (!this.ws) return null;
    const { db, files, warnings } = this.ws;
    return {
      path: files.dir,
      name: files.name,
      ...evidenceCounts(db),
      cases: db.count('SELECT COUNT(*) FROM cases WHERE merged_into IS NULL AND withdrawn = 0'),
      warnings,
    };
  }

  /** Closes the workspace; journaled actions are folded into a fresh checkpoint first. */
  private closeWorkspace(): void {
    const ws = this.ws;
    if (!ws) return;
    try {
      if (ws.journal.length > 0) this.checkpoint();
    } finally {
      ws.journal.close();
      ws.db.close();
      ws.lock?.release();
      this.ws = null;
    }
  }

  /** Imports files and folders, then checkpoints; a refused import changes nothing (see importFiles). */
  private ingest(paths: string[], options: ImportOptions, mapping?: string | ColumnMapping): IngestResult {
    const ws = this.open_();
    const mapped = mapping === undefined ? undefined : resolveMapping(ws.db, mapping);
    const parser = mapped ? mappedParser(mapped) : undefined;
    Atomics.store(this.cancelFlag, 0, 0);
    const cancelled = (): boolean => Atomics.load(this.cancelFlag, 0) === 1;
    const result = importFiles({ db: ws.db, files: ws.files, emit: this.emit, user: this.user, now: this.now() }, paths, { ...options, parser, cancelled });
    // Saved only once its import landed: a refused import leaves the workspace as it was.
    if (mapped && typeof mapping !== 'string') saveMapping(ws.db, mapped);
    this.checkpoint();
    const info = this.info()!;
    this.emit('workspaceChanged', info);
    return { ...result, identities: info.identities, cases: info.cases };
  }

  /** Runs one planned analyst action (durable in the journal before this returns). */
  private act<P extends object>(spec: ActionSpec<P>, payload: P): ActionResult {
    this.ensureOnDisk();
    return this.after(this.open_().runner.run(spec, payload, this.user, this.now().toISOString()))!;
  }

  /** After an action: checkpoint now and then, and tell the UI. */
  private after(result: ActionResult | null): ActionResult | null {
    const ws = this.open_();
    if (result && ws.journal.length >= this.checkpointEvery) this.checkpoint();
    if (result) this.emit('workspaceChanged', this.info());
    return result;
  }

  /** A workspace created in this session but never written must exist before its journal can. */
  private ensureOnDisk(): void {
    if (!this.open_().files.hasCheckpoint()) this.checkpoint();
  }

  /** Writes the database checkpoint atomically, then empties the journal it now contains. */
  private checkpoint(): void {
    const ws = this.open_();
    ws.files.writeCheckpoint(ws.db.export());
    if (!ws.lock) {
      ws.lock = new WorkspaceLock(ws.files.dir);
      ws.lock.acquire();
    }
    ws.journal.reset();
  }

  private open_(): Open {
    if (!this.ws) throw new WorkbenchError('REFUSED', 'No workspace is open.', { hint: 'Open or create a workspace first.' });
    return this.ws;
  }

  private db(): Db {
    return this.open_().db;
  }
}

/** Replays the journal onto a freshly loaded checkpoint; returns what the user should be told. */
function replayJournal(journal: Journal, runner: ActionRunner): string[] {
  const { entries, torn } = journal.read();
  const warnings: string[] = torn ? [torn] : [];
  for (const entry of entries) {
    try {
      runner.replay(entry);
    } catch (err) {
      warnings.push(`${(err as Error).message} Entries from ${entry.seq} on were not restored.`);
      break;
    }
  }
  return warnings;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
