/**
 * A drain given --timeout: the page's notice says when kubectl drain stops retrying, and says
 * that it has once the cluster's clock passes that time with the refused pods still on the node.
 */
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand';
import { createPodscapeStore, type PodscapeState, type PodscapeStore } from '../../store/podscape-store';
import { explainTimeout } from './DrainNotices';
import { drainWaits, noteDrain } from './drain-waits';

const REFUSAL = 'error when evicting pods/"web-1" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod\'s disruption budget.';

function storeAt(time: number): PodscapeStore {
  const frame = { time, nodes: [], pods: [] } as unknown as PodscapeState['frame'];
  return createStore<PodscapeState>()(() => ({ ...createPodscapeStore().getState(), frame })) as PodscapeStore;
}

describe('a drain with --timeout', () => {
  it('is noted with the time kubectl gives up: the drain’s start (the latest frame) plus the timeout', () => {
    const store = storeAt(100_000);
    noteDrain(store, 'worker-2', ['node/worker-2 cordoned', REFUSAL], '1m30s');
    expect(drainWaits(store).getState()).toEqual([{ node: 'worker-2', refused: [expect.objectContaining({ name: 'web-1' })], timeout: { flag: '1m30s', givesUpAt: 190_000 } }]);
  });

  it('without one (or 0s, kubectl’s default) retries for ever: no time is noted', () => {
    for (const timeout of [undefined, '0', '0s']) {
      const store = storeAt(5_000);
      noteDrain(store, 'worker-2', [REFUSAL], timeout);
      expect(drainWaits(store).getState()[0]).not.toHaveProperty('timeout');
    }
  });

  it('reads as a wait with its deadline, then as given up with the node still cordoned', () => {
    const t = { flag: '60s', givesUpAt: 160_000 };
    expect(explainTimeout('worker-2', t, false)).toBe('With --timeout=60s, kubectl drain stops retrying at 00:02:40 if these pods are still here, exits with an error and leaves worker-2 cordoned.');
    expect(explainTimeout('worker-2', t, true)).toMatch(/^kubectl drain stopped retrying at 00:02:40 \(--timeout=60s: global timeout reached\) and exited with an error\. worker-2 stays cordoned/);
  });
});
