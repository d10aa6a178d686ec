/**
 * Reading the frame's drain log as kubectl's output: the latest drain of each node, and the
 * state its lines leave it in. The lines are the engine's (drain-pdb at 30 s; names shortened).
 */
import { describe, expect, it } from 'vitest';
import type { DrainLine } from '../../../protocol/engine-api';
import { drainRuns, lastedPastStart } from './drain-runs';
import { drainTitle, explainRun } from './DrainNotices';
import { drainNotes, givesUpAt, noteDrain } from './drain-waits';
import { createStore } from 'zustand';
import { createPodscapeStore, type PodscapeState, type PodscapeStore } from '../../store/podscape-store';

const REFUSED = (pod: string) => `error when evicting pods/"${pod}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`;

/** Lines as [time in s, text] for one node, numbered from `from`. */
function log(node: string, rows: [number, string][], from = 0): DrainLine[] {
  return rows.map(([s, text], i) => ({ index: from + i, time: s * 1000, node, stream: text.startsWith('error') || text.startsWith('There') ? 'stderr' : 'stdout', text }));
}

const BLOCKED: [number, string][] = [
  [30, 'node/worker-2 cordoned'],
  [30, 'evicting pod default/web-a'],
  [30, 'evicting pod default/web-b'],
  [30, REFUSED('web-b')],
];

describe('drain runs', () => {
  it('a refused eviction is a wait; the retry that goes through ends it; `node/<n> drained` finishes the drain', () => {
    const waiting = drainRuns(log('worker-2', BLOCKED));
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ node: 'worker-2', start: 0, startTime: 30_000, state: 'waiting', refused: [{ name: 'web-b', namespace: 'default', retry: '5s' }] });
    // Refused again at the retry: still waiting, the latest refusal kept.
    expect(drainRuns(log('worker-2', [...BLOCKED, [35, 'evicting pod default/web-b'], [35, REFUSED('web-b')]]))[0].state).toBe('waiting');
    // The retry went through: the pod is being evicted, nothing is refused.
    const evicting = drainRuns(log('worker-2', [...BLOCKED, [32, 'pod/web-a evicted'], [35, 'evicting pod default/web-b']]))[0];
    expect(evicting).toMatchObject({ state: 'working', refused: [] });
    const drained = drainRuns(log('worker-2', [...BLOCKED, [32, 'pod/web-a evicted'], [35, 'evicting pod default/web-b'], [37, 'pod/web-b evicted'], [37, 'node/worker-2 drained']]))[0];
    expect(drained.state).toBe('drained');
    expect(drainTitle(drained)).toBe('Drain of worker-2 finished');
    // What drain leaves, not a claim about the node now (it may have been uncordoned since).
    expect(explainRun(drained, undefined)).toEqual(['At 00:00:37 every pod kubectl drain had to move was gone. Drain leaves worker-2 cordoned (no new pods) until it is uncordoned.']);
  });

  it('--timeout running out reads as given up, at the time kubectl printed it, with the pods it left', () => {
    const rows: [number, string][] = [
      ...BLOCKED,
      [50, 'evicting pod default/web-b'],
      [50, 'There are pending pods in node "worker-2" when an error occurred: error when evicting pods/"web-b" -n "default": global timeout reached: 20s'],
      [50, 'pod/web-b'],
      [50, 'error: unable to drain node "worker-2" due to error: error when evicting pods/"web-b" -n "default": global timeout reached: 20s, continuing command...'],
      [50, 'There are pending nodes to be drained:'],
      [50, ' worker-2'],
      [50, 'error: error when evicting pods/"web-b" -n "default": global timeout reached: 20s'],
    ];
    const [run] = drainRuns(log('worker-2', rows));
    expect(run).toMatchObject({ state: 'gave-up', pending: ['web-b'] });
    expect(drainTitle(run)).toBe('Drain of worker-2 gave up');
    expect(explainRun(run, undefined)[0]).toBe(
      'kubectl drain stopped at 00:00:50 (--timeout ran out: global timeout reached) and exited with an error, not having moved web-b. It leaves worker-2 cordoned: drain again, or uncordon the node.',
    );
    // --disable-eviction's wait running out is a timeout too; another error is a failure.
    const deleted = drainRuns(log('worker-2', [[30, 'node/worker-2 cordoned'], [60, 'error: unable to drain node "worker-2" due to error: timed out waiting for the condition, continuing command...']]))[0];
    expect(deleted.state).toBe('gave-up');
    const failed = drainRuns(log('worker-2', [[30, 'node/worker-2 cordoned'], [30, 'evicting pod default/web-b'], [30, 'error: unable to drain node "worker-2" due to error: error when evicting pods/"web-b" -n "default": the server could not find the requested resource, continuing command...']]))[0];
    expect(failed.state).toBe('failed');
  });

  it('keeps the latest drain of each node, in the order they started, and says which lasted past their command', () => {
    const first = log('worker-2', [[10, 'node/worker-2 cordoned'], [10, 'node/worker-2 drained']]);
    const other = log('worker-1', [[20, 'node/worker-1 cordoned'], [20, 'evicting pod default/web-c']], 2);
    const again = log('worker-2', [[30, 'node/worker-2 already cordoned'], [30, 'evicting pod default/web-a'], [33, 'pod/web-a deleted'], [33, 'node/worker-2 drained']], 4);
    const runs = drainRuns([...first, ...other, ...again]);
    expect(runs.map((r) => [r.node, r.start, r.state, r.lines.length])).toEqual([
      ['worker-1', 2, 'working', 2],
      ['worker-2', 4, 'drained', 4],
    ]);
    expect(runs.map(lastedPastStart)).toEqual([true, true]);
    // Drained in the instant it ran (nothing to move): no notice.
    expect(drainRuns(first).map(lastedPastStart)).toEqual([false]);
    expect(drainRuns(undefined)).toEqual([]);
  });
});

describe('a drain the page sent with --timeout', () => {
  function storeAt(time: number): PodscapeStore {
    const frame = { time, nodes: [], pods: [] } as unknown as PodscapeState['frame'];
    return createStore<PodscapeState>()(() => ({ ...createPodscapeStore().getState(), frame })) as PodscapeStore;
  }

  it('says when kubectl gives up: the drain’s start (from the log) plus the timeout', () => {
    const store = storeAt(100_000);
    noteDrain(store, 'worker-2', '1m30s');
    const [run] = drainRuns(log('worker-2', BLOCKED.map(([, t]) => [101, t])));
    expect(givesUpAt(drainNotes(store).getState(), run)).toEqual({ flag: '1m30s', at: 191_000 });
    expect(explainRun(run, { flag: '1m30s', at: 191_000 }).at(-1)).toBe('With --timeout=1m30s, kubectl drain stops retrying at 00:03:11 if these pods are still here, exits with an error and leaves worker-2 cordoned.');
    // A drain of the node that started before the page sent its own is not the one noted.
    const [older] = drainRuns(log('worker-2', BLOCKED.map(([, t]) => [99, t])));
    expect(givesUpAt(drainNotes(store).getState(), older)).toBeUndefined();
  });

  it('without one (or 0s, kubectl’s default) notes nothing, and a later drain without one forgets it', () => {
    for (const timeout of [undefined, '0', '0s']) {
      const store = storeAt(5_000);
      noteDrain(store, 'worker-2', timeout);
      expect(drainNotes(store).getState().timeouts.size).toBe(0);
    }
    const store = storeAt(5_000);
    noteDrain(store, 'worker-2', '60s');
    noteDrain(store, 'worker-2');
    expect(drainNotes(store).getState().timeouts.size).toBe(0);
  });
});
