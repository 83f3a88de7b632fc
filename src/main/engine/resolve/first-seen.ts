// First-seen signals: what an identity did for the first time after its baseline — a new source IP, region,
// user agent or API family (or, for an AI agent, a new tool), a burst of failures, use after a leaked-secret
// finding. They are signals like any other, pointing at the record that showed them, with their reason.
import type { Db } from '../db/database';
import { ACTIVITY_SQL as ACTIVITY, DERIVED_SOURCE, FINDING_SOURCES } from './sources';

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

/** Derives first-seen signals for every identity; idempotent (each has a stable dedupe key). Returns how many are new. */
export function deriveFirstSeen(db: Db): number {
  const baseline = new Map(
    db
      .all<{ identity_id: string; start: string }>(
        `SELECT m.identity_id, MIN(s.time) AS start FROM signals s JOIN identity_members m ON m.identifier_id = s.actor_id
          WHERE ${ACTIVITY} GROUP BY m.identity_id`,
      )
      .map((r) => [r.identity_id, Date.parse(r.start) + BASELINE_MS]),
  );
  const ctx = { db, baseline };
  let added = 0;
  added += firstValues(ctx, 'new-source-ip', 's.source_ip', (v) => isIp(v), (label, v) => `first time ${label} was seen from ${v}`);
  added += firstValues(ctx, 'new-region', 's.region', () => true, (label, v) => `first time ${label} acted in ${v}`);
  added += firstValues(ctx, 'new-user-agent', userAgentFamilySql, (v) => v !== '' && v !== 'AWS Internal', (label, v) => `first time ${label} used the client ${v}`);
  added += firstValues(ctx, 'new-api-family', apiFamilySql, (v) => v !== '', (label, v) => (v.startsWith('agent:') ? `first time the agent ${label} called ${v.slice(6)}` : `first time ${label} called the ${v} API`));
  added += failureBursts(db);
  added += useAfterFinding(db);
  return added;
}

// Client family: the product token of the user agent ("aws-cli/2.15 Python/3.11" -> "aws-cli"), so a version bump is not news.
const userAgentFamilySql = `CASE WHEN instr(s.user_agent, '/') > 0 THEN substr(s.user_agent, 1, instr(s.user_agent, '/') - 1) ELSE s.user_agent END`;
// API family: the service of the action ("iam:CreateAccessKey" -> "iam"); for agents the tool itself.
const apiFamilySql = `CASE WHEN s.action LIKE 'agent:execute_tool:%' THEN 'agent:' || substr(s.action, 20) WHEN instr(s.action, ':') > 0 THEN substr(s.action, 1, instr(s.action, ':') - 1) ELSE s.action END`;

function firstValues(ctx: { db: Db; baseline: Map<string, number> }, kind: Kind, expr: string, keep: (v: string) => boolean, describe: (label: string, v: string) => string): number {
  const rows = ctx.db.all<Trigger>(
    `SELECT identity_id, label, value, time, signal_id FROM (
       SELECT m.identity_id, i.label, ${expr} AS value, s.time, s.id AS signal_id,
              ROW_NUMBER() OVER (PARTITION BY m.identity_id, ${expr} ORDER BY s.time, s.id) AS n
         FROM signals s JOIN identity_members m ON m.identifier_id = s.actor_id JOIN identities i ON i.id = m.identity_id
        WHERE ${ACTIVITY} AND ${expr} IS NOT NULL)
      WHERE n = 1`,
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

/** Inserts one derived signal that copies the trigger's actor, time and evidence pointer. */
function insertDerived(db: Db, triggerId: number, kind: Kind, key: string, summary: string, severity: string): number {
  db.run(
    `INSERT INTO signals (dedupe_key, file_sha256, record_index, line, time, source, action, outcome, error_code, actor_label, actor_kind, actor_id, target, source_ip, region, user_agent, summary, severity)
     SELECT ?, file_sha256, record_index, line, time, ?, ?, 'unknown', NULL, actor_label, actor_kind, actor_id, target, source_ip, region, user_agent, ?, ?
       FROM signals WHERE id = ?
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [`first-seen:${kind}:${key}`, DERIVED_SOURCE, `first-seen:${kind}`, summary, severity, triggerId],
  );
  if (db.raw.getRowsModified() === 0) return 0; // seen before: the dedupe key already exists
  db.run(
    `INSERT OR IGNORE INTO signal_identifiers (signal_id, identifier_id) SELECT last_insert_rowid(), identifier_id FROM signal_identifiers WHERE signal_id = ?`,
    [triggerId],
  );
  return 1;
}

function isIp(value: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(value) || (/^[0-9a-f:]+$/i.test(value) && value.includes(':'));
}
