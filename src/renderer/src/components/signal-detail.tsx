// The selected signal in full: what it says, how it was made, and where in the evidence it came from.
import type { ReactNode } from 'react';
import type { SignalRow } from '../../../shared/schemas';
import { formatCount, formatTime, shortHash } from '../format';
import { SignalRecordView } from './signal-record';

function Field({ label, value, mono }: { label: string; value: string | null; mono?: boolean }): ReactNode {
  return (
    <div className="detail-field">
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>{value === null || value === '' ? <span className="muted">—</span> : value}</dd>
    </div>
  );
}

/** Details of one signal, or a prompt to pick one (without the test id, so tests can wait for a real selection). */
export function SignalDetail({ signal, picked }: { signal: SignalRow | null; picked?: number }): ReactNode {
  if (signal === null) {
    return (
      <aside className="signal-detail is-empty">
        <p className="muted">
          {picked !== undefined && picked > 1 ? `${formatCount(picked)} signals picked.` : 'Select a signal to see its details and where it came from.'}
        </p>
      </aside>
    );
  }
  const e = signal.evidence;
  const place = `record ${formatCount(e.recordIndex)}${e.line === null ? '' : `, line ${formatCount(e.line)}`}`;
  return (
    <aside className="signal-detail" data-testid="signal-detail" data-signal-id={String(signal.id)}>
      <h3>{signal.action}</h3>
      <p className="signal-summary">{signal.summary}</p>
      <dl>
        <Field label="Time" value={formatTime(signal.time)} />
        <Field label="Source" value={signal.source} />
        <Field label="Outcome" value={signal.outcome} />
        <Field label="Error code" value={signal.errorCode} mono />
        <Field label="User agent" value={signal.userAgent} mono />
        {signal.count > 1 && <Field label="Repeated" value={`${formatCount(signal.count)} times`} />}
        <Field label="Why in this case" value={signal.reason} />
        <Field label="Confidence" value={signal.confidence} />
      </dl>
      <h4>Evidence</h4>
      <dl>
        <Field label="File" value={e.name} mono />
        <div className="detail-field">
          <dt>SHA-256</dt>
          <dd className="mono" title={e.sha256}>
            {shortHash(e.sha256)}
          </dd>
        </div>
        <Field label="Place" value={place} />
      </dl>
      <h4>Source record (secrets redacted)</h4>
      <SignalRecordView signalId={signal.id} />
    </aside>
  );
}
