// The case's neighbourhood drawn with cytoscape: the anchor identity in the centre, rings of what it touched.
import cytoscape from 'cytoscape';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { GraphData, GraphNodeKind } from '../../../shared/schemas';
import type { GraphSelection } from '../stores/graph-store';
import { graphStyle, kindRank, spreadInnerRing, toElements } from './graph-elements';

const MAX_FIT_ZOOM = 1.5;

/** Fits the whole graph in view, without blowing a handful of nodes up to poster size. */
function fitGraph(cy: cytoscape.Core): void {
  cy.fit(undefined, 32);
  if (cy.zoom() > MAX_FIT_ZOOM) {
    cy.zoom(MAX_FIT_ZOOM);
    cy.center();
  }
}

interface Laid {
  nodes: number;
  edges: number;
}

/** Draws the graph; reports clicks on nodes and edges; exposes the drawn counts as data attributes once laid out. */
export function CaseGraph({ data, onSelect }: { data: GraphData; onSelect: (selection: GraphSelection | null) => void }): ReactNode {
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const [laid, setLaid] = useState<Laid | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (container === null) return;
    const { elements, dropped } = toElements(data);
    if (dropped > 0) console.warn(`case graph: left out ${dropped} duplicate or dangling elements`);

    const cy = cytoscape({
      container,
      elements,
      style: graphStyle,
      layout: { name: 'preset' },
      minZoom: 0.1,
      maxZoom: 4,
      boxSelectionEnabled: false,
    });
    cyRef.current = cy;

    cy.on('tap', 'node', (event) => {
      const n = event.target as cytoscape.NodeSingular;
      onSelect({ type: 'node', node: { id: n.id(), kind: n.data('kind') as GraphNodeKind, label: String(n.data('label')), count: Number(n.data('count')) } });
    });
    cy.on('tap', 'edge', (event) => {
      const e = event.target as cytoscape.EdgeSingular;
      onSelect({
        type: 'edge',
        edge: { id: e.id(), source: e.source().id(), target: e.target().id(), label: String(e.data('label')), count: Number(e.data('count')) },
        source: String(e.source().data('label')),
        target: String(e.target().data('label')),
      });
    });
    cy.on('tap', (event) => {
      if (event.target === cy) onSelect(null);
    });

    // Concentric by kind rank (see kindRank): cheap (no simulation) and stable between openings of the same case.
    cy.layout({
      name: 'concentric',
      concentric: (node) => kindRank(node.data('kind') as GraphNodeKind),
      levelWidth: () => 1,
      // Room for the two-line labels under each node, which the layout does not measure.
      minNodeSpacing: 28,
      animate: false,
      // Fitted in stop, after the inner ring is spread.
      fit: false,
      stop: () => {
        spreadInnerRing(cy);
        fitGraph(cy);
        setLaid({ nodes: cy.nodes().length, edges: cy.edges().length });
      },
    }).run();

    // The tab can change size with the window; cytoscape caches its container size.
    const observer = new ResizeObserver(() => cy.resize());
    observer.observe(container);

    return () => {
      observer.disconnect();
      cy.destroy();
      cyRef.current = null;
      setLaid(null);
    };
  }, [data, onSelect]);

  return (
    <div className="graph-frame">
      <div
        ref={containerRef}
        className="graph-canvas"
        data-testid="case-graph"
        data-ready={laid !== null ? 'true' : 'false'}
        data-node-count={laid?.nodes}
        data-edge-count={laid?.edges}
        aria-label="Case graph"
      />
      <button type="button" className="graph-fit secondary" onClick={() => cyRef.current !== null && fitGraph(cyRef.current)}>
        Fit
      </button>
    </div>
  );
}
