/** The story bar's "Next" lines, mounted with react-dom/client over the minimal DOM on a real engine (in process). */
import { act } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { createRoot as CreateRoot } from 'react-dom/client';
import drainPdb from '../../../scenario/presets/drain-pdb.yaml?raw';
import { createInProcessClient, createManualTicker } from '../../bridge/in-process-client';
import { connectEngine, dispatchCommand, loadScenario, playClock, stepClock } from '../../store/actions';
import { createPodscapeStore, StoreProvider } from '../../store/podscape-store';
import { installMiniDom, type MiniElement } from '../../testing/mini-dom';
import { StoryNext } from './StoryNext';

let createRoot: typeof CreateRoot;
beforeAll(async () => {
  installMiniDom();
  ({ createRoot } = await import('react-dom/client'));
});

/** drain-pdb at 30 s, the Next line rendered into a mini DOM. */
async function renderOnDrainPdb() {
  const store = createPodscapeStore();
  const client = createInProcessClient({ ticker: createManualTicker() });
  await connectEngine(store, client);
  await loadScenario(store, client, drainPdb, 'drain-pdb.yaml');
  await stepClock(store, client, 30_000);
  const { container } = installMiniDom();
  const root = createRoot(container as unknown as Element);
  await act(async () => root.render(<StoreProvider store={store} client={client}><StoryNext /></StoreProvider>));
  return { store, client, root, text: () => (container as MiniElement).textContent };
}

describe('StoryNext', () => {
  it("says what a drain held back by a PodDisruptionBudget waits for, until the pod is evicted; then a killed node's next deadline", async () => {
    const { store, client, root, text } = await renderOnDrainPdb();
    expect(text()).toBe('');
    // The page learns of the drain from the frame's drain log alone.
    await act(async () => void (await dispatchCommand(store, client, { action: 'drain', node: 'worker-2', ignoreDaemonSets: true })));
    expect(text()).toMatch(
      /^Next: drain of worker-2 evicts web-\w+-\w+ once the budget allows \(kubectl retries every 5s\) — its PodDisruptionBudget allows no more disruptions until more of its pods are Running and ready Show kubectl output$/,
    );
    // The replacement runs, the retry evicts the pod: nothing left to wait for.
    await act(async () => void (await stepClock(store, client, 30_000)));
    expect(text()).toBe('');
    await act(async () => void (await dispatchCommand(store, client, { action: 'killNode', node: 'worker-1' })));
    // Paused, the line offers to run the clock (shown where the clock does not float: a phone).
    expect(text()).toMatch(/^Next in 0:\d\d: worker-1 is marked Unknown \(the clock is paused\) Run the clock — the node-monitor grace period: 50 s without a heartbeat from it$/);
    await act(async () => void (await playClock(store, client)));
    expect(text()).toMatch(/^Next in 0:\d\d: worker-1 is marked Unknown \(about \d+ s at 10×\) — /);
    expect(text()).not.toContain('Run the clock');
    act(() => root.unmount());
  });

  it('keeps one line with several waits: the soonest, and a button for the others (another kill, a drain held back)', async () => {
    const { store, client, root, text } = await renderOnDrainPdb();
    await act(async () => void (await dispatchCommand(store, client, { action: 'killNode', node: 'worker-1' })));
    await act(async () => void (await stepClock(store, client, 10_000)));
    await act(async () => void (await dispatchCommand(store, client, { action: 'killNode', node: 'worker-3' })));
    expect(text()).toMatch(/^Next in 0:40: worker-1 is marked Unknown 1 more wait \(the clock is paused\) Run the clock — the node-monitor grace period: 50 s without a heartbeat from it$/);
    // The page learns of the drain from the frame's drain log alone.
    await act(async () => void (await dispatchCommand(store, client, { action: 'drain', node: 'worker-2', ignoreDaemonSets: true })));
    // The drain is one of the others now; its own line comes back when the deadlines are gone.
    expect(text()).toMatch(/^Next in 0:40: worker-1 is marked Unknown 2 more waits \(the clock is paused\)/);
    expect(text()).not.toContain('drain of worker-2');
    act(() => root.unmount());
  });

  it("drops a held drain's line once kubectl drain gives up at its --timeout (the node stays cordoned; nothing waits any more)", async () => {
    const { store, client, root, text } = await renderOnDrainPdb();
    await act(async () => void (await dispatchCommand(store, client, { action: 'drain', node: 'worker-2', ignoreDaemonSets: true, timeout: '2s' })));
    expect(text()).toMatch(/^Next: drain of worker-2 evicts web-\w+-\w+ once the budget allows/);
    // kubectl looks at its deadline when it retries (every 5 s): at 35 s it gives up.
    await act(async () => void (await stepClock(store, client, 6_000)));
    const log = store.getState().frame?.drainLog ?? [];
    expect(log.map((l) => l.text).join('\n')).toMatch(/error: unable to drain node "worker-2"/);
    expect(text()).toBe('');
    act(() => root.unmount());
  });
});
