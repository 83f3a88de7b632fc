// "Open case file…": reviewer mode through main's file dialog, from the start view and the workspace header.
import type { ReactNode } from 'react';
import { useReviewStore } from '../stores/review-store';

/** The button that asks for a `.nhicase` file to review. */
export function OpenCaseFileButton({ className }: { className?: string }): ReactNode {
  const busy = useReviewStore((s) => s.status !== 'idle');
  const choose = useReviewStore((s) => s.chooseCaseFile);
  const opening = useReviewStore((s) => s.status === 'opening');
  return (
    <button type="button" className={className} data-testid="open-case-file" disabled={busy} title="Open a signed .nhicase file read-only and verify it" onClick={() => void choose()}>
      {opening ? 'Opening case file…' : 'Open case file…'}
    </button>
  );
}
