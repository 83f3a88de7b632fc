// The open case's graph: the aggregated neighbourhood the engine sends, and the element the analyst clicked.
import { create } from 'zustand';
import type { GraphData, GraphEdge, GraphNode } from '../../../shared/schemas';
import { api } from '../api';
import { reportError } from './error-store';

/** What the side line describes: a node or an edge of the graph. */
export type GraphSelection = { type: 'node'; node: GraphNode } | { type: 'edge'; edge: GraphEdge; source: string; target: string };

interface GraphState {
  caseId: string | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  data: GraphData | null;
  selection: GraphSelection | null;
  /** Forgets the graph (another case was opened, or its case changed). */
  reset: (caseId: string | null) => void;
  /** Fetches the graph of the current case unless it is loaded or loading. */
  load: () => Promise<void>;
  select: (selection: GraphSelection | null) => void;
}

/** The case graph store. */
export const useGraphStore = create<GraphState>()((set, get) => ({
  caseId: null,
  status: 'idle',
  data: null,
  selection: null,
  reset: (caseId) => set({ caseId, status: 'idle', data: null, selection: null }),
  load: async () => {
    const { caseId, status } = get();
    if (caseId === null || status === 'loading' || status === 'ready') return;
    set({ status: 'loading' });
    try {
      const data = await api().caseGraph({ id: caseId });
      if (get().caseId === caseId) set({ status: 'ready', data });
    } catch (err) {
      if (get().caseId === caseId) set({ status: 'failed' });
      reportError(err);
    }
  },
  select: (selection) => set({ selection }),
}));
