// The workbench engine: one open workspace, every engine-contract method. Never imports electron.
import { hostname, userInfo } from 'node:os';
import { WorkbenchError } from '../../shared/errors';
import { engineContract, type EngineContract, type EngineMethod, type EventName, type EventPayload, type InputOf, type OutputOf } from '../../shared/contract';
import type { IngestResult, WorkspaceInfo } from '../../shared/schemas';
import { importFiles } from './ingest/import-files';
import { Db } from './db/database';
import { WorkspaceFiles } from './workspace-files';
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

  /** Imports files and folders, then checkpoints; a refused import changes nothing (see importFiles). */
  private ingest(paths: string[]): IngestResult {
    const result = importFiles({ db: this.requireDb(), files: this.requireFiles(), emit: this.emit, user: this.user, now: this.now() }, paths);
    this.checkpoint();
    const info = this.info()!;
    this.emit('workspaceChanged', info);
    return { ...result, identities: info.identities, cases: info.cases };
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
