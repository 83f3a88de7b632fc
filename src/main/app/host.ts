// The renderer contract, served on top of an engine: the part of the app that owns dialogs, the signing key and
// the demo. Electron main and the browser harness both use it, each with its own dialogs. Never imports electron.
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { WorkbenchError } from '../../shared/errors';
import { workbenchContract, type WorkbenchContract, type WorkbenchMethod, type OutputOf } from '../../shared/contract';
import type { EngineClient } from '../engine/engine-client';
import type { CaseFileView } from '../../shared/case-file-view';
import { writeFileAtomic } from '../engine/db/atomic-write';
import type { KeyStore } from './key-store';
import { addTrusted, readTrustList, removeTrusted } from './trust-list';

/** The dialogs a host can show; a null or empty answer means the user cancelled. */
export interface Dialogs {
  chooseFolder(options: { title: string; create: boolean }): Promise<string | null>;
  chooseFiles(options: { title: string }): Promise<string[]>;
  chooseSavePath(options: { title: string; defaultName: string }): Promise<string | null>;
  chooseCaseFile(options: { title: string }): Promise<string | null>;
}

/** Where the host keeps its own things. */
export interface HostPaths {
  /** Per-user app data: the signing key, allowed_signers, the demo workspace. */
  dataDir: string;
  /** The demo evidence bundle shipped in resources/. */
  demoBundle: string;
}

/**
 * The paths the user chose in this session, which the renderer may then name for reading: files and folders the
 * host's own dialogs returned, and files dropped on the window whose paths preload took from real File objects.
 * A chosen folder covers what is under it. The renderer cannot add to it: grants come from the host's dialogs and
 * from `Host.grantDropped`, which only preload (Electron) and the harness's upload (tests) call.
 */
export class ReadGrants {
  private readonly roots = new Set<string>();

  grant(paths: readonly string[]): void {
    for (const path of paths) if (isAbsolute(path)) this.roots.add(resolve(path));
  }

  /** True when the path is a chosen one or lies under a chosen folder. Relative paths are never allowed. */
  allows(path: string): boolean {
    if (!isAbsolute(path) || path.includes('\0')) return false;
    const wanted = resolve(path);
    for (const root of this.roots) {
      if (wanted === root || wanted.startsWith(root.endsWith(sep) ? root : root + sep)) return true;
    }
    return false;
  }
}

/** At most this many dropped paths are granted per call (the contract's ingest limit). */
const MAX_GRANT = 10_000;

type Handler<M extends WorkbenchMethod> = (input: import('zod').output<WorkbenchContract[M]['input']>) => Promise<OutputOf<WorkbenchContract, M>>;

/** Serves the renderer contract: validates each call's input, then runs it against the engine and the dialogs. */
export class Host {
  /** What the renderer may name for reading (see `ReadGrants`). */
  private readonly grants = new ReadGrants();

  constructor(
    private readonly engine: EngineClient,
    private readonly dialogs: Dialogs,
    private readonly paths: HostPaths,
    private readonly keys: KeyStore,
    private readonly passphrases: { answer(id: string, passphrase: string | null): void } | null = null,
  ) {}

  /** Runs one renderer call. Unknown methods and invalid input are refused before anything runs. */
  async handle(method: string, input: unknown): Promise<unknown> {
    if (!Object.hasOwn(workbenchContract, method)) throw new WorkbenchError('USAGE', `Unknown method: ${method}`);
    const name = method as WorkbenchMethod;
    const parsed = workbenchContract[name].input.safeParse(input ?? {});
    if (!parsed.success) throw new WorkbenchError('USAGE', `Invalid input for ${name}: ${parsed.error.message}`);
    const handler = this.handlers[name] as (input: unknown) => Promise<unknown>;
    return handler(parsed.data);
  }

  /**
   * Records files dropped on the window as chosen by the user. Called by the Electron preload's grant channel with
   * paths it took from File objects (`webUtils.getPathForFile`), and by the harness for files it received by upload;
   * never reachable through `handle`.
   */
  grantDropped(paths: unknown): void {
    if (!Array.isArray(paths) || paths.length > MAX_GRANT || !paths.every((p) => typeof p === 'string' && p.length > 0 && p.length <= 4096)) {
      throw new WorkbenchError('USAGE', 'Grant refused: expected a list of file paths.');
    }
    this.grants.grant(paths as string[]);
  }

  /** Refuses a read path the user did not choose in this session, before anything reads it. */
  private requireChosen(paths: readonly string[]): void {
    const refused = paths.find((path) => !this.grants.allows(path));
    if (refused === undefined) return;
    throw new WorkbenchError('REFUSED', `${refused} was not chosen in this window, so it is not read.`, {
      file: refused,
      hint: 'Choose the file through the app (Import evidence…, Open case file…) or drop it on the window.',
    });
  }

