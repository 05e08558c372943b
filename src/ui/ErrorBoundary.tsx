import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * Catches a render or effect failure in one region (or one screen) so the rest of the app keeps working.
 * The failure is shown in place with two actions: "Reset this view" remounts the region (after `onReset`,
 * which may clear the state that made it fail), and "Copy report" puts a bounded report on the clipboard.
 * The user's text lives in the stores, not in the region, so nothing typed is lost.
 */
export interface RegionBoundaryProps {
  /** Human name of the region, used in the message and as the accessible label ("Tree", "Formula", …). */
  name: string;
  children: ReactNode;
  /** Called before the region is remounted by "Reset this view". */
  onReset?: () => void;
  /** Remount automatically when this key changes (e.g. the document text), so a new input gets a fresh try. */
  resetKey?: unknown;
  /** Shown under the message while the region is failed: what still works of it (e.g. a plain box with the text). */
  fallback?: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: unknown;
}

/** Longest excerpt of an error message or stack shown or copied; a hostile input can make messages huge. */
const REPORT_LIMIT = 2000;

function errorReport(name: string, error: Error): string {
  const clip = (s: string) => (s.length > REPORT_LIMIT ? `${s.slice(0, REPORT_LIMIT)}…` : s);
  return [
    `EML Playground: the ${name} view failed.`,
    `${error.name}: ${clip(error.message)}`,
    clip(error.stack ?? ''),
  ].join('\n');
}

export class RegionBoundary extends Component<RegionBoundaryProps, State> {
  state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: RegionBoundaryProps, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { resetKey: props.resetKey, error: null };
    return null;
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`[${this.props.name}] view failed`, error, info.componentStack);
  }

  private reset = () => {
    this.props.onReset?.();
    this.setState({ error: null });
  };

  private copy = () => {
    const { error } = this.state;
    if (!error) return;
    void navigator.clipboard?.writeText(errorReport(this.props.name, error)).catch(() => undefined);
  };

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const message = error.message.length > 300 ? `${error.message.slice(0, 300)}…` : error.message;
    return (
      <section className="panel region-failed" role="alert" aria-label={`${this.props.name} (failed)`}>
        <h2>{this.props.name}</h2>
        <p>This view failed and was switched off; the rest of the app still works and your text is kept.</p>
        <pre className="error-context">{message}</pre>
        {this.props.fallback}
        <div className="region-failed-actions">
          <button type="button" onClick={this.reset}>
            Reset this view
          </button>
          <button type="button" onClick={this.copy}>
            Copy report
          </button>
        </div>
      </section>
    );
  }
}
