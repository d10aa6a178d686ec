import { ClusterPanel } from '../features/cluster/ClusterPanel';
import { StoreProvider, type PodscapeStore } from '../store/podscape-store';

/** Composition only: layout and providers. */
export function App({ store }: { store: PodscapeStore }) {
  return (
    <StoreProvider store={store}>
      <header className="app-header">
        <h1>Podscape</h1>
        <p>A Kubernetes cluster playground in your browser.</p>
      </header>
      <main className="app-main">
        <ClusterPanel />
      </main>
    </StoreProvider>
  );
}
