// Notes, response steps and framework mappings of an opened case file, as its audit entries recorded them.
import type { ReactNode } from 'react';
import type { ReviewNote, ReviewStep } from '../../lib/case-file-activity';
import { entryFor, frameworkName } from '../../frameworks';
import { formatTime } from '../../format';

/** The notes, oldest first. */
export function ReviewNotes({ notes }: { notes: readonly ReviewNote[] }): ReactNode {
  return (
    <div className="list-tab">
      <ol className="history">
        {notes.map((n) => (
          <li key={n.seq} className="history-entry" data-testid="review-note">
            <div className="note-meta muted">
              {n.author} · {formatTime(n.at)}
            </div>
            <p className="note-text review-wrap">{n.text}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The response steps with who set them and when. */
export function ReviewSteps({ steps }: { steps: readonly ReviewStep[] }): ReactNode {
  return (
    <div className="list-tab">
      <ul className="mapping-list">
        {steps.map((s) => (
          <li key={s.step} className={`step${s.done ? ' is-done' : ''}`} data-testid="review-step" data-done={s.done ? 'true' : 'false'}>
            <strong>{s.done ? '✓' : '○'} {s.step}</strong>{' '}
            <span className="muted">
              {s.done ? 'done' : 'not done'}
              {s.by !== null && ` · ${s.by}`}
              {s.at !== null && ` · ${formatTime(s.at)}`}
            </span>
            {s.note !== null && <div className="review-wrap">{s.note}</div>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The framework mappings, named from the bundled catalogues where they know the id. */
export function ReviewMappings({ mappings }: { mappings: readonly string[] }): ReactNode {
  return (
    <div className="list-tab">
      <ul className="mapping-list">
        {mappings.map((id) => {
          const entry = entryFor(id);
          return (
            <li key={id} className="mapping" data-testid="review-mapping">
              <span className="mono">{entry?.code ?? id}</span> {entry ? <span>{entry.name}</span> : <span className="muted">(not in the bundled catalogues)</span>}{' '}
              {entry && <span className="muted">{frameworkName(entry)}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
