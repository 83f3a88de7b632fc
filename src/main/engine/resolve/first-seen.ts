// First-seen signals: what an identity did for the first time after its baseline — a new source IP, region,
// user agent or API family (or, for an AI agent, a new tool), a burst of failures, use after a leaked-secret
// finding. They are signals like any other, pointing at the record that showed them, with their reason.
import type { Db } from '../db/database';
import { ACTIVITY_SQL as ACTIVITY, DERIVED_SOURCE, FINDING_SOURCES, isActivity } from './sources';

/** Activity in an identity's first day is its baseline: nothing in it is "new". */
export const BASELINE_MS = 24 * 60 * 60 * 1000;
/** A burst: this many failures … */
export const BURST_FAILURES = 5;
/** … within this window. */
export const BURST_WINDOW_MS = 10 * 60 * 1000;
export { DERIVED_SOURCE, FINDING_SOURCES } from './sources';

interface Trigger {
  signal_id: number;
  identity_id: string;
  label: string;
  value: string;
  time: string;
}

type Kind = 'new-source-ip' | 'new-region' | 'new-user-agent' | 'new-api-family' | 'failure-burst' | 'use-after-finding';

/**
 * Derives first-seen signals for every identity; idempotent (each has a stable dedupe key). Returns how many are new.
 * What each identifier did first is kept in actor_firsts and folded in from each import's own signals, so the work
 * per import follows the import's size, not the workspace's; identities then take the earliest of their members.
 */
export function deriveFirstSeen(db: Db): number {
  foldFirsts(db);
  const baseline = new Map(
    db
      .all<{ identity_id: string; start: string }>(
        `SELECT m.identity_id, MIN(f.time) AS start FROM actor_firsts f JOIN identity_members m ON m.identifier_id = f.actor_id
          WHERE f.kind = 'activity' GROUP BY m.identity_id`,
      )
      .map((r) => [r.identity_id, Date.parse(r.start) + BASELINE_MS]),
  );
  const ctx = { db, baseline };
  let added = 0;
  added += firstValues(ctx, 'new-source-ip', 'source_ip', (v) => isIp(v), (label, v) => `first time ${label} was seen from ${v}`);
  added += firstValues(ctx, 'new-region', 'region', () => true, (label, v) => `first time ${label} acted in ${v}`);
  added += firstValues(ctx, 'new-user-agent', 'client', (v) => v !== '' && v !== 'AWS Internal', (label, v) => `first time ${label} used the client ${v}`);
  added += firstValues(ctx, 'new-api-family', 'api', (v) => v !== '', (label, v) => (v.startsWith('agent:') ? `first time the agent ${label} called ${v.slice(6)}` : `first time ${label} called the ${v} API`));
  added += failureBursts(db);
  added += useAfterFinding(db);
  return added;
}

// The values actor_firsts keeps, as SQL over `s` (for signals already in the database) and in code (for signals as
// an import writes them, see FirstsFolder): both must give the same value for the same signal.
// Client family: the product token of the user agent ("aws-cli/2.15 Python/3.11" -> "aws-cli"), so a version bump is not news.
const userAgentFamilySql = `CASE WHEN instr(s.user_agent, '/') > 0 THEN substr(s.user_agent, 1, instr(s.user_agent, '/') - 1) ELSE s.user_agent END`;
// API family: the service of the action ("iam:CreateAccessKey" -> "iam"); for agents the tool itself.
const apiFamilySql = `CASE WHEN s.action LIKE 'agent:execute_tool:%' THEN 'agent:' || substr(s.action, 20) WHEN instr(s.action, ':') > 0 THEN substr(s.action, 1, instr(s.action, ':') - 1) ELSE s.action END`;
const AGENT_TOOL = 'agent:execute_tool:';

/** The fields of a signal actor_firsts reads. */
export interface FirstsInput {
  source: string;
  action: string;
  time: string;
  sourceIp: string | null;
  region: string | null;
  userAgent: string | null;
}

const beforeSlash = (v: string): string => (v.includes('/') ? v.slice(0, v.indexOf('/')) : v);
const beforeColon = (v: string): string => (v.includes(':') ? v.slice(0, v.indexOf(':')) : v);

/** What actor_firsts keeps per identifier: its first activity at all, and its first of each value of these. */
const FIRSTS: { kind: string; sql: string; of: (s: FirstsInput) => string | null }[] = [
  { kind: 'activity', sql: `''`, of: () => '' },
  { kind: 'source_ip', sql: 's.source_ip', of: (s) => s.sourceIp },
  { kind: 'region', sql: 's.region', of: (s) => s.region },
  { kind: 'client', sql: userAgentFamilySql, of: (s) => (s.userAgent === null ? null : beforeSlash(s.userAgent)) },
  // LIKE is case-blind for ASCII, so the prefix test is too.
  { kind: 'api', sql: apiFamilySql, of: (s) => (s.action.toLowerCase().startsWith(AGENT_TOOL) ? `agent:${s.action.slice(AGENT_TOOL.length)}` : beforeColon(s.action)) },
];

