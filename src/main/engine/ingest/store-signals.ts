// Writing parsed files into the database. Called inside the import's transaction.
import type { Statement } from 'sql.js';
import type { Identifier } from '../../../shared/schemas';
import type { Db } from '../db/database';
import type { ParsedFile } from './parse-evidence';

/** Who imported and when, recorded in the chain of custody. */
export interface CustodyContext {
  importedAt: string;
  importedBy: string;
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

/** Stores one parsed file: its custody row, signals (duplicates collapse into a count), identifiers, links, relations. Returns new signal count. */
export function storeParsedFile(db: Db, parsed: ParsedFile, custody: CustodyContext): number {
  db.run(
    `INSERT INTO evidence_files (sha256, name, source_path, size, format, imported_at, imported_by, records, signals)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [parsed.file.sha256, parsed.file.name, parsed.file.path, parsed.file.bytes.length, parsed.format, custody.importedAt, custody.importedBy, parsed.records, parsed.signals.length],
  );
  const ids = new IdentifierIds(db);
  const insertSignal = db.raw.prepare(
    `INSERT INTO signals (dedupe_key, file_sha256, record_index, line, time, source, action, outcome, error_code,
       actor_label, actor_kind, actor_id, target, source_ip, region, user_agent, summary, severity)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (dedupe_key) DO UPDATE SET count = count + 1
     RETURNING id, count`,
  );
  const insertMember = db.raw.prepare('INSERT OR IGNORE INTO signal_identifiers (signal_id, identifier_id) VALUES (?, ?)');
  const insertLink = db.raw.prepare('INSERT OR IGNORE INTO links (a, b, reason, signal_id) VALUES (?, ?, ?, ?)');
  const insertRelation = db.raw.prepare('INSERT OR IGNORE INTO relations (from_id, to_id, relation, signal_id) VALUES (?, ?, ?, ?)');
  let added = 0;
  try {
    for (const { recordIndex, line, signal } of parsed.signals) {
      const actorId = signal.actor.primary ? ids.idOf(signal.actor.primary) : null;
      insertSignal.bind([
        signal.dedupeKey, parsed.file.sha256, recordIndex, line, signal.time, signal.source, signal.action, signal.outcome,
        signal.errorCode, signal.actor.label, signal.actor.kind, actorId, signal.target, signal.sourceIp, signal.region,
        signal.userAgent, signal.summary, signal.severity ?? null,
      ]);
      insertSignal.step();
      const [signalId, count] = insertSignal.get().map(Number) as [number, number];
      insertSignal.reset();
      if (count > 1) continue; // the same event seen before: counted, nothing new to link
      added++;
      for (const identifier of signal.actor.identifiers) insertMember.run([signalId, ids.idOf(identifier)]);
      for (const link of signal.links) {
        const a = ids.idOf(link.a);
        const b = ids.idOf(link.b);
        if (a !== b) insertLink.run([Math.min(a, b), Math.max(a, b), link.reason, signalId]);
      }
      for (const rel of signal.relations) {
        const from = ids.idOf(rel.from);
        const to = ids.idOf(rel.to);
        if (from !== to) insertRelation.run([from, to, rel.relation, signalId]);
      }
    }
  } finally {
    insertSignal.free();
    insertMember.free();
    insertLink.free();
    insertRelation.free();
    ids.free();
  }
  return added;
}
