// One line saying what the last action did, with a way to the case it made or changed.
import type { ReactNode } from 'react';
import { useActionsStore } from '../stores/actions-store';
import { useCaseViewStore } from '../stores/case-view-store';

/** The notice after an action; nothing when there is none. */
export function NoticeBar(): ReactNode {
  const notice = useActionsStore((s) => s.notice);
  const setNotice = useActionsStore((s) => s.setNotice);
  const open = useCaseViewStore((s) => s.open);
  const openCase = useCaseViewStore((s) => s.caseId);
  if (notice === null) return null;
  return (
    <div className="notice" role="status" data-testid="action-notice">
      <span>{notice.message}</span>
      {notice.caseId !== null && notice.caseId !== openCase && (
        <button type="button" className="link-button" data-testid="notice-open-case" data-case-id={notice.caseId} onClick={() => notice.caseId !== null && open(notice.caseId)}>
          Open {notice.caseId}
        </button>
      )}
      <button type="button" className="link-button" onClick={() => setNotice(null)}>
        Dismiss
      </button>
    </div>
  );
}
