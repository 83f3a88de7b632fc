// Running analyst actions: apply, chain into the audit trail, journal (fsync) — all or nothing — then answer.
// Undo and redo are new actions that revert or re-apply an earlier one; the stacks live in the database.
import { WorkbenchError } from '../../../shared/errors';
import type { ActionResult, ActionType, UndoState } from '../../../shared/case-actions';
import type { Db } from '../db/database';
import type { ActionSpec } from './action-spec';
import { chainHash, type AuditEntry } from './audit-chain';
import { appendAudit, lastAuditEntry } from './audit-log';
import type { Journal } from './journal';
import { mergeCases } from './merge-cases';
import { splitCase } from './split-case';
import { moveSignals } from './move-signals';
import { addNote, setMappings, setStep, updateCase } from './case-fields';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each spec checks its own payload type
const SPECS: Partial<Record<ActionType, ActionSpec<any>>> = {
  [mergeCases.type]: mergeCases,
  [splitCase.type]: splitCase,
  [moveSignals.type]: moveSignals,
  [addNote.type]: addNote,
  [updateCase.type]: updateCase,
  [setStep.type]: setStep,
  [setMappings.type]: setMappings,
};

interface UndoRef {
  of: number;
  type: ActionType;
  label: string;
}

/** Executes, undoes, redoes and replays actions on one workspace database. */
export class ActionRunner {
  constructor(
    private readonly db: Db,
    private readonly journal: Journal,
  ) {}

  /** Applies a planned action and journals it; returns only once it is durable. */
  run<P extends object>(spec: ActionSpec<P>, payload: P, actor: string, at: string): ActionResult {
    return this.commit(actor, at, spec.type, spec.cases(payload), payload as Record<string, unknown>, () => {
      spec.apply(this.db, payload, at, actor);
      this.setStack('redo_stack', []);
    }, (seq) => this.push('undo_stack', seq));
  }

  /** Reverts the last undoable action, as a new 'undo' action. Null when there is nothing to undo. */
  undo(actor: string, at: string): ActionResult | null {
    const target = this.top('undo_stack');
    if (!target) return null;
    const spec = specOf(target.type);
    const ref: UndoRef = { of: target.seq, type: target.type as ActionType, label: spec.label(target.payload) };
    return this.commit(actor, at, 'undo', target.caseIds, { ...ref }, () => {
      spec.revert(this.db, target.payload);
      this.pop('undo_stack');
    }, () => this.push('redo_stack', target.seq));
  }

  /** Re-applies the last undone action, as a new 'redo' action. Null when there is nothing to redo. */
  redo(actor: string, at: string): ActionResult | null {
    const target = this.top('redo_stack');
    if (!target) return null;
    const spec = specOf(target.type);
    const ref: UndoRef = { of: target.seq, type: target.type as ActionType, label: spec.label(target.payload) };
    return this.commit(actor, at, 'redo', target.caseIds, { ...ref }, () => {
      spec.apply(this.db, target.payload, at, actor);
      this.pop('redo_stack');
    }, () => this.push('undo_stack', target.seq));
  }

  /** What undo and redo would do now, for the Edit menu. */
  state(): UndoState {
    const describe = (name: string): UndoState['undo'] => {
      const entry = this.top(name);
      return entry ? { seq: entry.seq, type: entry.type as ActionType, label: specOf(entry.type).label(entry.payload) } : null;
    };
    return { undo: describe('undo_stack'), redo: describe('redo_stack') };
  }

