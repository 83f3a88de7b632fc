// How signals are stored. A workspace holds millions of them in sql.js's WebAssembly heap, so the rows are lean
// (signal_rows): the evidence file by its small id, the user agent as a string id, the identifiers a record names as
// one identifier-set id. Every query reads signals through the views at the end, which give back the full columns
// (file_sha256, user_agent, and signal_identifiers as pairs): the long values are looked up only for the rows and
// columns a query really reads. Writers (ingest/store-signals.ts, resolve/first-seen.ts) write signal_rows.

/** The chain of custody, the lean signal tables and their read views: part of a new database (schema.ts) and of the
 * v3 -> v4 migration (migrations.ts). */
export const SIGNAL_STORAGE_SQL = `
-- Chain of custody: one row per evidence file, content-addressed. Signals point at a file by its small id.
CREATE TABLE evidence_files (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  source_path TEXT NOT NULL,
  size        INTEGER NOT NULL,
  format      TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  records     INTEGER NOT NULL,
  signals     INTEGER NOT NULL,
  -- the folder or zip the file came in, by name (NULL for a file imported on its own)
  bundle      TEXT
);

-- Long values that repeat across many signals (user agents), stored once.
CREATE TABLE strings (
  id   INTEGER PRIMARY KEY,
  text TEXT NOT NULL UNIQUE
);

-- The distinct sets of identifiers records name (an access key, its user's ARN, its principal id): thousands of
-- sets for millions of signals, so each signal keeps one set id instead of a row per identifier.
CREATE TABLE identifier_sets (
  id      INTEGER PRIMARY KEY,
  -- the member identifier ids, ascending, comma-separated: the set's identity
  members TEXT NOT NULL UNIQUE
);
CREATE TABLE identifier_set_members (
  set_id        INTEGER NOT NULL,
  identifier_id INTEGER NOT NULL,
  PRIMARY KEY (set_id, identifier_id)
) WITHOUT ROWID;
CREATE INDEX identifier_set_members_identifier ON identifier_set_members (identifier_id);

-- Signals as stored: lean rows; every query reads them through the signals view below.
CREATE TABLE signal_rows (
  id             INTEGER PRIMARY KEY,
  dedupe_key     TEXT NOT NULL UNIQUE,
  file_id        INTEGER NOT NULL REFERENCES evidence_files (id),
  record_index   INTEGER NOT NULL,
  line           INTEGER,
  time           TEXT NOT NULL,
  source         TEXT NOT NULL,
  action         TEXT NOT NULL,
  outcome        TEXT NOT NULL,
  error_code     TEXT,
  actor_label    TEXT NOT NULL,
  actor_kind     TEXT NOT NULL,
  actor_id       INTEGER REFERENCES identifiers (id),
  -- every identifier the record names (the actor's key, ARN, session, principal id)
  identifier_set INTEGER REFERENCES identifier_sets (id),
  target         TEXT,
  source_ip      TEXT,
  region         TEXT,
  user_agent_id  INTEGER REFERENCES strings (id),
  summary        TEXT NOT NULL,
  severity       TEXT,
  count          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX signal_rows_actor ON signal_rows (actor_id);
CREATE INDEX signal_rows_time ON signal_rows (time);
-- Failures only (a few percent of rows): failure bursts read them without scanning every signal.
CREATE INDEX signal_rows_failures ON signal_rows (actor_id, time) WHERE outcome = 'failure';

-- What each identifier did first (resolve/first-seen.ts): its first activity (kind 'activity', value ''), and its
-- first signal from each source IP, region, client family and API family. Folded in from every import's signals.
CREATE TABLE actor_firsts (
  actor_id  INTEGER NOT NULL,
  kind      TEXT NOT NULL,
  value     TEXT NOT NULL,
  time      TEXT NOT NULL,
  signal_id INTEGER NOT NULL,
  PRIMARY KEY (actor_id, kind, value)
) WITHOUT ROWID;

-- Signals with every column in full, as queries read them.
CREATE VIEW signals AS
  SELECT r.id, r.dedupe_key, r.file_id,
         (SELECT f.sha256 FROM evidence_files f WHERE f.id = r.file_id) AS file_sha256,
         r.record_index, r.line, r.time, r.source, r.action, r.outcome, r.error_code, r.actor_label, r.actor_kind,
         r.actor_id, r.identifier_set, r.target, r.source_ip, r.region,
         (SELECT t.text FROM strings t WHERE t.id = r.user_agent_id) AS user_agent,
         r.summary, r.severity, r.count
    FROM signal_rows r;

-- Every identifier a signal names, one row each (the signal's identifier set, unfolded).
CREATE VIEW signal_identifiers AS
  SELECT r.id AS signal_id, m.identifier_id
    FROM signal_rows r JOIN identifier_set_members m ON m.set_id = r.identifier_set;
`;
