// Writing evidence files and their signals into the database, one signal at a time as the parser makes them.
// Used inside the import's single transaction, so a refused import rolls all of it back.
import type { SqlValue, Statement } from 'sql.js';
import type { Identifier } from '../../../shared/schemas';
import type { Db } from '../db/database';
import type { LocatedSignal } from './parse-evidence';
import { FirstsFolder } from '../resolve/first-seen';

/** Who imported and when, recorded in the chain of custody. */
export interface CustodyContext {
  importedAt: string;
  importedBy: string;
}

/** The custody record of one evidence file. */
export interface CustodyFile {
  sha256: string;
  /** The file's own name as collected. */
  name: string;
  /** Where it was read from, as shown to the user (a zip entry reads `evidence.zip!/dir/file.json`). */
  sourcePath: string;
  /** Size in bytes as stored. */
  size: number;
  format: string;
  /** The folder or zip it came in, by name; null for a file imported on its own. */
  bundle: string | null;
}

/** Caches identifier ids so each (type, value) costs one lookup per import. */
class IdentifierIds {
  private readonly cache = new Map<string, number>();
  private readonly insert: Statement;
  private readonly select: Statement;

  constructor(db: Db) {
    this.insert = db.raw.prepare('INSERT INTO identifiers (type, value) VALUES (?, ?) ON CONFLICT (type, value) DO NOTHING');
    this.select = db.raw.prepare('SELECT id FROM identifiers WHERE type = ? AND value = ?');
  }

