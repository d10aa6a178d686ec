/**
 * `window.__podscape`: lets tests and power users drive the app without sleeping
 * (DESIGN.md, "The DOM contract"). It offers nothing the UI cannot do, and goes through
 * the same actions, so failures show in the page's alert as they would for a gesture.
 * Every method resolves once its result is in the store.
 */
import type { Command, CommandResult } from '../engine/commands';
import type { Frame, LoadResult } from '../protocol/engine-api';
import type { EngineClient } from './bridge/engine-client';
import { dispatchCommand, loadScenario, stepClock } from './store/actions';
import { selectSnapshot, type PodscapeStore } from './store/podscape-store';

export interface PodscapeWindowApi {
  /** Loads a scenario (Kubernetes YAML), as import does; rejects with the file/line message. */
  load(yamlText: string): Promise<LoadResult>;
  /** Applies a command; a refused one resolves to `{ ok: false, error }`. */
  dispatch(command: Command): Promise<CommandResult>;
  /** Advances virtual time by `ms` while the clock is paused; rejects while it plays. */
  advance(ms: number): Promise<Frame>;
  /** The latest frame with every event so far, as plain data (a copy), or null while loading. */
  snapshot(): Frame | null;
}

declare global {
  interface Window {
    __podscape?: PodscapeWindowApi;
  }
}

export function installWindowApi(store: PodscapeStore, client: EngineClient): void {
  window.__podscape = {
    load: (yamlText) => loadScenario(store, client, yamlText, 'imported.yaml'),
    dispatch: (command) => dispatchCommand(store, client, command),
    advance: (ms) => stepClock(store, client, ms),
    snapshot: () => structuredClone(selectSnapshot(store.getState())),
  };
}
