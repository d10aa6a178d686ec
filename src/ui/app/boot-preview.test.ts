import { describe, expect, it } from 'vitest';
import { readBootPreview } from '../bridge/boot-preview';
import type { EngineClient } from '../bridge/engine-client';
import { createInProcessClient, createManualTicker } from '../bridge/in-process-client';
import { DEFAULT_SCENARIO } from '../features/scenario/default-scenario';
import { bootSession } from '../features/scenario/session/boot';
import { connectEngine, dispatchCommand, stepClock } from '../store/actions';
import { createPodscapeStore, selectSnapshot, type PodscapeStore } from '../store/podscape-store';
import { showBootPreview } from './boot-preview';

/** A page as main.tsx starts it: the store, the subscription, the boot preview (when `preview`), then boot.ts. */
async function startPage(preview: boolean) {
  const engine = createInProcessClient({ ticker: createManualTicker() });
  // The early start's load, as worker-client.ts offers it: the default scenario, already under way.
  const early = engine.load(DEFAULT_SCENARIO.text, DEFAULT_SCENARIO.file);
  const client: EngineClient = { ...engine, takeBootLoad: () => early, takeBootPreview: preview ? () => readBootPreview() : () => null };
  const store = createPodscapeStore();
  const shown = showBootPreview(store, client);
  const before = stateOf(store);
  await connectEngine(store, client);
  const source = await bootSession(store, client, { hash: '', clearHash: () => {}, storage: undefined });
  return { engine, client, store, shown, before, source };
}

const stateOf = (store: PodscapeStore) => {
  const s = store.getState();
  return JSON.stringify({ status: s.status, scenario: s.scenario, snapshot: selectSnapshot(s), events: s.events, eventCount: s.eventCount });
};

describe('the boot preview (the default scenario’s first frame made at build time)', () => {
  it('is what the engine gives the page for the default scenario', async () => {
    const { frame, scenario } = await createInProcessClient({ ticker: createManualTicker() }).load(DEFAULT_SCENARIO.text, DEFAULT_SCENARIO.file);
    expect(JSON.stringify(readBootPreview())).toBe(JSON.stringify({ scenario, frame }));
  });

  it('puts the cluster in the store before the engine answers, and the engine’s answer leaves it as it is', async () => {
    const withPreview = await startPage(true);
    const without = await startPage(false);
    expect(withPreview.shown).toBe(true);
    expect(without.shown).toBe(false);
    expect(withPreview.source).toBe('default');
    // Before the engine answered: the page already holds what the engine then gives.
    expect(withPreview.before).toBe(stateOf(without.store));
    expect(JSON.parse(without.before)).toMatchObject({ status: 'loading', scenario: null, snapshot: null });
    expect(stateOf(withPreview.store)).toBe(stateOf(without.store));
  });

  it('is followed by the engine’s own frames: commands and time move both pages alike', async () => {
    const pages = [await startPage(true), await startPage(false)];
    for (const { store, client } of pages) {
      await dispatchCommand(store, client, { action: 'killNode', node: 'worker-2' });
      await stepClock(store, client, 60_000);
    }
    const [a, b] = pages.map((p) => stateOf(p.store));
    expect(a).toBe(b);
    expect(JSON.parse(a).snapshot.time).toBe(60_000);
    expect(JSON.parse(a).snapshot.nodes.find((n: { name: string }) => n.name === 'worker-2').status).not.toBe('Ready');
  });

  it('changes nothing with a client that offers none', () => {
    const store = createPodscapeStore();
    expect(showBootPreview(store, {} as EngineClient)).toBe(false);
    expect(store.getState().frame).toBeNull();
  });
});
