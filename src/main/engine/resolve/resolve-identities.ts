// Identity resolution: union-find over the links the evidence showed, into identities with stable ids.
import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import { UnionFind } from './union-find';
import { CASE_MATERIAL_SQL } from './sources';
import { anchorRank, describeIdentifier } from './describe-identifier';

interface IdentifierRow {
  id: number;
  type: string;
  value: string;
}

/** The stable id of an identity, derived from its primary identifier so it survives re-resolution. */
export function identityId(type: string, value: string): string {
  return `ID-${createHash('sha256').update(`${type}:${value}`).digest('hex').slice(0, 12)}`;
}

/** Recomputes the identities and identity_members tables from identifiers and links. Returns the identity count. */
export function resolveIdentities(db: Db): number {
  const identifiers = new Map<number, IdentifierRow>();
  for (const row of db.all<IdentifierRow>('SELECT id, type, value FROM identifiers')) identifiers.set(row.id, row);

  const uf = new UnionFind();
  for (const id of identifiers.keys()) uf.find(id);
  for (const link of db.all<{ a: number; b: number }>('SELECT a, b FROM links')) uf.union(link.a, link.b);

  // Which identifier most often acted as the primary of a record, and as what.
  const acted = new Map<number, { n: number; label: string; kind: string }>();
  for (const row of db.all<{ actor_id: number; n: number; label: string; kind: string }>(
    `SELECT actor_id, COUNT(*) AS n, MAX(actor_label) AS label, MAX(actor_kind) AS kind
       FROM signals s WHERE actor_id IS NOT NULL AND ${CASE_MATERIAL_SQL} GROUP BY actor_id`,
  )) {
    acted.set(row.actor_id, { n: row.n, label: row.label, kind: row.kind });
  }

  // Owners come from identity inventories: the inventory row that names any identifier of the identity.
  const ownerOf = new Map<number, string>();
  for (const row of db.all<{ identifier_id: number; owner: string }>(
    `SELECT si.identifier_id, inv.owner FROM inventory inv JOIN signal_identifiers si ON si.signal_id = inv.signal_id WHERE inv.owner IS NOT NULL ORDER BY inv.signal_id`,
  )) {
    if (!ownerOf.has(row.identifier_id)) ownerOf.set(row.identifier_id, row.owner);
  }
  db.run('DELETE FROM identities');
  db.run('DELETE FROM identity_members');
  const insertIdentity = db.raw.prepare('INSERT INTO identities (id, kind, label, owner, primary_id) VALUES (?, ?, ?, ?, ?)');
  const insertMember = db.raw.prepare('INSERT INTO identity_members (identifier_id, identity_id) VALUES (?, ?)');
  let count = 0;
  try {
    for (const members of uf.groups().values()) {
      const primary = choosePrimary(members, identifiers, acted);
      const row = identifiers.get(primary)!;
      const id = identityId(row.type, row.value);
      const actedAs = acted.get(primary);
      const described = describeIdentifier(row.type, row.value);
      const owner = members.map((m) => ownerOf.get(m)).find((o) => o !== undefined) ?? null;
      insertIdentity.run([id, actedAs?.kind ?? described.kind, actedAs?.label ?? described.label, owner, primary]);
      for (const member of members) insertMember.run([member, id]);
      count++;
    }
  } finally {
    insertIdentity.free();
    insertMember.free();
  }
  return count;
}

/** The identifier that names the set best: the best-ranked type (a user or role ARN first), then the one that acted most. */
function choosePrimary(members: number[], identifiers: Map<number, IdentifierRow>, acted: Map<number, { n: number }>): number {
  let best = members[0]!;
  for (const candidate of members.slice(1)) {
    if (compare(candidate, best, identifiers, acted) < 0) best = candidate;
  }
  return best;
}

function compare(a: number, b: number, identifiers: Map<number, IdentifierRow>, acted: Map<number, { n: number }>): number {
  const ra = identifiers.get(a)!;
  const rb = identifiers.get(b)!;
  const rankDiff = anchorRank(ra.type, ra.value) - anchorRank(rb.type, rb.value);
  if (rankDiff !== 0) return rankDiff;
  const actedDiff = (acted.get(b)?.n ?? 0) - (acted.get(a)?.n ?? 0);
  if (actedDiff !== 0) return actedDiff;
  return ra.value < rb.value ? -1 : ra.value > rb.value ? 1 : 0;
}
