// The case's entries of the workspace audit chain as exported: seq, what happened, when, who, and the hash links.
import type { ReactNode } from 'react';
import type { CaseJson } from '../../../../shared/case-file';
import { formatTime, shortHash } from '../../format';

const LABELS: Record<string, string> = {
  'case.proposed': 'Case proposed',
  'case.signals-added': 'Signals added',
  'case.exported': 'Case exported',
  'case.merged': 'Cases merged',
  'case.split': 'Case split',
  'signals.moved': 'Signals moved',
  'case.note-added': 'Note added',
  'case.updated': 'Case updated',
  'case.step-set': 'Response step set',
  'case.mappings-set': 'Framework mappings changed',
  undo: 'Undo',
  redo: 'Redo',
};

/** A readable name for an action type; unknown types show as they are. */
export function auditLabel(type: string): string {
  return Object.hasOwn(LABELS, type) ? (LABELS[type] ?? type) : type;
}

/** The Audit view of reviewer mode. */
export function ReviewAudit({ caseFile }: { caseFile: CaseJson }): ReactNode {
  const { entries, head, headSeq } = caseFile.audit;
  return (
    <div className="list-tab">
      <p className="muted">
        Workspace chain head at export: <span className="mono">#{headSeq}</span> <span className="mono review-hash">{head}</span>
      </p>
      {entries.length === 0 && <p className="muted">The case file holds no audit entries.</p>}
      <ol className="history" data-testid="review-audit">
        {entries.map((e) => (
          <li key={e.seq} className="history-entry" data-testid="review-audit-entry" data-type={e.type}>
            <div className="history-head">
              <span className="mono muted">#{e.seq}</span> <strong>{auditLabel(e.type)}</strong> <span className="kind">{e.type}</span>
            </div>
            <div className="muted">
              {e.actor} · {formatTime(e.at)} · cases {e.caseIds.join(', ') || '—'}
            </div>
            <div className="mono history-hash" title={`previous ${e.prevHash}\nthis ${e.hash}`}>
              {shortHash(e.prevHash)} → {e.hash}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
