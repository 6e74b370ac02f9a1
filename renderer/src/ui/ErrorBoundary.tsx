import { Component, useState, type ErrorInfo, type ReactNode } from 'react';
import './error-boundary.css';

/** What the boundary caught, as the user copies it for a support request. */
export function errorDetails(name: string, error: unknown, componentStack: string | null | undefined): string {
  const e = error instanceof Error ? error : null;
  return [
    `FieldDesk: "${name}" could not be shown.`,
    `Error: ${readableMessage(error)}`,
    e && readableMessage(error) !== e.message ? `Raw: ${e.message}` : '',
    `At: ${new Date().toISOString()}`,
    e?.stack ? `\nStack:\n${e.stack}` : '',
    componentStack ? `\nComponent stack:${componentStack}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** Copy text with the async clipboard, or the older copy command where it is refused (an unfocused window). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)) || 'Unknown error';

/**
 * The error in words: the production build of React gives only a code and a
 * link ("Minified React error #31; visit …"); the commonest one, an object
 * where text belongs, is what a bad record causes, so it is said plainly.
 */
export function readableMessage(error: unknown): string {
  const raw = messageOf(error);
  const m = /Minified React error #(\d+); visit (\S+)/.exec(raw);
  if (!m) return raw;
  const args = URL.canParse(m[2]!) ? new URL(m[2]!).searchParams.getAll('args[]') : [];
  if (m[1] === '31') return `Objects are not valid as a React child (found: ${args[0] ?? 'an object'}): a record holds a value this screen cannot show.`;
  return `React error #${m[1]}${args.length > 0 ? ` (${args.join(', ')})` : ''}`;
}

function ErrorPanel({ name, error, componentStack, onReload }: { name: string; error: unknown; componentStack: string | null; onReload: () => void }) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <section className="error-panel" role="alert" aria-label={`${name} could not be shown`} data-testid="error-panel">
      <h2>{name} could not be shown</h2>
      <p>
        Something in this part of FieldDesk failed to display. The rest of the app keeps working, and nothing you saved is lost. Reload it, and if it fails again, copy the
        details for your support contact.
      </p>
      <p className="error-message">
        <strong>Error:</strong> <code>{readableMessage(error)}</code>
      </p>
      <div className="form-actions">
        <button type="button" className="primary" onClick={onReload}>
          Reload
        </button>
        <button
          type="button"
          onClick={() => void copyText(errorDetails(name, error, componentStack)).then((ok) => setCopied(ok ? 'Details copied to the clipboard.' : 'Could not reach the clipboard.'))}
        >
          Copy details
        </button>
      </div>
      <p className="muted" aria-live="polite">
        {copied}
      </p>
    </section>
  );
}

interface Props {
  /** What this part is called on screen ("Tickets", "Ticket details", "Help desk configuration"). */
  name: string;
  children: ReactNode;
  /** Called when a render error is caught (logging, tests). */
  onError?: (error: unknown, info: ErrorInfo) => void;
}

interface State {
  error: unknown;
  failed: boolean;
  componentStack: string | null;
  /** Bumped by Reload, so the children mount afresh. */
  generation: number;
}

/**
 * Catches a render error in one screen, pane or dialog and shows what failed
 * in its place, with Reload (mount it again) and Copy details, so the rest of
 * the window (navigation, Settings, Sync) keeps working. No data may blank the
 * whole window.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, failed: false, componentStack: null, generation: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.setState({ componentStack: info.componentStack ?? null });
    console.warn(`FieldDesk: "${this.props.name}" failed to render:`, error);
    this.props.onError?.(error, info);
  }

  private reload = () => this.setState((s) => ({ error: null, failed: false, componentStack: null, generation: s.generation + 1 }));

  override render(): ReactNode {
    if (this.state.failed) return <ErrorPanel name={this.props.name} error={this.state.error} componentStack={this.state.componentStack} onReload={this.reload} />;
    return <RemountKey key={this.state.generation}>{this.props.children}</RemountKey>;
  }
}

function RemountKey({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
