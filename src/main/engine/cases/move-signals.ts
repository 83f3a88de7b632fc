// Moving signals between cases. A signal whose identity is unrelated to the destination's anchor needs a reason.
import { WorkbenchError } from '../../../shared/errors';
import type { Db } from '../db/database';
import { chunks, type ActionSpec } from './action-spec';
import { activeCase, identitiesRelated, refreshSeverity } from './case-rules';

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
  const strangers = moves.filter((r) => r.identity === null || !identitiesRelated(db, r.identity, to.anchor_identity));
  if (strangers.length > 0 && !reason) {
    throw new WorkbenchError('REFUSED', `${strangers.length} of the signals were done by identities unrelated to ${to.id}'s anchor (${to.label}); moving them needs a written reason.`, {
      hint: 'Say why they belong to this case: --reason "<why>".',
    });
  }
  return { to: to.id, moves: moves.map(({ id, from, reason: r }) => ({ id, from, reason: r })), reason };
}

/** The move action. */
export const moveSignals: ActionSpec<MovePayload> = {
  type: 'signals.moved',
  apply(db, p) {
    for (const m of p.moves) {
      db.run('UPDATE case_signals SET case_id = ?, reason = ? WHERE signal_id = ?', [p.to, `${m.reason} — moved from ${m.from}${p.reason ? `: ${p.reason}` : ''}`, m.id]);
    }
    for (const id of new Set([p.to, ...p.moves.map((m) => m.from)])) refreshSeverity(db, id);
  },
  revert(db, p) {
    for (const m of p.moves) db.run('UPDATE case_signals SET case_id = ?, reason = ? WHERE signal_id = ?', [m.from, m.reason, m.id]);
    for (const id of new Set([p.to, ...p.moves.map((m) => m.from)])) refreshSeverity(db, id);
  },
  cases: (p) => [p.to, ...new Set(p.moves.map((m) => m.from))],
  label: (p) => `Move ${p.moves.length} signal${p.moves.length === 1 ? '' : 's'} to ${p.to}`,
};
