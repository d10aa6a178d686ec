/**
 * The drain notice over a real engine (in process), mounted with react-dom/client over the
 * minimal DOM: a drain a PodDisruptionBudget blocks, given --timeout, reads as waiting with
 * kubectl's lines as they come, then as given up when kubectl prints that it has; a screen
 * reader hears only the newest line.
 */
import { act } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { createRoot as CreateRoot } from 'react-dom/client';
import drainPdb from '../../../scenario/presets/drain-pdb.yaml?raw';
import { createInProcessClient, createManualTicker } from '../../bridge/in-process-client';
import { connectEngine, dispatchCommand, loadScenario, stepClock } from '../../store/actions';
import { createPodscapeStore, StoreProvider } from '../../store/podscape-store';
import { installMiniDom, type MiniElement } from '../../testing/mini-dom';
import DrainNotices from './DrainNotices';
import { dismissDrainRun, noteDrain } from './drain-waits';

let createRoot: typeof CreateRoot;
beforeAll(async () => {
  installMiniDom();
  ({ createRoot } = await import('react-dom/client'));
});

describe('DrainNotices', () => {
  it('shows a blocked drain as waiting with each line kubectl prints, then as given up at --timeout, the newest line alone announced', async () => {
    const store = createPodscapeStore();
    const client = createInProcessClient({ ticker: createManualTicker() });
    await connectEngine(store, client);
    await loadScenario(store, client, drainPdb, 'drain-pdb.yaml');
    await stepClock(store, client, 30_000);
    // A budget no eviction can meet: every retry is refused.
    const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web-pdb', namespace: 'default' }, spec: { minAvailable: 4, selector: { matchLabels: { app: 'web' } } } };
    expect((await dispatchCommand(store, client, { action: 'apply', object: pdb })).ok).toBe(true);
    const { container } = installMiniDom();
    const root = createRoot(container as unknown as Element);
    await act(async () => root.render(<StoreProvider store={store} client={client}><DrainNotices /></StoreProvider>));
    const el = container as MiniElement;
    expect(el.textContent).toBe('');

    await act(async () => {
      const result = await dispatchCommand(store, client, { action: 'drain', node: 'worker-2', ignoreDaemonSets: true, timeout: '20s' });
      if (result.ok) noteDrain(store, 'worker-2', '20s');
    });
    const notice = () => el.withAttribute('data-drain-state')[0];
    const items = () => el.withAttribute('data-stream');
    const announced = () => el.withAttribute('aria-live').map((n) => n.textContent);
    expect(notice().getAttribute('data-drain-state')).toBe('waiting');
    expect(el.textContent).toContain('Drain of worker-2 is waiting');
    expect(el.textContent).toContain('With --timeout=20s, kubectl drain stops retrying at 00:00:50');
    expect(items().map((li) => li.textContent)).toEqual([
      '00:00:30 node/worker-2 cordoned',
      expect.stringMatching(/^00:00:30 evicting pod default\/web-/),
      expect.stringMatching(/^00:00:30 error when evicting pods\/"web-[^"]+" -n "default" \(will retry after 5s\): Cannot evict pod/),
      expect.stringMatching(/^00:00:30 evicting pod default\/web-/),
      expect.stringMatching(/^00:00:30 error when evicting pods\/"web-/),
    ]);
    expect(announced()).toEqual([items()[4].textContent.replace(/^(\S+) /, '$1 kubectl: ')]);

    // The retries 5 s apart arrive as lines with their own times; the notice still waits.
    await act(async () => void (await stepClock(store, client, 10_000)));
    expect(notice().getAttribute('data-drain-state')).toBe('waiting');
    expect(items().map((li) => li.textContent.slice(0, 8))).toContain('00:00:40');
    expect(announced()).toEqual([expect.stringMatching(/^00:00:40 kubectl: error when evicting pods\//)]);

    // kubectl gives up at 50 s, and says so: the notice's state comes from that line.
    await act(async () => void (await stepClock(store, client, 15_000)));
    expect(notice().getAttribute('data-drain-state')).toBe('gave-up');
    expect(el.textContent).toContain('Drain of worker-2 gave up');
    expect(el.textContent).toContain('kubectl drain stopped at 00:00:50');
    expect(announced()).toEqual([expect.stringMatching(/^00:00:50 kubectl: error when evicting pods\/"web-[^"]+" -n "default": global timeout reached: 20s$/)]);
    expect(el.textContent).toContain('error: unable to drain node "worker-2"');

    await act(async () => dismissDrainRun(store, { node: 'worker-2', start: 0 }));
    expect(el.textContent).toBe('');
    act(() => root.unmount());
  });
});

describe('DrainNotices on a page that did not watch the drain', () => {
  it('shows no notice for a drain that had ended before the page first saw it (a reload, a big step), and one for the next drain it watches', async () => {
    const store = createPodscapeStore();
    const client = createInProcessClient({ ticker: createManualTicker() });
    await connectEngine(store, client);
    await loadScenario(store, client, drainPdb, 'drain-pdb.yaml');
    await stepClock(store, client, 30_000);
    expect((await dispatchCommand(store, client, { action: 'drain', node: 'worker-2', ignoreDaemonSets: true })).ok).toBe(true);
    await stepClock(store, client, 60_000);
    expect(store.getState().frame?.drainLog?.at(-1)?.text).toBe('node/worker-2 drained');
    const { container } = installMiniDom();
    const root = createRoot(container as unknown as Element);
    await act(async () => root.render(<StoreProvider store={store} client={client}><DrainNotices /></StoreProvider>));
    const el = container as MiniElement;
    expect(el.textContent).toBe('');
    // A drain it sees going on gets its notice, and keeps it once finished.
    await act(async () => void (await dispatchCommand(store, client, { action: 'drain', node: 'worker-3', ignoreDaemonSets: true })));
    expect(el.withAttribute('data-drain-state').map((n) => n.getAttribute('data-drain-state'))).toEqual([expect.stringMatching(/^(working|waiting)$/)]);
    await act(async () => void (await stepClock(store, client, 60_000)));
    expect(el.withAttribute('data-drain-state').map((n) => n.getAttribute('data-drain-state'))).toEqual(['drained']);
    expect(el.textContent).toContain('Drain of worker-3 finished');
    act(() => root.unmount());
  });
});
