// The workspace-wide text search index: a contentless FTS4 table with one row per signal (docid = signals.id).
// Contentless, because the text is in `signals` already: the index keeps only terms and positions, and the
// search reads the rows it found from `signals`. sql.js has FTS4 but not FTS5.
//
// The tokenizer is unicode61: words are runs of letters and digits, everything else separates them, case and
// diacritics fold. An IP, an ARN or `iam:CreateAccessKey` become phrases of their pieces, so the
// search (queries/search.ts) quotes what the analyst typed as phrases: "203.0.113.77" matches the tokens 203 0 113
// 77 next to each other, "payments-deployer" matches the role name inside its ARN, an access key id is one token.
//
// Indexed: summary, actor label, action, target, source IP, error code, and the values of every identifier the signal
// names (signal_identifiers): summaries show an access key only masked (AKIA…WF75), so the full key id, the actor's
// ARN with its account and the principal id are found through the identifiers. The user agent is left out: it is
// long and made of many words (about 25 per CloudTrail record); in a measurement on 200,000 generated CloudTrail
// signals it more than doubled the index (30 MB -> 67 MB; the identifiers add 13 MB), and the whole database lives
// in sql.js's WebAssembly heap, capped at 2 GiB.
//
// A contentless FTS4 table cannot update or delete rows. Signals are never deleted or rewritten (a duplicate only
// raises its count), so the index is only ever appended to, by every import, for the signals it added.
import type { Db } from './database';

/** The search index's DDL: part of a new database (schema.ts) and of the migration that adds it (migrations.ts). */
export const SEARCH_INDEX_SQL = `
-- Workspace-wide text search (db/search-index.ts): contentless FTS4, docid = signals.id, filled by every import.
-- matchinfo=fts3: no per-document size rows, which only ranking would read.
CREATE VIRTUAL TABLE signals_fts USING fts4(content="", matchinfo=fts3, summary, actor, action, target, source_ip, error_code, identifiers, tokenize=unicode61);
`;

/** Indexes every signal whose id is greater than `fromSignalIdExclusive` (the largest id before an import; 0 for all). */
export function indexSignals(db: Db, fromSignalIdExclusive: number): void {
  db.run(
    `INSERT INTO signals_fts (docid, summary, actor, action, target, source_ip, error_code, identifiers)
     SELECT s.id, s.summary, s.actor_label, s.action, s.target, s.source_ip, s.error_code,
            (SELECT group_concat(i.value, ' ') FROM signal_identifiers si JOIN identifiers i ON i.id = si.identifier_id WHERE si.signal_id = s.id)
       FROM signals s WHERE s.id > ? ORDER BY s.id`,
    [fromSignalIdExclusive],
  );
}

/** The largest signal id so far (0 in an empty workspace): what an import passes to indexSignals afterwards. */
export function lastSignalId(db: Db): number {
  return db.count('SELECT COALESCE(MAX(id), 0) FROM signals');
}
