// The smaller case actions: notes, status/severity/owner/title, response steps, framework mappings.
import { WorkbenchError } from '../../../shared/errors';
import type { CaseStatus, Severity } from '../../../shared/schemas';
import type { StepKind } from '../../../shared/case-actions';
import type { Db } from '../db/database';
import type { ActionSpec } from './action-spec';
import { activeCase, refreshSeverity } from './case-rules';

/** A note, with its id fixed when planned so redo and replay recreate the same row. */
export interface NotePayload {
  id: string;
  noteId: number;
  text: string;
}

/** Plans adding a note. */
export function planNote(db: Db, input: { id: string; text: string }): NotePayload {
  activeCase(db, input.id);
  return { id: input.id, noteId: db.count('SELECT COALESCE(MAX(id), 0) + 1 FROM case_notes'), text: input.text };
}

/** The note action; undo retracts the note (it stays in the audit chain). */
export const addNote: ActionSpec<NotePayload> = {
  type: 'case.note-added',
  apply(db, p, at, actor) {
    if (db.get('SELECT 1 AS x FROM case_notes WHERE id = ?', [p.noteId])) db.run('UPDATE case_notes SET retracted = 0 WHERE id = ?', [p.noteId]);
    else db.run('INSERT INTO case_notes (id, case_id, at, author, text) VALUES (?, ?, ?, ?, ?)', [p.noteId, p.id, at, actor, p.text]);
  },
  revert(db, p) {
    db.run('UPDATE case_notes SET retracted = 1 WHERE id = ?', [p.noteId]);
  },
  cases: (p) => [p.id],
  label: (p) => `Note on ${p.id}`,
};

interface CaseFields {
  status: CaseStatus;
  severity: Severity;
  severityManual: boolean;
  owner: string | null;
  title: string;
}

/** A change of case fields: before and after. */
export interface UpdatePayload {
  id: string;
  before: CaseFields;
  after: CaseFields;
}

/** Plans a change of status, severity, owner or title; refuses a change that changes nothing. */
export function planUpdate(db: Db, input: { id: string; status?: CaseStatus; severity?: Severity; owner?: string | null; title?: string }): UpdatePayload {
  const row = activeCase(db, input.id);
  const manual = db.count('SELECT severity_manual FROM cases WHERE id = ?', [input.id]) === 1;
  const before: CaseFields = { status: row.status as CaseStatus, severity: row.severity as Severity, severityManual: manual, owner: row.owner, title: row.title };
  const after: CaseFields = {
    status: input.status ?? before.status,
    severity: input.severity ?? before.severity,
    severityManual: input.severity !== undefined ? true : manual,
    owner: input.owner === undefined ? before.owner : input.owner?.trim() || null,
    title: input.title ?? before.title,
  };
  if (JSON.stringify(before) === JSON.stringify(after)) throw new WorkbenchError('REFUSED', `Nothing to change on ${input.id}.`);
  return { id: input.id, before, after };
}

function writeFields(db: Db, id: string, f: CaseFields): void {
  db.run('UPDATE cases SET status = ?, severity = ?, severity_manual = ?, owner = ?, title = ? WHERE id = ?', [f.status, f.severity, f.severityManual ? 1 : 0, f.owner, f.title, id]);
}

/** The update action. */
export const updateCase: ActionSpec<UpdatePayload> = {
  type: 'case.updated',
  apply: (db, p) => writeFields(db, p.id, p.after),
  revert(db, p) {
    writeFields(db, p.id, p.before);
    if (!p.before.severityManual) refreshSeverity(db, p.id);
  },
  cases: (p) => [p.id],
  label: (p) => {
    const changed = (Object.keys(p.after) as (keyof CaseFields)[]).filter((k) => k !== 'severityManual' && p.after[k] !== p.before[k]);
    return `Set ${changed.map((k) => `${k} to ${p.after[k] ?? 'nobody'}`).join(', ')} on ${p.id}`;
  },
};

interface StepState {
  done: boolean;
  by: string | null;
  at: string | null;
  note: string | null;
}

/** A response step ticked or unticked. */
export interface StepPayload {
  id: string;
  step: StepKind;
  before: StepState | null;
  done: boolean;
  note: string | null;
}

/** Plans setting a response step. */
export function planStep(db: Db, input: { id: string; step: StepKind; done: boolean; note?: string }): StepPayload {
  activeCase(db, input.id);
  const row = db.get<{ done: number; by: string | null; at: string | null; note: string | null }>('SELECT done, by, at, note FROM case_steps WHERE case_id = ? AND step = ?', [input.id, input.step]);
  return { id: input.id, step: input.step, before: row ? { done: row.done === 1, by: row.by, at: row.at, note: row.note } : null, done: input.done, note: input.note?.trim() || null };
}

/** The step action: who and when come from the action itself. */
export const setStep: ActionSpec<StepPayload> = {
  type: 'case.step-set',
  apply(db, p, at, actor) {
    db.run(
      `INSERT INTO case_steps (case_id, step, done, by, at, note) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (case_id, step) DO UPDATE SET done = excluded.done, by = excluded.by, at = excluded.at, note = excluded.note`,
      [p.id, p.step, p.done ? 1 : 0, actor, at, p.note],
    );
  },
  revert(db, p) {
    if (!p.before) db.run('DELETE FROM case_steps WHERE case_id = ? AND step = ?', [p.id, p.step]);
    else db.run('UPDATE case_steps SET done = ?, by = ?, at = ?, note = ? WHERE case_id = ? AND step = ?', [p.before.done ? 1 : 0, p.before.by, p.before.at, p.before.note, p.id, p.step]);
  },
  cases: (p) => [p.id],
  label: (p) => `${p.done ? 'Tick' : 'Untick'} ${p.step} on ${p.id}`,
};

/** Framework mappings before and after. */
export interface MappingsPayload {
  id: string;
  before: string[];
  after: string[];
}

/** Plans adding and removing framework mappings (ids like `attack:T1078.004`). */
export function planMappings(db: Db, input: { id: string; add: string[]; remove: string[] }, known: (id: string) => boolean): MappingsPayload {
  activeCase(db, input.id);
  const unknown = input.add.filter((id) => !known(id));
  if (unknown.length > 0) throw new WorkbenchError('BAD_INPUT', `Unknown framework entries: ${unknown.join(', ')}.`, { hint: 'Pick entries from the shipped catalogues (OWASP NHI, NIST CSF 2.0, ATT&CK, ATLAS).' });
  const before = db.all<{ framework_id: string }>('SELECT framework_id FROM case_mappings WHERE case_id = ? ORDER BY framework_id', [input.id]).map((r) => r.framework_id);
  const after = [...new Set([...before.filter((id) => !input.remove.includes(id)), ...input.add])].sort();
  if (JSON.stringify(before) === JSON.stringify(after)) throw new WorkbenchError('REFUSED', `The mappings of ${input.id} already are what was asked.`);
  return { id: input.id, before, after };
}

function writeMappings(db: Db, id: string, ids: string[]): void {
  db.run('DELETE FROM case_mappings WHERE case_id = ?', [id]);
  for (const fid of ids) db.run('INSERT INTO case_mappings (case_id, framework_id) VALUES (?, ?)', [id, fid]);
}

/** The mappings action. */
export const setMappings: ActionSpec<MappingsPayload> = {
  type: 'case.mappings-set',
  apply: (db, p) => writeMappings(db, p.id, p.after),
  revert: (db, p) => writeMappings(db, p.id, p.before),
  cases: (p) => [p.id],
  label: (p) => `Change framework mappings of ${p.id}`,
};
