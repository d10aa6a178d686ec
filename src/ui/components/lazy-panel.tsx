import { Component, lazy, useEffect, type ComponentType, type ReactNode } from 'react';

/**
 * A panel whose code is not in the first load (the initial JavaScript budget, DESIGN.md), made
 * robust two ways:
 *
 * - `usePreload()` fetches its chunk once the page is idle (3 s at most), as the inspector's
 *   are: a first click then rarely waits on the network, and the panel opens in the click's own
 *   commit instead of a moment later, when it would push whatever is below it (a button the
 *   pointer is on its way to) down the page.
 * - A chunk that fails to load (a dropped connection, a server that went away) shows an alert
 *   with the reason and Try again (`ChunkBoundary`), instead of an error with no boundary, which
 *   React answers by taking the whole page down.
 */
export interface LazyPanel<P> {
  Panel: ComponentType<P>;
  /** Fetches the chunk once the page is idle; a failure is left for the panel to report when opened. */
  usePreload: () => void;
  /** A fresh lazy component: React.lazy keeps a rejected load, so a retry needs a new one. */
  reset: () => void;
}

export function lazyPanel<P extends object>(load: () => Promise<ComponentType<P>>): LazyPanel<P> {
  const make = () => lazy(() => load().then((c) => ({ default: c })));
  let Current = make();
  function Panel(props: P) {
    return <Current {...props} />;
  }
  const preload = () => void load().catch(() => {});
  return {
    Panel,
    usePreload: () => useEffect(() => whenIdle(preload), []),
    reset: () => {
      Current = make();
    },
  };
}

function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 3000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 1000);
  return () => clearTimeout(id);
}

interface BoundaryProps {
  /** What failed to load, in words: "the YAML editor". */
  what: string;
  /** Called before a retry (LazyPanel.reset). */
  onRetry: () => void;
  children: ReactNode;
}

/** Catches a panel's failed chunk load and says so, with Try again; the rest of the page stays. */
export class ChunkBoundary extends Component<BoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="chunk-error" role="alert">
        <p>
          Could not load {this.props.what}: {error.message}
        </p>
        <button
          type="button"
          onClick={() => {
            this.props.onRetry();
            this.setState({ error: null });
          }}
        >
          Try again
        </button>
      </div>
    );
  }
}
