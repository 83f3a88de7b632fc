// One error laid out for a person: what happened, where (file, record), and what to do.
import type { ReactNode } from 'react';
import type { ErrorInfo } from '../../../shared/errors';

/** The readable parts of an ErrorInfo; every value is rendered as text, since messages can quote hostile evidence. */
export function ErrorDetails({ info }: { info: ErrorInfo }): ReactNode {
  return (
    <div className="error-details">
      <div className="error-message">{info.message}</div>
      {(info.file !== undefined || info.record !== undefined) && (
        <div className="error-where">
          {info.file !== undefined && (
            <span>
              File: <span className="mono">{info.file}</span>
            </span>
          )}
          {info.record !== undefined && (
            <span>
              Record: <span className="mono">{info.record}</span>
            </span>
          )}
        </div>
      )}
      {info.hint !== undefined && <div className="error-hint">{info.hint}</div>}
    </div>
  );
}
