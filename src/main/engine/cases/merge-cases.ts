// Merging cases: every signal of the merged cases moves into the surviving one; the others close, pointing at it.
// Merging cases whose anchors are unrelated identities needs a written reason and marks the result.
import { WorkbenchError } from '../../../shared/errors';
import type { Db } from '../db/database';
import { chunks, type ActionSpec } from './action-spec';
import { activeCase, identitiesRelated } from './case-rules';
import { shiftCase, shiftSignals } from '../resolve/case-stats';

/** A merge, with what undo needs to put every signal back. */
export interface MergePayload {
  into: string;
  from: { id: string; status: string; signals: number[] }[];
  reason: string | null;
  unrelated: boolean;
  before: { severity: string; marked: string | null };
}

/** Checks a merge request and fixes everything the merge and its undo need. */
export function planMerge(db: Db, input: { ids: string[]; into?: string; reason?: string }): MergePayload {
  const ids = [...new Set(input.ids)];
  if (ids.length < 2) throw new WorkbenchError('USAGE', 'A merge needs at least two different cases.');
  const into = input.into ?? ids[0]!;
  if (!ids.includes(into)) throw new WorkbenchError('USAGE', `The surviving case ${into} must be one of the cases merged.`);
  const target = activeCase(db, into);
  const others = ids.filter((id) => id !== into).map((id) => activeCase(db, id));
  const unrelated = others.filter((c) => !identitiesRelated(db, c.anchor_identity, target.anchor_identity));
  const reason = input.reason?.trim() || null;
  if (unrelated.length > 0 && !reason) {
    const names = unrelated.map((c) => `${c.id} (${c.label})`).join(', ');
    throw new WorkbenchError('REFUSED', `${names} and ${target.id} (${target.label}) are anchored on unrelated identities; merging them needs a written reason.`, {
      hint: 'Merging unrelated identities is the most common misuse of a case. If it is right, say why: --reason "<why these belong together>".',
    });
  }
  return {
    into,
    from: others.map((c) => ({
      id: c.id,
      status: c.status,
      signals: db.all<{ signal_id: number }>('SELECT signal_id FROM case_signals WHERE case_id = ? ORDER BY signal_id', [c.id]).map((r) => r.signal_id),
    })),
    reason,
    unrelated: unrelated.length > 0,
    before: { severity: target.severity, marked: target.marked },
  };
}

/** Points every listed signal's case_signals row at `caseId`, 500 ids a statement. */
function assign(db: Db, signals: number[], caseId: string): void {
  for (const part of chunks(signals)) {
    db.run(`UPDATE case_signals SET case_id = ? WHERE signal_id IN (${part.map(() => '?').join(',')})`, [caseId, ...part]);
  }
}

/**
 * The merge action. Only the merged cases' signal rows are rewritten (the surviving case's stay as they are); the
 * figures follow from the merged cases' summaries, and on undo from the signals that go back.
 */
export const mergeCases: ActionSpec<MergePayload> = {
  type: 'case.merged',
  apply(db, p) {
    for (const from of p.from) {
      assign(db, from.signals, p.into);
      db.run(`UPDATE cases SET merged_into = ?, status = 'closed' WHERE id = ?`, [p.into, from.id]);
      shiftCase(db, from.id, p.into);
    }
    db.run('UPDATE cases SET marked = ? WHERE id = ?', [p.unrelated ? 'merged unrelated anchors' : p.before.marked, p.into]);
  },
  revert(db, p) {
    for (const from of p.from) {
      assign(db, from.signals, from.id);
      db.run('UPDATE cases SET merged_into = NULL, status = ? WHERE id = ?', [from.status, from.id]);
      shiftSignals(db, from.signals.map((id) => ({ id, from: p.into, to: from.id })));
    }
    // The severity is not restored from before.severity: with the signals back it is what they give (or, when an
    // analyst set it, it was never touched), exactly as a full recompute would have it.
    db.run('UPDATE cases SET marked = ? WHERE id = ?', [p.before.marked, p.into]);
  },
  cases: (p) => [p.into, ...p.from.map((f) => f.id)],
  label: (p) => `Merge ${p.from.map((f) => f.id).join(', ')} into ${p.into}`,
};
