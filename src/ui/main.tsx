// First: starts the engine worker before React's code evaluates (the cold load, issue 4).
import './bridge/start-engine';
import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import './components/base.css';
import { App } from './app/App';
import { showBootPreview } from './app/boot-preview';
import { createBrowserClient } from './bridge/browser-client';
import { installWindowApi } from './e2e-api';
import { connectPerfApi, installPerfApi } from './perf-api';
import { bootSession, followShareLinks } from './features/scenario/session/boot';
import { startSessionTracker } from './features/scenario/session/session-tracker';
import { createSessionStore } from './features/scenario/session/session-store';
import { registerOfflineSupport } from './offline';
import { connectEngine, settle, showError } from './store/actions';
import { createPodscapeStore } from './store/podscape-store';
import './styles.css';

const store = createPodscapeStore();
const sessions = createSessionStore();
const client = createBrowserClient({ onCrash: (message) => showError(store, message), stats: installPerfApi() });
installWindowApi(store, client);
connectPerfApi(client);
// The default scenario's first frame as the build made it: the first render draws the cluster (app/boot-preview.ts).
showBootPreview(store, client);

// The first render in this task rather than the next one React would schedule: with the
// boot preview it draws the cluster, which the cold load waits for (issue 4).
const root = createRoot(document.getElementById('root')!);
flushSync(() =>
  root.render(
    <StrictMode>
      <App store={store} client={client} sessions={sessions} />
    </StrictMode>,
  ),
);

const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled: no autosave
  }
})();

const clearHash = () => history.replaceState(history.state, '', window.location.pathname + window.location.search);

// Subscribe first so that no frame is missed; a failure of either shows in the alert.
// Then open a share link, else the autosave, else the default scenario (boot.ts), and
// only then start autosaving, so a bad link never overwrites the saved session.
settle(
  connectEngine(store, client)
    .catch((error: unknown) => {
      showError(store, error instanceof Error ? error.message : String(error));
    })
    .then(() =>
      bootSession(store, client, {
        hash: window.location.hash,
        clearHash,
        storage,
      }),
    )
    .finally(() => {
      startSessionTracker({ store, sessions, client, storage });
      followShareLinks(store, client, { target: window, hash: () => window.location.hash, clearHash });
      // The service worker precaches every file: after the first cluster frame, not competing with it.
      registerOfflineSupport();
    }),
);
