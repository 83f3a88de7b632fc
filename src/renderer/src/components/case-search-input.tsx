// The case queue's text search as a box: typed text reaches the queue's filter after a short pause. The full queue
// and the rail beside a case show the same search, each with its own box.
import { useEffect, useState, type ReactNode } from 'react';
import { useDebounced } from '../lib/use-debounced';
import { useCasesStore } from '../stores/cases-store';

export function CaseSearchInput({ className, testId }: { className: string; testId: string }): ReactNode {
  const query = useCasesStore((s) => s.filters.query);
  const setFilters = useCasesStore((s) => s.setFilters);
  const [text, setText] = useState(query);
  const debounced = useDebounced(text, 250);
  useEffect(() => {
    if (debounced !== useCasesStore.getState().filters.query) setFilters({ query: debounced });
  }, [debounced, setFilters]);
  return (
    <input
      type="search"
      className={`text-input ${className}`}
      data-testid={testId}
      placeholder="Search cases"
      aria-label="Search cases"
      value={text}
      onChange={(e) => setText(e.target.value)}
    />
  );
}
