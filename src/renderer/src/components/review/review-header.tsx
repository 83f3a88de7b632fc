// The top of an opened case file: the anchor identity, severity, status, when it was active, and who exported it.
import type { ReactNode } from 'react';
import type { CaseJson } from '../../../../shared/case-file';
import { formatCount, formatTime, listOrDash } from '../../format';
import { SeverityBadge } from '../severity-badge';

function Fact({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }): ReactNode {
  return (
    <div className={wide ? 'fact fact-wide' : 'fact'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The case file's header. */
export function ReviewHeader({ caseFile }: { caseFile: CaseJson }): ReactNode {
  const detail = caseFile.case;
  const identity = detail.anchorIdentity;
  return (
    <section className="case-header" data-testid="review-header" aria-label="Case">
      <div className="case-title">
        <h2 data-testid="review-anchor" className="mono">
          {identity.label}
        </h2>
        <span className="kind">{identity.kind}</span>
        <SeverityBadge severity={detail.severity} />
        <span className={`status status-${detail.status}`} data-testid="review-status">
          {detail.status}
        </span>
        <span className="muted case-id" title="Case id">
          {detail.id}
        </span>
        {detail.title && <span className="case-subtitle">{detail.title}</span>}
        {detail.marked !== null && <span className="marked">⚠ {detail.marked}</span>}
      </div>
      <dl className="facts">
        <Fact label="Identity owner">{identity.owner ?? <span className="muted">unknown</span>}</Fact>
        <Fact label="First seen">{formatTime(detail.firstSeen)}</Fact>
        <Fact label="Last seen">{formatTime(detail.lastSeen)}</Fact>
        <Fact label="Signals">{formatCount(caseFile.signals.length)}</Fact>
        <Fact label="Failures">{formatCount(detail.failures)}</Fact>
        <Fact label="Regions">{listOrDash(detail.regions)}</Fact>
        <Fact label="Source IPs" wide>
          <span className="mono review-wrap">{listOrDash(detail.sourceIps)}</span>
        </Fact>
        <Fact label="Identifiers" wide>
          {identity.identifiers.length === 0 ? (
            <span className="muted">—</span>
          ) : (
            <ul className="identifiers">
              {identity.identifiers.map((id, i) => (
                <li key={i} className="chip">
                  <span className="identifier-type">{id.type}</span> <span className="mono">{id.value}</span>
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact label="Exported" wide>
          {formatTime(caseFile.exportedAt)} by <span className="mono">{caseFile.signer.name}</span> with {caseFile.tool.name} {caseFile.tool.version}
        </Fact>
      </dl>
    </section>
  );
}
