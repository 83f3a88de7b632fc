// Moving signals between cases. A signal whose identity is unrelated to the destination's anchor needs a reason.
import { WorkbenchError } from '../../../shared/errors';
import type { Db } from '../db/database';
import { chunks, reassignSignals, type ActionSpec } from './action-spec';
import { activeCase, identitiesRelated } from './case-rules';
import { shiftSignals } from '../resolve/case-stats';

/** A move, with each signal's case and reason before it. */
export interface MovePayload {
  to: string;
  moves: { id: number; from: string; reason: string }[];
  reason: string | null;
}

/** Checks a move request: every signal is in some active case other than the destination. */
export function planMove(db: Db, input: { signalIds: number[]; to: string; reason?: string }): MovePayload {
  const to = activeCase(db, input.to);
  const ids = [...new Set(input.signalIds)];
  const rows: { id: number; from: string; reason: string; identity: string | null }[] = [];
  for (const part of chunks(ids)) {
    rows.push(
      ...db.all<{ id: number; from: string; reason: string; identity: string | null }>(
        `SELECT cs.signal_id AS id, cs.case_id AS "from", cs.reason, m.identity_id AS identity
           FROM case_signals cs JOIN signals s ON s.id = cs.signal_id LEFT JOIN identity_members m ON m.identifier_id = s.actor_id
          WHERE cs.signal_id IN (${part.map(() => '?').join(',')})`,
        part,
      ),
    );
  }
  if (rows.length !== ids.length) {
    const found = new Set(rows.map((r) => r.id));
    throw new WorkbenchError('BAD_INPUT', `Signals ${ids.filter((id) => !found.has(id)).slice(0, 10).join(', ')} are in no case.`, { hint: 'Check the signal ids (show <case-id> lists them).' });
  }
  const moves = rows.filter((r) => r.from !== to.id);
  if (moves.length === 0) throw new WorkbenchError('REFUSED', `Every signal given is already in ${to.id}.`);
  const reason = input.reason?.trim() || null;
  // Many signals share an identity: ask about each identity once.
  const related = new Map<string, boolean>();
  const isRelated = (identity: string): boolean => {
    let known = related.get(identity);
    if (known === undefined) related.set(identity, (known = identitiesRelated(db, identity, to.anchor_identity)));
    return known;
  };
  const strangers = moves.filter((r) => r.identity === null || !isRelated(r.identity));
  if (strangers.length > 0 && !reason) {
    throw new WorkbenchError('REFUSED', `${strangers.length} of the signals were done by identities unrelated to ${to.id}'s anchor (${to.label}); moving them needs a written reason.`, {
      hint: 'Say why they belong to this case: --reason "<why>".',
    });
  }
  return { to: to.id, moves: moves.map(({ id, from, reason: r }) => ({ id, from, reason: r })), reason };
}

/** The move action: the cases' figures change by the moved signals only. */
export const moveSignals: ActionSpec<MovePayload> = {
  type: 'signals.moved',
  apply(db, p) {
    reassignSignals(db, p.moves.map((m) => ({ id: m.id, caseId: p.to, reason: `${m.reason} — moved from ${m.from}${p.reason ? `: ${p.reason}` : ''}` })));
    shiftSignals(db, p.moves.map((m) => ({ id: m.id, from: m.from, to: p.to })));
  },
  revert(db, p) {
    reassignSignals(db, p.moves.map((m) => ({ id: m.id, caseId: m.from, reason: m.reason })));
    shiftSignals(db, p.moves.map((m) => ({ id: m.id, from: p.to, to: m.from })));
  },
  cases: (p) => [p.to, ...new Set(p.moves.map((m) => m.from))],
  label: (p) => `Move ${p.moves.length} signal${p.moves.length === 1 ? '' : 's'} to ${p.to}`,
};
