import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/virtual-clock';
import type { KubeObject } from '../model/types';
import { EventRecorder, objectRef } from './recorder';

const pod: KubeObject = { kind: 'Pod', metadata: { name: 'web-1', namespace: 'default' } };
const node: KubeObject = { kind: 'Node', metadata: { name: 'worker-2' } };

describe('EventRecorder', () => {
  it('names objects Kind/namespace/name', () => {
    expect(objectRef(pod)).toBe('Pod/default/web-1');
    expect(objectRef(node)).toBe('Node//worker-2');
  });

  it('aggregates identical events into one with a count and first/last times', () => {
    const clock = new VirtualClock();
    const r = new EventRecorder(clock);
    r.event(pod, 'Warning', 'FailedScheduling', '0/3 nodes are available: 3 Insufficient cpu.', 'default-scheduler');
    clock.advanceTo(1000);
    r.event(node, 'Normal', 'NodeNotReady', 'Node worker-2 status is now: NodeNotReady', 'node-controller');
    clock.advanceTo(11_000);
    r.event(pod, 'Warning', 'FailedScheduling', '0/3 nodes are available: 3 Insufficient cpu.', 'default-scheduler');
    expect(r.all()).toEqual([
      {
        type: 'Warning',
        reason: 'FailedScheduling',
        message: '0/3 nodes are available: 3 Insufficient cpu.',
        object: 'Pod/default/web-1',
        source: 'default-scheduler',
        count: 2,
        firstTime: 0,
        lastTime: 11_000,
      },
      {
        type: 'Normal',
        reason: 'NodeNotReady',
        message: 'Node worker-2 status is now: NodeNotReady',
        object: 'Node//worker-2',
        source: 'node-controller',
        count: 1,
        firstTime: 1000,
        lastTime: 1000,
      },
    ]);
    expect(r.size).toBe(2);
    expect(r.since(1).map((e) => e.reason)).toEqual(['NodeNotReady']);
  });

  it('keeps events apart when any of object, type, reason, message or source differs', () => {
    let t = 0;
    const r = new EventRecorder(() => t);
    const other: KubeObject = { kind: 'Pod', metadata: { name: 'web-2', namespace: 'default' } };
    r.event(pod, 'Normal', 'Killing', 'Stopping container c', 'kubelet');
    t = 5;
    r.event(other, 'Normal', 'Killing', 'Stopping container c', 'kubelet');
    r.event(pod, 'Warning', 'Killing', 'Stopping container c', 'kubelet');
    r.event(pod, 'Normal', 'Killed', 'Stopping container c', 'kubelet');
    r.event(pod, 'Normal', 'Killing', 'Stopping container d', 'kubelet');
    r.event(pod, 'Normal', 'Killing', 'Stopping container c', 'kubelet-2');
    r.event(pod, 'Normal', 'Killing', 'Stopping container c', 'kubelet');
    expect(r.all().map((e) => e.count)).toEqual([2, 1, 1, 1, 1, 1]);
    expect(r.all()[0]).toMatchObject({ firstTime: 0, lastTime: 5 });
  });
});
