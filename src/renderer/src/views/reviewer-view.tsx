// Reviewer mode: an opened `.nhicase` file, read-only. The verification banner first, then the reviews, then the
// case as far as the case file allows. Nothing here can change anything; every string from the file is text.
import { useMemo, type KeyboardEvent, type ReactNode } from 'react';
import type { CaseFileView } from '../../../shared/case-file-view';
import type { CaseJson } from '../../../shared/case-file';
import { assertNever } from '../../../shared/errors';
import { ErrorBoundary } from '../components/error-boundary';
import { ReviewMappings, ReviewNotes, ReviewSteps } from '../components/review/review-activity';
import { ReviewAudit } from '../components/review/review-audit';
import { ReviewBanner } from '../components/review/review-banner';
import { ReviewCountersignatures } from '../components/review/review-countersignatures';
import { ReviewCustody } from '../components/review/review-custody';
import { ReviewHeader } from '../components/review/review-header';
import { ReviewLinks } from '../components/review/review-links';
import { ReviewSignals } from '../components/review/review-signals';
import { baseName } from '../format';
import { caseFileActivity, type CaseFileActivity } from '../lib/case-file-activity';
import { reviewVerdict } from '../lib/review-verdict';
import { useReviewStore, type ReviewTab } from '../stores/review-store';
import '../components/review/review.css';

interface TabSpec {
  tab: ReviewTab;
  label: string;
}

// Notes, steps and mappings only appear when the case file records some: an empty tab would suggest they were lost.
function tabsOf(activity: CaseFileActivity): TabSpec[] {
  const tabs: TabSpec[] = [
    { tab: 'signals', label: 'Signals' },
    { tab: 'links', label: 'Identity links' },
    { tab: 'custody', label: 'Custody' },
    { tab: 'audit', label: 'Audit trail' },
  ];
  if (activity.notes.length > 0) tabs.push({ tab: 'notes', label: 'Notes' });
  if (activity.steps.length > 0) tabs.push({ tab: 'steps', label: 'Response steps' });
  if (activity.mappings.length > 0) tabs.push({ tab: 'mappings', label: 'Framework mapping' });
  return tabs;
}

function TabBody({ tab, caseFile, activity }: { tab: ReviewTab; caseFile: CaseJson; activity: CaseFileActivity }): ReactNode {
  switch (tab) {
    case 'signals':
      return <ReviewSignals signals={caseFile.signals} />;
    case 'links':
      return <ReviewLinks caseFile={caseFile} />;
    case 'custody':
      return <ReviewCustody caseFile={caseFile} />;
    case 'audit':
      return <ReviewAudit caseFile={caseFile} />;
    case 'notes':
      return <ReviewNotes notes={activity.notes} />;
    case 'steps':
      return <ReviewSteps steps={activity.steps} />;
    case 'mappings':
      return <ReviewMappings mappings={activity.mappings} />;
    default:
      return assertNever(tab);
  }
}

function ReviewContent({ caseFile, valid }: { caseFile: CaseJson; valid: boolean }): ReactNode {
  const activity = useMemo(() => caseFileActivity(caseFile), [caseFile]);
  const tabs = useMemo(() => tabsOf(activity), [activity]);
  const chosen = useReviewStore((s) => s.tab);
  const setTab = useReviewStore((s) => s.setTab);
  const tab = tabs.some((t) => t.tab === chosen) ? chosen : 'signals';

  // Arrow keys move between tabs, as the ARIA tabs pattern expects.
  const onTabKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    const i = tabs.findIndex((t) => t.tab === tab);
    const next = event.key === 'ArrowRight' ? i + 1 : event.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    const target = tabs[(next + tabs.length) % tabs.length];
    if (target === undefined) return;
    event.preventDefault();
    setTab(target.tab);
    document.querySelector<HTMLElement>(`[data-testid="review-tab-${target.tab}"]`)?.focus();
  };

  return (
    <>
      {!valid && (
        <p className="review-unverified" data-testid="review-unverified">
          What follows is shown as the case file states it. It failed verification: it may have been changed after it was signed.
        </p>
      )}
      <ReviewHeader caseFile={caseFile} />
      <div className="tabs" role="tablist" aria-label="Case file views" onKeyDown={onTabKey}>
        {tabs.map((t) => (
          <button
            key={t.tab}
            type="button"
            role="tab"
            id={`review-tab-${t.tab}`}
            aria-selected={tab === t.tab}
            aria-controls="review-tab-panel"
            tabIndex={tab === t.tab ? 0 : -1}
            className={`tab${tab === t.tab ? ' is-active' : ''}`}
            data-testid={`review-tab-${t.tab}`}
            onClick={() => setTab(t.tab)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id="review-tab-panel" aria-labelledby={`review-tab-${tab}`}>
        <ErrorBoundary scope="view" key={tab}>
          <TabBody tab={tab} caseFile={caseFile} activity={activity} />
        </ErrorBoundary>
      </div>
    </>
  );
}

/** The reviewer view for the case file open in the review store. */
export function ReviewerView({ view }: { view: CaseFileView }): ReactNode {
  const close = useReviewStore((s) => s.close);
  const name = baseName(view.path);
  return (
    <main className="case-view reviewer-view" data-testid="reviewer-view" aria-label={`Reviewing ${name}`}>
      <div className="toolbar">
        <h2 className="review-title">
          Reviewing <span className="mono">{name}</span> <span className="kind">read-only</span>
        </h2>
        <div className="toolbar-spacer" />
        <button type="button" className="secondary" data-testid="review-close" onClick={close}>
          Close
        </button>
      </div>
      <ReviewBanner verification={view.verification} fileName={view.path} />
      {view.caseFile === null ? (
        <p className="muted review-unreadable" data-testid="review-unreadable">
          The case.json inside this file could not be read, so there is nothing more to show than the problems above.
        </p>
      ) : (
        <>
          <ReviewCountersignatures reviews={view.verification.reviews} />
          <ReviewContent caseFile={view.caseFile} valid={reviewVerdict(view.verification) !== 'failed'} />
        </>
      )}
    </main>
  );
}
