/**
 * The UI store: a vanilla zustand store handed down through React context, so every
 * page and test gets its own. It mirrors what the engine returned; it computes nothing.
 */
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { ClusterView } from '../../protocol/engine-api';

export type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; view: ClusterView }
  | { status: 'error'; message: string };

export interface PodscapeState {
  load: LoadState;
}

export type PodscapeStore = StoreApi<PodscapeState>;

export function createPodscapeStore(): PodscapeStore {
  return createStore<PodscapeState>()(() => ({ load: { status: 'loading' } }));
}

const StoreContext = createContext<PodscapeStore | null>(null);

export function StoreProvider({ store, children }: { store: PodscapeStore; children: ReactNode }) {
  return createElement(StoreContext.Provider, { value: store }, children);
}

export function usePodscapeStore<T>(selector: (state: PodscapeState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('usePodscapeStore must be used inside <StoreProvider>');
  return useStore(store, selector);
}

/** The view of the last successful load, or null. */
export const selectClusterView = (state: PodscapeState): ClusterView | null =>
  state.load.status === 'ready' ? state.load.view : null;