const UPSERT_EARLIER = `ON CONFLICT (actor_id, kind, value) DO UPDATE SET time = excluded.time, signal_id = excluded.signal_id
  WHERE excluded.time < actor_firsts.time OR (excluded.time = actor_firsts.time AND excluded.signal_id < actor_firsts.signal_id)`;

/** Folds signals already in the database past the last fold into actor_firsts: an earlier first replaces a later one. */
export function foldFirsts(db: Db): void {
  const from = Number(db.meta('first_seen_through') ?? '0');
  for (const { kind, sql } of FIRSTS) {
    // MIN() makes the bare columns come from the earliest row of each group (SQLite's documented min/max rule).
    db.run(
      `INSERT INTO actor_firsts (actor_id, kind, value, time, signal_id)
         SELECT s.actor_id, ?, ${sql} AS value, MIN(s.time), s.id
           FROM signals s WHERE s.id > ? AND s.actor_id IS NOT NULL AND ${ACTIVITY} AND ${sql} IS NOT NULL
          GROUP BY s.actor_id, value
       ${UPSERT_EARLIER}`,
      [kind, from],
    );
  }
  markFolded(db);
}

function markFolded(db: Db): void {
  db.setMeta('first_seen_through', String(db.count('SELECT COALESCE(MAX(id), 0) FROM signal_rows')));
}

/**
 * Folds signals into actor_firsts as an import writes them, in memory, and writes the result once at the end: far
 * cheaper than grouping the import's signals in SQL afterwards. The import calls foldFirsts before its first signal
 * (so everything older is folded) and flush after its last.
 */
export class FirstsFolder {
  private readonly firsts = new Map<string, { actorId: number; kind: string; value: string; time: string; signalId: number }>();

  /** Notes a newly stored signal of the actor `actorId`. */
  add(actorId: number | null, signalId: number, signal: FirstsInput): void {
    if (actorId === null || !isActivity(signal.source)) return;
    for (const { kind, of } of FIRSTS) {
      const value = of(signal);
      if (value === null) continue;
      const key = `${actorId}\u0000${kind}\u0000${value}`;
      const known = this.firsts.get(key);
      // Ids only grow within an import, so on equal times the one already kept is the earlier.
      if (known === undefined) this.firsts.set(key, { actorId, kind, value, time: signal.time, signalId });
      else if (signal.time < known.time) {
        known.time = signal.time;
        known.signalId = signalId;
      }
    }
  }

  /** Writes what was folded into actor_firsts and marks every signal so far as folded. */
  flush(db: Db): void {
    const upsert = db.raw.prepare(`INSERT INTO actor_firsts (actor_id, kind, value, time, signal_id) VALUES (?, ?, ?, ?, ?) ${UPSERT_EARLIER}`);
    try {
      for (const f of this.firsts.values()) upsert.run([f.actorId, f.kind, f.value, f.time, f.signalId]);
    } finally {
      upsert.free();
    }
    this.firsts.clear();
    markFolded(db);
  }
}

function firstValues(ctx: { db: Db; baseline: Map<string, number> }, kind: Kind, first: string, keep: (v: string) => boolean, describe: (label: string, v: string) => string): number {
  // The identity's first of each value is the earliest of its identifiers' firsts.
  const rows = ctx.db.all<Trigger>(
    `SELECT identity_id, label, value, time, signal_id FROM (
       SELECT m.identity_id, i.label, f.value, f.time, f.signal_id,
              ROW_NUMBER() OVER (PARTITION BY m.identity_id, f.value ORDER BY f.time, f.signal_id) AS n
         FROM actor_firsts f JOIN identity_members m ON m.identifier_id = f.actor_id JOIN identities i ON i.id = m.identity_id
        WHERE f.kind = ?)
      WHERE n = 1`,
    [first],
  );
  let added = 0;
  for (const row of rows) {
    const end = ctx.baseline.get(row.identity_id);
    if (end === undefined || Date.parse(row.time) <= end || !keep(row.value)) continue;
    added += insertDerived(ctx.db, row.signal_id, kind, `${row.identity_id}:${row.value}`, `${describe(row.label, row.value)} (after a one-day baseline)`, 'medium');
  }
  return added;
}

