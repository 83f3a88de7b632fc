// One signal of an opened case file in full, from case.json alone (the workspace's record store is not asked:
// the case file may not come from the open workspace).
import type { ReactNode } from 'react';
import type { SignalRow } from '../../../../shared/schemas';
import { formatCount, formatTime } from '../../format';

function Field({ label, value, mono }: { label: string; value: string | null; mono?: boolean }): ReactNode {
  return (
    <div className="detail-field">
      <dt>{label}</dt>
      <dd className={mono ? 'mono review-wrap' : 'review-wrap'}>{value === null || value === '' ? <span className="muted">—</span> : value}</dd>
    </div>
  );
}

/** Details of the selected signal, or a prompt to pick one. */
export function ReviewSignalDetail({ signal }: { signal: SignalRow | null }): ReactNode {
  if (signal === null) {
    return (
      <aside className="signal-detail is-empty">
        <p className="muted">Select a signal to see its details and where it came from.</p>
      </aside>
    );
  }
  const e = signal.evidence;
  const place = `record ${formatCount(e.recordIndex)}${e.line === null ? '' : `, line ${formatCount(e.line)}`}`;
  return (
    <aside className="signal-detail" data-testid="review-signal-detail" data-signal-id={String(signal.id)}>
      <h3 className="review-wrap">{signal.action}</h3>
      <p className="signal-summary review-wrap">{signal.summary}</p>
      <dl>
        <Field label="Time" value={formatTime(signal.time)} />
        <Field label="Source" value={signal.source} />
        <Field label="Outcome" value={signal.outcome} />
        <Field label="Actor" value={signal.actor} mono />
        <Field label="Target" value={signal.target} mono />
        <Field label="Source IP" value={signal.sourceIp} mono />
        <Field label="Region" value={signal.region} />
        <Field label="Error code" value={signal.errorCode} mono />
        <Field label="User agent" value={signal.userAgent} mono />
        {signal.count > 1 && <Field label="Repeated" value={`${formatCount(signal.count)} times`} />}
        <Field label="Why in this case" value={signal.reason} />
      </dl>
      <h4>Evidence</h4>
      <dl>
        <Field label="File" value={e.name} mono />
        <Field label="SHA-256" value={e.sha256} mono />
        <Field label="Place" value={place} />
      </dl>
    </aside>
  );
}
