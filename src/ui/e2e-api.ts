/**
 * `window.__podscape`: lets tests and power users read the app's state without
 * scraping the DOM (DESIGN.md, "The DOM contract"). It offers nothing the UI cannot do.
 */
import type { ClusterView } from '../protocol/engine-api';

export interface PodscapeWindowApi {
  /** The cluster as last loaded, as plain data (a copy), or null while loading. */
  snapshot(): ClusterView | null;
}

declare global {
  interface Window {
    __podscape?: PodscapeWindowApi;
  }
}

export function installWindowApi(getView: () => ClusterView | null): void {
  window.__podscape = { snapshot: () => structuredClone(getView()) };
}
