/**
 * SKIP_WHEN_DEAF at the queue itself: random sequences of adds, pops, failures (with
 * rejecting plugins), completions, deletions, cluster events (node added, assigned pod added,
 * updated and deleted), time passing and both flushes, played on a queue with the skip and on
 * one without; after every operation where each pod is, what the operation returned, and the
 * backoff timer must be the same. Unlike the simulation's lockstep (pod-numbers.test.ts) this
 * meets events that arrive while a pod is in flight with an empty pool, which the deaf check
 * must not skip: the pod's failure is requeued by them.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { makeNode, makePod } from '../../testing/builders';
import { PodInfo } from '../framework/pod-info';
import * as names from '../plugins/names';
import { PrioritySortPlugin } from '../plugins/priority-sort/priority-sort';
import { EventAssignedPodDelete, EventNodeAdd, podSchedulingPropertiesChange } from './cluster-events';
import { SchedulingQueue, SKIP_WHEN_DEAF, type QueuedPod } from './scheduling-queue';

const PLUGINS = [names.NodeResourcesFit, names.PodTopologySpread, names.TaintToleration, names.NodeAffinity, names.InterPodAffinity];

type Op =
  | { op: 'add'; pod: number }
  | { op: 'pop' }
  | { op: 'fail'; which: number; plugins: string[] }
  | { op: 'done'; which: number }
  | { op: 'delete'; pod: number }
  | { op: 'nodeAdd' }
  | { op: 'assignedAdd'; app: string }
  | { op: 'assignedUpdate'; app: string; relabel: boolean }
  | { op: 'assignedDelete'; app: string }
  | { op: 'wait'; ms: number }
  | { op: 'flushBackoff' }
  | { op: 'flushLeftover' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), pod: fc.integer({ min: 0, max: 5 }) }),
  fc.constant({ op: 'pop' as const }),
  fc.record({ op: fc.constant('fail' as const), which: fc.nat(), plugins: fc.subarray(PLUGINS) }),
  fc.record({ op: fc.constant('done' as const), which: fc.nat() }),
  fc.record({ op: fc.constant('delete' as const), pod: fc.integer({ min: 0, max: 5 }) }),
  fc.constant({ op: 'nodeAdd' as const }),
  fc.record({ op: fc.constant('assignedAdd' as const), app: fc.constantFrom('a', 'b') }),
  fc.record({ op: fc.constant('assignedUpdate' as const), app: fc.constantFrom('a', 'b'), relabel: fc.boolean() }),
  fc.record({ op: fc.constant('assignedDelete' as const), app: fc.constantFrom('a', 'b') }),
  fc.record({ op: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 400_000 }) }),
  fc.constant({ op: 'flushBackoff' as const }),
  fc.constant({ op: 'flushLeftover' as const }),
);

function play(ops: readonly Op[]): string[] {
  const time = { now: 0 };
  const sort = new PrioritySortPlugin();
  const q = new SchedulingQueue({
    now: () => time.now,
    less: (a, b) => sort.less(a, b),
    podInitialBackoff: 1000,
    podMaxBackoff: 10_000,
    podMaxInUnschedulablePodsDuration: 300_000,
    preEnqueue: () => null,
    namespaceLabels: (ns) => ({ 'kubernetes.io/metadata.name': ns }),
    plugins: PLUGINS,
  });
  const pods = Array.from({ length: 6 }, (_, i) => new PodInfo(makePod(`p${i}`).req({ cpu: '1' }).label('app', i % 2 === 0 ? 'a' : 'b').obj(), i));
  const bound = (app: string, extra = '') => makePod(`bound-${app}`).node('n1').label('app', app).label('x', extra).obj();
  const flying: QueuedPod[] = [];
  const out: string[] = [];
  for (const o of ops) {
    let r: unknown = null;
    switch (o.op) {
      case 'add':
        q.add(pods[o.pod]);
        break;
      case 'pop': {
        const p = q.pop();
        if (p) flying.push(p);
        r = p?.key ?? null;
        break;
      }
      case 'fail':
      case 'done': {
        if (flying.length === 0) break;
        const [p] = flying.splice(o.which % flying.length, 1);
        r = o.op === 'fail' ? q.addUnschedulable(p, new Set(o.plugins)) : q.done(p.key);
        break;
      }
      case 'delete':
        q.delete(pods[o.pod].key);
        break;
      case 'nodeAdd':
        q.moveAllToActiveOrBackoffQueue(EventNodeAdd, undefined, makeNode('n2').capacity({ cpu: '8', memory: '8Gi' }).obj());
        break;
      case 'assignedAdd':
        q.assignedPodAdded(bound(o.app));
        break;
      case 'assignedUpdate': {
        const old = bound(o.app);
        const now = bound(o.app, o.relabel ? 'y' : '');
        for (const ev of podSchedulingPropertiesChange(now, old)) q.assignedPodUpdated(old, now, ev);
        break;
      }
      case 'assignedDelete':
        q.moveAllToActiveOrBackoffQueue(EventAssignedPodDelete, bound(o.app), undefined);
        break;
      case 'wait':
        time.now += o.ms;
        break;
      case 'flushBackoff':
        q.flushBackoffQCompleted();
        break;
      case 'flushLeftover':
        q.flushUnschedulablePodsLeftover();
        break;
    }
    out.push(`${o.op} ${JSON.stringify(r)} ${JSON.stringify(q.pendingPods())} ${pods.map((p) => q.where(p.key) ?? '-').join(',')} ${q.nextBackoffFlushAt()}`);
  }
  return out;
}

describe('a deaf scheduling queue', () => {
  afterEach(() => {
    SKIP_WHEN_DEAF.enabled = true;
  });

  it('skipping cluster events while no pod is in the pool or in flight changes nothing', () => {
    let deafEvents = 0;
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 5, maxLength: 40 }), (ops) => {
        SKIP_WHEN_DEAF.enabled = true;
        const a = play(ops);
        SKIP_WHEN_DEAF.enabled = false;
        const b = play(ops);
        deafEvents += a.filter((l) => / null \{"active"/.test(l)).length;
        expect(a).toEqual(b);
      }),
      { numRuns: 400, seed: 53 },
    );
    expect(deafEvents).toBeGreaterThan(100);
  });
});
