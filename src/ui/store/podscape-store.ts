/**
 * The UI store: a vanilla zustand store handed down through React context (with the
 * engine client), so every page and test gets its own. It mirrors the engine's frames
 * and computes no cluster state of its own.
 */
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { Frame, FrameEvent, ScenarioSummary } from '../../protocol/engine-api';
import type { EngineClient } from '../bridge/engine-client';
import { EMPTY_INDEX, indexFrame, type ClusterIndex } from './cluster-index';
import { mergeFrameEvents } from '../../protocol/event-window';

/**
 * Events the store keeps at most (the newest): five pages of the event log. Every bundled
 * scenario stays under it (the default has ~55 events at load, ~90 after ten minutes),
 * so for them the page holds every event and filters them itself.
 */
export const EVENT_STORE_LIMIT = 1000;

export interface PodscapeState {
  /** 'loading' until the first scenario is in; 'failed' when it could not be loaded. */
  status: 'loading' | 'ready' | 'failed';
  /** The newest frame, or null before the first load. */
  frame: Frame | null;
  /**
   * The newest events of the current scenario, newest first, at most EVENT_STORE_LIMIT
   * (protocol/event-window.ts); the engine keeps the rest (EngineApi.events).
   */
  events: readonly FrameEvent[];
  /** How many events the scenario has recorded; more than `events.length` when the page holds only the newest. */
  eventCount: number;
  scenario: ScenarioSummary | null;
  /** The latest problem to show the user (a load, a refused command, the engine), or null. */
  error: string | null;
  /** The object the user selected (inspector, share view state), or null. */
  selected: Selection | null;
  /** The workshop lesson being followed over the loaded preset, or null (cleared by every load). */
  lesson: LessonProgress | null;
  /** Presenter mode: large type, chrome hidden, arrow keys and space step through the lesson. */
  presenter: boolean;
  /** The latest frame indexed for per-node and per-pod selectors (cluster-index.ts). */
  cluster: ClusterIndex;
  /**
   * The node count of a new large cluster whose full frame has arrived and is being
   * delivered (bridge/frame-receiver.ts: a few tasks), else null: a view that would not
   * show it (the DOM cards, where the canvas view will) is taken down in a task of its own
   * instead of reading the new cluster in the delivery's task.
   */
  incoming: number | null;
}

/**
 * Where the learner is in a lesson (src/scenario/lessons): what a share link needs to
 * carry to reopen it is `id` and `step` (and optionally `completed`).
 */
export interface LessonProgress {
  /** A lesson id from src/scenario/lessons (LESSONS). */
  id: string;
  /** Index of the step shown. */
  step: number;
  /** Indices of the steps whose goals have all been met, in the order they were. */
  completed: number[];
  /** Indices of the steps whose "predict, then reveal" answer is shown. */
  revealed: number[];
}

/** A selected pod (`namespace/name`), node (name) or workload (`Kind/namespace/name`). */
export interface Selection {
  kind: 'pod' | 'node' | 'workload';
  key: string;
}

export type PodscapeStore = StoreApi<PodscapeState>;

export function createPodscapeStore(): PodscapeStore {
  return createStore<PodscapeState>()(() => ({ status: 'loading', frame: null, events: [], eventCount: 0, scenario: null, error: null, selected: null, lesson: null, presenter: false, cluster: EMPTY_INDEX, incoming: null }));
}

/**
 * The state after `frame`, or null when the frame is stale (its seq is not newer than
 * the one held): pushes and call results can arrive in any order.
 */
export function withFrame(state: PodscapeState, frame: Frame): Partial<PodscapeState> | null {
  if (state.frame && frame.seq <= state.frame.seq) return null;
  return { frame, events: mergeFrameEvents(state.events, frame, EVENT_STORE_LIMIT), eventCount: frame.eventCount, cluster: indexFrame(state.cluster, frame), incoming: null };
}

export function applyFrame(store: PodscapeStore, frame: Frame): void {
  const next = withFrame(store.getState(), frame);
  if (next) store.setState(next);
}

interface Runtime {
  store: PodscapeStore;
  client: EngineClient;
}

const RuntimeContext = createContext<Runtime | null>(null);

export function StoreProvider({ store, client, children }: Runtime & { children: ReactNode }) {
  return createElement(RuntimeContext.Provider, { value: { store, client } }, children);
}

function useRuntime(): Runtime {
  const runtime = useContext(RuntimeContext);
  if (!runtime) throw new Error('Podscape components must be used inside <StoreProvider>');
  return runtime;
}

export function usePodscapeStore<T>(selector: (state: PodscapeState) => T): T {
  return useStore(useRuntime().store, selector);
}

/** The runtime, or null outside <StoreProvider> (for components that static tests also render). */
export function useOptionalRuntime(): Runtime | null {
  return useContext(RuntimeContext);
}

/** The store and the engine client, for event handlers that call actions. */
export const usePodscapeRuntime = useRuntime;

/**
 * The latest frame with the events the page holds, in id order (what
 * `window.__podscape.snapshot()` returns): every event so far while `eventCount` is at
 * most EVENT_STORE_LIMIT, else the newest EVENT_STORE_LIMIT of them.
 */
export const selectSnapshot = (state: PodscapeState): Frame | null =>
  state.frame ? { ...state.frame, reset: true, eventsReplace: true, eventCount: state.eventCount, events: state.events.slice().sort((a, b) => a.id - b.id) } : null;
