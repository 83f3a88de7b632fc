// The shared loading / failed lines of the per-case tabs, so every tab says the same thing the same way.
import { useEffect, type ReactNode } from 'react';
import type { CaseResourceState } from '../stores/case-resource';

/** Loads a case resource when its tab is shown (and again after a reset), and says when it is loading or failed. */
export function useLoaded<T>(state: CaseResourceState<T>): ReactNode {
  const { status, load, caseId } = state;
  useEffect(() => {
    if (status === 'idle') void load();
  }, [status, load, caseId]);
  if (status === 'failed') return <p className="muted tab-failed">Could not be read: {state.error?.message ?? 'unknown error'}</p>;
  if (status !== 'ready' && status !== 'idle') return <p className="muted">Loading…</p>;
  return null;
}
