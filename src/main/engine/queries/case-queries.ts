// Read queries behind the case queue, the case view and the identity list. Pages, never whole tables.
import { WorkbenchError } from '../../../shared/errors';
import type { CaseDetail, CaseSummary, IdentityKind, IdentitySummary, SignalRow, Severity, CaseStatus, Outcome } from '../../../shared/schemas';
import type { Db } from '../db/database';

interface CaseRow {
  id: string;
  title: string;
  status: string;
  severity: string;
  anchor_identity: string;
  kind: string;
  label: string;
  signals: number;
  first_seen: string | null;
  last_seen: string | null;
}

const CASE_SELECT = `
  SELECT c.id, c.title, c.status, c.severity, c.anchor_identity, i.kind, i.label,
         COUNT(cs.signal_id) AS signals, MIN(s.time) AS first_seen, MAX(s.time) AS last_seen
    FROM cases c
    JOIN identities i ON i.id = c.anchor_identity
    LEFT JOIN case_signals cs ON cs.case_id = c.id
    LEFT JOIN signals s ON s.id = cs.signal_id`;

const SORTS = {
  severity: `CASE c.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, last_seen DESC, c.id`,
  lastSeen: 'last_seen DESC, c.id',
  signals: 'signals DESC, c.id',
} as const;

function toSummary(row: CaseRow): CaseSummary {
  return {
    id: row.id,
    title: row.title,
    anchor: { id: row.anchor_identity, kind: row.kind as IdentityKind, label: row.label },
    status: row.status as CaseStatus,
    severity: row.severity as Severity,
    signals: row.signals,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  };
}

/** One page of the case queue. */
export function listCases(db: Db, offset: number, limit: number, sort: keyof typeof SORTS): { total: number; items: CaseSummary[] } {
  const total = db.count('SELECT COUNT(*) FROM cases');
  const rows = db.all<CaseRow>(`${CASE_SELECT} GROUP BY c.id ORDER BY ${SORTS[sort]} LIMIT ? OFFSET ?`, [limit, offset]);
  return { total, items: rows.map(toSummary) };
}

/** One identity with its identifiers. */
export function getIdentity(db: Db, id: string): IdentitySummary {
  const row = db.get<{ id: string; kind: string; label: string; owner: string | null }>('SELECT id, kind, label, owner FROM identities WHERE id = ?', [id]);
  if (!row) throw new WorkbenchError('NOT_FOUND', `No identity ${id} in this workspace.`);
  const identifiers = db.all<{ type: string; value: string }>(
    'SELECT i.type, i.value FROM identity_members m JOIN identifiers i ON i.id = m.identifier_id WHERE m.identity_id = ? ORDER BY i.type, i.value',
    [id],
  );
  return { id: row.id, kind: row.kind as IdentityKind, label: row.label, owner: row.owner, identifiers };
}

/** Every identity that has acted in the evidence, with its identifiers. */
export function listIdentities(db: Db): IdentitySummary[] {
  const ids = db.all<{ id: string }>(
    `SELECT DISTINCT m.identity_id AS id FROM signals s JOIN identity_members m ON m.identifier_id = s.actor_id ORDER BY m.identity_id`,
  );
  return ids.map(({ id }) => getIdentity(db, id));
}

/** One case with its anchor identity and the figures its header shows. */
export function getCase(db: Db, id: string): CaseDetail {
  const row = db.get<CaseRow>(`${CASE_SELECT} WHERE c.id = ? GROUP BY c.id`, [id]);
  if (!row) throw new WorkbenchError('NOT_FOUND', `No case ${id} in this workspace.`, { hint: 'List the cases to see their ids.' });
  const members = `FROM case_signals cs JOIN signals s ON s.id = cs.signal_id WHERE cs.case_id = ?`;
  return {
    ...toSummary(row),
    anchorIdentity: getIdentity(db, row.anchor_identity),
    failures: db.count(`SELECT COUNT(*) ${members} AND s.outcome = 'failure'`, [id]),
    sourceIps: db.all<{ v: string }>(`SELECT s.source_ip AS v ${members} AND s.source_ip IS NOT NULL GROUP BY v ORDER BY COUNT(*) DESC LIMIT 20`, [id]).map((r) => r.v),
    regions: db.all<{ v: string }>(`SELECT s.region AS v ${members} AND s.region IS NOT NULL GROUP BY v ORDER BY COUNT(*) DESC LIMIT 20`, [id]).map((r) => r.v),
  };
}

interface SignalDbRow {
  id: number;
  time: string;
  source: string;
  action: string;
  outcome: string;
  error_code: string | null;
  actor_label: string;
  target: string | null;
  source_ip: string | null;
  region: string | null;
  user_agent: string | null;
  summary: string;
  reason: string;
  count: number;
  file_sha256: string;
  file_name: string;
  record_index: number;
  line: number | null;
}

function toSignalRow(row: SignalDbRow): SignalRow {
  return {
    id: row.id,
    time: row.time,
    source: row.source,
    action: row.action,
    outcome: row.outcome as Outcome,
    errorCode: row.error_code,
    actor: row.actor_label,
    target: row.target,
    sourceIp: row.source_ip,
    region: row.region,
    userAgent: row.user_agent,
    summary: row.summary,
    reason: row.reason,
    count: row.count,
    evidence: { sha256: row.file_sha256, name: row.file_name, recordIndex: row.record_index, line: row.line },
  };
}

/** One page of a case's signals in time order. */
export function caseSignals(db: Db, id: string, offset: number, limit: number): { total: number; items: SignalRow[] } {
  if (!db.get('SELECT 1 AS x FROM cases WHERE id = ?', [id])) throw new WorkbenchError('NOT_FOUND', `No case ${id} in this workspace.`);
  const total = db.count('SELECT COUNT(*) FROM case_signals WHERE case_id = ?', [id]);
  const rows = db.all<SignalDbRow>(
    `SELECT s.*, cs.reason, f.name AS file_name
       FROM case_signals cs JOIN signals s ON s.id = cs.signal_id JOIN evidence_files f ON f.sha256 = s.file_sha256
      WHERE cs.case_id = ? ORDER BY s.time, s.id LIMIT ? OFFSET ?`,
    [id, limit, offset],
  );
  return { total, items: rows.map(toSignalRow) };
}