  /**
   * Re-executes one journaled entry after a restart. The entry must continue the chain exactly; its recorded
   * time, actor and hash are kept, so the replayed chain is byte-for-byte the acknowledged one.
   */
  replay(entry: AuditEntry): void {
    const head = lastAuditEntry(this.db);
    if (entry.seq <= (head?.seq ?? 0)) return; // already in the checkpoint
    if (entry.prevHash !== (head?.hash ?? '0'.repeat(64)) || entry.seq !== (head?.seq ?? 0) + 1 || chainHash(entry.prevHash, entry) !== entry.hash) {
      throw new WorkbenchError('BAD_INPUT', `Journal entry ${entry.seq} does not continue the audit chain.`, { record: `seq ${entry.seq}`, hint: 'The journal was edited outside the app; the entries before it were restored.' });
    }
    this.db.transaction(() => {
      if (entry.type === 'case.exported') {
        // An export changes nothing but the chain: its entry is all there is to restore.
      } else if (entry.type === 'undo' || entry.type === 'redo') {
        const ref = entry.payload as unknown as UndoRef;
        const target = this.entry(ref.of);
        const spec = specOf(target.type);
        if (entry.type === 'undo') {
          spec.revert(this.db, target.payload);
          this.pop('undo_stack');
          this.push('redo_stack', target.seq);
        } else {
          spec.apply(this.db, target.payload, entry.at, entry.actor);
          this.pop('redo_stack');
          this.push('undo_stack', target.seq);
        }
      } else {
        specOf(entry.type).apply(this.db, entry.payload, entry.at, entry.actor);
        this.setStack('redo_stack', []);
        this.push('undo_stack', entry.seq);
      }
      this.db.run('INSERT INTO audit (seq, type, at, actor, case_ids, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
        entry.seq, entry.type, entry.at, entry.actor, JSON.stringify(entry.caseIds), JSON.stringify(entry.payload), entry.prevHash, entry.hash,
      ]);
    });
  }

  private commit(actor: string, at: string, type: ActionType, caseIds: string[], payload: Record<string, unknown>, apply: () => void, after: (seq: number) => void): ActionResult {
    return this.db.transaction(() => {
      apply();
      const entry = appendAudit(this.db, { type, at, actor, caseIds: [...new Set(caseIds)], payload });
      after(entry.seq);
      this.journal.append(entry); // durable before anyone hears "done"; a failure here rolls everything back
      return { action: { seq: entry.seq, type, hash: entry.hash }, cases: entry.caseIds };
    });
  }

  private entry(seq: number): AuditEntry {
    const row = this.db.get<{ seq: number; type: string; at: string; actor: string; case_ids: string; payload: string; prev_hash: string; hash: string }>('SELECT * FROM audit WHERE seq = ?', [seq]);
    if (!row) throw new WorkbenchError('INTERNAL', `Audit entry ${seq} is missing.`);
    return { seq: row.seq, type: row.type, at: row.at, actor: row.actor, caseIds: JSON.parse(row.case_ids) as string[], payload: JSON.parse(row.payload) as Record<string, unknown>, prevHash: row.prev_hash, hash: row.hash };
  }

  private stack(name: string): number[] {
    return JSON.parse(this.db.meta(name) ?? '[]') as number[];
  }

  private setStack(name: string, stack: number[]): void {
    this.db.setMeta(name, JSON.stringify(stack));
  }

  private push(name: string, seq: number): void {
    this.setStack(name, [...this.stack(name), seq]);
  }

  private pop(name: string): void {
    this.setStack(name, this.stack(name).slice(0, -1));
  }

  private top(name: string): AuditEntry | null {
    const seq = this.stack(name).at(-1);
    return seq === undefined ? null : this.entry(seq);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see SPECS
function specOf(type: string): ActionSpec<any> {
  const spec = SPECS[type as ActionType];
  if (!spec) throw new WorkbenchError('INTERNAL', `Action type ${type} cannot be undone or replayed.`);
  return spec;
}

/** A person's label for any audit entry. */
export function labelOf(entry: AuditEntry): string {
  const p = entry.payload;
  switch (entry.type) {
    case 'case.proposed':
      return `Proposed: ${String(p['reason'] ?? '')}`;
    case 'case.signals-added':
      return `${String(p['signals'] ?? '')} signals added: ${String(p['reason'] ?? '')}`;
    case 'case.exported':
      return `Exported, signed by ${String(p['signer'] ?? '')}`;
    case 'undo':
      return `Undo: ${String(p['label'] ?? '')}`;
    case 'redo':
      return `Redo: ${String(p['label'] ?? '')}`;
    default: {
      const spec = SPECS[entry.type as ActionType];
      return spec ? spec.label(p) : entry.type;
    }
  }
}
