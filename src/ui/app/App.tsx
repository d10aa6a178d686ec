import type { EngineClient } from '../bridge/engine-client';
import { ClusterPanel } from '../features/cluster/ClusterPanel';
import { ScenarioBar } from '../features/scenario/ScenarioBar';
import type { SessionStore } from '../features/scenario/session/session-store';
import { ErrorAlert } from '../features/status/ErrorAlert';
import { ClockControls } from '../features/timeline/ClockControls';
import { StoreProvider, type PodscapeStore } from '../store/podscape-store';

/** Composition only: layout and providers. */
export function App({ store, client, sessions }: { store: PodscapeStore; client: EngineClient; sessions: SessionStore }) {
  return (
    <StoreProvider store={store} client={client}>
      <header className="app-header">
        <div>
          <h1>Podscape</h1>
          <p>A Kubernetes cluster playground in your browser.</p>
        </div>
        <ClockControls />
      </header>
      <main className="app-main">
        <ErrorAlert />
        <ScenarioBar sessions={sessions} />
        <ClusterPanel />
      </main>
    </StoreProvider>
  );
}
