import { describe, expect, it } from 'vitest';
import type { Command } from '../../engine/commands';
import type { Frame, FrameEvent } from '../../protocol/engine-api';
import type { EngineClient } from '../bridge/engine-client';
import { createInProcessClient, createManualTicker } from '../bridge/in-process-client';
import { connectEngine, dispatchCommand, loadScenario, playClock, pauseClock, setClockSpeed, stepClock } from './actions';
import { createPodscapeStore, EVENT_STORE_LIMIT, selectSnapshot, withFrame } from './podscape-store';

const SCENARIO = `
apiVersion: podscape.dev/v1alpha1
kind: Scenario
metadata: { name: two }
spec: { seed: 1, speed: 10 }
---
apiVersion: v1
kind: Node
metadata: { name: worker-1 }
status: { allocatable: { cpu: "2", memory: 4Gi, pods: "110" } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx }] }
`;

async function setup() {
  const ticker = createManualTicker();
  const client = createInProcessClient({ ticker });
  const store = createPodscapeStore();
  await connectEngine(store, client);
  return { ticker, client, store };
}

describe('store', () => {
  it('holds an incoming large cluster until its frame comes, and takes the engine errors as before', async () => {
    const store = createPodscapeStore();
    let push: (p: Parameters<Parameters<EngineClient['subscribe']>[0]>[0]) => void = () => {};
    await connectEngine(store, { subscribe: async (listener) => ((push = listener), () => {}) } as EngineClient);
    push({ type: 'incoming', nodes: 1000 });
    expect(store.getState()).toMatchObject({ incoming: 1000, frame: null, error: null });
    const f: Frame = { seq: 1, time: 0, playing: false, speed: 1, nodes: [], pods: [], queue: [], workloads: [], reset: true, eventsReplace: true, eventCount: 0, events: [] };
    push({ type: 'frame', frame: f });
    expect(store.getState()).toMatchObject({ incoming: null, frame: f });
    push({ type: 'error', seq: 1, time: 0, message: 'boom' });
    expect(store.getState()).toMatchObject({ incoming: null, error: 'boom' });
  });

  it('drops stale frames and merges event deltas by id', () => {
    const store = createPodscapeStore();
    const base = { time: 0, playing: false, speed: 1 as const, nodes: [], pods: [], queue: [], workloads: [] };
    const event = (id: number, count: number): FrameEvent => ({ id, count, type: 'Normal', reason: 'R', message: '', object: 'Pod/default/a', source: 's', firstTime: 0, lastTime: 0 });
    const f1: Frame = { ...base, seq: 2, reset: true, eventsReplace: true, eventCount: 1, events: [event(0, 1)] };
    store.setState(withFrame(store.getState(), f1)!);
    expect(withFrame(store.getState(), { ...f1, seq: 2 })).toBeNull();
    expect(withFrame(store.getState(), { ...f1, seq: 1 })).toBeNull();
    store.setState(withFrame(store.getState(), { ...base, seq: 3, reset: false, eventsReplace: false, eventCount: 2, events: [event(0, 2), event(1, 1)] })!);
    expect(store.getState().events.map((e) => [e.id, e.count])).toEqual([
      [1, 1],
      [0, 2],
    ]); // newest first
    expect(store.getState().eventCount).toBe(2);
    expect(selectSnapshot(store.getState())).toMatchObject({ seq: 3, reset: true, events: [{ id: 0 }, { id: 1 }] });
  });

  it('keeps at most EVENT_STORE_LIMIT events, the newest, updating aggregated ones in place and taking a window whole', () => {
    const store = createPodscapeStore();
    const base = { time: 0, playing: false, speed: 1 as const, nodes: [], pods: [], queue: [], workloads: [] };
    const event = (id: number, count = 1, lastTime = id): FrameEvent => ({ id, count, type: 'Normal', reason: 'R', message: '', object: 'Pod/default/a', source: 's', firstTime: id, lastTime });
    let seq = 1;
    const apply = (events: FrameEvent[], eventCount: number, eventsReplace = false) =>
      store.setState(withFrame(store.getState(), { ...base, seq: seq++, reset: seq === 2, eventsReplace: eventsReplace || seq === 2, eventCount, events })!);
    apply([], 0);
    for (let from = 0; from < EVENT_STORE_LIMIT + 300; from += 150) apply(Array.from({ length: 150 }, (_, i) => event(from + i)), from + 150);
    const total = Math.ceil((EVENT_STORE_LIMIT + 300) / 150) * 150;
    const { events, eventCount } = store.getState();
    expect(eventCount).toBe(total);
    expect(events).toHaveLength(EVENT_STORE_LIMIT);
    expect(events.map((e) => e.id)).toEqual(Array.from({ length: EVENT_STORE_LIMIT }, (_, i) => total - 1 - i));
    // An old event seen again moves to the front; the oldest held one makes room.
    apply([event(total - 500, 2, total + 5)], total);
    expect(store.getState().events[0]).toMatchObject({ id: total - 500, count: 2 });
    expect(store.getState().events.filter((e) => e.id === total - 500)).toHaveLength(1);
    expect(store.getState().events).toHaveLength(EVENT_STORE_LIMIT);
    // A window replaces what was held.
    apply([event(7, 3, total + 9), event(total + 1)], total + 2, true);
    expect(store.getState().events.map((e) => e.id)).toEqual([7, total + 1]);
    expect(selectSnapshot(store.getState())!.events.map((e) => e.id)).toEqual([7, total + 1]);
  });
});

