// Why the anchor identity's identifiers are one NHI: each link with its reason and the record that showed it.
import type { ReactNode } from 'react';
import type { CaseJson } from '../../../../shared/case-file';
import { formatCount, shortHash } from '../../format';

/** The Identity links view of reviewer mode. */
export function ReviewLinks({ caseFile }: { caseFile: CaseJson }): ReactNode {
  const names = new Map(caseFile.custody.map((c) => [c.sha256, c.name]));
  if (caseFile.links.length === 0) return <p className="muted">The case file records no links between identifiers.</p>;
  return (
    <div className="review-scroll">
      <table className="plain-table review-table" data-testid="review-links" aria-label="Identity links">
        <thead>
          <tr>
            <th scope="col">Identifier</th>
            <th scope="col">Identifier</th>
            <th scope="col">Reason</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {caseFile.links.map((l, i) => (
            <tr key={i} data-testid="review-link">
              <td className="mono review-wrap">{l.a}</td>
              <td className="mono review-wrap">{l.b}</td>
              <td className="review-wrap">{l.reason}</td>
              <td>
                {l.evidence === null ? (
                  <span className="muted">analyst decision</span>
                ) : (
                  <span title={l.evidence.sha256}>
                    <span className="mono">{names.get(l.evidence.sha256) ?? shortHash(l.evidence.sha256)}</span>, record {formatCount(l.evidence.recordIndex)}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
