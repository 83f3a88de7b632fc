// Writing evidence files and their signals into the database, one signal at a time as the parser makes them.
// Used inside the import's single transaction, so a refused import rolls all of it back.
import type { Statement } from 'sql.js';
import type { Identifier } from '../../../shared/schemas';
import type { Db } from '../db/database';
import type { LocatedSignal } from './parse-evidence';

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
    this.select.bind([identifier.type, identifier.value]);
    this.select.step();
    const id = Number(this.select.get()[0]);
    this.select.reset();
    this.cache.set(key, id);
    return id;
  }

  free(): void {
    this.insert.free();
    this.select.free();
  }
}

/** Writes custody rows and signals (duplicates collapse into a count), identifiers, links and relations. Call free() at the end. */
export class SignalWriter {
  private readonly ids: IdentifierIds;
  private readonly insertSignal: Statement;
  private readonly insertMember: Statement;
  private readonly insertLink: Statement;
  private readonly insertRelation: Statement;
  // Most records of one NHI repeat the same links (key <-> user): each pair is written once per import, not per record.
  private readonly seenLinks = new Set<string>();
  private readonly seenRelations = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly custody: CustodyContext,
  ) {
    this.ids = new IdentifierIds(db);
    this.insertSignal = db.raw.prepare(
      `INSERT INTO signals (dedupe_key, file_sha256, record_index, line, time, source, action, outcome, error_code,
         actor_label, actor_kind, actor_id, target, source_ip, region, user_agent, summary, severity)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (dedupe_key) DO UPDATE SET count = count + 1
       RETURNING id, count`,
    );
    this.insertMember = db.raw.prepare('INSERT OR IGNORE INTO signal_identifiers (signal_id, identifier_id) VALUES (?, ?)');
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
  }

  /** Stores one signal of a file; false when it was an event already stored (only its count rose). */
  add(sha256: string, { recordIndex, line, signal }: LocatedSignal): boolean {
    const ids = this.ids;
    const actorId = signal.actor.primary ? ids.idOf(signal.actor.primary) : null;
    this.insertSignal.bind([
      signal.dedupeKey, sha256, recordIndex, line, signal.time, signal.source, signal.action, signal.outcome,
      signal.errorCode, signal.actor.label, signal.actor.kind, actorId, signal.target, signal.sourceIp, signal.region,
      signal.userAgent, signal.summary, signal.severity ?? null,
    ]);
    this.insertSignal.step();
    const [signalId, count] = this.insertSignal.get().map(Number) as [number, number];
    this.insertSignal.reset();
    if (count > 1) return false; // the same event seen before: counted, nothing new to link
    for (const identifier of signal.actor.identifiers) this.insertMember.run([signalId, ids.idOf(identifier)]);
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

  /** Completes a file's custody row with what was read from it. */
  endFile(sha256: string, records: number, signals: number): void {
    this.db.run('UPDATE evidence_files SET records = ?, signals = ? WHERE sha256 = ?', [records, signals, sha256]);
  }

  /** Frees the prepared statements. */
  free(): void {
    this.insertSignal.free();
    this.insertMember.free();
    this.insertLink.free();
    this.insertRelation.free();
    this.ids.free();
  }
}
