// The top of the case view: who the case is about (the anchor identity) and the shape of what it did.
import type { ReactNode } from 'react';
import type { CaseDetail } from '../../../shared/schemas';
import { formatCount, formatTime } from '../format';
import { useIdentityStore } from '../stores/identity-store';
import { CaseActionsBar } from './case-actions-bar';
import { SeverityBadge } from './severity-badge';

// A case that touched thousands of addresses should not push its signals off the screen; the tooltip has them all.
const MAX_LISTED = 6;

function Listed({ values }: { values: readonly string[] }): ReactNode {
  if (values.length === 0) return <span className="muted">—</span>;
  const shown = values.slice(0, MAX_LISTED);
  return (
    <span className="listed" title={values.join(', ')}>
      {shown.map((v) => (
        <span key={v} className="chip mono">
          {v}
        </span>
      ))}
      {values.length > shown.length && <span className="muted">+{formatCount(values.length - shown.length)} more</span>}
    </span>
  );
}

function Fact({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }): ReactNode {
  return (
    <div className={wide ? 'fact fact-wide' : 'fact'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The case header. */
export function CaseHeader({ detail }: { detail: CaseDetail }): ReactNode {
  const identity = detail.anchorIdentity;
  const openIdentity = useIdentityStore((s) => s.open);
  return (
    <section className="case-header" data-testid="case-header" aria-label="Case">
      <div className="case-title">
        <h2 data-testid="anchor-label" className="mono">
          {identity.label}
        </h2>
        <span className="kind">{identity.kind}</span>
        <SeverityBadge severity={detail.severity} />
        <span className={`status status-${detail.status}`}>{detail.status}</span>
        <span className="muted case-id" title="Case id">
          {detail.id}
        </span>
        {detail.title && <span className="case-subtitle">{detail.title}</span>}
        {detail.marked !== null && (
          <span className="marked" data-testid="case-marked">
            ⚠ {detail.marked}
          </span>
        )}
        <button type="button" className="link-button" data-testid="show-identity" onClick={() => openIdentity(identity.id, true)}>
          Identity details
        </button>
      </div>
      <CaseActionsBar detail={detail} />
      <dl className="facts">
        <Fact label="Identity owner">{identity.owner ?? <span className="muted">unknown</span>}</Fact>
        <Fact label="First seen">{formatTime(detail.firstSeen)}</Fact>
        <Fact label="Last seen">{formatTime(detail.lastSeen)}</Fact>
        <Fact label="Signals">{formatCount(detail.signals)}</Fact>
        <Fact label="Failures">
          <span className={detail.failures > 0 ? 'tone-bad' : undefined}>{formatCount(detail.failures)}</span>
        </Fact>
        <Fact label="Regions">
          <Listed values={detail.regions} />
        </Fact>
        <Fact label="Source IPs" wide>
          <Listed values={detail.sourceIps} />
        </Fact>
        <Fact label="Identifiers" wide>
          {identity.identifiers.length === 0 ? (
            <span className="muted">—</span>
          ) : (
            <ul className="identifiers">
              {identity.identifiers.map((id) => (
                <li key={`${id.type}:${id.value}`} className="chip">
                  <span className="identifier-type">{id.type}</span> <span className="mono">{id.value}</span>
                </li>
              ))}
            </ul>
          )}
        </Fact>
      </dl>
    </section>
  );
}
