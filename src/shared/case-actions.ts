// Shapes of the analyst's actions on cases, and of what the case view reads about them.
import { z } from 'zod';
import { CaseStatusSchema, IdentifierSchema, IdentityRefSchema, SeveritySchema } from './schemas';

/** The response steps a case tracks. */
export const StepKindSchema = z.enum(['rotate', 'revoke', 'contain', 'offboard', 'privilege-review']);
export type StepKind = z.infer<typeof StepKindSchema>;

/** Every action type in the audit chain. */
export const ActionTypeSchema = z.enum([
  'case.proposed',
  'case.signals-added',
  'case.exported',
  'case.merged',
  'case.split',
  'signals.moved',
  'case.note-added',
  'case.updated',
  'case.step-set',
  'case.mappings-set',
  'undo',
  'redo',
]);
export type ActionType = z.infer<typeof ActionTypeSchema>;

/** What every action call answers (the CLI prints it with --json). */
export const ActionResultSchema = z.object({
  action: z.object({ seq: z.number().int(), type: ActionTypeSchema, hash: z.string() }),
  /** The cases the action changed or made. */
  cases: z.array(z.string()),
});
export type ActionResult = z.infer<typeof ActionResultSchema>;

const Id = z.string().min(1).max(200);
const Reason = z.string().trim().min(1).max(4000);
const SignalIds = z.array(z.number().int().positive()).min(1).max(1_000_000);

/** Inputs of the case actions (the same for the renderer and the engine). */
export const MergeInputSchema = z.object({ ids: z.array(Id).min(2).max(1000), into: Id.optional(), reason: Reason.optional() }).strict();
export const SplitInputSchema = z.object({ id: Id, signalIds: SignalIds, anchor: Id.optional(), reason: Reason.optional() }).strict();
export const MoveInputSchema = z.object({ signalIds: SignalIds, to: Id, reason: Reason.optional() }).strict();
export const NoteInputSchema = z.object({ id: Id, text: z.string().trim().min(1).max(20_000) }).strict();
export const UpdateCaseInputSchema = z
  .object({ id: Id, status: CaseStatusSchema.optional(), severity: SeveritySchema.optional(), owner: z.string().max(200).nullable().optional(), title: z.string().trim().min(1).max(300).optional() })
  .strict();
export const StepInputSchema = z.object({ id: Id, step: StepKindSchema, done: z.boolean(), note: z.string().max(2000).optional() }).strict();
export const MappingsInputSchema = z.object({ id: Id, add: z.array(z.string().max(100)).max(200).default([]), remove: z.array(z.string().max(100)).max(200).default([]) }).strict();

/** A note on a case. */
export const NoteSchema = z.object({ id: z.number().int(), at: z.string(), author: z.string(), text: z.string() });
export type Note = z.infer<typeof NoteSchema>;

/** One response step and who ticked it when. */
export const StepSchema = z.object({ step: StepKindSchema, done: z.boolean(), by: z.string().nullable(), at: z.string().nullable(), note: z.string().nullable() });
export type Step = z.infer<typeof StepSchema>;

/** What the Edit menu names: the action an undo or redo would reverse or repeat. */
export const UndoStateSchema = z.object({
  undo: z.object({ seq: z.number().int(), type: ActionTypeSchema, label: z.string() }).nullable(),
  redo: z.object({ seq: z.number().int(), type: ActionTypeSchema, label: z.string() }).nullable(),
});
export type UndoState = z.infer<typeof UndoStateSchema>;

/** One audit-chain entry as the UI and CLI show it. */
export const AuditEntryViewSchema = z.object({
  seq: z.number().int(),
  type: z.string(),
  at: z.string(),
  actor: z.string(),
  caseIds: z.array(z.string()),
  payload: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
  label: z.string(),
});
export type AuditEntryView = z.infer<typeof AuditEntryViewSchema>;

/** `audit --verify`. */
export const AuditVerifySchema = z.object({ entries: z.number().int(), head: z.string(), valid: z.boolean(), firstBroken: z.number().int().optional() });
export type AuditVerify = z.infer<typeof AuditVerifySchema>;

/** The redacted source record behind a signal. */
export const SignalRecordSchema = z.object({
  signalId: z.number().int(),
  file: z.object({ sha256: z.string(), name: z.string(), format: z.string() }),
  recordIndex: z.number().int(),
  line: z.number().int().nullable(),
  value: z.unknown(),
});
export type SignalRecord = z.infer<typeof SignalRecordSchema>;

/** A link between two identifiers of an identity, with the record that showed it. */
export const IdentityLinkSchema = z.object({
  a: IdentifierSchema,
  b: IdentifierSchema,
  reason: z.string(),
  signalId: z.number().int().nullable(),
});

/** The identity panel. */
export const IdentityDetailSchema = IdentityRefSchema.extend({
  owner: z.string().nullable(),
  identifiers: z.array(IdentifierSchema),
  links: z.array(IdentityLinkSchema),
  related: z.array(IdentityRefSchema.extend({ relation: z.string(), direction: z.enum(['out', 'in']), count: z.number().int() })),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  sourceIps: z.array(z.string()),
  regions: z.array(z.string()),
  cases: z.array(z.string()),
});
export type IdentityDetail = z.infer<typeof IdentityDetailSchema>;