  idOf(identifier: Identifier): number {
    const key = `${identifier.type}:${identifier.value}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    this.insert.run([identifier.type, identifier.value]);
    const id = selectId(this.select, [identifier.type, identifier.value]);
    this.cache.set(key, id);
    return id;
  }

  free(): void {
    this.insert.free();
    this.select.free();
  }
}

/** Interns values in an (id, unique value) table: each distinct value is one row, and costs one lookup per import. */
class Interned {
  private readonly cache = new Map<string, number>();
  private readonly insert: Statement;
  private readonly select: Statement;

  /** `onNew` runs once for a value the table did not have yet, with its new id. */
  constructor(
    private readonly db: Db,
    table: string,
    column: string,
    private readonly onNew: (id: number, value: string) => void = () => {},
  ) {
    this.insert = db.raw.prepare(`INSERT INTO ${table} (${column}) VALUES (?) ON CONFLICT (${column}) DO NOTHING`);
    this.select = db.raw.prepare(`SELECT id FROM ${table} WHERE ${column} = ?`);
  }

  idOf(value: string): number {
    const cached = this.cache.get(value);
    if (cached !== undefined) return cached;
    this.insert.run([value]);
    const added = this.db.raw.getRowsModified() > 0;
    const id = selectId(this.select, [value]);
    if (added) this.onNew(id, value);
    this.cache.set(value, id);
    return id;
  }

  free(): void {
    this.insert.free();
    this.select.free();
  }
}

function selectId(select: Statement, params: SqlValue[]): number {
  select.bind(params);
  select.step();
  const id = Number(select.get()[0]);
  select.reset();
  return id;
}

/** Writes custody rows and signals (duplicates collapse into a count), identifiers, links and relations. Call free() at the end. */
export class SignalWriter {
  private readonly ids: IdentifierIds;
  private readonly userAgents: Interned;
  private readonly identifierSets: Interned;
  private readonly insertSignal: Statement;
  private readonly insertSetMember: Statement;
  private readonly insertLink: Statement;
  private readonly insertRelation: Statement;
  // Most records of one NHI repeat the same links (key <-> user): each pair is written once per import, not per record.
  private readonly seenLinks = new Set<string>();
  private readonly seenRelations = new Set<string>();
  /** The evidence file being written: its custody row's id, which its signals point at. */
  private fileId = 0;
  /** What each actor did first, among the signals written (see resolve/first-seen.ts). */
  private readonly firsts = new FirstsFolder();
  /** Identifier-set ids by the identifiers as a record lists them (see identifierSetOf). */
  private readonly setByWritten = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly custody: CustodyContext,
  ) {
    this.ids = new IdentifierIds(db);
    this.insertSetMember = db.raw.prepare('INSERT OR IGNORE INTO identifier_set_members (set_id, identifier_id) VALUES (?, ?)');
    this.userAgents = new Interned(db, 'strings', 'text');
    this.identifierSets = new Interned(db, 'identifier_sets', 'members', (setId, members) => {
      for (const member of members.split(',')) this.insertSetMember.run([setId, Number(member)]);
    });
    this.insertSignal = db.raw.prepare(
      `INSERT INTO signal_rows (dedupe_key, file_id, record_index, line, time, source, action, outcome, error_code,
         actor_label, actor_kind, actor_id, identifier_set, target, source_ip, region, user_agent_id, summary, severity)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (dedupe_key) DO UPDATE SET count = count + 1
       RETURNING id, count`,
    );
    this.insertLink = db.raw.prepare('INSERT OR IGNORE INTO links (a, b, reason, signal_id) VALUES (?, ?, ?, ?)');
    this.insertRelation = db.raw.prepare('INSERT OR IGNORE INTO relations (from_id, to_id, relation, signal_id) VALUES (?, ?, ?, ?)');
  }

  /** Records a file in the chain of custody before its signals, which point at it. */
  beginFile(file: CustodyFile): void {
    this.db.run(
      `INSERT INTO evidence_files (sha256, name, source_path, size, format, imported_at, imported_by, records, signals, bundle)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?)`,
      [file.sha256, file.name, file.sourcePath, file.size, file.format, this.custody.importedAt, this.custody.importedBy, file.bundle],
    );
    this.fileId = this.db.count('SELECT last_insert_rowid()');
  }

  /** Stores one signal of the current file; false when it was an event already stored (only its count rose). */
  add({ recordIndex, line, signal }: LocatedSignal): boolean {
    const ids = this.ids;
    const actorId = signal.actor.primary ? ids.idOf(signal.actor.primary) : null;
    this.insertSignal.bind([
      signal.dedupeKey, this.fileId, recordIndex, line, signal.time, signal.source, signal.action, signal.outcome,
      signal.errorCode, signal.actor.label, signal.actor.kind, actorId, this.identifierSetOf(signal.actor.identifiers), signal.target,
      signal.sourceIp, signal.region, signal.userAgent === null ? null : this.userAgents.idOf(signal.userAgent), signal.summary,
      signal.severity ?? null,
    ]);
    this.insertSignal.step();
    const [signalId, count] = this.insertSignal.get().map(Number) as [number, number];
    this.insertSignal.reset();
    if (count > 1) return false; // the same event seen before: counted, nothing new to link
    this.firsts.add(actorId, signalId, signal);
    for (const link of signal.links) {
      const a = ids.idOf(link.a);
      const b = ids.idOf(link.b);
      const key = `${Math.min(a, b)}:${Math.max(a, b)}`;
      if (a !== b && !this.seenLinks.has(key)) {
        this.seenLinks.add(key);
        this.insertLink.run([Math.min(a, b), Math.max(a, b), link.reason, signalId]);
      }
    }
    for (const rel of signal.relations) {
      const from = ids.idOf(rel.from);
      const to = ids.idOf(rel.to);
      const key = `${from}:${to}:${rel.relation}`;
      if (from !== to && !this.seenRelations.has(key)) {
        this.seenRelations.add(key);
        this.insertRelation.run([from, to, rel.relation, signalId]);
      }
    }
    if (signal.inventory) {
      const inv = signal.inventory;
      this.db.run('INSERT INTO inventory (signal_id, owner, team, environment, description, kind) VALUES (?, ?, ?, ?, ?, ?)', [signalId, inv.owner, inv.team, inv.environment, inv.description, inv.kind]);
    }
    return true;
  }

  /** Completes the current file's custody row with what was read from it. */
  endFile(records: number, signals: number): void {
    this.db.run('UPDATE evidence_files SET records = ?, signals = ? WHERE id = ?', [records, signals, this.fileId]);
  }

  /** Writes what the import's signals did first (call after the last file, before first-seen signals are derived). */
  flushFirsts(): void {
    this.firsts.flush(this.db);
  }

  /** Frees the prepared statements. */
  free(): void {
    this.insertSignal.free();
    this.insertSetMember.free();
    this.insertLink.free();
    this.insertRelation.free();
    this.userAgents.free();
    this.identifierSets.free();
    this.ids.free();
  }

  /** The id of the set of identifiers a record names (null when it names none). */
  private identifierSetOf(identifiers: Identifier[]): number | null {
    if (identifiers.length === 0) return null;
    // Records of one NHI name the same identifiers in the same order: the list as written is a cheap first key.
    let written = '';
    for (const i of identifiers) written += `${i.type}\u0001${i.value}\u0002`;
    const known = this.setByWritten.get(written);
    if (known !== undefined) return known;
    const members = [...new Set(identifiers.map((i) => this.ids.idOf(i)))].sort((x, y) => x - y);
    const id = this.identifierSets.idOf(members.join(','));
    this.setByWritten.set(written, id);
    return id;
  }
}
