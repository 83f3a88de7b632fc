// The app shell: connects the stores to the engine and picks the start view or the workspace view.
import { useEffect, type ReactNode } from 'react';
import { DropZone } from './components/drop-zone';
import { ErrorBanner } from './components/error-banner';
import { connectStores } from './stores/connect';
import { useWorkspaceStore } from './stores/workspace-store';
import { StartView } from './views/start-view';
import { WorkspaceView } from './views/workspace-view';

/** The root component. */
export function App(): ReactNode {
  const info = useWorkspaceStore((s) => s.info);
  useEffect(() => connectStores(), []);
  return (
    <DropZone>
      <div className="app">
        <ErrorBanner />
        {info === null ? <StartView /> : <WorkspaceView info={info} />}
      </div>
    </DropZone>
  );
}
