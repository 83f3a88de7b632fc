// One case: its header, the Signals and Graph tabs, and the signed export.
import type { ReactNode } from 'react';
import { CaseHeader } from '../components/case-header';
import { ErrorBoundary } from '../components/error-boundary';
import { VerifyBanner } from '../components/verify-banner';
import { useCaseViewStore, type CaseTab } from '../stores/case-view-store';
import { useExportStore } from '../stores/export-store';
import { GraphTab } from './graph-tab';
import { SignalsTab } from './signals-tab';

const TABS: ReadonlyArray<{ tab: CaseTab; label: string }> = [
  { tab: 'signals', label: 'Signals' },
  { tab: 'graph', label: 'Graph' },
];

function ExportButton({ caseId }: { caseId: string }): ReactNode {
  const status = useExportStore((s) => s.status);
  const exportCase = useExportStore((s) => s.exportCase);
  const label = status === 'exporting' ? 'Exporting…' : status === 'verifying' ? 'Verifying…' : 'Export signed case file';
  return (
    <button type="button" className="primary" data-testid="export-case" disabled={status !== 'idle'} onClick={() => void exportCase(caseId)}>
      {label}
    </button>
  );
}

function ExportResultBanner(): ReactNode {
  const exported = useExportStore((s) => s.exported);
  const verified = useExportStore((s) => s.verified);
  const reset = useExportStore((s) => s.reset);
  if (exported === null || verified === null) return null;
  return <VerifyBanner exported={exported} verified={verified} onDismiss={reset} />;
}

/** The case view, for the case open in the case view store. */
export function CaseView({ caseId }: { caseId: string }): ReactNode {
  const detail = useCaseViewStore((s) => s.detail);
  const tab = useCaseViewStore((s) => s.tab);
  const setTab = useCaseViewStore((s) => s.setTab);
  const close = useCaseViewStore((s) => s.close);

  return (
    <main className="case-view">
      <div className="toolbar">
        <button type="button" className="secondary" data-testid="back-to-queue" onClick={close}>
          ← Cases
        </button>
        <div className="toolbar-spacer" />
        <ExportButton caseId={caseId} />
      </div>
      <ExportResultBanner />
      {detail === null ? <p className="muted">Loading case {caseId}…</p> : <CaseHeader detail={detail} />}
      <div className="tabs" role="tablist" aria-label="Case views">
        {TABS.map((t) => (
          <button
            key={t.tab}
            type="button"
            role="tab"
            aria-selected={tab === t.tab}
            className={`tab${tab === t.tab ? ' is-active' : ''}`}
            data-testid={`tab-${t.tab}`}
            onClick={() => setTab(t.tab)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel">
        <ErrorBoundary scope="view" key={`${caseId}:${tab}`}>
          {tab === 'signals' ? <SignalsTab caseId={caseId} /> : <GraphTab />}
        </ErrorBoundary>
      </div>
    </main>
  );
}