function failureBursts(db: Db): number {
  const failures = db.all<{ identity_id: string; label: string; time: string; signal_id: number }>(
    `SELECT m.identity_id, i.label, s.time, s.id AS signal_id FROM signals s
       JOIN identity_members m ON m.identifier_id = s.actor_id JOIN identities i ON i.id = m.identity_id
      WHERE s.outcome = 'failure' AND ${ACTIVITY} ORDER BY m.identity_id, s.time, s.id`,
  );
  let added = 0;
  const lastBurstEnd = new Map<string, number>();
  for (let i = BURST_FAILURES - 1; i < failures.length; i++) {
    const last = failures[i]!;
    const first = failures[i - BURST_FAILURES + 1]!;
    if (first.identity_id !== last.identity_id) continue;
    const end = Date.parse(last.time);
    if (end - Date.parse(first.time) > BURST_WINDOW_MS) continue;
    if ((lastBurstEnd.get(last.identity_id) ?? -Infinity) + BURST_WINDOW_MS > end) continue; // one signal per burst
    lastBurstEnd.set(last.identity_id, end);
    added += insertDerived(db, last.signal_id, 'failure-burst', `${last.identity_id}:${first.time}`, `burst of ${BURST_FAILURES} or more failures by ${last.label} within ${BURST_WINDOW_MS / 60000} minutes`, 'high');
  }
  return added;
}

// The use that matters after a leak is the first one from somewhere the identity had not been before the finding
// (a new IP or client); the workload's own routine use right after the commit is not the news. Falls back to the
// first use at all.
function useAfterFinding(db: Db): number {
  const findings = db.all<{ identity_id: string; label: string; finding_time: string; finding_source: string }>(
    `SELECT m.identity_id, i.label, MIN(s.time) AS finding_time, MIN(s.source) AS finding_source
       FROM signals s JOIN identity_members m ON m.identifier_id = s.actor_id JOIN identities i ON i.id = m.identity_id
      WHERE s.source IN (${FINDING_SOURCES.map(() => '?').join(',')}) GROUP BY m.identity_id`,
    FINDING_SOURCES,
  );
  let added = 0;
  for (const f of findings) {
    const uses = db.all<{ id: number; time: string; source_ip: string | null; user_agent: string | null }>(
      `SELECT s.id, s.time, s.source_ip, s.user_agent FROM signals s JOIN identity_members m ON m.identifier_id = s.actor_id
        WHERE m.identity_id = ? AND ${ACTIVITY} ORDER BY s.time, s.id`,
      [f.identity_id],
    );
    const before = uses.filter((u) => u.time <= f.finding_time);
    const knownIps = new Set(before.map((u) => u.source_ip));
    const knownClients = new Set(before.map((u) => u.user_agent));
    const after = uses.filter((u) => u.time > f.finding_time);
    const use = after.find((u) => !knownIps.has(u.source_ip) || !knownClients.has(u.user_agent)) ?? after[0];
    if (!use) continue;
    const hours = (Date.parse(use.time) - Date.parse(f.finding_time)) / 3_600_000;
    const when = hours < 1 ? `${Math.max(1, Math.round(hours * 60))} min` : `${Math.round(hours * 10) / 10} h`;
    const where = use.source_ip && !knownIps.has(use.source_ip) ? ` from ${use.source_ip}, an address it had not used before` : '';
    added += insertDerived(db, use.id, 'use-after-finding', f.identity_id, `${f.label} was used ${when} after its secret was found by ${f.finding_source}${where}`, 'critical');
  }
  return added;
}

/** Inserts one derived signal that copies the trigger's actor, identifiers, time and evidence pointer. */
function insertDerived(db: Db, triggerId: number, kind: Kind, key: string, summary: string, severity: string): number {
  db.run(
    `INSERT INTO signal_rows (dedupe_key, file_id, record_index, line, time, source, action, outcome, error_code, actor_label, actor_kind,
            actor_id, identifier_set, target, source_ip, region, user_agent_id, summary, severity)
     SELECT ?, file_id, record_index, line, time, ?, ?, 'unknown', NULL, actor_label, actor_kind,
            actor_id, identifier_set, target, source_ip, region, user_agent_id, ?, ?
       FROM signal_rows WHERE id = ?
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [`first-seen:${kind}:${key}`, DERIVED_SOURCE, `first-seen:${kind}`, summary, severity, triggerId],
  );
  return db.raw.getRowsModified() === 0 ? 0 : 1; // 0: seen before, the dedupe key already exists
}

function isIp(value: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(value) || (/^[0-9a-f:]+$/i.test(value) && value.includes(':'));
}
