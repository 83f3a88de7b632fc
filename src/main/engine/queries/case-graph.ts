// The identity graph of a case, aggregated so a person can read it: one node per identifier, IP and resource, with counts.
import type { GraphData, GraphEdge, GraphNode } from '../../../shared/schemas';
import type { Db } from '../db/database';
import { caseHeader, valueCounts } from './case-queries';
import { maskKey } from '../resolve/describe-identifier';

/** Past this many IPs or resources the rest fold into one "N more" node. */
const MAX_PER_KIND = 25;

/** Nodes and edges for a case: the anchor in the middle, its identifiers, source IPs, resources and related identities. */
export function caseGraph(db: Db, caseId: string): GraphData {
  const detail = caseHeader(db, caseId);
  const center = `identity:${detail.anchor.id}`;
  const nodes: GraphNode[] = [{ id: center, kind: 'identity', label: detail.anchor.label, count: detail.signals }];
  const edges: GraphEdge[] = [];
  // Signals per identifier: every signal names one identifier set, so count per set, then add up per member.
  const identifierCounts = db.all<{ type: string; value: string; n: number }>(
    `SELECT i.type, i.value, SUM(per.n) AS n
       FROM (SELECT s.identifier_set, COUNT(*) AS n FROM case_signals cs JOIN signal_rows s ON s.id = cs.signal_id
              WHERE cs.case_id = ? AND s.identifier_set IS NOT NULL GROUP BY s.identifier_set) per
       JOIN identifier_set_members m ON m.set_id = per.identifier_set JOIN identifiers i ON i.id = m.identifier_id
      GROUP BY i.id ORDER BY n DESC`,
    [caseId],
  );
  const counted = new Map(identifierCounts.map((r) => [`${r.type}:${r.value}`, r.n]));
  for (const identifier of detail.anchorIdentity.identifiers) {
    const key = `${identifier.type}:${identifier.value}`;
    const label = identifier.type === 'aws.access_key' ? `key ${maskKey(identifier.value)}` : shortLabel(identifier.type, identifier.value);
    addNode(nodes, edges, center, { id: `identifier:${key}`, kind: 'identifier', label, count: counted.get(key) ?? 0 }, 'named');
  }

  const [ips, targets] = valueCounts(db, caseId, ['source_ip', 'target']);
  addCapped(nodes, edges, center, ips!, 'ip', 'from');
  addCapped(nodes, edges, center, targets!, 'resource', 'touched');

  const related = db.all<{ id: string; label: string; relation: string; n: number; outgoing: number }>(
    `SELECT other.id, other.label, r.relation, COUNT(*) AS n, (mf.identity_id = ?) AS outgoing
       FROM relations r
       JOIN identity_members mf ON mf.identifier_id = r.from_id
       JOIN identity_members mt ON mt.identifier_id = r.to_id
       JOIN identities other ON other.id = CASE WHEN mf.identity_id = ? THEN mt.identity_id ELSE mf.identity_id END
      WHERE (mf.identity_id = ? OR mt.identity_id = ?) AND mf.identity_id <> mt.identity_id
      GROUP BY other.id, r.relation`,
    [detail.anchor.id, detail.anchor.id, detail.anchor.id, detail.anchor.id],
  );
  for (const rel of related) {
    const node: GraphNode = { id: `identity:${rel.id}`, kind: 'related-identity', label: rel.label, count: rel.n };
    if (!nodes.some((n) => n.id === node.id)) nodes.push(node);
    const [source, target] = rel.outgoing ? [center, node.id] : [node.id, center];
    edges.push({ id: `edge:${source}->${target}:${rel.relation}`, source, target, label: rel.relation, count: rel.n });
  }
  return { nodes, edges };
}

function addNode(nodes: GraphNode[], edges: GraphEdge[], center: string, node: GraphNode, label: string): void {
  nodes.push(node);
  edges.push({ id: `edge:${center}->${node.id}`, source: center, target: node.id, label, count: node.count });
}

function addCapped(nodes: GraphNode[], edges: GraphEdge[], center: string, rows: { v: string; n: number }[], kind: 'ip' | 'resource', label: string): void {
  for (const row of rows.slice(0, MAX_PER_KIND)) addNode(nodes, edges, center, { id: `${kind}:${row.v}`, kind, label: row.v, count: row.n }, label);
  const rest = rows.slice(MAX_PER_KIND);
  if (rest.length > 0) {
    const count = rest.reduce((sum, r) => sum + r.n, 0);
    addNode(nodes, edges, center, { id: `${kind}:more`, kind, label: `${rest.length} more`, count }, label);
  }
}

function shortLabel(type: string, value: string): string {
  if (type === 'aws.arn') return value.split(':').slice(5).join(':') || value;
  return `${type.replace(/^aws\./, '')} ${value}`;
}
