import { afterEach, describe, expect, it, vi } from 'vitest';
import { frame } from '../../../../protocol/frame-fixtures';
import type { EngineClient } from '../../../bridge/engine-client';
import { applyFrame, createPodscapeStore } from '../../../store/podscape-store';
import { loadSessionCodec } from './load-codec';
import { createSessionStore } from './session-store';
import { SLOW_SAVE_MS, startSessionTracker } from './session-tracker';

afterEach(() => vi.useRealTimers());

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
});
