/**
 * A refused command shown beside the control that sent it (a node card's toolbar, a workload's
 * Scale, Apply YAML) instead of in the page's one error alert at the window's top: the learner
 * reads it where they acted. A control *claims* its place (`at`, e.g. `node:worker-1`) while it
 * is mounted; a refusal for a place nobody claims (the card scrolled away and unmounted, the
 * node deleted) falls back to the top alert, so no message is lost. One error at a time on the
 * page, as before: a control's error replaces the top alert's and the other way round, so
 * a screen reader hears each refusal once.
 */
import { createStore, type StoreApi } from 'zustand';
import type { PodscapeStore } from './podscape-store';

export interface ControlError {
  /** Where it is shown: the place a control claimed. */
  at: string;
  message: string;
}

export interface ControlErrorsState {
  error: ControlError | null;
  /**
   * Whether a mounted control claims the error's place. Kept up to date only for the error's
   * place: a thousand node cards claim theirs as they mount, and none of that is state.
   */
  claimed: boolean;
}

interface Entry {
  state: StoreApi<ControlErrorsState>;
  /** How many mounted controls claim each place. */
  claims: Map<string, number>;
}

const ENTRIES = new WeakMap<PodscapeStore, Entry>();

function entryOf(store: PodscapeStore): Entry {
  let e = ENTRIES.get(store);
  if (!e) {
    e = { state: createStore<ControlErrorsState>()(() => ({ error: null, claimed: false })), claims: new Map() };
    ENTRIES.set(store, e);
  }
  return e;
}

export function controlErrors(store: PodscapeStore): StoreApi<ControlErrorsState> {
  return entryOf(store).state;
}

/** Shows `message` beside the control at `at` (the top alert's error goes). */
export function showControlError(store: PodscapeStore, at: string, message: string): void {
  store.setState({ error: null });
  const e = entryOf(store);
  e.state.setState({ error: { at, message }, claimed: (e.claims.get(at) ?? 0) > 0 });
}

/** Clears the error shown at `at` (every place's when `at` is not given). */
export function clearControlError(store: PodscapeStore, at?: string): void {
  const s = controlErrors(store);
  const { error } = s.getState();
  if (error && (at === undefined || error.at === at)) s.setState({ error: null, claimed: false });
}

/** A control's claim on its place; returns the release. */
export function claimPlace(store: PodscapeStore, at: string): () => void {
  const { state, claims } = entryOf(store);
  const bump = (d: number) => {
    const n = (claims.get(at) ?? 0) + d;
    if (n > 0) claims.set(at, n);
    else claims.delete(at);
    const { error, claimed } = state.getState();
    if (error?.at === at && claimed !== n > 0) state.setState({ claimed: n > 0 });
  };
  bump(1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    bump(-1);
  };
}

/** The error the page's top alert shows instead: one for a place no mounted control claims. */
export function unclaimedError(state: ControlErrorsState): ControlError | null {
  return state.error && !state.claimed ? state.error : null;
}
