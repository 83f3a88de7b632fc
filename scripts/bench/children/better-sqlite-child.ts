// The better-sqlite3 reference, in its own process: (1) the sqlite3 CLI's pattern (lines into a staging table,
// then INSERT ... SELECT json_extract), and (2) what a Node ingester would do (JSON.parse each line in JS, one
// prepared INSERT per event in one transaction). Prints {"extract": s, "parse": s, "version"} on stdout.
// Usage: node --import tsx scripts/bench/children/better-sqlite-child.ts <db> <file>...
import { createReadStream, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { EVENTS_TABLE, EXTRACT_INSERT } from '../figures/reference-sql';

// Loaded at run time: better-sqlite3 is an optional dev dependency (a native module that may not build).
interface Statement {
  run(...params: unknown[]): unknown;
}
interface Database {
  exec(sql: string): void;
  prepare(sql: string): Statement;
  pragma(sql: string): unknown;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): void;
}
type DatabaseCtor = new (path: string) => Database;

async function* lines(files: string[]): AsyncGenerator<string> {
  for (const file of files) {
    for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) if (line) yield line;
  }
}

/** Inserts in batches so the JS side never holds the whole file. */
async function batched(files: string[], size: number, insert: (batch: string[]) => void): Promise<void> {
  let batch: string[] = [];
  for await (const line of lines(files)) {
    batch.push(line);
    if (batch.length >= size) {
      insert(batch);
      batch = [];
    }
  }
  if (batch.length) insert(batch);
}

type Json = { [k: string]: unknown };
const obj = (x: unknown): Json | undefined => (x !== null && typeof x === 'object' ? (x as Json) : undefined);
const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);

async function main(): Promise<void> {
  const [dbPath, ...files] = process.argv.slice(2);
  if (!dbPath || files.length === 0) throw new Error('usage: better-sqlite-child <db> <file>...');
  const require = createRequire(__filename);
  const Ctor = require('better-sqlite3') as DatabaseCtor;
  const version = (require('better-sqlite3/package.json') as { version: string }).version;

  // (1) staging + json_extract, as the sqlite3 CLI does it.
  rmSync(dbPath, { force: true });
  let started = performance.now();
  let db = new Ctor(dbPath);
  db.exec(`CREATE TABLE staging (line TEXT); ${EVENTS_TABLE}`);
  const stage = db.prepare('INSERT INTO staging (line) VALUES (?)');
  const stageAll = db.transaction((batch: string[]) => {
    for (const line of batch) stage.run(line);
  });
  await batched(files, 10_000, stageAll);
  db.exec(`BEGIN; ${EXTRACT_INSERT} COMMIT;`);
  db.close();
  const extract = (performance.now() - started) / 1000;

  // (2) parse in JS, prepared insert of the same columns.
  rmSync(dbPath, { force: true });
  started = performance.now();
  db = new Ctor(dbPath);
  db.exec(EVENTS_TABLE);
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertAll = db.transaction((batch: string[]) => {
    for (const line of batch) {
      const e = JSON.parse(line) as Json;
      const who = obj(e.userIdentity) ?? {};
      const issuer = obj(obj(who.sessionContext)?.sessionIssuer);
      const req = obj(e.requestParameters);
      const res = (e.resources as Json[] | undefined)?.[0];
      const error = str(e.errorCode);
      insert.run(
        str(e.eventTime),
        str(e.eventSource),
        str(e.eventName),
        error === null ? 'success' : 'failure',
        error,
        str(issuer?.arn) ?? str(who.arn) ?? str(who.invokedBy),
        str(who.accessKeyId),
        str(res?.ARN) ?? str(req?.bucketName) ?? str(req?.secretId) ?? str(req?.name),
        str(e.sourceIPAddress),
        str(e.awsRegion),
        str(e.userAgent),
        `${str(e.eventSource)} ${str(e.eventName)}${error === null ? '' : ` failed: ${error}`}`,
      );
    }
  });
  await batched(files, 10_000, insertAll);
  db.close();
  const parse = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ extract, parse, version })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
