// Read queries behind the case queue, the case view and the identity list. Pages, never whole tables.
import { WorkbenchError } from '../../../shared/errors';
import type { CaseDetail, CaseSummary, IdentityKind, IdentitySummary, SignalRow, Severity, CaseStatus, Outcome } from '../../../shared/schemas';
import type { Db } from '../db/database';
import { CASE_MATERIAL_SQL } from '../resolve/sources';

interface CaseRow {
  owner: string | null;
  marked: string | null;
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
  SELECT c.id, c.title, c.status, c.severity, c.anchor_identity, i.kind, i.label, c.owner, c.marked,
         c.signal_count AS signals, c.first_seen, c.last_seen
    FROM cases c
    JOIN identities i ON i.id = c.anchor_identity`;

const SEVERITY_RANK = `CASE c.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`;
const STATUS_RANK = `CASE c.status WHEN 'new' THEN 0 WHEN 'triage' THEN 1 WHEN 'contained' THEN 2 ELSE 3 END`;

/** Sort keys of the case queue: the expression and whether it runs descending by default. */
const CASE_SORTS = {
  severity: [SEVERITY_RANK, false],
  lastSeen: ['c.last_seen', true],
  firstSeen: ['c.first_seen', true],
  signals: ['c.signal_count', true],
  id: ['c.id', false],
  anchor: ['i.label', false],
  status: [STATUS_RANK, false],
} as const;

/** What the queue can be filtered and sorted by. */
export interface CaseQuery {
  offset: number;
  limit: number;
  sort: keyof typeof CASE_SORTS;
  descending?: boolean;
  query?: string;
  status?: string;
  severity?: string;
}

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
    owner: row.owner,
    marked: row.marked,
  };
}

/** A LIKE pattern matching the text anywhere, with LIKE's own wildcards escaped. */
function likePattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** One page of the case queue: active cases only (merged and withdrawn ones are gone from it). */
export function listCases(db: Db, q: CaseQuery): { total: number; items: CaseSummary[] } {
  const where = ['c.merged_into IS NULL', 'c.withdrawn = 0'];
  const params: (string | number)[] = [];
  if (q.status) {
    where.push('c.status = ?');
    params.push(q.status);
  }
  if (q.severity) {
    where.push('c.severity = ?');
    params.push(q.severity);
  }
  if (q.query?.trim()) {
    // The identities whose label or any identifier matches are found once (one pass over identifiers), not per case.
    where.push(`(c.id LIKE ? ESCAPE '\\' OR c.title LIKE ? ESCAPE '\\' OR c.owner LIKE ? ESCAPE '\\' OR c.anchor_identity IN (
        SELECT id FROM identities WHERE label LIKE ? ESCAPE '\\'
        UNION SELECT m.identity_id FROM identifiers x JOIN identity_members m ON m.identifier_id = x.id WHERE x.value LIKE ? ESCAPE '\\'))`);
    const like = likePattern(q.query);
    params.push(like, like, like, like, like);
  }
  const whereSql = `WHERE ${where.join(' AND ')}`;
  // Every case's anchor is an identity, so the count needs the cases alone. The page is chosen by its sort keys and
  // ids first, and only its rows are read in full. Sorted by anchor, identities are walked in label order (their
  // index) and each one's cases found by the anchor index, so a page stops after its rows instead of sorting all.
  const total = db.count(`SELECT COUNT(*) FROM cases c ${whereSql}`, params);
  const from = q.sort === 'anchor' ? `FROM identities i CROSS JOIN cases c ON c.anchor_identity = i.id ${whereSql}` : `FROM cases c ${whereSql}`;
  const [expr, defaultDesc] = CASE_SORTS[q.sort];
  const order = `${expr} ${(q.descending ?? defaultDesc) ? 'DESC' : 'ASC'}, c.last_seen DESC, c.id`;
  const rows = db.all<CaseRow>(`${CASE_SELECT} JOIN (SELECT c.id ${from} ORDER BY ${order} LIMIT ? OFFSET ?) page ON page.id = c.id ORDER BY ${order}`, [
    ...params,
    q.limit,
    q.offset,
  ]);
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
    `SELECT DISTINCT m.identity_id AS id FROM signals s JOIN identity_members m ON m.identifier_id = s.actor_id WHERE ${CASE_MATERIAL_SQL} ORDER BY m.identity_id`,
  );
  return ids.map(({ id }) => getIdentity(db, id));
}

/** One case with its anchor identity and the figures its header shows. */
export function getCase(db: Db, id: string): CaseDetail {
  const header = caseHeader(db, id);
  const [sourceIps, regions] = valueCounts(db, id, ['source_ip', 'region']);
  return {
    ...header,
    // Failures are kept in the case's summary rows (resolve/case-stats.ts), so no pass over its signals for them.
    failures: db.count('SELECT COALESCE(SUM(failures), 0) FROM case_summary WHERE case_id = ?', [id]),
    sourceIps: sourceIps!.slice(0, 20).map((r) => r.v),
    regions: regions!.slice(0, 20).map((r) => r.v),
  };
}

/** A case's queue row with its anchor identity: what the header of a case shows without reading its signals. */
export function caseHeader(db: Db, id: string): CaseSummary & { anchorIdentity: IdentitySummary } {
  const row = db.get<CaseRow>(`${CASE_SELECT} WHERE c.id = ?`, [id]);
  if (!row) throw new WorkbenchError('NOT_FOUND', `No case ${id} in this workspace.`, { hint: 'List the cases to see their ids.' });
  return { ...toSummary(row), anchorIdentity: getIdentity(db, row.anchor_identity) };
}

/**
 * How many of a case's signals carry each value of these columns, most frequent first (ties by value): one pass
 * over the case's signals for all of them, counted here instead of one grouped query per column.
 */
export function valueCounts(db: Db, caseId: string, columns: ('source_ip' | 'region' | 'target')[]): { v: string; n: number }[][] {
  const counts = columns.map(() => new Map<string, number>());
  const stmt = db.raw.prepare(`SELECT ${columns.map((c) => `s.${c}`).join(', ')} FROM case_signals cs JOIN signal_rows s ON s.id = cs.signal_id WHERE cs.case_id = ?`);
  try {
    stmt.bind([caseId]);
    while (stmt.step()) {
      const row = stmt.get();
      for (let i = 0; i < columns.length; i++) {
        const v = row[i];
        if (typeof v === 'string') counts[i]!.set(v, (counts[i]!.get(v) ?? 0) + 1);
      }
    }
  } finally {
    stmt.free();
  }
  return counts.map((m) => [...m].map(([v, n]) => ({ v, n })).sort((a, b) => b.n - a.n || (a.v < b.v ? -1 : a.v > b.v ? 1 : 0)));
}

/** The columns of a signal row as the signal queries select them (`s.*` of the signals view, the file's name). */
export interface SignalColumns {
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
  count: number;
  file_sha256: string;
  file_name: string;
  record_index: number;
  line: number | null;
}

interface SignalDbRow extends SignalColumns {
  reason: string;
  confidence: 'high' | 'medium' | 'low';
}

function toSignalRow(row: SignalDbRow): SignalRow {
  return { ...signalFields(row), reason: row.reason, confidence: row.confidence };
}

/** A signal's own fields (what the signal table and search hits share), from its columns. */
export function signalFields(row: SignalColumns): Omit<SignalRow, 'reason' | 'confidence'> {
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
    count: row.count,
    evidence: { sha256: row.file_sha256, name: row.file_name, recordIndex: row.record_index, line: row.line },
  };
}

const SIGNAL_SORTS = {
  time: 'cs.time',
  action: 's.action',
  outcome: 's.outcome',
  sourceIp: 's.source_ip',
  region: 's.region',
  actor: 's.actor_label',
} as const;

/** What a signal page can be sorted and filtered by. */
export interface SignalQuery {
  offset: number;
  limit: number;
  sort?: keyof typeof SIGNAL_SORTS;
  descending?: boolean;
  query?: string;
}

/** One page of a case's signals, sorted and filtered. */
export function caseSignals(db: Db, id: string, q: SignalQuery): { total: number; items: SignalRow[] } {
  if (!db.get('SELECT 1 AS x FROM cases WHERE id = ?', [id])) throw new WorkbenchError('NOT_FOUND', `No case ${id} in this workspace.`);
  const params: (string | number)[] = [id];
  let filter = '';
  if (q.query?.trim()) {
    const columns = ['s.action', 's.summary', 's.source_ip', 's.target', 's.error_code', 's.region', 'cs.reason'];
    filter = ` AND (${columns.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`;
    params.push(...columns.map(() => likePattern(q.query!)));
  }
  const from = `FROM case_signals cs JOIN signals s ON s.id = cs.signal_id WHERE cs.case_id = ?${filter}`;
  // Unfiltered, the count needs no signal row: the (case_id, …) index alone answers it.
  const total = filter === '' ? db.count('SELECT COUNT(*) FROM case_signals WHERE case_id = ?', [id]) : db.count(`SELECT COUNT(*) ${from}`, params);
  const dir = q.descending ? 'DESC' : 'ASC';
  const order = (q.sort ?? 'time') === 'time' ? `cs.time ${dir}, cs.signal_id ${dir}` : `${SIGNAL_SORTS[q.sort!]} ${dir}, cs.time, cs.signal_id`;
  // The page is chosen first by a narrow query (sort keys and ids only), then only its rows are read in full: a
  // sort over a 100,000-signal case then moves small keys, not whole rows with their looked-up columns. Unfiltered
  // time order needs no signal row at all: it is the (case_id, time, signal_id) index itself, deep offsets too.
  const byIndex = (q.sort ?? 'time') === 'time' && filter === '';
  const page = byIndex
    ? `SELECT signal_id FROM case_signals WHERE case_id = ? ORDER BY time ${dir}, signal_id ${dir} LIMIT ? OFFSET ?`
    : `SELECT cs.signal_id ${from} ORDER BY ${order} LIMIT ? OFFSET ?`;
  const pageParams = byIndex ? [id] : params;
  const rows = db.all<SignalDbRow>(
    `SELECT s.*, cs.reason, cs.confidence, f.name AS file_name
       FROM (${page}) page JOIN case_signals cs ON cs.signal_id = page.signal_id JOIN signals s ON s.id = cs.signal_id
       JOIN evidence_files f ON f.id = s.file_id
      ORDER BY ${order}`,
    [...pageParams, q.limit, q.offset],
  );
  return { total, items: rows.map(toSignalRow) };
}
