/**
 * `window.__podscape`: lets tests and power users drive the app without sleeping
 * (DESIGN.md, "The DOM contract"). It offers nothing the UI cannot do, and goes through
 * the same actions, so failures show in the page's alert as they would for a gesture.
 * Every method resolves once its result is in the store.
 */
import type { Command, CommandResult } from '../engine/commands';
import type { Frame, LoadResult } from '../protocol/engine-api';
import { MAX_EVENT_PAGE, type EventPage, type EventQuery } from '../protocol/event-query';
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
  /**
   * The latest frame as plain data (a copy), or null while loading, with the events the
   * page holds in id order: every event so far while `eventCount` is at most the store's
   * EVENT_STORE_LIMIT (1,000; every bundled scenario), else the newest 1,000 of them
   * (the engine keeps the rest: `events()`).
   */
  snapshot(): Frame | null;
  /** A page of the event log from the engine, which keeps every event (newest first; by default the newest MAX_EVENT_PAGE). */
  events(query?: EventQuery): Promise<EventPage>;
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
    events: (query = { offset: 0, limit: MAX_EVENT_PAGE }) => client.events(query),
  };
}
