// The workspace database schema. Rows stay lean: raw records live in the evidence store,
// the database holds normalized fields and pointers back to them.
import { SIGNAL_STORAGE_SQL } from './signal-storage';
import { SEARCH_INDEX_SQL } from './search-index';
import { CASE_SUMMARY_SQL } from './case-summary-schema';

/** Bumped whenever the schema changes; a workspace from a newer version is refused. */
export const SCHEMA_VERSION = 6;

/** Statements that create an empty workspace database. */
export const SCHEMA_SQL = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE identifiers (
  id    INTEGER PRIMARY KEY,
  type  TEXT NOT NULL,
  value TEXT NOT NULL,
  UNIQUE (type, value)
);

${SIGNAL_STORAGE_SQL}
-- Evidence that two identifiers name one NHI; the first record that showed it is kept.
CREATE TABLE links (
  a         INTEGER NOT NULL,
  b         INTEGER NOT NULL,
  reason    TEXT NOT NULL,
  signal_id INTEGER,
  PRIMARY KEY (a, b)
) WITHOUT ROWID;

-- Evidence that one NHI acted through another distinct one (never merges them).
CREATE TABLE relations (
  from_id   INTEGER NOT NULL,
  to_id     INTEGER NOT NULL,
  relation  TEXT NOT NULL,
  signal_id INTEGER,
  PRIMARY KEY (from_id, to_id, relation)
) WITHOUT ROWID;

-- Saved column mappings for generic CSV/NDJSON (by name).
CREATE TABLE mappings (
  name TEXT PRIMARY KEY,
  json TEXT NOT NULL
);

-- Owners and context from identity inventories, one row per inventory signal.
CREATE TABLE inventory (
  signal_id   INTEGER PRIMARY KEY,
  owner       TEXT,
  team        TEXT,
  environment TEXT,
  description TEXT,
  kind        TEXT
);

-- Resolved identities: recomputed from identifiers and links after every import.
CREATE TABLE identities (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL,
  label      TEXT NOT NULL,
  owner      TEXT,
  primary_id INTEGER NOT NULL
);
-- The queue sorted by anchor walks identities in label order (queries/case-queries.ts listCases).
CREATE INDEX identities_label ON identities (label);
CREATE TABLE identity_members (
  identifier_id INTEGER PRIMARY KEY,
  identity_id   TEXT NOT NULL
);
CREATE INDEX identity_members_identity ON identity_members (identity_id);

CREATE TABLE cases (
  id              TEXT PRIMARY KEY,
  anchor_identity TEXT NOT NULL,
  anchor_primary  INTEGER NOT NULL,
  title           TEXT NOT NULL,
  status          TEXT NOT NULL,
  severity        TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  owner           TEXT,
  -- set when the case was merged into another; it then leaves the queue
  merged_into     TEXT,
  -- 1 when an undone split took every signal back out of it
  withdrawn       INTEGER NOT NULL DEFAULT 0,
  -- a warning an analyst should see, e.g. a merge of unrelated anchors
  marked          TEXT,
  -- 1 once an analyst set the severity: the heuristic no longer touches it
  severity_manual INTEGER NOT NULL DEFAULT 0,
  -- kept with the case (see cases/case-stats.ts) so a queue page never aggregates every case's signals
  signal_count    INTEGER NOT NULL DEFAULT 0,
  first_seen      TEXT,
  last_seen       TEXT
);
CREATE INDEX cases_queue ON cases (merged_into, withdrawn, last_seen);
CREATE INDEX cases_anchor ON cases (anchor_identity);

CREATE TABLE case_notes (
  id        INTEGER PRIMARY KEY,
  case_id   TEXT NOT NULL,
  at        TEXT NOT NULL,
  author    TEXT NOT NULL,
  text      TEXT NOT NULL,
  retracted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX case_notes_case ON case_notes (case_id);

CREATE TABLE case_steps (
  case_id TEXT NOT NULL,
  step    TEXT NOT NULL,
  done    INTEGER NOT NULL,
  by      TEXT,
  at      TEXT,
  note    TEXT,
  PRIMARY KEY (case_id, step)
) WITHOUT ROWID;

CREATE TABLE case_mappings (
  case_id      TEXT NOT NULL,
  framework_id TEXT NOT NULL,
  PRIMARY KEY (case_id, framework_id)
) WITHOUT ROWID;

CREATE TABLE case_signals (
  signal_id INTEGER PRIMARY KEY,
  case_id   TEXT NOT NULL,
  reason    TEXT NOT NULL,
  -- the signal's time, copied so a case's signals page in time order straight from the index
  time       TEXT NOT NULL,
  confidence TEXT NOT NULL DEFAULT 'high'
);
CREATE INDEX case_signals_case ON case_signals (case_id, time, signal_id);

-- The audit chain: append-only, hash-chained.
CREATE TABLE audit (
  seq       INTEGER PRIMARY KEY,
  type      TEXT NOT NULL,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  case_ids  TEXT NOT NULL,
  payload   TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
${SEARCH_INDEX_SQL}
${CASE_SUMMARY_SQL}`;
