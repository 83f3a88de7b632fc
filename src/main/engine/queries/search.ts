// Workspace-wide text search over the FTS4 index (db/search-index.ts): what the analyst typed becomes a safe MATCH
// expression, the index gives the matching signal ids in id order (import order), and only the page asked for is
// read from the signals, each with the case it is in now.
import { WorkbenchError } from '../../../shared/errors';
import type { SearchHit, SearchPage } from '../../../shared/schemas';
import type { Db } from '../db/database';
import { signalFields, type SignalColumns } from './case-queries';

/** Matches are counted up to this many; past it the page says "at least" (counting every hit of a word that is in
 * most signals would cost more than the page itself). */
export const SEARCH_COUNT_CAP = 10_000;

/** The shortest word a trailing `*` turns into a prefix search: shorter prefixes expand to too many words. */
const MIN_PREFIX = 3;

/** What a search asks for. */
export interface SearchQuery {
  query: string;
  limit: number;
  offset: number;
  /** Only the signals of this case. */
  caseId?: string;
}

// The index's tokenizer (unicode61) keeps letters and digits and splits on everything else.
const WORD = /[\p{L}\p{N}]/u;

/**
 * Turns the analyst's text into an FTS4 MATCH expression, or null when nothing in it can match. Every
 * whitespace-separated term (or "quoted phrase") becomes a quoted phrase, so nothing typed is ever read as query
 * syntax (OR, NOT, NEAR, -, parentheses, column filters): all terms must match. Inside quotes FTS4 still reads a `*`
 * right after a word as "starts with" and a `^` before one as "first in its field"; both separate words anyway, so
 * they become spaces, and only a term that ends in `*` gets one back after its last word (at least three letters
 * or digits: shorter prefixes expand to too many words). Terms without a letter or digit are dropped.
 */
export function matchExpression(text: string): string | null {
  const phrases: string[] = [];
  for (const [, quoted, bare] of text.matchAll(/"([^"]*)"?|([^\s"]+)/g)) {
    const raw = quoted ?? bare ?? '';
    const prefix = /\*\s*$/.test(raw);
    const term = raw.replace(/[*^]/g, ' ').trim();
    if (!WORD.test(term)) continue;
    // The last word, for a prefix: trailing punctuation ("203.0.113.*") is dropped, it separates nothing.
    const words = term.replace(/[^\p{L}\p{N}]+$/u, '');
    const lastWord = /[\p{L}\p{N}]+$/u.exec(words)?.[0] ?? '';
    phrases.push(prefix && lastWord.length >= MIN_PREFIX ? `"${words}*"` : `"${term}"`);
  }
  return phrases.length === 0 ? null : phrases.join(' ');
}

interface HitDbRow extends SignalColumns {
  reason: string | null;
  confidence: 'high' | 'medium' | 'low' | null;
  case_id: string | null;
  case_title: string | null;
}

function toHit(row: HitDbRow): SearchHit {
  return {
    ...signalFields(row),
    reason: row.reason,
    confidence: row.confidence,
    case: row.case_id === null ? null : { id: row.case_id, title: row.case_title ?? row.case_id },
  };
}

/** One page of the signals that match the text, in import order, each with the case it belongs to now. */
export function searchSignals(db: Db, q: SearchQuery, countCap = SEARCH_COUNT_CAP): SearchPage {
  if (q.caseId !== undefined && !db.get('SELECT 1 AS x FROM cases WHERE id = ?', [q.caseId])) {
    throw new WorkbenchError('NOT_FOUND', `No case ${q.caseId} in this workspace.`, { hint: 'Search the whole workspace, or list the cases to see their ids.' });
  }
  const match = matchExpression(q.query);
  if (match === null) return { total: 0, capped: false, items: [] };
  // The index drives (CROSS JOIN keeps it the outer loop): probing it once per signal of a large case would
  // evaluate the full-text query once per row.
  const hits =
    q.caseId === undefined
      ? { sql: 'SELECT docid AS id FROM signals_fts WHERE signals_fts MATCH ?', params: [match] }
      : {
          sql: 'SELECT signals_fts.docid AS id FROM signals_fts CROSS JOIN case_signals cs ON cs.signal_id = signals_fts.docid WHERE signals_fts MATCH ? AND cs.case_id = ?',
          params: [match, q.caseId],
        };
  const counted = db.count(`SELECT COUNT(*) FROM (${hits.sql} LIMIT ?)`, [...hits.params, countCap + 1]);
  const rows = db.all<HitDbRow>(
    `SELECT s.id, s.time, s.source, s.action, s.outcome, s.error_code, s.actor_label, s.target, s.source_ip, s.region,
            s.user_agent, s.summary, s.count, s.record_index, s.line, s.file_sha256, f.name AS file_name,
            cs.reason, cs.confidence, cs.case_id, c.title AS case_title
       FROM (${hits.sql} ORDER BY 1 LIMIT ? OFFSET ?) h
       JOIN signals s ON s.id = h.id
       JOIN evidence_files f ON f.sha256 = s.file_sha256
       LEFT JOIN case_signals cs ON cs.signal_id = s.id
       LEFT JOIN cases c ON c.id = cs.case_id
      ORDER BY s.id`,
    [...hits.params, q.limit, q.offset],
  );
  return { total: Math.min(counted, countCap), capped: counted > countCap, items: rows.map(toHit) };
}
