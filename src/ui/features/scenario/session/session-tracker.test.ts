import { afterEach, describe, expect, it, vi } from 'vitest';
import { frame } from '../../../../protocol/frame-fixtures';
import type { EngineClient } from '../../../bridge/engine-client';
import { applyFrame, createPodscapeStore } from '../../../store/podscape-store';
import { loadSessionCodec } from './load-codec';
import { createSessionStore } from './session-store';
import { AUTOSAVE_KEY } from './autosave';
import { LARGE_TEXT_CHARS, SLOW_SAVE_MS, startSessionTracker } from './session-tracker';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('session tracker', () => {
  it('stops autosaving while playing once a save was slow, and saves again when the clock pauses', async () => {
    await loadSessionCodec(); // loaded before the fake timers (a dynamic import)
    vi.useFakeTimers();
    const store = createPodscapeStore();
    const sessions = createSessionStore();
    const client = {
      exportSession: async () => ({ scenarioText: 'kind: List\nitems: []\n', file: 'big.yaml', commands: [], time: store.getState().frame?.time ?? 0 }),
      stateHash: async () => ({ hash: 'h', time: 0 }),
    } as unknown as EngineClient;
    const saved: string[] = [];
    const storage = { setItem: (_: string, value: string) => void saved.push(value) } as unknown as Storage;
    let slow = true;
    let clock = 0;
    // Each save "takes" SLOW_SAVE_MS + 1 ms while `slow` (the clock moves that much per read), else nothing.
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += slow ? SLOW_SAVE_MS + 1 : 0));
    const stop = startSessionTracker({ store, sessions, client, storage });
    const settle = () => vi.advanceTimersByTimeAsync(1500);

    applyFrame(store, frame({ seq: 1, time: 0, playing: true }));
    await settle();
    expect(saved).toHaveLength(1); // the first save measures
    applyFrame(store, frame({ seq: 2, time: 100, playing: true, reset: false }));
    await settle();
    applyFrame(store, frame({ seq: 3, time: 200, playing: true, reset: false }));
    await settle();
    expect(saved).toHaveLength(1); // slow: not while playing
    expect(sessions.getState().session?.time).toBe(200); // the session itself stays current

    slow = false;
    applyFrame(store, frame({ seq: 4, time: 300, playing: false, reset: false }));
    await settle();
    expect(saved).toHaveLength(2); // paused: saved
    applyFrame(store, frame({ seq: 5, time: 400, playing: true, reset: false }));
    await settle();
    expect(saved).toHaveLength(3); // that save was quick: playing saves again
    stop();
  });

  /** A client whose session is `text`, and a storage that records writes and removals. */
  function setup(text: string) {
    const store = createPodscapeStore();
    const sessions = createSessionStore();
    const client = {
      exportSession: async () => ({ scenarioText: text, file: 'big.yaml', commands: [], time: store.getState().frame?.time ?? 0 }),
      stateHash: async () => ({ hash: 'h', time: 0 }),
    } as unknown as EngineClient;
    const saved: string[] = [];
    const removed: string[] = [];
    const storage = { setItem: (_: string, value: string) => void saved.push(value), removeItem: (key: string) => void removed.push(key) } as unknown as Storage;
    return { store, sessions, client, saved, removed, storage };
  }

  /** YAML-ish text that lz-string cannot shrink much: a comment line of pseudo-random letters per entry. */
  function noisyText(chars: number): string {
    let x = 12345;
    let out = 'kind: List\nitems: []\n';
    while (out.length < chars) {
      let line = '# ';
      for (let i = 0; i < 70; i++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        line += String.fromCharCode(33 + (x % 90));
      }
      out += line + '\n';
    }
    return out;
  }

  it('does not compress a large scenario while it plays, before any save measured it', async () => {
    await loadSessionCodec();
    vi.useFakeTimers();
    const text = 'kind: List\nitems: []\n' + '#'.repeat(LARGE_TEXT_CHARS);
    const { store, sessions, client, saved, storage } = setup(text);
    const stop = startSessionTracker({ store, sessions, client, storage });
    applyFrame(store, frame({ seq: 1, time: 0, playing: true }));
    await vi.advanceTimersByTimeAsync(1500);
    expect(saved).toHaveLength(0);
    expect(sessions.getState().session?.scenarioText).toBe(text); // the session is still tracked
    applyFrame(store, frame({ seq: 2, time: 100, playing: false, reset: false }));
    await vi.advanceTimersByTimeAsync(1500);
    expect(saved).toHaveLength(1); // paused: saved
    stop();
  });

  it('keeps no autosave a restore could not read, drops the older one, and says why once', async () => {
    await loadSessionCodec();
    vi.useFakeTimers();
    const { store, sessions, client, saved, removed, storage } = setup(noisyText(120_000));
    const { encodeSession } = await loadSessionCodec();
    const encoded = vi.fn(encodeSession);
    vi.spyOn(await import('./load-codec'), 'loadSessionCodec').mockResolvedValue({ ...(await loadSessionCodec()), encodeSession: encoded });
    const stop = startSessionTracker({ store, sessions, client, storage });
    applyFrame(store, frame({ seq: 1, time: 0, playing: false }));
    await vi.advanceTimersByTimeAsync(1500);
    expect(saved).toHaveLength(0);
    expect(removed).toEqual([AUTOSAVE_KEY]);
    const error = store.getState().error;
    expect(error).toMatch(/^Autosave is off for this session: it would take \d+ KB and a saved session is restored only up to 64 KB\. Use Export/);
    store.setState({ error: null });
    applyFrame(store, frame({ seq: 2, time: 100, playing: false, reset: false }));
    await vi.advanceTimersByTimeAsync(1500);
    expect(removed).toHaveLength(1); // the same session, only longer: not compressed again
    expect(encoded).toHaveBeenCalledTimes(1);
    expect(store.getState().error).toBeNull(); // said once
    stop();
  });
});
