import type { EngineClient } from '../bridge/engine-client';
import { ClusterPanel } from '../features/cluster/ClusterPanel';
import { ErrorAlert } from '../features/status/ErrorAlert';
import { ThemeToggle } from '../features/theme/ThemeToggle';
import { ClockControls } from '../features/timeline/ClockControls';
import { TimingNote } from '../features/timeline/TimingNote';
import { StoreProvider, type PodscapeStore } from '../store/podscape-store';

/** Composition only: layout and providers. */
export function App({ store, client }: { store: PodscapeStore; client: EngineClient }) {
  return (
    <StoreProvider store={store} client={client}>
      <header className="app-header">
        <div>
          <h1>Podscape</h1>
          <p>A Kubernetes cluster playground in your browser.</p>
        </div>
        <div className="app-header-tools">
          <ClockControls />
          <ThemeToggle />
          <TimingNote />
        </div>
      </header>
      <main className="app-main">
        <ErrorAlert />
        <ClusterPanel />
      </main>
    </StoreProvider>
  );
}
