import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createBrowserClient } from './bridge/browser-client';
import { installWindowApi } from './e2e-api';
import { installPerfApi } from './perf-api';
import { DEFAULT_SCENARIO } from './features/scenario/default-scenario';
import { connectEngine, loadScenario, settle, showError } from './store/actions';
import { createPodscapeStore } from './store/podscape-store';
import './styles.css';

const store = createPodscapeStore();
const client = createBrowserClient({ onCrash: (message) => showError(store, message), stats: installPerfApi() });
installWindowApi(store, client);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} client={client} />
  </StrictMode>,
);

// Subscribe first so that no frame is missed; a failure of either shows in the alert.
settle(
  connectEngine(store, client)
    .catch((error: unknown) => {
      showError(store, error instanceof Error ? error.message : String(error));
    })
    .then(() => loadScenario(store, client, DEFAULT_SCENARIO.text, DEFAULT_SCENARIO.file)),
);
