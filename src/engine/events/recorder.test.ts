import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/virtual-clock';
import type { KubeObject } from '../model/types';
import { Rng } from '../random/rng';
import { defaultControlPlaneConfig } from '../sim/config';
import { ObjectStore } from '../store/object-store';
import type { KubeEvent } from '../sim/contracts';
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

  it("keeps a new object's events apart from those of a deleted object of its name (another UID), as client-go does", () => {
    let t = 0;
    const r = new EventRecorder(() => t);
    const old: KubeObject = { kind: 'Pod', metadata: { name: 'web-0', namespace: 'default', uid: 'a' } };
    const again: KubeObject = { kind: 'Pod', metadata: { name: 'web-0', namespace: 'default', uid: 'b' } };
    r.event(old, 'Normal', 'Started', 'Started container web', 'kubelet');
    t = 5;
    r.event(again, 'Normal', 'Started', 'Started container web', 'kubelet');
    r.event(again, 'Normal', 'Started', 'Started container web', 'kubelet');
    t = 7;
    r.event(old, 'Normal', 'Started', 'Started container web', 'kubelet');
    expect(r.all().map((e) => [e.object, e.count, e.firstTime, e.lastTime])).toEqual([
      ['Pod/default/web-0', 2, 0, 7],
      ['Pod/default/web-0', 2, 5, 5],
    ]);
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

/** The aggregation as it was first written: one map keyed by every field joined (the reference). */
class ReferenceRecorder {
  readonly list: KubeEvent[] = [];
  private readonly byKey = new Map<string, KubeEvent>();
  constructor(private readonly now: () => number) {}
  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: string): void {
    const object = objectRef(obj);
    // client-go's correlator keys by the involved object's UID too.
    const key = `${object}\u0000${obj.metadata?.uid ?? ''}\u0000${type}\u0000${reason}\u0000${message}\u0000${source}`;
    const seen = this.byKey.get(key);
    if (seen) {
      seen.count++;
      seen.lastTime = this.now();
      return;
    }
    const e: KubeEvent = { type, reason, message, object, source, count: 1, firstTime: this.now(), lastTime: this.now() };
    this.byKey.set(key, e);
    this.list.push(e);
  }
}

describe('EventRecorder lookup by object', () => {
  it('aggregates exactly as one map keyed by every field, for few and for many distinct events per object', () => {
    const call = fc.record({
      obj: fc.nat(9),
      type: fc.constantFrom('Normal' as const, 'Warning' as const),
      reason: fc.constantFrom('Killing', 'Created', 'Started'),
      // Up to 40 distinct messages per object: past the scan limit (16), lookups go through a map by message,
      // where one message may carry several events (other type, reason or source).
      message: fc.nat(39).map((i) => `m${i}`),
      source: fc.constantFrom('kubelet', 'node-controller'),
      dt: fc.nat(3),
    });
    fc.assert(
      fc.property(fc.array(call, { minLength: 100, maxLength: 400 }), (calls) => {
        let t = 0;
        const r = new EventRecorder(() => t);
        const ref = new ReferenceRecorder(() => t);
        // Objects that differ from `pod` in one of kind, namespace and name only (the recorder remembers the last one's reference).
        const objs: KubeObject[] = [
          pod,
          node,
          { kind: 'Pod', metadata: { name: 'web-2', namespace: 'default' } },
          { kind: 'Pod', metadata: { name: 'web-1', namespace: 'other' } },
          { kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default' } },
          { kind: 'Pod', metadata: { name: 'web-1', namespace: 'default' } },
          // Two objects with one reference (`Pod/a/b/c`): their events are one object's, as in the reference.
          { kind: 'Pod', metadata: { name: 'c', namespace: 'a/b' } },
          { kind: 'Pod', metadata: { name: 'b/c', namespace: 'a' } },
          // web-1 again under two UIDs (a deleted pod and the new one of its name): three objects' events.
          { kind: 'Pod', metadata: { name: 'web-1', namespace: 'default', uid: 'u-old' } },
          { kind: 'Pod', metadata: { name: 'web-1', namespace: 'default', uid: 'u-new' } },
        ];
        for (const c of calls) {
          t += c.dt;
          r.event(objs[c.obj], c.type, c.reason, c.message, c.source);
          ref.event(objs[c.obj], c.type, c.reason, c.message, c.source);
        }
        expect(r.all()).toEqual(ref.list);
      }),
      { numRuns: 300 },
    );
  });
});

describe('EventRecorder by the store object numbers, in chunks', () => {
  // Objects of two kinds (one cluster-scoped) whose references also come spelled otherwise
  // (no namespace for `default`, a namespace on a Node) or with `/` inside a part.
  const names = ['a', 'b', 'c', 'x/y', 'x', 'y/a']; // `Pod/x/y/a` is both x/y's a and x's y/a
  const op = fc.oneof(
    fc.record({ op: fc.constant('create' as const), kind: fc.constantFrom('Pod', 'Node'), ns: fc.constantFrom('default', 'x', 'x/y'), name: fc.nat(names.length - 1) }),
    fc.record({ op: fc.constant('remove' as const), kind: fc.constantFrom('Pod', 'Node'), ns: fc.constantFrom('default', 'x', 'x/y'), name: fc.nat(names.length - 1) }),
    fc.record({
      op: fc.constant('event' as const),
      kind: fc.constantFrom('Pod', 'Node', 'ReplicaSet'),
      ns: fc.constantFrom<string | undefined>('default', 'x', 'x/y', undefined, ''),
      name: fc.nat(names.length - 1),
      reason: fc.constantFrom('Killing', 'Created'),
      message: fc.nat(20).map((i) => `m${i}`),
      dt: fc.nat(3),
    }),
    fc.record({ op: fc.constant('all' as const), from: fc.integer({ min: -5, max: 40 }) }),
  );

  it('records exactly what one map by reference records, while objects come and go and handlers record during delivery', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 50, maxLength: 300 }), fc.integer({ min: 1, max: 7 }), (ops, chunk) => {
        const clock = new VirtualClock();
        let t = 0;
        const r = new EventRecorder(() => t, chunk);
        const ref = new ReferenceRecorder(() => t);
        const store = new ObjectStore({ clock, rng: new Rng(1), config: defaultControlPlaneConfig() });
        r.attach(store);
        const both = (obj: KubeObject, reason: string, message: string) => {
          r.event(obj, 'Normal', reason, message, 'test');
          ref.event(obj, 'Normal', reason, message, 'test');
        };
        // A handler that records on the object of every watch event, DELETED included (the
        // store no longer holds it), with the namespace spelled as stored and left out.
        store.watch((e) => {
          both(e.object, 'Watched', e.type);
          both({ kind: e.kind, metadata: { name: e.object.metadata.name } }, 'Watched', e.type);
          // The stored object's UID with its namespace left out, and a UID no stored object has.
          both({ kind: e.kind, metadata: { name: e.object.metadata.name, uid: e.object.metadata.uid } }, 'WatchedUid', e.type);
          both({ kind: e.kind, metadata: { name: e.object.metadata.name, namespace: e.object.metadata.namespace, uid: 'gone' } }, 'Gone', e.type);
        });
        for (const o of ops) {
          if (o.op === 'create') {
            const obj: KubeObject = { kind: o.kind, metadata: { name: names[o.name], namespace: o.kind === 'Pod' ? o.ns : undefined } };
            if (o.kind === 'Pod') (obj as unknown as { spec: unknown }).spec = { containers: [{ name: 'c', image: 'i' }] };
            if (!store.get(o.kind, obj.metadata.namespace, names[o.name])) store.create(obj);
          } else if (o.op === 'remove') store.remove(o.kind, o.ns, names[o.name]);
          else if (o.op === 'event') {
            t += o.dt;
            both({ kind: o.kind, metadata: { name: names[o.name], namespace: o.ns } }, o.reason, o.message);
          } else {
            expect(r.since(o.from)).toEqual(ref.list.slice(o.from));
            expect(r.all()).toEqual(ref.list);
          }
        }
        expect(r.size).toBe(ref.list.length);
        expect(r.all()).toEqual(ref.list);
      }),
      { numRuns: 300 },
    );
  });
});
