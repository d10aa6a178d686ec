import { describe, expect, it } from 'vitest';
import type { PodscapeState } from '../../store/podscape-store';
import { nodeDeadline, type DeadlineInput } from '../cluster/countdown';
import { deadlineInput } from '../cluster/NodeCountdown';
import { decodeWaits, encodeWaits, shortWaitWords, soonestWait, waitList, waitWords } from './next-wait';

const killed = (over: Partial<DeadlineInput> = {}): DeadlineInput => ({
  time: 8_000,
  powered: false,
  status: 'Ready',
  lastHeartbeat: 0,
  readyUnknownAt: 50_000,
  evictionAt: null,
  taintedAt: null,
  earliestToleration: 300,
  terminating: false,
  ...over,
});

describe('the next wait (the story bar\'s "Next" line)', () => {
  it('picks the soonest deadline of the nodes that count one down, and counts the others', () => {
    const a = nodeDeadline(killed());
    const b = nodeDeadline(killed({ status: 'Unknown', readyUnknownAt: null, evictionAt: 355_000, taintedAt: 55_000 }));
    expect(soonestWait([['worker-3', b], ['worker-2', a], ['worker-1', null]])).toEqual({ node: 'worker-2', kind: 'unknown', at: 50_000, from: 0, others: 1 });
    expect(soonestWait([['worker-1', null]])).toBeNull();
    // A node that waits for nothing (its pods evicted, Terminating) is no wait.
    expect(soonestWait([['worker-2', nodeDeadline(killed({ status: 'Unknown', readyUnknownAt: null, taintedAt: 55_000, terminating: true }))]])).toBeNull();
  });

  it('lists every wait, soonest first, and carries the others as one string (a shallow selector must see primitives)', () => {
    const deadlines = [
      ['worker-3', nodeDeadline(killed({ status: 'Unknown', readyUnknownAt: null, evictionAt: 355_000, taintedAt: 55_000 }))],
      ['worker-2', nodeDeadline(killed())],
      ['worker-1', null],
      ['worker-4', nodeDeadline(killed({ readyUnknownAt: 70_000, lastHeartbeat: 20_000 }))],
    ] as const;
    const all = waitList(deadlines);
    expect(all.map((w) => [w.node, w.kind, w.at])).toEqual([['worker-2', 'unknown', 50_000], ['worker-4', 'unknown', 70_000], ['worker-3', 'eviction', 355_000]]);
    expect(soonestWait(deadlines)).toEqual({ ...all[0], others: 2 });
    const text = encodeWaits(all.slice(1));
    expect(typeof text).toBe('string');
    expect(decodeWaits(text)).toEqual(all.slice(1).map(({ node, kind, at }) => ({ node, kind, at })));
    expect(decodeWaits('')).toEqual([]);
    // Each of the others in a few words, for the list behind the line's "2 more waits".
    expect(shortWaitWords(decodeWaits(text)[1], 60_000)).toBe('in 4:55: the pods on worker-3 are evicted');
    expect(shortWaitWords(decodeWaits(text)[0], 60_000)).toBe('in 0:10: worker-4 is marked Unknown');
  });

  it('says what comes, when in cluster time and in real time at the speed, and why it waits so long', () => {
    const unknown = soonestWait([['worker-2', nodeDeadline(killed())]])!;
    expect(waitWords(unknown, 8_000, 10, true)).toEqual({
      when: 'in 0:42',
      what: 'worker-2 is marked Unknown',
      why: 'the node-monitor grace period: 50 s without a heartbeat from it',
      real: 'about 5 s at 10×',
      more: '',
    });
    expect(waitWords(unknown, 8_000, 10, false).real).toBe('the clock is paused');
    // A long wait in real time says what a faster speed makes of it.
    expect(waitWords(unknown, 8_000, 1, true).real).toBe('about 42 s at 1×; at 60×, 1 s');
    const eviction = soonestWait([['worker-2', nodeDeadline(killed({ time: 60_000, status: 'Unknown', readyUnknownAt: null, evictionAt: 355_000, taintedAt: 55_000 }))]])!;
    expect(waitWords({ ...eviction, others: 2 }, 60_000, 60, true)).toEqual({
      when: 'in 4:55',
      what: 'the pods on worker-2 are evicted',
      why: 'they tolerate the unreachable taint for 5 min (tolerationSeconds), in case the node comes back',
      real: 'about 5 s at 60×',
      more: '2 more waits',
    });
    expect(waitWords({ ...eviction, others: 1 }, 60_000, 60, true).more).toBe('1 more wait');
    expect(waitWords(eviction, 60_000, 60, true).more).toBe('');
  });

  it('names the NoExecute taint an eviction counts from when it is not the unreachable one (a taint put on a live node)', () => {
    const node = {
      name: 'gpu-1', powered: true, status: 'Ready', lastHeartbeat: 0, readyUnknownAt: null, evictionAt: 130_000, unreachableTaintedAt: null,
      taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }, { key: 'driver-upgrade', value: 'true', effect: 'NoExecute', timeAdded: '2026-01-01T00:01:10Z' }],
    };
    const state = { frame: { time: 80_000 }, cluster: { nodes: new Map([['gpu-1', node]]), pods: new Map(), podsByNode: new Map() } } as unknown as PodscapeState;
    const input = deadlineInput(state, 'gpu-1', false)!;
    // The card selects this input with a shallow comparison: an object in it would be new on every read (React error #185).
    expect(Object.entries(input).filter(([, v]) => typeof v === 'object' && v !== null)).toEqual([]);
    const deadline = nodeDeadline(input)!;
    expect(deadline).toMatchObject({ title: 'Taint driver-upgrade=true:NoExecute: eviction scheduled', until: { at: 130_000, from: 70_000, label: 'Eviction in' } });
    expect(deadline.detail).toBe('tolerationSeconds of the driver-upgrade=true:NoExecute taint, counted from when it was added.');
    expect(waitWords(soonestWait([['gpu-1', deadline]])!, 80_000, 1, false)).toMatchObject({
      what: 'the pods on gpu-1 are evicted',
      why: 'they tolerate the driver-upgrade=true:NoExecute taint for their tolerationSeconds',
    });
  });

  it("reads a node's deadlines without the pods' index (built on first read, O(pods): a large cluster's canvas never needs it)", () => {
    const node = { name: 'w', powered: false, status: 'Ready', lastHeartbeat: 0, readyUnknownAt: 50_000, evictionAt: null, unreachableTaintedAt: null };
    const untouchable = new Proxy(new Map(), { get: () => { throw new Error('the pods were read'); } });
    const state = { frame: { time: 1_000 }, cluster: { nodes: new Map([['w', node]]), pods: untouchable, podsByNode: untouchable } } as unknown as PodscapeState;
    expect(deadlineInput(state, 'w', false)).toMatchObject({ readyUnknownAt: 50_000, earliestToleration: null, terminating: false });
    expect(() => deadlineInput(state, 'w')).toThrow('the pods were read');
  });
});
