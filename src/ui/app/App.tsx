import type { EngineClient } from '../bridge/engine-client';
import { ClusterPanel } from '../features/cluster/ClusterPanel';
import { ImportExport } from '../features/scenario/import-export/ImportExport';
import { ErrorAlert } from '../features/status/ErrorAlert';
import { ClockControls } from '../features/timeline/ClockControls';
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
        <ClockControls />
      </header>
      <main className="app-main">
        <ImportExport />
        <ErrorAlert />
        <ClusterPanel />
      </main>
    </StoreProvider>
  );
}
