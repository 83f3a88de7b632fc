// The bar across the top while a workspace is open: its name, its counts, the search across all signals, the import
// button and reviewer mode.
import type { ReactNode } from 'react';
import { TimeZoneToggle } from './time-zone-toggle';
import type { WorkspaceInfo } from '../../../shared/schemas';
import { formatCount } from '../format';
import { useImportStore } from '../stores/import-store';
import { useWorkspaceStore } from '../stores/workspace-store';
import { OpenCaseFileButton } from './open-case-file-button';
import { UndoButtons } from './undo-buttons';
import { WorkspaceSearch } from './workspace-search';

function Count({ n, one, many }: { n: number; one: string; many: string }): ReactNode {
  return (
    <span className="count">
      <strong>{formatCount(n)}</strong> {n === 1 ? one : many}
    </span>
  );
}

/** The workspace header. */
export function WorkspaceHeader({ info }: { info: WorkspaceInfo }): ReactNode {
  const importing = useImportStore((s) => s.status === 'choosing' || s.status === 'running');
  const chooseEvidence = useImportStore((s) => s.chooseEvidence);
  const busy = useWorkspaceStore((s) => s.status === 'busy');
  const choose = useWorkspaceStore((s) => s.choose);
  return (
    <header className="app-header">
      <div className="app-title">
        <span className="app-mark" aria-hidden="true">
          NHI
        </span>
        <h1 data-testid="workspace-name" title={info.path}>
          {info.name}
        </h1>
      </div>
      <div className="counts" aria-label="Workspace contents">
        <Count n={info.files} one="file" many="files" />
        <Count n={info.signals} one="signal" many="signals" />
        <Count n={info.identities} one="identity" many="identities" />
        <Count n={info.cases} one="case" many="cases" />
      </div>
      <WorkspaceSearch />
      <UndoButtons />
      <div className="header-actions">
        <button type="button" data-testid="import-evidence" disabled={importing} onClick={() => void chooseEvidence()}>
          Import evidence…
        </button>
        <TimeZoneToggle />
        <button type="button" className="secondary" data-testid="switch-workspace" disabled={busy || importing} onClick={() => void choose('open')}>
          Open another…
        </button>
        <OpenCaseFileButton className="secondary" />
      </div>
    </header>
  );
}