  private readonly handlers: { [M in WorkbenchMethod]: Handler<M> } = {
    workspaceInfo: () => this.engine.call('info', {}),
    chooseWorkspace: async ({ mode }) => {
      const path = await this.dialogs.chooseFolder({ title: mode === 'create' ? 'Create a workspace folder' : 'Open a workspace folder', create: mode === 'create' });
      if (!path) return null;
      return this.engine.call('open', { path, create: mode === 'create', initialize: mode === 'create' });
    },
    openDemo: async () => {
      const path = join(this.paths.dataDir, 'demo-investigation');
      if (existsSync(join(path, 'workspace.sqlite'))) return this.engine.call('open', { path, create: false });
      await this.engine.call('open', { path, create: true, initialize: true });
      await this.engine.call('ingest', { paths: [this.paths.demoBundle] });
      return (await this.engine.call('info', {}))!;
    },
    chooseEvidence: async () => {
      const paths = await this.dialogs.chooseFiles({ title: 'Import evidence' });
      if (paths.length === 0) return null;
      this.grants.grant(paths);
      return this.engine.call('ingest', { paths });
    },
    ingestPaths: ({ paths }) => {
      this.requireChosen(paths);
      return this.engine.call('ingest', { paths });
    },
    cancelIngest: async () => {
      this.engine.cancelIngest();
      return null;
    },
    listCases: (input) => this.engine.call('listCases', input),
    getCase: (input) => this.engine.call('getCase', input),
    caseSignals: (input) => this.engine.call('caseSignals', input),
    searchSignals: (input) => this.engine.call('searchSignals', input),
    caseGraph: (input) => this.engine.call('caseGraph', input),
    listIdentities: () => this.engine.call('listIdentities', {}),
    getIdentity: (input) => this.engine.call('getIdentity', input),
    signalRecord: (input) => this.engine.call('signalRecord', input),
    caseNotes: (input) => this.engine.call('caseNotes', input),
    caseSteps: (input) => this.engine.call('caseSteps', input),
    caseMappings: (input) => this.engine.call('caseMappings', input),
    caseHistory: (input) => this.engine.call('caseHistory', input),
    undoState: () => this.engine.call('undoState', {}),
    auditVerify: () => this.engine.call('auditVerify', {}),
    mergeCases: (input) => this.engine.call('mergeCases', input),
    splitCase: (input) => this.engine.call('splitCase', input),
    moveSignals: (input) => this.engine.call('moveSignals', input),
    addNote: (input) => this.engine.call('addNote', input),
    updateCase: (input) => this.engine.call('updateCase', input),
    setStep: (input) => this.engine.call('setStep', input),
    setMappings: (input) => this.engine.call('setMappings', input),
    undo: () => this.engine.call('undo', {}),
    redo: () => this.engine.call('redo', {}),
    exportCase: async ({ id }) => {
      const outPath = await this.dialogs.chooseSavePath({ title: 'Export signed case file', defaultName: `${id}.nhicase` });
      if (!outPath) return null;
      // The renderer verifies what it exported, as a reviewer would: the saved file may be read back.
      this.grants.grant([outPath]);
      const keyPath = await this.ensureKey();
      return this.engine.call('exportCase', { id, outPath, keyPath, passphrase: await this.keys.passphrase() });
    },
    verifyCaseFile: async ({ path }) => {
      this.requireChosen([path]);
      await this.ensureKey();
      return this.engine.call('verifyCaseFile', { path, allowedSignersPath: this.allowedSignersPath });
    },
    signerInfo: async () => this.engine.call('signerInfo', { keyPath: await this.ensureKey() }),
    chooseCaseFile: async () => {
      const path = await this.dialogs.chooseCaseFile({ title: 'Open a case file to review' });
      if (!path) return null;
      this.grants.grant([path]);
      return this.openForReview(path);
    },
    openCaseFile: ({ path }) => {
      this.requireChosen([path]);
      return this.openForReview(path);
    },
    listTrustedSigners: async () => {
      await this.ensureKey();
      return readTrustList(this.allowedSignersPath);
    },
    trustCaseFileSigner: async ({ path, fingerprint }) => {
      this.requireChosen([path]);
      await this.ensureKey();
      const view = await this.engine.call('openCaseFile', { path, allowedSignersPath: this.allowedSignersPath });
      // Only a file whose one problem is the missing trust may add its signer: anything else means it was changed.
      if (view.verification.problems.some((p) => p.check !== 'signer')) {
        throw new WorkbenchError('REFUSED', 'This case file did not verify, so its signer cannot be trusted from it.', { file: path });
      }
      const signer = await this.engine.call('caseFileSigner', { path });
      if (signer.fingerprint !== fingerprint) {
        throw new WorkbenchError('REFUSED', `The case file is signed by ${signer.fingerprint}, not by the key you compared (${fingerprint}).`, { file: path });
      }
      return addTrusted(this.allowedSignersPath, { signer: signer.signer, fingerprint: signer.fingerprint, publicKey: signer.publicKey });
    },
    untrustSigner: async ({ fingerprint }) => {
      const own = await this.engine.call('signerInfo', { keyPath: await this.ensureKey() });
      return removeTrusted(this.allowedSignersPath, fingerprint, own.fingerprint);
    },
    answerPassphrase: async ({ id, passphrase }) => {
      this.passphrases?.answer(id, passphrase);
      return null;
    },
  };

  /** Opens a case file read-only, checked against the app's trust list (which holds the app's own key). */
  private async openForReview(path: string): Promise<CaseFileView> {
    await this.ensureKey();
    return this.engine.call('openCaseFile', { path, allowedSignersPath: this.allowedSignersPath });
  }

  private get allowedSignersPath(): string {
    return join(this.paths.dataDir, 'allowed_signers');
  }

  /** The app's signing key (made on first use by the key store); its public half is trusted in the app's allowed_signers. */
  private async ensureKey(): Promise<string> {
    const keyPath = await this.keys.keyPath();
    if (!existsSync(this.allowedSignersPath)) {
      const info = await this.engine.call('signerInfo', { keyPath });
      writeFileAtomic(this.allowedSignersPath, `${info.signer} namespaces="nhi-workbench-case" ${info.publicKey.split(' ').slice(0, 2).join(' ')}\n`);
    }
    return keyPath;
  }
}
