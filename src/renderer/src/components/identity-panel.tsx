// The identity panel beside the case: what names the identity, why those names belong together (each link with the
// record that showed it), its neighbours, where and when it was active, and the cases anchored on it.
import { useState, type ReactNode } from 'react';
import type { IdentityDetail } from '../../../shared/case-actions';
import { formatCount, formatTime, listOrDash } from '../format';
import { useCaseViewStore } from '../stores/case-view-store';
import { useIdentityStore } from '../stores/identity-store';
import { SignalRecordView } from './signal-record';

function Links({ detail }: { detail: IdentityDetail }): ReactNode {
  const [shown, setShown] = useState<number | null>(null);
  if (detail.links.length === 0) return <p className="muted">No links recorded.</p>;
  return (
    <ul className="identity-links">
      {detail.links.map((l, i) => (
        <li key={i} data-testid="identity-link">
          <div>
            <span className="identifier-type">{l.a.type}</span> <span className="mono">{l.a.value}</span> ↔ <span className="identifier-type">{l.b.type}</span>{' '}
            <span className="mono">{l.b.value}</span>
          </div>
          <div className="muted">{l.reason}</div>
          {l.signalId !== null && (
            <button type="button" className="link-button" data-testid="identity-link-record" onClick={() => setShown(shown === l.signalId ? null : l.signalId)}>
              {shown === l.signalId ? 'Hide record' : 'Show record'}
            </button>
          )}
          {l.signalId !== null && shown === l.signalId && <SignalRecordView signalId={l.signalId} />}
        </li>
      ))}
    </ul>
  );
}

function Body({ detail }: { detail: IdentityDetail }): ReactNode {
  const open = useIdentityStore((s) => s.open);
  const openCase = useCaseViewStore((s) => s.open);
  const currentCase = useCaseViewStore((s) => s.caseId);
  return (
    <>
      <h3 className="mono" data-testid="identity-label">
        {detail.label}
      </h3>
      <p>
        <span className="kind">{detail.kind}</span> · owner {detail.owner ?? <span className="muted">unknown</span>}
      </p>
      <dl className="identity-facts">
        <dt>First seen</dt>
        <dd>{formatTime(detail.firstSeen)}</dd>
        <dt>Last seen</dt>
        <dd>{formatTime(detail.lastSeen)}</dd>
        <dt>Source IPs</dt>
        <dd className="mono">{listOrDash(detail.sourceIps)}</dd>
        <dt>Regions</dt>
        <dd>{listOrDash(detail.regions)}</dd>
      </dl>
      <h4>Identifiers</h4>
      <ul className="identifiers-list">
        {detail.identifiers.map((id) => (
          <li key={`${id.type}:${id.value}`}>
            <span className="identifier-type">{id.type}</span> <span className="mono">{id.value}</span>
          </li>
        ))}
      </ul>
      <h4>Why these belong together</h4>
      <Links detail={detail} />
      <h4>Related identities</h4>
      {detail.related.length === 0 ? (
        <p className="muted">None seen.</p>
      ) : (
        <ul className="related-list">
          {detail.related.map((r) => (
            <li key={`${r.id}:${r.relation}:${r.direction}`}>
              <span className="muted">{r.direction === 'out' ? `${r.relation} →` : `← ${r.relation}`}</span>{' '}
              <button type="button" className="link-button mono" data-testid="identity-related" onClick={() => open(r.id)}>
                {r.label}
              </button>{' '}
              <span className="kind">{r.kind}</span> <span className="muted">×{formatCount(r.count)}</span>
            </li>
          ))}
        </ul>
      )}
      <h4>Cases</h4>
      {detail.cases.length === 0 ? (
        <p className="muted">No case is anchored on this identity.</p>
      ) : (
        <ul className="related-list">
          {detail.cases.map((c) => (
            <li key={c}>
              {c === currentCase ? (
                <span className="mono">{c} (open)</span>
              ) : (
                <button type="button" className="link-button mono" data-testid="identity-case" onClick={() => openCase(c)}>
                  {c}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The panel; nothing while no identity is shown. */
export function IdentityPanel(): ReactNode {
  const { identityId, status, detail, error, trail, back, close } = useIdentityStore();
  if (identityId === null) return null;
  return (
    <aside className="identity-panel" data-testid="identity-panel" aria-label="Identity">
      <div className="panel-bar">
        {trail.length > 0 && (
          <button type="button" className="link-button" onClick={back}>
            ← Back
          </button>
        )}
        <strong>Identity</strong>
        <div className="toolbar-spacer" />
        <button type="button" className="link-button" onClick={close} aria-label="Close the identity panel">
          Close
        </button>
      </div>
      {status === 'loading' && <p className="muted">Loading…</p>}
      {status === 'failed' && <p className="muted">The identity could not be read: {error?.message}</p>}
      {detail !== null && <Body detail={detail} />}
    </aside>
  );
}
