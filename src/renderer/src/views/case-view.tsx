// One case: its header and settings, its tabs (signals, timeline, graph, notes, steps, mappings, history), the
// identity panel beside them, and the signed export.
import { useState, type DragEvent, type KeyboardEvent, type ReactNode } from 'react';
import { assertNever } from '../../../shared/errors';
import { CaseHeader } from '../components/case-header';
import { ErrorBoundary } from '../components/error-boundary';
import { IdentityPanel } from '../components/identity-panel';
import { QueueRail } from '../components/queue-rail';
import { VerifyBanner } from '../components/verify-banner';
import { carriesSignals } from '../lib/drag';
import { useCaseViewStore, type CaseTab } from '../stores/case-view-store';
import { useDialogStore } from '../stores/dialog-store';
import { useExportStore } from '../stores/export-store';
import { GraphTab } from './graph-tab';
import { HistoryTab } from './history-tab';
import { MappingsTab } from './mappings-tab';
import { NotesTab } from './notes-tab';
import { SignalsTab } from './signals-tab';
import { StepsTab } from './steps-tab';
import { TimelineTab } from './timeline-tab';

const TABS: ReadonlyArray<{ tab: CaseTab; label: string }> = [
  { tab: 'signals', label: 'Signals' },
  { tab: 'timeline', label: 'Timeline' },
  { tab: 'graph', label: 'Graph' },
  { tab: 'notes', label: 'Notes' },
  { tab: 'steps', label: 'Response steps' },
  { tab: 'mappings', label: 'Framework mapping' },
  { tab: 'history', label: 'History' },
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

/** "← Cases": goes back to the queue, and takes dragged signals (then asks which case they go to). */
function BackToQueue(): ReactNode {
  const close = useCaseViewStore((s) => s.close);
  const openDialog = useDialogStore((s) => s.open);
  const [over, setOver] = useState(false);
  const onDragOver = (event: DragEvent<HTMLButtonElement>): void => {
    if (!carriesSignals(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    setOver(true);
  };
  const onDrop = (event: DragEvent<HTMLButtonElement>): void => {
    setOver(false);
    if (!carriesSignals(event)) return;
    event.preventDefault();
    openDialog({ kind: 'move' });
  };
  return (
    <button
      type="button"
      className={`secondary cases-drop${over ? ' is-drop-target' : ''}`}
      data-testid="back-to-queue"
      title="Back to the case queue; drop picked signals here to move them to another case"
      onClick={close}
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      ← Cases
    </button>
  );
}

function TabBody({ tab, caseId }: { tab: CaseTab; caseId: string }): ReactNode {
  switch (tab) {
    case 'signals':
      return <SignalsTab caseId={caseId} />;
    case 'timeline':
      return <TimelineTab />;
    case 'graph':
      return <GraphTab />;
    case 'notes':
      return <NotesTab />;
    case 'steps':
      return <StepsTab />;
    case 'mappings':
      return <MappingsTab />;
    case 'history':
      return <HistoryTab />;
    default:
      return assertNever(tab);
  }
}

/** The case view, for the case open in the case view store. */
export function CaseView({ caseId }: { caseId: string }): ReactNode {
  const detail = useCaseViewStore((s) => s.detail);
  const tab = useCaseViewStore((s) => s.tab);
  const setTab = useCaseViewStore((s) => s.setTab);
  const [rail, setRail] = useState(false);

  // Arrow keys move between tabs, as the ARIA tabs pattern expects.
  const onTabKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    const i = TABS.findIndex((t) => t.tab === tab);
    const next = event.key === 'ArrowRight' ? i + 1 : event.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    const target = TABS[(next + TABS.length) % TABS.length];
    if (target === undefined) return;
    event.preventDefault();
    setTab(target.tab);
    document.querySelector<HTMLElement>(`[data-testid="tab-${target.tab}"]`)?.focus();
  };

  return (
    <div className="case-layout">
      {rail && <QueueRail />}
      <main className="case-view">
        <div className="toolbar">
          <BackToQueue />
          <button
            type="button"
            className="secondary"
            data-testid="toggle-queue-rail"
            aria-pressed={rail}
            title="Show the case queue beside this case; drop picked signals on a case there to move them"
            onClick={() => setRail(!rail)}
          >
            {rail ? 'Hide queue' : 'Queue beside'}
          </button>
          <div className="toolbar-spacer" />
          <ExportButton caseId={caseId} />
        </div>
        <ExportResultBanner />
        {detail === null ? <p className="muted">Loading case {caseId}…</p> : <CaseHeader detail={detail} />}
        <div className="tabs" role="tablist" aria-label="Case views" onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              key={t.tab}
              type="button"
              role="tab"
              id={`tab-${t.tab}`}
              aria-selected={tab === t.tab}
              aria-controls="case-tab-panel"
              tabIndex={tab === t.tab ? 0 : -1}
              className={`tab${tab === t.tab ? ' is-active' : ''}`}
              data-testid={`tab-${t.tab}`}
              onClick={() => setTab(t.tab)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div className="tab-panel" role="tabpanel" id="case-tab-panel" aria-labelledby={`tab-${tab}`}>
          <ErrorBoundary scope="view" key={`${caseId}:${tab}`}>
            <TabBody tab={tab} caseId={caseId} />
          </ErrorBoundary>
        </div>
      </main>
      <IdentityPanel />
    </div>
  );
}
