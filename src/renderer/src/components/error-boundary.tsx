// The last line of defence: a rendering bug shows what broke and a way on, never a blank window.
import { Component, type ErrorInfo as ReactErrorInfo, type ReactNode } from 'react';
import { toErrorInfo, type ErrorInfo } from '../../../shared/errors';
import { reportError } from '../stores/error-store';
import { ErrorDetails } from './error-details';

interface Props {
  children: ReactNode;
  /**
   * window: around the whole app, shows the error itself (the banner above may be gone with the rest).
   * view: around one view, sends the error to the app's banner and offers to try the view again.
   */
  scope: 'window' | 'view';
  /** Called before the view is drawn again (e.g. to go back to a safe place). */
  onReset?: () => void;
}

interface State {
  error: ErrorInfo | null;
}

/** Catches render errors below it and offers a way on. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(err: unknown): State {
    return { error: toErrorInfo(err) };
  }

  override componentDidCatch(err: unknown, info: ReactErrorInfo): void {
    console.error(err, info.componentStack);
    if (this.props.scope === 'view') reportError(err);
  }

  private readonly reset = (): void => {
    this.props.onReset?.();
    this.setState({ error: null });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    if (this.props.scope === 'view') {
      return (
        <div className="crash">
          <p>This view could not be drawn; the error is described above.</p>
          <button type="button" onClick={this.reset}>
            Try again
          </button>
        </div>
      );
    }
    return (
      <div className="crash">
        <div className="banner banner-error" data-testid="error-banner" role="alert">
          <h1>Something went wrong while drawing the window.</h1>
          <ErrorDetails info={error} />
        </div>
        <div className="button-row">
          <button type="button" onClick={this.reset}>
            Try again
          </button>
          <button type="button" className="secondary" onClick={() => window.location.reload()}>
            Reload the window
          </button>
        </div>
      </div>
    );
  }
}
