// sql.js loading and the small typed helpers every query goes through.
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema';
import { migrate } from './migrations';
import { WorkbenchError } from '../../../shared/errors';

let sqlPromise: Promise<SqlJsStatic> | null = null;

/** Loads the sql.js WebAssembly module once per process. */
export function loadSql(): Promise<SqlJsStatic> {
  sqlPromise ??= initSqlJs();
  return sqlPromise;
}

export type Params = SqlValue[] | Record<string, SqlValue>;
export type Row = Record<string, SqlValue>;

/** A thin typed wrapper over a sql.js Database. */
export class Db {
  constructor(readonly raw: Database) {
    this.tune();
  }

  /**
   * The database lives in memory and reaches disk only as a checkpoint, so SQLite's own durability work is waste:
   * the rollback journal stays in the heap (ROLLBACK still works: a refused import needs it) instead of sql.js's
   * emulated file system, and nothing is synced. sql.js resets pragmas on export, so this runs again after each.
   */
  private tune(): void {
    this.raw.run('PRAGMA foreign_keys = ON');
    this.raw.run('PRAGMA journal_mode = MEMORY');
    this.raw.run('PRAGMA synchronous = OFF');
    this.raw.run('PRAGMA temp_store = MEMORY');
    this.raw.run('PRAGMA cache_size = -65536');
  }

  /** Creates a fresh database with the current schema. */
  static async create(): Promise<Db> {
    const SQL = await loadSql();
    const db = new Db(new SQL.Database());
    db.raw.exec(SCHEMA_SQL);
    db.run('INSERT INTO meta (key, value) VALUES (?, ?)', ['schema_version', String(SCHEMA_VERSION)]);
    return db;
  }

  /** Opens a checkpoint, refusing one written by a newer version. */
  static async open(bytes: Uint8Array, file: string): Promise<Db> {
    const SQL = await loadSql();
    let db: Db;
    try {
      db = new Db(new SQL.Database(bytes));
      db.get('SELECT value FROM meta WHERE key = ?', ['schema_version']);
    } catch (err) {
      throw new WorkbenchError('BAD_INPUT', `The workspace database cannot be read: ${(err as Error).message}`, {
        file,
        hint: 'The file is damaged or is not an NHI Workbench workspace. Restore it from a backup or create a new workspace.',
      });
    }
    const version = Number(db.meta('schema_version'));
    if (!(version >= 1 && version <= SCHEMA_VERSION)) {
      throw new WorkbenchError('REFUSED', `This workspace has schema version ${version}; this build reads up to ${SCHEMA_VERSION}.`, {
        file,
        hint: 'Open it with a newer version of NHI Workbench.',
      });
    }
    if (version < SCHEMA_VERSION) db.transaction(() => migrate(db, version, SCHEMA_VERSION));
    return db;
  }

  /** Runs a statement that returns nothing. */
  run(sql: string, params: Params = []): void {
    this.raw.run(sql, params);
  }

  /** All rows of a query as objects. */
  all<T = Row>(sql: string, params: Params = []): T[] {
    const stmt = this.raw.prepare(sql);
    try {
      stmt.bind(params);
      const rows: T[] = [];
      while (stmt.step()) rows.push(stmt.getAsObject() as T);
      return rows;
    } finally {
      stmt.free();
    }
  }

  /** The first row of a query, or undefined. */
  get<T = Row>(sql: string, params: Params = []): T | undefined {
    return this.all<T>(sql, params)[0];
  }

  /** The first column of the first row, as a number (0 when there is none). */
  count(sql: string, params: Params = []): number {
    const stmt = this.raw.prepare(sql);
    try {
      stmt.bind(params);
      return stmt.step() ? Number(stmt.get()[0] ?? 0) : 0;
    } finally {
      stmt.free();
    }
  }

  /** Reads a meta value. */
  meta(key: string): string | undefined {
    return this.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key])?.value;
  }

  /** Writes a meta value. */
  setMeta(key: string, value: string): void {
    this.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  /** Runs `fn` in a transaction: all of it lands, or none of it. */
  transaction<T>(fn: () => T): T {
    this.raw.run('BEGIN');
    try {
      const result = fn();
      this.raw.run('COMMIT');
      return result;
    } catch (err) {
      this.raw.run('ROLLBACK');
      throw err;
    }
  }

  /** The whole database as bytes, for a checkpoint. sql.js resets pragmas on export, so they are set again. */
  export(): Uint8Array {
    const bytes = this.raw.export();
    this.tune();
    return bytes;
  }

  /** Frees the database's memory. */
  close(): void {
    this.raw.close();
  }
}
