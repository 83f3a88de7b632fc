// The Graph tab: fetches the case's neighbourhood, draws it, and describes what the analyst clicked.
import { useEffect, type ReactNode } from 'react';
import type { GraphNodeKind } from '../../../shared/schemas';
import { CaseGraph } from '../components/case-graph';
import { kindColour } from '../components/graph-elements';
import { formatCount } from '../format';
import { useGraphStore, type GraphSelection } from '../stores/graph-store';

const LEGEND: ReadonlyArray<{ kind: GraphNodeKind; label: string }> = [
  { kind: 'identity', label: 'anchor identity' },
  { kind: 'identifier', label: 'identifier' },
  { kind: 'related-identity', label: 'related identity' },
  { kind: 'resource', label: 'resource' },
  { kind: 'ip', label: 'source IP' },
];

function describe(selection: GraphSelection | null): ReactNode {
  if (selection === null) return <span className="muted">Click a node or an edge to see what it is.</span>;
  if (selection.type === 'node') {
    const { node } = selection;
    return (
      <>
        <span className="mono">{node.label}</span> · {node.kind} · count {formatCount(node.count)}
      </>
    );
  }
  return (
    <>
      <span className="mono">{selection.source}</span> → <span className="mono">{selection.target}</span> · {selection.edge.label} · count{' '}
      {formatCount(selection.edge.count)}
    </>
  );
}

/** The Graph tab of the case view. */
export function GraphTab(): ReactNode {
  const caseId = useGraphStore((s) => s.caseId);
  const status = useGraphStore((s) => s.status);
  const data = useGraphStore((s) => s.data);
  const selection = useGraphStore((s) => s.selection);
  const load = useGraphStore((s) => s.load);
  const select = useGraphStore((s) => s.select);

  useEffect(() => {
    // Also runs after a reset (the workspace changed), when status falls back to idle.
    if (status === 'idle') void load();
  }, [caseId, status, load]);

  return (
    <div className="graph-tab">
      <div className="graph-side" data-testid="graph-selection">
        {describe(selection)}
      </div>
      {status === 'loading' && <p className="muted">Loading the graph…</p>}
      {status === 'failed' && (
        <p>
          The graph could not be loaded.{' '}
          <button type="button" className="link-button" onClick={() => useGraphStore.getState().reset(caseId)}>
            Try again
          </button>
        </p>
      )}
      {status === 'ready' && data !== null && (
        <>
          {data.nodes.length === 0 && <p className="muted">The engine found nothing to draw for this case.</p>}
          <CaseGraph data={data} onSelect={select} />
        </>
      )}
      <ul className="legend" aria-label="Legend">
        {LEGEND.map((l) => (
          <li key={l.kind}>
            <span className="swatch" style={{ backgroundColor: kindColour(l.kind) }} aria-hidden="true" /> {l.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
