import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createInProcessClient } from './bridge/in-process-client';
import { installWindowApi } from './e2e-api';
import { DEFAULT_SCENARIO } from './features/scenario/default-scenario';
import { loadScenario } from './store/actions';
import { createPodscapeStore, selectClusterView } from './store/podscape-store';
import './styles.css';

const store = createPodscapeStore();
const client = createInProcessClient();
installWindowApi(() => selectClusterView(store.getState()));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);

void loadScenario(store, client, DEFAULT_SCENARIO.text, DEFAULT_SCENARIO.file);
