// The workspace screen: header and import panel on top, then the case queue, one case, or the hits of a search.
import type { ReactNode } from 'react';
import type { WorkspaceInfo } from '../../../shared/schemas';
import { ErrorBoundary } from '../components/error-boundary';
import { ImportPanel } from '../components/import-panel';
import { NoticeBar } from '../components/notice-bar';
import { WorkspaceHeader } from '../components/workspace-header';
import { useCaseViewStore } from '../stores/case-view-store';
import { useImportStore } from '../stores/import-store';
import { useSearchStore } from '../stores/search-store';
import { CaseQueue } from './case-queue';
import { CaseView } from './case-view';
import { SearchResults } from './search-results';

/** The view shown while a workspace is open. */
export function WorkspaceView({ info }: { info: WorkspaceInfo }): ReactNode {
  const caseId = useCaseViewStore((s) => s.caseId);
  const close = useCaseViewStore((s) => s.close);
  const searching = useSearchStore((s) => s.shown);
  const hideSearch = useSearchStore((s) => s.hide);
  // A finished import's summary belongs to the queue; inside a case it would take the rows the analyst came for.
  const importing = useImportStore((s) => s.status === 'running');
  return (
    <div className="workspace-view">
      <WorkspaceHeader info={info} />
      {info.warnings.length > 0 && (
        <div className="workspace-warnings" role="status" data-testid="workspace-warnings">
          <ul>
            {info.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      {((caseId === null && !searching) || importing) && <ImportPanel />}
      <NoticeBar />
      {/* A view that fails to draw falls back to the queue, the safest place to start again from. */}
      {searching ? (
        <ErrorBoundary scope="view" onReset={hideSearch} key="search">
          <SearchResults />
        </ErrorBoundary>
      ) : (
        <ErrorBoundary scope="view" onReset={close} key={caseId ?? 'queue'}>
          {caseId === null ? <CaseQueue /> : <CaseView caseId={caseId} />}
        </ErrorBoundary>
      )}
    </div>
  );
}
