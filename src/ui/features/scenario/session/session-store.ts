/**
 * What the UI knows about the session (the scenario plus the user's commands), kept
 * apart from the frame store: the last export from the engine, the redo stack, and the
 * autosave status. Filled by the session tracker; read by history and share controls.
 * One per app, handed down through React context like the frame store.
 */
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { TimedCommand } from '../../../../engine/commands';
import type { SessionExport } from '../../../../protocol/engine-api';

export interface SessionState {
  /** The latest export (null before the first). */
  session: SessionExport | null;
  /** Commands undone, the next to redo last; valid while `redoBase` is the current log. */
  redo: TimedCommand[];
  /** The session (scenario and command log, canonical JSON) the redo stack applies to. */
  redoBase: string | null;
  /** Virtual time of the last successful autosave, or null. */
  savedTime: number | null;
  /** A state hash with the time it belongs to, or null while unknown (playing, large cluster). */
  hash: { hash: string; time: number } | null;
}

export type SessionStore = StoreApi<SessionState>;

export function createSessionStore(): SessionStore {
  return createStore<SessionState>()(() => ({ session: null, redo: [], redoBase: null, savedTime: null, hash: null }));
}

const SessionContext = createContext<SessionStore | null>(null);

export function SessionProvider({ store, children }: { store: SessionStore; children: ReactNode }) {
  return createElement(SessionContext.Provider, { value: store }, children);
}

export function useSessionStore(): SessionStore {
  const store = useContext(SessionContext);
  if (!store) throw new Error('session components must be used inside <SessionProvider>');
  return store;
}

export function useSessionState<T>(selector: (s: SessionState) => T): T {
  return useStore(useSessionStore(), selector);
}

/** Identifies a log for the redo stack: the same scenario and the same commands. */
export function logKey(session: Pick<SessionExport, 'scenarioText' | 'commands'>): string {
  return `${session.scenarioText.length}:${JSON.stringify(session.commands)}:${session.scenarioText}`;
}
