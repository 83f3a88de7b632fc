// The progress bar of an import: bytes read, which file of how many, records so far.
import type { ReactNode } from 'react';
import type { IngestProgress } from '../../../shared/schemas';
import { assertNever } from '../../../shared/errors';
import { baseName, formatBytes, formatCount } from '../format';
import type { ImportStatus } from '../stores/import-store';
import { api } from '../api';

function phaseLabel(phase: IngestProgress['phase']): string {
  switch (phase) {
    case 'reading':
      return 'Reading';
    case 'parsing':
      return 'Parsing';
    case 'storing':
      return 'Storing';
    case 'resolving':
      return 'Grouping into cases';
    case 'done':
      return 'Finishing';
    default:
      return assertNever(phase);
  }
}

function describe(status: ImportStatus, p: IngestProgress | null): string {
  if (status === 'done') return 'Import finished.';
  if (status === 'failed') return 'Import stopped: the error above says which file and why.';
  if (p === null) return 'Starting the import…';
  // fileIndex counts from 0; people count files from 1.
  const fileNo = Math.min(p.fileIndex + 1, Math.max(p.fileCount, 1));
  const file = p.file ? ` — ${baseName(p.file)}` : '';
  const bytes = p.bytesTotal > 0 ? ` · ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}` : '';
  const rejected = p.rejected > 0 ? ` · ${formatCount(p.rejected)} rejected` : '';
  return `${phaseLabel(p.phase)} file ${fileNo} of ${p.fileCount}${file}${bytes} · ${formatCount(p.records)} records${rejected}`;
}

/** Shows how far an import has got; `data-done` turns true once it has finished, either way. */
export function ImportProgress({ status, progress }: { status: ImportStatus; progress: IngestProgress | null }): ReactNode {
  const finished = status === 'done' || status === 'failed';
  const fraction = finished ? 1 : progress && progress.bytesTotal > 0 ? Math.min(1, progress.bytesDone / progress.bytesTotal) : null;
  const text = describe(status, progress);
  return (
    <div className="import-progress" data-testid="import-progress" data-done={finished ? 'true' : 'false'} data-failed={status === 'failed' ? 'true' : 'false'}>
      <div
        className={`progress-track${fraction === null ? ' is-indeterminate' : ''}${status === 'failed' ? ' is-failed' : ''}`}
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
        aria-valuetext={text}
      >
        <div className="progress-fill" style={{ width: fraction === null ? undefined : `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <div className="progress-text">
        {text}
        {!finished && (
          <>
            {' '}
            <button type="button" className="secondary" data-testid="import-cancel" onClick={() => void api().cancelIngest({})}>
              Cancel
            </button>
          </>
        )}
      </div>
    </div>
  );
}
