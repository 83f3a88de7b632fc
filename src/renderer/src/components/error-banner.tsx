// The banner at the top of the window that lists errors until the analyst dismisses them.
import type { ReactNode } from 'react';
import { describeError } from '../../../shared/errors';
import { useErrorStore } from '../stores/error-store';
import { ErrorDetails } from './error-details';

/** Shows every reported error, each dismissable; renders nothing when there are none. */
export function ErrorBanner(): ReactNode {
  const errors = useErrorStore((s) => s.errors);
  const dismiss = useErrorStore((s) => s.dismiss);
  const dismissAll = useErrorStore((s) => s.dismissAll);
  if (errors.length === 0) return null;
  return (
    <div className="banner banner-error" data-testid="error-banner" role="alert">
      <ul className="error-list">
        {errors.map((e) => (
          <li key={e.id} className="error-item" aria-label={describeError(e.info)}>
            <ErrorDetails info={e.info} />
            <button type="button" className="link-button" onClick={() => dismiss(e.id)} aria-label="Dismiss this error">
              Dismiss
            </button>
          </li>
        ))}
      </ul>
      {errors.length > 1 && (
        <button type="button" className="link-button" onClick={dismissAll}>
          Dismiss all
        </button>
      )}
    </div>
  );
}
