// The first screen: create a workspace, open one, look at the demo investigation, or review a case file.
import type { ReactNode } from 'react';
import { ImportProgress } from '../components/import-progress';
import { OpenCaseFileButton } from '../components/open-case-file-button';
import { TrustedSignersButton } from '../components/trusted-signers';
import { useImportStore } from '../stores/import-store';
import { useWorkspaceStore } from '../stores/workspace-store';

/** The start view, shown while no workspace is open. */
export function StartView(): ReactNode {
  const status = useWorkspaceStore((s) => s.status);
  const busyLabel = useWorkspaceStore((s) => s.busyLabel);
  const choose = useWorkspaceStore((s) => s.choose);
  const openDemo = useWorkspaceStore((s) => s.openDemo);
  const importStatus = useImportStore((s) => s.status);
  const progress = useImportStore((s) => s.progress);
  const busy = status !== 'ready';

  return (
    <main className="start-view">
      <div className="start-card">
        <h1>NHI Workbench</h1>
        <p className="lead">
          Investigate incidents involving service accounts, access keys and other non-human identities: load evidence, review the cases it groups
          around each identity, and export a signed case file a reviewer can verify offline.
        </p>
        <div className="start-actions">
          <button type="button" className="primary" data-testid="open-demo" disabled={busy} onClick={() => void openDemo()}>
            Open the demo investigation
          </button>
          <button type="button" data-testid="create-workspace" disabled={busy} onClick={() => void choose('create')}>
            Create workspace…
          </button>
          <button type="button" data-testid="open-workspace" disabled={busy} onClick={() => void choose('open')}>
            Open workspace…
          </button>
          <OpenCaseFileButton className="secondary" />
          <TrustedSignersButton />
        </div>
        <p className="muted">
          A workspace is a folder that holds one investigation: the evidence as collected, the database and the log of every change.
        </p>
        <p className="muted">Reviewing a case someone sent you? Open its .nhicase file, or drop it on this window, to verify it and read it.</p>
        {status === 'unknown' && <p className="muted">Connecting to the engine…</p>}
        {busyLabel !== null && (
          <div className="start-busy" role="status">
            <p>{busyLabel}</p>
            {importStatus === 'running' && <ImportProgress status={importStatus} progress={progress} />}
          </div>
        )}
      </div>
    </main>
  );
}
