// Turns the engine's graph into cytoscape elements and style: sizes from counts, rings by kind, short labels.
import type cytoscape from 'cytoscape';
import type { GraphData, GraphNodeKind } from '../../../shared/schemas';
import { assertNever } from '../../../shared/errors';

/**
 * Ring for the concentric layout, higher nearer the centre: the anchor identity in the middle, then what names it
 * or is tied to it, then what it touched and where it came from. Three rings keep the graph compact enough to read.
 */
export function kindRank(kind: GraphNodeKind): number {
  switch (kind) {
    case 'identity':
      return 3;
    case 'identifier':
    case 'related-identity':
      return 2;
    case 'resource':
    case 'ip':
      return 1;
    default:
      return assertNever(kind);
  }
}

// Within a shared ring, nodes of one kind sit together (the layout places them in element order).
const KIND_ORDER: readonly GraphNodeKind[] = ['identity', 'identifier', 'related-identity', 'resource', 'ip'];

// ARNs and key ids differ at both ends, so keep both and cut the middle.
const MAX_LABEL = 26;
function shortLabel(label: string): string {
  if (label.length <= MAX_LABEL) return label;
  const keep = Math.floor((MAX_LABEL - 1) / 2);
  return `${label.slice(0, keep)}…${label.slice(label.length - keep)}`;
}

/** Scales a count onto 0..1 on a log scale, so one noisy IP does not dwarf everything else. */
function weight(count: number, max: number): number {
  return max <= 1 ? 0 : Math.log1p(Math.max(0, count)) / Math.log1p(max);
}

/** Cytoscape elements for the graph, leaving out duplicates and edges to nodes that are not there (either would throw). */
export function toElements(data: GraphData): { elements: cytoscape.ElementDefinition[]; dropped: number } {
  const ids = new Set<string>();
  const elements: cytoscape.ElementDefinition[] = [];
  // reduce, not Math.max(...spread): a spread of a very large list overflows the call stack.
  const maxNode = data.nodes.reduce((m, n) => Math.max(m, n.count), 1);
  const maxEdge = data.edges.reduce((m, e) => Math.max(m, e.count), 1);
  let dropped = 0;
  const nodes = [...data.nodes].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || b.count - a.count);
  for (const node of nodes) {
    if (ids.has(node.id)) {
      dropped += 1;
      continue;
    }
    ids.add(node.id);
    const size = node.kind === 'identity' ? 48 : 18 + 18 * weight(node.count, maxNode);
    elements.push({
      group: 'nodes',
      data: { id: node.id, kind: node.kind, label: node.label, count: node.count, display: `${shortLabel(node.label)}\n×${node.count}`, size },
    });
  }
  const edgeIds = new Set<string>();
  for (const edge of data.edges) {
    if (!ids.has(edge.source) || !ids.has(edge.target) || edgeIds.has(edge.id) || ids.has(edge.id)) {
      dropped += 1;
      continue;
    }
    edgeIds.add(edge.id);
    elements.push({
      group: 'edges',
      data: {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        label: edge.label,
        count: edge.count,
        display: `${edge.label} ×${edge.count}`,
        width: 1 + 4 * weight(edge.count, maxEdge),
      },
    });
  }
  return { elements, dropped };
}

/**
 * Moves the inner ring out to half the outer ring's radius. Concentric spaces rings by node size only, which crowds the
 * identifiers' labels against the anchor's while the outer ring, sized by its many nodes, sits far away.
 */
export function spreadInnerRing(cy: cytoscape.Core): void {
  const centre = cy.nodes('[kind = "identity"]').first();
  if (centre.empty()) return;
  const c = centre.position();
  const distance = (n: cytoscape.NodeSingular): number => Math.hypot(n.position('x') - c.x, n.position('y') - c.y);
  const outer = cy.nodes().filter((n) => kindRank(n.data('kind') as GraphNodeKind) === 1);
  const inner = cy.nodes().filter((n) => kindRank(n.data('kind') as GraphNodeKind) === 2);
  let outerRadius = 0;
  outer.forEach((n) => {
    outerRadius = Math.max(outerRadius, distance(n));
  });
  const target = outerRadius / 2;
  inner.forEach((n) => {
    const r = distance(n);
    if (r <= 0 || r >= target) return;
    const k = target / r;
    n.position({ x: c.x + (n.position('x') - c.x) * k, y: c.y + (n.position('y') - c.y) * k });
  });
}

const KIND_COLOURS: Record<GraphNodeKind, string> = {
  identity: '#1d4ed8',
  identifier: '#7c3aed',
  'related-identity': '#0e7490',
  resource: '#047857',
  ip: '#b45309',
};

/** The colour of each node kind, shared by the graph and its legend. */
export function kindColour(kind: GraphNodeKind): string {
  return KIND_COLOURS[kind];
}

/** The graph's stylesheet. Labels are drawn on the canvas, so hostile text can never become markup. */
export const graphStyle: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(display)',
      width: 'data(size)',
      height: 'data(size)',
      'font-size': 11,
      'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      color: '#1f2933',
      'text-valign': 'bottom',
      'text-halign': 'center',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-max-width': '160px',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '2px',
      'border-width': 1,
      'border-color': '#ffffff',
    },
  },
  ...(Object.keys(KIND_COLOURS) as GraphNodeKind[]).map((kind) => ({
    selector: `node[kind = "${kind}"]`,
    style: { 'background-color': KIND_COLOURS[kind] },
  })),
  { selector: 'node[kind = "identity"]', style: { 'font-size': 13, 'font-weight': 'bold' } },
  { selector: 'node[kind = "identifier"]', style: { shape: 'round-rectangle' } },
  { selector: 'node[kind = "ip"]', style: { shape: 'diamond' } },
  { selector: 'node[kind = "resource"]', style: { shape: 'hexagon' } },
  {
    selector: 'edge',
    style: {
      width: 'data(width)',
      'line-color': '#9aa5b1',
      'target-arrow-color': '#9aa5b1',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
      'font-size': 9,
      color: '#3e4c59',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
    },
  },
  // Edge labels only on demand: at a few dozen edges they would cover the nodes.
  { selector: 'edge:selected', style: { label: 'data(display)', 'line-color': '#1f2933', 'target-arrow-color': '#1f2933' } },
  { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#111827' } },
];