describe('actions over the in-process client', () => {
  it('loads a scenario into the store, and shows a failed load while keeping the cluster', async () => {
    const { client, store } = await setup();
    await loadScenario(store, client, SCENARIO, 'two.yaml');
    expect(store.getState()).toMatchObject({ status: 'ready', error: null, scenario: { name: 'two', speed: 10 } });
    expect(store.getState().frame!.pods.filter((p) => p.nodeName === 'worker-1')).toHaveLength(2);

    const before = store.getState().frame;
    await expect(loadScenario(store, client, 'kind: [', 'bad.yaml')).rejects.toThrow(/^bad\.yaml:1:\d+: /);
    expect(store.getState().error).toMatch(/^Could not load the scenario: bad\.yaml:1:\d+: /);
    expect(store.getState().frame).toBe(before);
    expect(store.getState().status).toBe('ready');
  });

  it('marks the first load as failed when there is no cluster to keep', async () => {
    const { client, store } = await setup();
    await expect(loadScenario(store, client, 'kind: [', 'bad.yaml')).rejects.toThrow();
    expect(store.getState().status).toBe('failed');
  });

  it('has a command in the store when dispatch resolves, and shows a refused one', async () => {
    const { client, store } = await setup();
    await loadScenario(store, client, SCENARIO);
    await dispatchCommand(store, client, { action: 'cordon', node: 'worker-1' });
    expect(store.getState().frame!.nodes[0].unschedulable).toBe(true);
    const refused = await dispatchCommand(store, client, { action: 'killNode', node: 'nope' });
    expect(refused).toEqual({ ok: false, error: 'Error from server (NotFound): nodes "nope" not found' });
    expect(store.getState().error).toBe('killNode: Error from server (NotFound): nodes "nope" not found');
    const shapeless = await dispatchCommand(store, client, { type: 'killNode', node: 'worker-1' } as unknown as Command);
    expect(shapeless.ok).toBe(false);
    expect(store.getState().error).toMatch(/^Invalid command: action: Required value: one of killNode/);
  });

  it('plays, pauses, changes speed and steps the engine clock', async () => {
    const { client, store, ticker } = await setup();
    await loadScenario(store, client, SCENARIO);
    await setClockSpeed(store, client, 60);
    await playClock(store, client);
    expect(store.getState().frame).toMatchObject({ playing: true, speed: 60 });
    ticker.tick(250);
    ticker.tick(250);
    expect(store.getState().frame!.time).toBe(30_000);
    await expect(stepClock(store, client, 1000)).rejects.toThrow('step: the clock is playing; pause it first');
    expect(store.getState().error).toBe('step: the clock is playing; pause it first');
    await pauseClock(store, client);
    const frame = await stepClock(store, client, 7 * 60 * 1000);
    expect(frame.time).toBe(30_000 + 7 * 60 * 1000);
    expect(store.getState().frame).toBe(frame);
  });
});
