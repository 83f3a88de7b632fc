// The API contract: every method with its input and output schema, and every event.
// `workbenchContract` is what the renderer may call through `window.workbench` (main validates each call);
// `engineContract` is what main, the CLI and the harness call on the engine worker.
import { z } from 'zod';
import { ExportFormatSchema } from './case-file';
import {
  ActionResultSchema,
  AuditEntryViewSchema,
  AuditVerifySchema,
  IdentityDetailSchema,
  MappingsInputSchema,
  MergeInputSchema,
  MoveInputSchema,
  NoteInputSchema,
  NoteSchema,
  SignalRecordSchema,
  SplitInputSchema,
  StepInputSchema,
  StepSchema,
  UndoStateSchema,
  UpdateCaseInputSchema,
} from './case-actions';
import { CaseFileViewSchema } from './case-file-view';
import { ColumnMappingSchema } from './column-mapping';
import {
  CaseDetailSchema,
  CaseStatusSchema,
  SeveritySchema,
  CaseSummarySchema,
  ExportResultSchema,
  GraphDataSchema,
  IdentitySummarySchema,
  IngestProgressSchema,
  IngestResultSchema,
  PageSchema,
  SearchPageSchema,
  SignalRowSchema,
  SignerInfoSchema,
  TrustedSignerSchema,
  VerifyResultSchema,
  WorkspaceInfoSchema,
} from './schemas';

const Empty = z.object({}).strict();
const Id = z.string().min(1).max(200);
const FilePath = z.string().min(1).max(4096);
/** A key file passphrase: only hosts send it (the CLI from its environment or terminal, the app from its key store). */
const Passphrase = z.string().min(1).max(1024);
const Paging = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) };

/** One method: what it takes and what it gives back. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}
const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodSpec<I, O> => ({ input, output });

/** Read methods the renderer and the engine share unchanged. */
const caseReads = {
  listCases: method(
    z
      .object({
        ...Paging,
        sort: z.enum(['severity', 'lastSeen', 'firstSeen', 'signals', 'id', 'anchor', 'status']).default('severity'),
        descending: z.boolean().optional(),
        query: z.string().max(200).optional(),
        status: CaseStatusSchema.optional(),
        severity: SeveritySchema.optional(),
      })
      .strict(),
    PageSchema(CaseSummarySchema),
  ),
  getCase: method(z.object({ id: Id }).strict(), CaseDetailSchema),
  caseSignals: method(
    z
      .object({
        id: Id,
        ...Paging,
        sort: z.enum(['time', 'action', 'outcome', 'sourceIp', 'region', 'actor']).default('time'),
        descending: z.boolean().optional(),
        query: z.string().max(200).optional(),
      })
      .strict(),
    PageSchema(SignalRowSchema),
  ),
  /** Text search across every signal of the workspace (or of one case), through the FTS4 index: whole words, each
   * term or "quoted phrase" must match, a trailing * matches the start of a word. Hits come in import order. */
  searchSignals: method(z.object({ query: z.string().max(200), ...Paging, caseId: Id.optional() }).strict(), SearchPageSchema),
  caseGraph: method(z.object({ id: Id }).strict(), GraphDataSchema),
  listIdentities: method(Empty, z.array(IdentitySummarySchema)),
  getIdentity: method(z.object({ id: Id }).strict(), IdentityDetailSchema),
  signalRecord: method(z.object({ id: z.number().int().positive() }).strict(), SignalRecordSchema),
  caseNotes: method(z.object({ id: Id }).strict(), z.array(NoteSchema)),
  caseSteps: method(z.object({ id: Id }).strict(), z.array(StepSchema)),
  caseMappings: method(z.object({ id: Id }).strict(), z.array(z.string())),
  caseHistory: method(z.object({ id: Id }).strict(), z.array(AuditEntryViewSchema)),
  undoState: method(Empty, UndoStateSchema),
  auditVerify: method(Empty, AuditVerifySchema),
};

/** The analyst's actions: the same for the renderer and the engine. Each is journaled before it is answered. */
const caseActions = {
  mergeCases: method(MergeInputSchema, ActionResultSchema),
  splitCase: method(SplitInputSchema, ActionResultSchema),
  moveSignals: method(MoveInputSchema, ActionResultSchema),
  addNote: method(NoteInputSchema, ActionResultSchema),
  updateCase: method(UpdateCaseInputSchema, ActionResultSchema),
  setStep: method(StepInputSchema, ActionResultSchema),
  setMappings: method(MappingsInputSchema, ActionResultSchema),
  undo: method(Empty, ActionResultSchema.nullable()),
  redo: method(Empty, ActionResultSchema.nullable()),
};

