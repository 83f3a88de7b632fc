// Reviewers' countersignatures found in the case file: verdict, comment, when, and whether each signature holds.
import type { ReactNode } from 'react';
import { REVIEW_VERDICTS } from '../../../../shared/case-file';
import type { ReviewCheck } from '../../../../shared/schemas';
import { formatTime } from '../../format';

function Trust({ review }: { review: ReviewCheck }): ReactNode {
  if (!review.valid) return <span className="tone-bad">signature does not hold</span>;
  if (review.trusted === true) return <span className="tone-ok">valid · reviewer in your trust list</span>;
  if (review.trusted === false) return <span className="tone-bad">valid · reviewer not in your trust list</span>;
  return <span className="muted">valid · no trust list to check against</span>;
}

// The verdict comes from the file: only a known one picks a style.
const verdictClass = (verdict: string): string => ((REVIEW_VERDICTS as readonly string[]).includes(verdict) ? `verdict verdict-${verdict}` : 'verdict');

/** The countersignatures, or nothing when the case file has none. */
export function ReviewCountersignatures({ reviews }: { reviews: readonly ReviewCheck[] }): ReactNode {
  if (reviews.length === 0) return null;
  return (
    <section className="review-countersignatures" aria-label="Reviews">
      <h3>Reviews</h3>
      <ul>
        {reviews.map((r) => (
          <li key={r.member} className="review-countersignature" data-testid="review-countersignature" data-valid={r.valid ? 'true' : 'false'} data-verdict={r.verdict}>
            <div>
              <strong className={verdictClass(r.verdict)}>{r.verdict}</strong> by <span className="mono">{r.reviewer}</span> (
              <span className="mono">{r.fingerprint}</span>) · {formatTime(r.at)} · <Trust review={r} />
            </div>
            {r.comment !== '' && <p className="review-comment">{r.comment}</p>}
            {r.problems.length > 0 && (
              <ul className="problems">
                {r.problems.map((p, i) => (
                  <li key={i}>
                    <span className="mono">{p.member}</span>: {p.check}: {p.message}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
