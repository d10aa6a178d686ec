import { describe, expect, it } from 'vitest';
import type { FrameEvent, NodeFrame } from '../../../protocol/engine-api';
import { eventLines, nodeLines } from './story';

let id = 0;
const event = (reason: string, object: string, message: string, source: string, type: 'Normal' | 'Warning' = 'Normal', time = 85_000): FrameEvent => ({
  id: id++,
  type,
  reason,
  object,
  message,
  source,
  count: 1,
  firstTime: time,
  lastTime: time,
});

const node = (name: string, patch: Partial<NodeFrame> = {}): NodeFrame =>
  ({ name, status: 'Ready', unschedulable: false, powered: true, roles: [], zone: null, labels: {}, taints: [], ...patch }) as NodeFrame;

describe('story lines from events', () => {
  it('leaves out the kubelet routine and groups one reason from one source', () => {
    const lines = eventLines([
      event('Pulled', 'Pod/default/web-1', 'Container image "x" already present on machine', 'kubelet'),
      event('TaintManagerEviction', 'Pod/default/db-0', 'Marking for deletion Pod default/db-0', 'taint-eviction-controller'),
      event('TaintManagerEviction', 'Pod/default/debug', 'Marking for deletion Pod default/debug', 'taint-eviction-controller'),
      event('SuccessfulCreate', 'ReplicaSet/default/web-1', 'Created pod: web-1-abcde', 'replicaset-controller'),
    ]);
    expect(lines.map((l) => [l.who, l.reason, l.what])).toEqual([
      ['taint-eviction-controller', 'TaintManagerEviction', 'Marking for deletion Pod default/db-0, and the same for debug'],
      ['replicaset-controller', 'SuccessfulCreate', 'Created pod: web-1-abcde'],
    ]);
    expect(lines[0].why).toMatch(/tolerationSeconds/);
  });

  it('counts and names the objects of one message, at most four, and marks warnings', () => {
    const pods = ['a', 'b', 'c', 'd', 'e'].map((n) => event('NodeNotReady', `Pod/default/${n}`, 'Node is not ready', 'node-controller', 'Warning'));
    const [line] = eventLines(pods);
    expect(line.what).toBe('Node is not ready (5 pods: a, b, c, d and 1 more)');
    expect(line.tone).toBe('warning');
  });
});

