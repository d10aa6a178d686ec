/**
 * What the page remembers about drains beside the frame's drain log (drain-runs.ts reads the
 * log): the notices dismissed, and the --timeout of the drains the page started, so a waiting
 * drain's notice can say when kubectl will give up (the log says so only once it has).
 */
import { createStore, type StoreApi } from 'zustand';
import { parseDuration } from '../../../scenario/duration';
import type { PodscapeStore } from '../../store/podscape-store';
import { runKey, type DrainRun } from './drain-runs';

/** A drain the page sent with --timeout: the flag as typed, and the cluster time the page had then. */
export interface TimeoutNote {
  flag: string;
  /** The latest frame's time when it was sent: the drain it belongs to started then or later. */
  after: number;
}

export interface DrainNotes {
  /** runKey of each notice dismissed. */
  dismissed: ReadonlySet<string>;
  /** By node: the --timeout of the latest drain the page sent (none: kubectl's default, for ever). */
  timeouts: ReadonlyMap<string, TimeoutNote>;
  /**
   * runKey of each drain this page has seen going on (added to as frames show them; not state: it
   * changes nothing shown by itself). A drain that had ended before the page first saw it (a
   * reload, a share link, a big step) gets no notice: only the drains watched do.
   */
  seenRunning: Set<string>;
}

const NOTES = new WeakMap<PodscapeStore, StoreApi<DrainNotes>>();

/** The drain notes of one page (one PodscapeStore). */
export function drainNotes(store: PodscapeStore): StoreApi<DrainNotes> {
  let notes = NOTES.get(store);
  if (!notes) {
    notes = createStore<DrainNotes>()(() => ({ dismissed: new Set(), timeouts: new Map(), seenRunning: new Set() }));
    NOTES.set(store, notes);
  }
  return notes;
}

/** Notes a drain the page sent (the engine accepted it): its --timeout as sent, if it has one other than 0. */
export function noteDrain(store: PodscapeStore, node: string, timeout?: string): void {
  const notes = drainNotes(store);
  const timeouts = new Map(notes.getState().timeouts);
  if (timeout !== undefined && parseDuration(timeout) > 0) timeouts.set(node, { flag: timeout, after: store.getState().frame?.time ?? 0 });
  else timeouts.delete(node);
  notes.setState({ timeouts });
}

/** When kubectl gives up on `run` (its start plus the --timeout the page sent it with), or undefined (no timeout, or not the page's drain). */
export function givesUpAt(notes: DrainNotes, run: DrainRun): { flag: string; at: number } | undefined {
  const note = notes.timeouts.get(run.node);
  if (!note || run.startTime < note.after) return undefined;
  return { flag: note.flag, at: run.startTime + parseDuration(note.flag) };
}

export function dismissDrainRun(store: PodscapeStore, run: Pick<DrainRun, 'node' | 'start'>): void {
  const notes = drainNotes(store);
  notes.setState({ dismissed: new Set(notes.getState().dismissed).add(runKey(run)) });
}
