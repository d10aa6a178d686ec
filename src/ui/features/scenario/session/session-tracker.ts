/**
 * Keeps the session store current: after every frame (at once while paused, at most
 * once a second while playing) it exports the session from the engine, refreshes the
 * state hash while paused, and autosaves. A full storage is reported once, not on
 * every frame. A session whose save took longer than SLOW_SAVE_MS (compressing a large
 * scenario's text: ~1 s at 1,000 nodes / 30,000 pods) is saved only while paused, so
 * playing does not stall the page every second; so is one whose scenario text is longer
 * than LARGE_TEXT_CHARS, before any save measured it, so a large scenario's first save
 * does not stall the page while it loads and plays. A session whose fragment is longer than
 * a restore reads (the share codec's MAX_FRAGMENT_CHARS) is not written: the stored one is removed, since it
 * is an older session, and the alert says once why this one is not kept. A large session is
 * compressed in a worker of its own (session-encoder.ts), not on the main thread.
 */
import { podCount } from '../../../../protocol/frame-pods';
import type { EngineClient } from '../../../bridge/engine-client';
import { showError } from '../../../store/actions';
import type { PodscapeStore } from '../../../store/podscape-store';
import { AUTOSAVE_KEY, saveSession } from './autosave';
import { loadSessionCodec } from './load-codec';
import { createSessionEncoder, type EncodeSession } from './session-encoder';
import type { SessionStore } from './session-store';

/** Past this many pods the hash (canonical JSON of every object) costs too much to compute on every pause. */
export const AUTO_HASH_MAX_PODS = 2000;
const PLAYING_INTERVAL_MS = 1000;
/** A save slower than this is not repeated while the clock plays. */
export const SLOW_SAVE_MS = 20;
/** Scenario text past this length is assumed slow to compress until a save says otherwise. */
export const LARGE_TEXT_CHARS = 64 * 1024;

export interface TrackerOptions {
  store: PodscapeStore;
  sessions: SessionStore;
  client: EngineClient;
  /** Where to autosave; none in tests that do not want it. */
  storage?: Storage;
  /** How a session becomes its fragment (by default: in place when small, in a worker when large). */
  encode?: EncodeSession;
}

export function startSessionTracker({ store, sessions, client, storage, encode = createSessionEncoder() }: TrackerOptions): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  let lastProblem: string | null = null;
  let slowSave: boolean | null = null;
  /** A session found too long to keep: its scenario text and command count (more commands only make it longer). */
  let tooLong: { text: string; commands: number } | null = null;

  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const { frame, selected, lesson } = store.getState();
      if (!frame) return;
      const session = await client.exportSession();
      const hash = frame.playing || podCount(frame) > AUTO_HASH_MAX_PODS ? null : await client.stateHash();
      sessions.setState({ session, hash });
      if (!storage || (frame.playing && (slowSave ?? session.scenarioText.length > LARGE_TEXT_CHARS))) return;
      // Known too long: not compressed again (a large scenario's compression is a long task).
      if (tooLong && tooLong.text === session.scenarioText && session.commands.length >= tooLong.commands) return;
      const { MAX_FRAGMENT_CHARS } = await loadSessionCodec();
      const started = performance.now();
      const fragment = await encode(session, selected, lesson && { id: lesson.id, step: lesson.step });
      const over = fragmentTooLong(fragment, MAX_FRAGMENT_CHARS);
      tooLong = over ? { text: session.scenarioText, commands: session.commands.length } : null;
      const problem = over ? dropOldSave(storage, fragment, MAX_FRAGMENT_CHARS) : saveSession(storage, fragment);
      slowSave = performance.now() - started > SLOW_SAVE_MS;
      if (problem === null) sessions.setState({ savedTime: session.time });
      else if (problem !== lastProblem) showError(store, problem);
      lastProblem = problem;
    } catch {
      // No scenario yet, or a failed engine: the alert already says so; try again on the next frame.
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };

  const schedule = () => {
    if (timer !== undefined) return;
    const playing = store.getState().frame?.playing ?? false;
    timer = setTimeout(
      () => {
        timer = undefined;
        void run();
      },
      playing ? PLAYING_INTERVAL_MS : 0,
    );
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.frame !== previous.frame || state.selected !== previous.selected || state.lesson?.step !== previous.lesson?.step || state.lesson?.id !== previous.lesson?.id) schedule();
  });
  schedule();
  return () => {
    unsubscribe();
    clearTimeout(timer);
  };
}

/** The share parameter's value (after `s=`) is what a restore reads and caps. */
const fragmentTooLong = (fragment: string, max: number) => fragment.length - fragment.indexOf('=') - 1 > max;

function dropOldSave(storage: Storage, fragment: string, max: number): string {
  try {
    storage.removeItem(AUTOSAVE_KEY);
  } catch {
    // storage disabled: nothing stored to drop
  }
  return `Autosave is off for this session: it would take ${Math.ceil(fragment.length / 1024)} KB and a saved session is restored only up to ${max / 1024} KB. Use Export to keep it as YAML.`;
}
