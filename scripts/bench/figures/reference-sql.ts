// The reference load shared by the sqlite3 CLI and better-sqlite3: NDJSON lines in a one-column staging table,
// then one INSERT ... SELECT json_extract(...) into a table with the columns of the engine's signals (and its two
// secondary indexes, time and actor), so the comparison is "the database engine alone on the same events".

/** The events table: the columns a signal row carries. */
export const EVENTS_TABLE = `CREATE TABLE events (
  time TEXT, source TEXT, action TEXT, outcome TEXT, error_code TEXT, actor TEXT, actor_key TEXT,
  target TEXT, source_ip TEXT, region TEXT, user_agent TEXT, summary TEXT);
CREATE INDEX events_time ON events (time);
CREATE INDEX events_actor ON events (actor);`;

/** Staging to events, in one transaction. */
export const EXTRACT_INSERT = `INSERT INTO events
SELECT json_extract(line, '$.eventTime'),
       json_extract(line, '$.eventSource'),
       json_extract(line, '$.eventName'),
       CASE WHEN json_extract(line, '$.errorCode') IS NULL THEN 'success' ELSE 'failure' END,
       json_extract(line, '$.errorCode'),
       COALESCE(json_extract(line, '$.userIdentity.sessionContext.sessionIssuer.arn'), json_extract(line, '$.userIdentity.arn'), json_extract(line, '$.userIdentity.invokedBy')),
       json_extract(line, '$.userIdentity.accessKeyId'),
       COALESCE(json_extract(line, '$.resources[0].ARN'), json_extract(line, '$.requestParameters.bucketName'), json_extract(line, '$.requestParameters.secretId'), json_extract(line, '$.requestParameters.name')),
       json_extract(line, '$.sourceIPAddress'),
       json_extract(line, '$.awsRegion'),
       json_extract(line, '$.userAgent'),
       json_extract(line, '$.eventSource') || ' ' || json_extract(line, '$.eventName') || COALESCE(' failed: ' || json_extract(line, '$.errorCode'), '')
  FROM staging;`;

/** The sqlite3 shell script that loads `files` into a fresh database. */
export function sqlite3Script(files: readonly string[]): string {
  const quote = (p: string): string => `'${p.replace(/'/g, "''")}'`;
  return [
    'CREATE TABLE staging (line TEXT);',
    EVENTS_TABLE,
    // ascii mode splits on the given separators and never interprets quotes; a unit separator never occurs in JSON.
    '.mode ascii',
    '.separator "\\037" "\\n"',
    ...files.map((f) => `.import ${quote(f)} staging`),
    '.mode list',
    'BEGIN;',
    EXTRACT_INSERT,
    'COMMIT;',
    'SELECT COUNT(*) FROM events;',
    '',
  ].join('\n');
}
