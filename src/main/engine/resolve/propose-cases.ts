// Proposing cases: every identity with signals that are in no case gets them, in its own case.
import type { Db } from '../db/database';
import { appendAudit } from '../cases/audit-log';
import { signalReason } from './signal-reason';
import { refreshCase } from './case-stats';
import { deriveFirstSeen } from './first-seen';
import { CASE_MATERIAL_SQL, DERIVED_SOURCE, FINDING_SOURCES } from './sources';

interface PendingSignal {
  id: number;
  time: string;
  identity_id: string;
  actor_id: number;
  actor_label: string;
  source: string;
  identifier_set: number | null;
  /** Only for derived signals, whose reason quotes it. */
  summary: string | null;
}

/** Result of one proposal round. */
export interface ProposalResult {
  created: string[];
  grown: string[];
}

/** Assigns unassigned signals to their identity's case (creating it when needed), with reasons and audit entries. */
export function proposeCases(db: Db, at: string): ProposalResult {
  refreshAnchors(db);
  // An inventory imported after the case was proposed still gives the case its owner (never over an analyst's).
  db.run('UPDATE cases SET owner = (SELECT owner FROM identities WHERE id = cases.anchor_identity) WHERE owner IS NULL');
  deriveFirstSeen(db);
  const pending = db.all<PendingSignal>(
    `SELECT s.id, s.time, m.identity_id, s.actor_id, s.actor_label, s.source, s.identifier_set,
            CASE WHEN s.source = ? THEN s.summary END AS summary
       FROM signals s
       JOIN identity_members m ON m.identifier_id = s.actor_id
       LEFT JOIN case_signals cs ON cs.signal_id = s.id
      WHERE cs.signal_id IS NULL AND ${CASE_MATERIAL_SQL}
      ORDER BY s.time, s.id`,
    [DERIVED_SOURCE],
  );
  const byIdentity = new Map<string, PendingSignal[]>();
  for (const signal of pending) {
    const list = byIdentity.get(signal.identity_id);
    if (list) list.push(signal);
    else byIdentity.set(signal.identity_id, [signal]);
  }
  // Reasons need a signal's identifiers: signals share a few thousand identifier sets, read once each.
  const setMembers = identifierSets(db, new Set(pending.map((p) => p.identifier_set).filter((id) => id !== null)));

  const result: ProposalResult = { created: [], grown: [] };
  const insert = db.raw.prepare('INSERT INTO case_signals (signal_id, case_id, reason, time, confidence) VALUES (?, ?, ?, ?, ?)');
  const primaryOf = db.raw.prepare('SELECT type, value FROM identifiers WHERE id = ?');
  try {
    for (const [identityId, signals] of [...byIdentity].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const identity = db.get<{ label: string; kind: string; primary_id: number; owner: string | null }>('SELECT label, kind, primary_id, owner FROM identities WHERE id = ?', [identityId])!;
      const existing = activeCaseOf(db, identityId);
      const caseId = existing?.id ?? createCase(db, identityId, identity, at);
      // Most signals of an identity share actor, identifier set and source: each combination is worked out once.
      const decided = new Map<string, [reason: string, confidence: string]>();
      for (const signal of signals) {
        if (signal.source === DERIVED_SOURCE) {
          insert.run([signal.id, caseId, `first seen: ${signal.summary}`, signal.time, 'medium']);
          continue;
        }
        const isFinding = FINDING_SOURCES.includes(signal.source);
        const key = `${signal.actor_id}\u0000${signal.actor_label}\u0000${signal.identifier_set}\u0000${isFinding}`;
        let found = decided.get(key);
        if (!found) {
          const identifiers = signal.identifier_set === null ? [] : (setMembers.get(signal.identifier_set) ?? []);
          const reason = signalReason({ anchorLabel: identity.label, actorLabel: signal.actor_label, actorIsPrimary: signal.actor_id === identity.primary_id, identifiers, isFinding });
          found = [reason, confidenceOf(signal, isFinding, identity.primary_id, identifiers, primaryOf)];
          decided.set(key, found);
        }
        insert.run([signal.id, caseId, found[0], signal.time, found[1]]);
      }
      updateSeverity(db, caseId);
      const severity = db.get<{ severity: string }>('SELECT severity FROM cases WHERE id = ?', [caseId])!.severity;
      if (existing) {
        result.grown.push(caseId);
        appendAudit(db, { type: 'case.signals-added', at, actor: 'engine', caseIds: [caseId], payload: { signals: signals.length, severity, reason: `new evidence about ${identity.label}` } });
      } else {
        result.created.push(caseId);
        appendAudit(db, {
          type: 'case.proposed',
          at,
          actor: 'engine',
          caseIds: [caseId],
          payload: { anchor: identityId, anchorLabel: identity.label, signals: signals.length, severity, reason: `all activity of ${identity.label} (${identity.kind})` },
        });
      }
    }
  } finally {
    insert.free();
    primaryOf.free();
  }
  return result;
}