/** What the renderer may ask for. Paths to write and keys never come from the renderer: main chooses them. */
export const workbenchContract = {
  workspaceInfo: method(Empty, WorkspaceInfoSchema.nullable()),
  chooseWorkspace: method(z.object({ mode: z.enum(['open', 'create']) }).strict(), WorkspaceInfoSchema.nullable()),
  openDemo: method(Empty, WorkspaceInfoSchema),
  chooseEvidence: method(Empty, IngestResultSchema.nullable()),
  ingestPaths: method(z.object({ paths: z.array(FilePath).min(1).max(10000) }).strict(), IngestResultSchema),
  /** Stops the running import; it then changes nothing and its call fails with "cancelled". */
  cancelIngest: method(Empty, z.null()),
  ...caseReads,
  ...caseActions,
  exportCase: method(z.object({ id: Id }).strict(), ExportResultSchema.nullable()),
  verifyCaseFile: method(z.object({ path: FilePath }).strict(), VerifyResultSchema),
  signerInfo: method(Empty, SignerInfoSchema),
  /** Reviewer mode: choose a case file in a dialog and open it read-only. */
  chooseCaseFile: method(Empty, CaseFileViewSchema.nullable()),
  /** Reviewer mode for a case file dropped on the window. */
  openCaseFile: method(z.object({ path: FilePath }).strict(), CaseFileViewSchema),
  /** The reviewer's trust list (allowed_signers), the app's own key first. */
  listTrustedSigners: method(Empty, z.array(TrustedSignerSchema)),
  /** Adds the signer of a case file that verified to the trust list (after the user compared the fingerprint). */
  trustCaseFileSigner: method(z.object({ path: FilePath, fingerprint: z.string().max(200) }).strict(), z.array(TrustedSignerSchema)),
  /** Removes a signer from the trust list (the app's own key cannot be removed). */
  untrustSigner: method(z.object({ fingerprint: z.string().max(200) }).strict(), z.array(TrustedSignerSchema)),
  /** The answer to a `passphraseRequest` event (null: the user cancelled). */
  answerPassphrase: method(z.object({ id: z.string().max(100), passphrase: z.string().max(1024).nullable() }).strict(), z.null()),
};

/** What the hosts (Electron main, CLI, harness) ask of the engine. */
export const engineContract = {
  // create: make the workspace if absent; initialize: write it to disk at once (otherwise only the first change writes it).
  open: method(z.object({ path: FilePath, create: z.boolean(), initialize: z.boolean().default(false) }).strict(), WorkspaceInfoSchema),
  info: method(Empty, WorkspaceInfoSchema.nullable()),
  close: method(Empty, z.null()),
  ingest: method(
    z
      .object({
        paths: z.array(FilePath).min(1),
        /** Skip records that cannot be read (listed in the result) instead of refusing their file. */
        skipBadRecords: z.boolean().default(false),
        /** Read every file as this format instead of detecting it (a parser id, e.g. `aws.cloudtrail`). */
        format: z.string().max(100).optional(),
        /** Read every file with a column mapping (given in full, then saved; or the name of a saved one). */
        mapping: z.union([z.string().max(60), ColumnMappingSchema]).optional(),
      })
      .strict(),
    IngestResultSchema,
  ),
  ...caseReads,
  ...caseActions,
  exportCase: method(
    z.object({ id: Id, outPath: FilePath, keyPath: FilePath.optional(), format: ExportFormatSchema.default('nhicase'), passphrase: Passphrase.optional() }).strict(),
    ExportResultSchema,
  ),
  verifyCaseFile: method(z.object({ path: FilePath, allowedSignersPath: FilePath.optional() }).strict(), VerifyResultSchema),
  openCaseFile: method(z.object({ path: FilePath, allowedSignersPath: FilePath.optional() }).strict(), CaseFileViewSchema),
  caseFileSigner: method(z.object({ path: FilePath }).strict(), SignerInfoSchema),
  keygen: method(z.object({ outPath: FilePath, name: z.string().min(1).max(200), passphrase: Passphrase.optional() }).strict(), SignerInfoSchema),
  signerInfo: method(z.object({ keyPath: FilePath, passphrase: Passphrase.optional() }).strict(), SignerInfoSchema),
};

/** Events pushed from the engine to whoever hosts it, and on to the renderer. */
export const eventContract = {
  ingestProgress: IngestProgressSchema,
  /** Main needs the signing key's passphrase (the OS keychain cannot keep it); answer with `answerPassphrase`. */
  passphraseRequest: z.object({ id: z.string(), creating: z.boolean(), attempt: z.number().int(), why: z.string() }),
  workspaceChanged: WorkspaceInfoSchema.nullable(),
};

export type WorkbenchContract = typeof workbenchContract;
export type EngineContract = typeof engineContract;
export type WorkbenchMethod = keyof WorkbenchContract;
export type EngineMethod = keyof EngineContract;
export type EventName = keyof typeof eventContract;

export type InputOf<C extends Record<string, MethodSpec>, M extends keyof C> = z.input<C[M]['input']>;
export type OutputOf<C extends Record<string, MethodSpec>, M extends keyof C> = z.output<C[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof eventContract)[E]>;

/** A typed client for a contract: one async function per method. */
export type ClientOf<C extends Record<string, MethodSpec>> = {
  [M in keyof C]: (input: InputOf<C, M>) => Promise<OutputOf<C, M>>;
};

/** The object the preload (or the browser harness shim) puts on `window.workbench`. */
export type WorkbenchApi = ClientOf<WorkbenchContract> & {
  /** Subscribes to engine events; returns the unsubscribe function. */
  onEvent: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
  /** Turns files dropped on the window into paths the engine can read. */
  pathsForFiles: (files: File[]) => Promise<string[]>;
};