describe('story lines from nodes', () => {
  it('names each object once when one of them has several events in the batch (a pod failing to schedule twice)', () => {
    const why = '0/2 nodes are available: 2 Insufficient cpu.';
    const lines = eventLines([
      event('FailedScheduling', 'Pod/default/web-a', why, 'default-scheduler', 'Warning'),
      event('FailedScheduling', 'Pod/default/web-b', why, 'default-scheduler', 'Warning'),
      event('FailedScheduling', 'Pod/default/web-b', why, 'default-scheduler', 'Warning'),
    ]);
    expect(lines.map((l) => l.what)).toEqual([`${why} (2 pods: web-a, web-b)`]);
    const one = eventLines([event('FailedScheduling', 'Pod/default/web-b', why, 'default-scheduler', 'Warning'), event('FailedScheduling', 'Pod/default/web-b', why, 'default-scheduler', 'Warning')]);
    expect(one.map((l) => l.what)).toEqual([why]);
    const other = eventLines([event('Killing', 'Pod/default/a', 'Stopping container a', 'kubelet'), event('Killing', 'Pod/default/a', 'Stopping container a2', 'kubelet'), event('Killing', 'Pod/default/b', 'Stopping container b', 'kubelet')]);
    expect(other.map((l) => l.what)).toEqual(['Stopping container a, and the same for b']);
  });

  it('does not say "the same" of events that differ by more than their object: two pods scheduled to different nodes', () => {
    const lines = eventLines([
      event('Scheduled', 'Pod/default/api-1', 'Successfully assigned default/api-1 to worker-3', 'default-scheduler'),
      event('Scheduled', 'Pod/default/web-1', 'Successfully assigned default/web-1 to worker-1', 'default-scheduler'),
      event('Scheduled', 'Pod/default/web-2', 'Successfully assigned default/web-2 to worker-3', 'default-scheduler'),
    ]);
    expect(lines.map((l) => l.what)).toEqual(['Successfully assigned default/api-1 to worker-3; default/web-1 to worker-1; default/web-2 to worker-3']);
    const many = eventLines(
      ['a', 'b', 'c', 'd', 'e'].map((p, i) => event('Scheduled', `Pod/default/${p}`, `Successfully assigned default/${p} to worker-${i}`, 'default-scheduler')),
    );
    expect(many.map((l) => l.what)).toEqual(['Successfully assigned default/a to worker-0; default/b to worker-1; default/c to worker-2; and 2 more (d, e)']);
    // Messages that differ only by the object's own name still read "the same for".
    const evictions = eventLines([
      event('TaintManagerEviction', 'Pod/default/db-0', 'Marking for deletion Pod default/db-0', 'taint-eviction-controller'),
      event('TaintManagerEviction', 'Pod/default/db-1', 'Marking for deletion Pod default/db-1', 'taint-eviction-controller'),
    ]);
    expect(evictions.map((l) => l.what)).toEqual(['Marking for deletion Pod default/db-0, and the same for db-1']);
  });

  it('tells a power loss, and the lifecycle taints with what a NoExecute one leads to', () => {
    const before = [node('worker-1'), node('worker-2')];
    const off = [node('worker-1'), node('worker-2', { powered: false })];
    expect(nodeLines(before, off, 5_000).map((l) => l.what)).toEqual(['worker-2 lost power']);
    const tainted = [node('worker-1'), node('worker-2', { powered: false, taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] as NodeFrame['taints'] })];
    const [line] = nodeLines(off, tainted, 55_000);
    expect(line).toMatchObject({ who: 'node-controller', what: 'tainted worker-2: node.kubernetes.io/unreachable:NoExecute', tone: 'warning' });
    expect(line.why).toMatch(/evicted after their tolerationSeconds/);
    // Power back, taint gone.
    // A node added in between (the lists no longer line up by index): found by name.
    const back = [node('worker-0'), node('worker-1'), node('worker-2')];
    expect(nodeLines(tainted, back, 90_000).map((l) => l.what)).toEqual(['worker-2 powered on again', 'untainted worker-2: node.kubernetes.io/unreachable:NoExecute']);
  });

  it("dates a taint by its timeAdded, not by the frame that first shows it (a Step of 300 s, or a share link's jump)", () => {
    const off = [node('worker-1'), node('worker-2', { powered: false })];
    const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
    const unreachable = [
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: at(55_000) },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: at(55_000) },
    ] as NodeFrame['taints'];
    // The frame that shows the taints is 300 s later (after the evictions they caused, which the events date at 355 s).
    const [line] = nodeLines(off, [node('worker-1'), node('worker-2', { powered: false, taints: unreachable })], 360_000);
    expect(line).toMatchObject({ time: 55_000, what: 'tainted worker-2: node.kubernetes.io/unreachable:NoSchedule, node.kubernetes.io/unreachable:NoExecute' });
    // Two nodes tainted alike at different times: the line is as late as the later one.
    const both = [node('worker-1', { taints: [{ ...unreachable[1], timeAdded: at(70_000) }] }), node('worker-2', { powered: false, taints: [unreachable[1]] })];
    expect(nodeLines(off, both, 360_000)[0]).toMatchObject({ time: 70_000, what: 'tainted worker-1, worker-2: node.kubernetes.io/unreachable:NoExecute' });
    // No timeAdded (a user's taint, as kubectl taint adds it), or one that is not a time: the frame's time.
    const mine = [node('worker-1', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }), off[1]];
    expect(nodeLines(off, mine, 360_000)[0].time).toBe(360_000);
    const bad = [node('worker-1', { taints: [{ key: 'k', effect: 'NoSchedule', timeAdded: 'soon' }] }), off[1]];
    expect(nodeLines(off, bad, 360_000)[0].time).toBe(360_000);
  });

  it('says nothing when nothing it tells changed', () => {
    const a = [node('n', { lastHeartbeat: 1, taints: [{ key: 'k', effect: 'NoSchedule' }] as NodeFrame['taints'] })];
    const b = [node('n', { lastHeartbeat: 2, taints: [{ key: 'k', effect: 'NoSchedule' }] as NodeFrame['taints'] })];
    expect(nodeLines(a, b, 10)).toEqual([]);
  });
});
