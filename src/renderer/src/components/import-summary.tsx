// What an import did: totals, then one row per file saying whether it was imported, a duplicate, or refused.
import type { ReactNode } from 'react';
import type { IngestFileResult, IngestResult } from '../../../shared/schemas';
import { baseName, formatCount, shortHash } from '../format';

// Thousands of dropped files would make the summary the page; the totals still cover them all.
const MAX_FILE_ROWS = 300;

function fileState(file: IngestFileResult): { label: string; tone: 'ok' | 'muted' | 'bad' } {
  if (file.error !== undefined) return { label: file.error, tone: 'bad' };
  if (file.duplicate) return { label: 'duplicate (already imported)', tone: 'muted' };
  return { label: 'imported', tone: 'ok' };
}

/** The summary of a finished import; the per-file table opens by itself when a file was refused. */
export function ImportSummary({ result }: { result: IngestResult }): ReactNode {
  const rejected = result.files.reduce((sum, f) => sum + f.rejected, 0);
  const duplicates = result.files.filter((f) => f.duplicate).length;
  const failed = result.files.filter((f) => f.error !== undefined).length;
  const shown = result.files.slice(0, MAX_FILE_ROWS);
  return (
    <div className="import-summary" data-testid="import-summary">
      <p className="summary-totals">
        <strong>{formatCount(result.signals)}</strong> signals · <strong>{formatCount(result.identities)}</strong> identities ·{' '}
        <strong>{formatCount(result.cases)}</strong> cases from <strong>{formatCount(result.files.length)}</strong>{' '}
        {result.files.length === 1 ? 'file' : 'files'}
        {duplicates > 0 && <> · {formatCount(duplicates)} duplicate</>}
        {rejected > 0 && (
          <>
            {' '}
            · <strong className="tone-bad">{formatCount(rejected)}</strong> records rejected
          </>
        )}
        {failed > 0 && (
          <>
            {' '}
            · <strong className="tone-bad">{formatCount(failed)}</strong> {failed === 1 ? 'file' : 'files'} refused
          </>
        )}
      </p>
      {shown.length > 0 && (
        <details className="summary-files" open={failed > 0}>
          <summary>Files</summary>
          <table className="plain-table">
            <thead>
              <tr>
                <th>File</th>
                <th>Format</th>
                <th className="num">Signals</th>
                <th className="num">Rejected</th>
                <th>SHA-256</th>
                <th>Result</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((file, i) => {
                const state = fileState(file);
                return (
                  <tr key={`${i}:${file.path}`} data-duplicate={file.duplicate ? 'true' : 'false'}>
                    <td className="ellipsis" title={file.path}>
                      {baseName(file.path)}
                    </td>
                    <td>{file.format || '—'}</td>
                    <td className="num">{formatCount(file.signals)}</td>
                    <td className={`num${file.rejected > 0 ? ' tone-bad' : ''}`}>{formatCount(file.rejected)}</td>
                    <td className="mono" title={file.sha256}>
                      {file.sha256 ? shortHash(file.sha256) : '—'}
                    </td>
                    <td className={`tone-${state.tone}`}>{state.label}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {result.files.length > shown.length && <p className="muted">…and {formatCount(result.files.length - shown.length)} more files.</p>}
        </details>
      )}
    </div>
  );
}
