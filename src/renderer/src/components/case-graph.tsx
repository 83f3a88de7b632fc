// The case's neighbourhood drawn with cytoscape: the anchor identity in the centre, rings of what it touched.
import cytoscape from 'cytoscape';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { GraphData, GraphNodeKind } from '../../../shared/schemas';
import type { GraphSelection } from '../stores/graph-store';
import { graphStyle, kindRank, spreadInnerRing, toElements } from './graph-elements';
import { FCOSE_THRESHOLD, layoutLarge } from './graph-layout';

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
  /** Which layout ran: concentric (small graphs), or fcose in a worker or on the UI thread. */
  layout: 'concentric' | 'fcose-worker' | 'fcose-main';
  ms: number;
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

    const started = performance.now();
    let alive = true;
    if (cy.nodes().length > FCOSE_THRESHOLD) {
      // Large graphs: fcose off the UI thread, then placed with a preset layout. Hidden until placed, so the analyst
      // never sees every node piled at the origin.
      cy.elements().style('visibility', 'hidden');
      const input = {
        nodes: cy.nodes().map((n) => ({ id: n.id(), size: Number(n.data('size')) || 20 })),
        edges: cy.edges().map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id() })),
      };
      layoutLarge(input)
        .then(({ positions, where }) => {
          if (!alive) return;
          cy.layout({ name: 'preset', positions, fit: false, animate: false }).run();
          cy.elements().removeStyle('visibility');
          fitGraph(cy);
          setLaid({ nodes: cy.nodes().length, edges: cy.edges().length, layout: where === 'worker' ? 'fcose-worker' : 'fcose-main', ms: performance.now() - started });
        })
        .catch((err: unknown) => {
          if (!alive) return;
          console.warn('graph layout failed; falling back to a grid', err);
          cy.elements().removeStyle('visibility');
          cy.layout({ name: 'grid', animate: false }).run();
          fitGraph(cy);
          setLaid({ nodes: cy.nodes().length, edges: cy.edges().length, layout: 'concentric', ms: performance.now() - started });
        });
    } else {
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
          setLaid({ nodes: cy.nodes().length, edges: cy.edges().length, layout: 'concentric', ms: performance.now() - started });
        },
      }).run();
    }

    // The tab can change size with the window; cytoscape caches its container size.
    const observer = new ResizeObserver(() => cy.resize());
    observer.observe(container);

    return () => {
      alive = false;
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
        data-layout={laid?.layout}
        data-layout-ms={laid === null ? undefined : Math.round(laid.ms)}
        aria-label="Case graph"
      />
      <button type="button" className="graph-fit secondary" onClick={() => cyRef.current !== null && fitGraph(cyRef.current)}>
        Fit
      </button>
    </div>
  );
}
