// The case graph as a static inline SVG for report.html: the anchor identity in the middle, everything else on
// rings by how many hops it is from the anchor. No scripts, no external references, readable when printed.
import type { GraphData, GraphNode, GraphNodeKind } from '../../../shared/schemas';
import { html, type SafeHtml } from './html-template';

const SIZE = 800;
const CENTER = SIZE / 2;
const MAX_NODES = 120;
const LABEL_CHARS = 26;

const COLORS: Record<GraphNodeKind, string> = {
  identity: '#1f4e79',
  identifier: '#2e7d32',
  ip: '#b26a00',
  resource: '#6a1b9a',
  'related-identity': '#c62828',
};

interface Placed {
  node: GraphNode;
  x: number;
  y: number;
}

/** Draws the graph around `anchorId` (or the first identity node); says so plainly when there is nothing to draw. */
export function renderGraphSvg(graph: GraphData, anchorId: string): SafeHtml {
  const center = graph.nodes.find((n) => n.id === anchorId) ?? graph.nodes.find((n) => n.kind === 'identity') ?? graph.nodes[0];
  if (!center) return html`<p class="muted">No graph data for this case.</p>`;
  const rings = ringsAround(graph, center.id);
  const placed = layout(center, rings);
  const byId = new Map(placed.map((p) => [p.node.id, p]));
  const omitted = graph.nodes.length - placed.length;
  const edges = graph.edges.flatMap((e) => {
    const a = byId.get(e.source);
    const b = byId.get(e.target);
    if (!a || !b) return [];
    const width = (1 + Math.log2(Math.max(1, e.count))).toFixed(1);
    return [html`<line x1="${fmt(a.x)}" y1="${fmt(a.y)}" x2="${fmt(b.x)}" y2="${fmt(b.y)}" stroke="#9aa5b1" stroke-width="${width}"><title>${e.label} (${e.count})</title></line>`];
  });
  const nodes = placed.map((p) => {
    const r = p.node.id === center.id ? 16 : 9;
    const right = p.x >= CENTER;
    const label = p.node.label.length > LABEL_CHARS ? `${p.node.label.slice(0, LABEL_CHARS - 1)}…` : p.node.label;
    return html`<g><title>${p.node.kind}: ${p.node.label} (${p.node.count})</title><circle cx="${fmt(p.x)}" cy="${fmt(p.y)}" r="${r}" fill="${COLORS[p.node.kind]}"/><text x="${fmt(p.x + (right ? r + 4 : -r - 4))}" y="${fmt(p.y + 4)}" text-anchor="${right ? 'start' : 'end'}">${label}</text></g>`;
  });
  // Crop to what was drawn (room for labels and the legend), so a small graph is not a dot in a large square.
  const minX = Math.min(...placed.map((p) => p.x)) - 190;
  const maxX = Math.max(...placed.map((p) => p.x)) + 190;
  const minY = Math.min(...placed.map((p) => p.y)) - 30;
  const maxY = Math.max(...placed.map((p) => p.y), minY + 120) + 30;
  const legend = (Object.keys(COLORS) as GraphNodeKind[]).map(
    (kind, i) => html`<circle cx="${fmt(minX + 16)}" cy="${fmt(minY + 14 + i * 18)}" r="6" fill="${COLORS[kind]}"/><text x="${fmt(minX + 28)}" y="${fmt(minY + 18 + i * 18)}">${kind}</text>`,
  );
  return html`<svg class="graph" viewBox="${fmt(minX)} ${fmt(minY)} ${fmt(maxX - minX)} ${fmt(maxY - minY)}" role="img" aria-label="Graph of the case around its anchor identity" font-size="11" font-family="sans-serif">${edges}${nodes}${legend}</svg>${
    omitted > 0 ? html`<p class="muted">${omitted} more nodes are not drawn; case.json and the tables list everything.</p>` : ''
  }`;
}

// Breadth-first distance from the anchor; nodes three or more hops away, or unconnected, share the outer ring.
function ringsAround(graph: GraphData, centerId: string): GraphNode[][] {
  const neighbours = new Map<string, string[]>();
  const connect = (a: string, b: string): void => {
    const list = neighbours.get(a);
    if (list) list.push(b);
    else neighbours.set(a, [b]);
  };
  for (const e of graph.edges) {
    connect(e.source, e.target);
    connect(e.target, e.source);
  }
  const distance = new Map<string, number>([[centerId, 0]]);
  const queue = [centerId];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    for (const next of neighbours.get(id) ?? []) {
      if (distance.has(next)) continue;
      distance.set(next, (distance.get(id) ?? 0) + 1);
      queue.push(next);
    }
  }
  const rings: GraphNode[][] = [[], [], []];
  const seen = new Set<string>([centerId]);
  for (const node of graph.nodes) {
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    const ring = Math.min(distance.get(node.id) ?? 3, 3) - 1;
    rings[ring]?.push(node);
  }
  // The busiest nodes are drawn first so a capped drawing keeps what matters most.
  return rings.map((ring) => ring.sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)));
}

function layout(center: GraphNode, rings: GraphNode[][]): Placed[] {
  const placed: Placed[] = [{ node: center, x: CENTER, y: CENTER }];
  const used = rings.filter((r) => r.length > 0);
  let budget = MAX_NODES - 1;
  used.forEach((ring, i) => {
    const shown = ring.slice(0, Math.max(0, budget));
    budget -= shown.length;
    const radius = ((i + 1) / used.length) * (CENTER - 130);
    const offset = i * 0.35; // staggers rings so labels of neighbouring rings do not line up
    shown.forEach((node, j) => {
      const angle = (j / shown.length) * 2 * Math.PI - Math.PI / 2 + offset;
      placed.push({ node, x: CENTER + radius * Math.cos(angle), y: CENTER + radius * Math.sin(angle) });
    });
  });
  return placed;
}

function fmt(n: number): string {
  return n.toFixed(1);
}
