// Chain of custody of every evidence file the case cites: name as collected, SHA-256, who imported it and when.
import type { ReactNode } from 'react';
import type { CaseJson } from '../../../../shared/case-file';
import { formatBytes, formatCount, formatTime } from '../../format';

/** The Custody view of reviewer mode. */
export function ReviewCustody({ caseFile }: { caseFile: CaseJson }): ReactNode {
  const records = new Map(caseFile.evidence.map((e) => [e.sha256, e.records]));
  if (caseFile.custody.length === 0) return <p className="muted">The case file cites no evidence files.</p>;
  return (
    <div className="review-scroll">
      <table className="plain-table review-table" data-testid="review-custody" aria-label="Chain of custody">
        <thead>
          <tr>
            <th scope="col">Evidence file</th>
            <th scope="col">SHA-256</th>
            <th scope="col">Size</th>
            <th scope="col">Format</th>
            <th scope="col">Imported</th>
            <th scope="col">By</th>
            <th scope="col">Records in this file</th>
          </tr>
        </thead>
        <tbody>
          {caseFile.custody.map((c) => (
            <tr key={c.sha256} data-testid="review-custody-row">
              <td className="mono review-wrap">{c.name}</td>
              <td className="mono review-hash">{c.sha256}</td>
              <td className="num">{formatBytes(c.size)}</td>
              <td>{c.format}</td>
              <td>{formatTime(c.importedAt)}</td>
              <td className="mono review-wrap">{c.importedBy}</td>
              <td className="num">{records.has(c.sha256) ? formatCount(records.get(c.sha256) ?? 0) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
