// The import area under the workspace header: the progress bar while importing, then the summary.
import type { ReactNode } from 'react';
import { useImportStore } from '../stores/import-store';
import { ImportProgress } from './import-progress';
import { ImportSummary } from './import-summary';

/** Shows the current or last import; nothing when there is none. */
export function ImportPanel(): ReactNode {
  const status = useImportStore((s) => s.status);
  const progress = useImportStore((s) => s.progress);
  const result = useImportStore((s) => s.result);
  const dismiss = useImportStore((s) => s.dismiss);
  if (status === 'idle' || status === 'choosing') return null;
  const finished = status === 'done' || status === 'failed';
  return (
    <section className="import-panel" aria-label="Import">
      <div className="import-main">
        <ImportProgress status={status} progress={progress} />
        {result !== null && <ImportSummary result={result} />}
      </div>
      {finished && (
        <button type="button" className="link-button" onClick={dismiss}>
          Hide
        </button>
      )}
    </section>
  );
}
