// The app shell: connects the stores to the engine and picks the start view, the workspace view, or reviewer mode
// (a case file opened read-only, over whatever was on screen, which comes back when it is closed).
import { useEffect, type ReactNode } from 'react';
import { DialogHost } from './components/dialog-host';
import { DropZone } from './components/drop-zone';
import { PassphrasePrompt } from './components/passphrase-prompt';
import { ErrorBanner } from './components/error-banner';
import { ErrorBoundary } from './components/error-boundary';
import { installShortcuts } from './shortcuts';
import { connectStores } from './stores/connect';
import { useReviewStore } from './stores/review-store';
import { useWorkspaceStore } from './stores/workspace-store';
import { useDisplayStore } from './stores/display-store';
import { ReviewerView } from './views/reviewer-view';
import { StartView } from './views/start-view';
import { WorkspaceView } from './views/workspace-view';

/** The root component. */
export function App(): ReactNode {
  const info = useWorkspaceStore((s) => s.info);
  const review = useReviewStore((s) => s.view);
  const closeReview = useReviewStore((s) => s.close);
  // Times are formatted as they render: a new time zone re-renders everything under this key.
  const timeZone = useDisplayStore((s) => s.timeZone);
  useEffect(() => connectStores(), []);
  useEffect(() => installShortcuts(), []);
  return (
    <DropZone>
      <div className="app" key={timeZone}>
        <ErrorBanner />
        {review !== null ? (
          <ErrorBoundary scope="view" onReset={closeReview} key={review.path}>
            <ReviewerView view={review} />
          </ErrorBoundary>
        ) : info === null ? (
          <StartView />
        ) : (
          <WorkspaceView info={info} />
        )}
        {/* The workspace's dialogs act on the workspace: they wait while a case file is reviewed. */}
        {review === null && <DialogHost />}
        <PassphrasePrompt />
      </div>
    </DropZone>
  );
}