/** High when the record itself names the anchor's primary identifier; medium when it joins through other evidence. */
function confidenceOf(
  signal: PendingSignal,
  isFinding: boolean,
  primaryId: number,
  identifiers: { type: string; value: string }[],
  primaryOf: import('sql.js').Statement,
): 'high' | 'medium' {
  if (isFinding) return 'medium';
  if (signal.actor_id === primaryId) return 'high';
  primaryOf.bind([primaryId]);
  const primary = primaryOf.step() ? (primaryOf.get() as [string, string]) : null;
  primaryOf.reset();
  return primary && identifiers.some((i) => i.type === primary[0] && i.value === primary[1]) ? 'high' : 'medium';
}

/** The members (type and value) of each identifier set asked for. */
function identifierSets(db: Db, ids: Set<number>): Map<number, { type: string; value: string }[]> {
  const members = new Map<number, { type: string; value: string }[]>();
  const rows = db.raw.prepare('SELECT i.type, i.value FROM identifier_set_members m JOIN identifiers i ON i.id = m.identifier_id WHERE m.set_id = ?');
  try {
    for (const id of ids) {
      const list: { type: string; value: string }[] = [];
      rows.bind([id]);
      while (rows.step()) {
        const [type, value] = rows.get() as [string, string];
        list.push({ type, value });
      }
      rows.reset();
      members.set(id, list);
    }
  } finally {
    rows.free();
  }
  return members;
}

/** The case new signals of an identity join: its first case that was not withdrawn, or the case that case was merged into. */
function activeCaseOf(db: Db, identityId: string): { id: string } | undefined {
  let row = db.get<{ id: string; merged_into: string | null }>('SELECT id, merged_into FROM cases WHERE anchor_identity = ? AND withdrawn = 0 ORDER BY id LIMIT 1', [identityId]);
  for (let hops = 0; row?.merged_into && hops < 1000; hops++) {
    row = db.get<{ id: string; merged_into: string | null }>('SELECT id, merged_into FROM cases WHERE id = ?', [row.merged_into]);
  }
  return row ? { id: row.id } : undefined;
}

/** After re-resolution an anchor's identity id can change (two identities became one); follow its primary identifier. */
function refreshAnchors(db: Db): void {
  db.run(
    `UPDATE cases SET anchor_identity = (SELECT identity_id FROM identity_members WHERE identifier_id = cases.anchor_primary)
      WHERE anchor_identity <> (SELECT identity_id FROM identity_members WHERE identifier_id = cases.anchor_primary)`,
  );
}

/** A new case; its owner starts as the identity's owner from the inventory (ownership turns a case into an action). */
function createCase(db: Db, identityId: string, identity: { label: string; kind: string; primary_id: number; owner: string | null }, at: string): string {
  const next = Number(db.meta('next_case') ?? '1');
  const caseId = `C-${String(next).padStart(4, '0')}`;
  db.setMeta('next_case', String(next + 1));
  db.run('INSERT INTO cases (id, anchor_identity, anchor_primary, title, status, severity, created_at, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    caseId, identityId, identity.primary_id, `Activity of ${identity.label}`, 'new', 'low', at, identity.owner,
  ]);
  return caseId;
}

/** Recomputes a case's figures and severity from its member signals (see case-stats.ts). */
export function updateSeverity(db: Db, caseId: string): void {
  refreshCase(db, caseId);
}
