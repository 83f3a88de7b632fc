// The redacted source record behind a signal, pretty-printed as plain text: evidence is hostile, so it is never
// turned into markup, only shown as the characters it contains.
import { useEffect, type ReactNode } from 'react';
import { useRecordStore } from '../stores/record-store';
import { formatCount, shortHash } from '../format';

// A record can be megabytes (a huge requestParameters); the view shows the start and says how much was left out.
const MAX_CHARS = 200_000;

/** JSON text of a record value, indented, cut at MAX_CHARS. */
export function recordText(value: unknown): { text: string; cut: number } {
  let text: string;
  try {
    text = JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_CHARS ? { text: text.slice(0, MAX_CHARS), cut: text.length - MAX_CHARS } : { text, cut: 0 };
}

/** Loads and shows one signal's source record. */
export function SignalRecordView({ signalId }: { signalId: number }): ReactNode {
  const entry = useRecordStore((s) => s.records[signalId]);
  const load = useRecordStore((s) => s.load);
  useEffect(() => {
    void load(signalId);
  }, [signalId, load]);

  if (entry === undefined || entry.status === 'loading') return <p className="muted">Loading the source record…</p>;
  if (entry.status === 'failed') return <p className="muted" data-testid="signal-record-error">The source record could not be read: {entry.error.message}</p>;
  const { record } = entry;
  const { text, cut } = recordText(record.value);
  return (
    <div className="signal-record">
      <p className="muted">
        <span className="mono">{record.file.name}</span> · {record.file.format} · record {formatCount(record.recordIndex)}
        {record.line !== null && `, line ${formatCount(record.line)}`} · <span title={record.file.sha256}>{shortHash(record.file.sha256)}</span>
      </p>
      <pre className="record-text" data-testid="signal-record" tabIndex={0}>
        {text}
      </pre>
      {cut > 0 && <p className="muted">…{formatCount(cut)} more characters not shown.</p>}
    </div>
  );
}
