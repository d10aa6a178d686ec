/**
 * Lockstep proof of the scheduler's pod bookkeeping by the store's object number
 * (branch maps9), over a small full cluster that preempts (a high-priority Deployment on
 * nearly full nodes), recreates pods under the same name (a StatefulSet), binds pending and
 * nominated pods by hand, deletes and force-deletes pods of every owner, scales, leaves pods
 * unschedulable (requeued by cluster events and by the 5-minute flush), and kills, restores,
 * drains and cordons nodes:
 * - POD_NODE_BY_NUM (framework/pod-nodes.ts, the Snapshot's): an assigned pod's node by its
 *   number instead of a map by `namespace/name`;
 * - SEQ_BY_NUM (pod-seqs.ts, the informers'): a pod's arrival seq by its number instead of a map by uid;
 * - SKIP_WHEN_DEAF (queue/scheduling-queue.ts): cluster events neither worked out by the
 *   informers nor matched by the queue while no pod is in the pool or in flight.
 * Each run records every store write with its time and resourceVersion, the events, the
 * final objects, every scoring cycle's pod, scored nodes and totals, the queue's pending
 * pods and the nominations after every step, and an explain of a bound pod; the runs with
 * the shortcuts on and off must be identical. An invariant check after every watch event
 * ties the numbers to what the name keying would find: every pod listed on a node is found
 * there by its number, and no number names a node that does not list its pod.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../commands';
import type { KubeObject, Pod } from '../model/types';
import { deployment, statefulSet } from '../controllers/node-lifecycle/cluster-fixture';
import { nodeCommands } from '../testing/node-commands';
import { loose, LOOSE, small, withRequest, WORKERS } from '../testing/small-cluster';
import { createSimulation } from '../sim/simulation';
import { POSTING_REFS, POSTINGS_BY_SET } from './framework/label-index';
import type { NodeInfo } from './framework/node-info';
import { POD_NODE_BY_NUM } from './framework/pod-nodes';
import type { Posting } from './framework/posting';
import { Snapshot } from './framework/snapshot';
import { RERECORD_IN_PLACE, SEQ_BY_NUM } from './informers';
import { SchedulingQueue, SKIP_WHEN_DEAF } from './queue/scheduling-queue';
import { Scheduler } from './schedule-one';

function cluster(): KubeObject[] {
  return [
    ...WORKERS.map(small),
    { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 } as KubeObject,
    withRequest(deployment('web', 5), '200m'),
    withRequest(statefulSet('db', 2), '150m'),
    withRequest(deployment('vip', 0), '600m', 'high'),
  ];
}

/** A step: wait, then a command, or a deletion of the i-th stored pod (sorted by name; resolved when played). */
type Act = { command: Command } | { deleteNth: number; force: boolean } | { explainNth: number } | null;
interface Step {
  wait: number;
  act: Act;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 1, max: 150 }).map((s) => s * 1000),
  act: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...WORKERS).map((n) => ({ command: f(n) })), ['killNode', 'restoreNode', 'drain', 'cordon', 'uncordon']),
    fc.record({ name: fc.constantFrom('web', 'vip'), r: fc.integer({ min: 0, max: 7 }) }).map(({ name, r }) => ({ command: { action: 'scale', kind: 'Deployment', namespace: 'default', name, replicas: r } as Command })),
    fc.integer({ min: 0, max: 4 }).map((r) => ({ command: { action: 'scale', kind: 'StatefulSet', namespace: 'default', name: 'db', replicas: r } as Command })),
    fc.record({ name: fc.constantFrom(...LOOSE), cpu: fc.constantFrom('100m', '700m', '3') }).map(({ name, cpu }) => ({ command: { action: 'apply', object: loose(name, cpu) } as Command })),
    fc.record({ name: fc.constantFrom(...LOOSE), node: fc.constantFrom(...WORKERS) }).map(({ name, node: n }) => ({ command: { action: 'bindPod', namespace: 'default', name, node: n } as Command })),
    fc.constantFrom(...WORKERS).map((n) => ({ command: { action: 'deleteNode', node: n } as Command })),
    fc.constantFrom(...WORKERS).map((n) => ({ command: { action: 'addNode', object: small(n) } as Command })),
    fc.record({ deleteNth: fc.integer({ min: 0, max: 20 }), force: fc.boolean() }),
    fc.record({ explainNth: fc.integer({ min: 0, max: 20 }) }),
  ),
});

interface SchedulerInternals {
  informers: { assigned: { values(): Iterable<{ key: string; seq: number; num: number }> }; seqs: { byNum: number[] } };
  queue: { pendingPods(): { unschedulable: string[] } };
  scheduler: {
    nominator: { nominatedNodeOf(key: string): string | undefined };
    snapshot: {
      nodeInfoList(): Array<{ name: string; pods: ReadonlyArray<{ key: string; num: number }> }>;
      nodeOfPod(key: string, num?: number): { name: string } | undefined;
      podNode: { numbered(): Iterable<[number, { name: string; pods: ReadonlyArray<{ num: number }> }]> };
    };
  };
}

/** What the runs exercised (so the lockstep is known to cover it). */
const seen = { nodesDeleted: 0, boundExplains: 0, forceDeletes: 0, nominatedSteps: 0, unschedulableSteps: 0, sameNameRecreated: 0, flushes: 0, inPlace: 0 };

/**
 * The snapshot as its readers see it: each node's generation and table stamp, its pods in
 * order with what a cycle reads of them (object version, start time, terminating flags, where
 * they were filed), its sums, and every label posting's pods in Map order and its columns.
 */
function snapshotView(snap: Snapshot): string {
  // As a reader sees it: the pods added since the last read filed first (filing is lazy).
  expect(snap.labelIndexExact).toBe(true);
  const out: string[] = [];
  const postings = new Map<string, Posting>();
  for (const ni of snap.nodeInfoList() as NodeInfo[]) {
    const pods = ni.pods.map((p) => `${p.key}@${p.pod.metadata.resourceVersion}:${p.startTime}:${p.terminating}:${p.postedTerminating}:${p.postedSlot}:${p.postedNode === ni}`);
    out.push(`${ni.name} g${ni.generation} t${snap.table.gen[ni.slot]} ${ni.requested.milliCPU}/${ni.requested.memory} ${pods.join(' ')}`);
    for (const p of ni.pods) {
      for (const [k, v] of Object.entries(p.labels ?? {})) {
        const m = snap.podsWithLabel(p.namespace, k, v) as Posting | undefined;
        if (m !== undefined) postings.set(`${p.namespace}/${k}=${v}`, m);
      }
    }
  }
  for (const [k, m] of [...postings].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const c = m.columns;
    // The columns as a set: their readers fold per slot, so their order is only layout (a pod
    // re-recorded in place keeps its column, a new PodInfo takes the last one).
    const cols = c === null ? 'none' : c.pods.slice(0, c.n).map((p, i) => `${p.key}:${c.slots[i]}:${c.terminating[i]}:${c.sets[i]}`).sort().join(' ');
    out.push(`${k} ${[...m].map(([p, ni]) => `${p.key}@${ni.name}`).join(' ')} | ${cols}`);
  }
  out.push(`lastGen ${snap.table.lastGen} changes ${snap.table.changes}`);
  return out.join('\n');
}

function run(steps: readonly Step[], check?: (s: SchedulerInternals) => void, view = false): string[] {
  const out: string[] = [];
  const rerecord = Snapshot.prototype.rerecord;
  Snapshot.prototype.rerecord = function (this: Snapshot, ...args: Parameters<typeof rerecord>) {
    const done = rerecord.apply(this, args);
    if (done) seen.inPlace++;
    return done;
  };
  const leftover = SchedulingQueue.prototype.flushUnschedulablePodsLeftover;
  SchedulingQueue.prototype.flushUnschedulablePodsLeftover = function (this: SchedulingQueue) {
    const before = this.unschedulableCount;
    leftover.call(this);
    if (this.unschedulableCount < before) seen.flushes++;
  };
  const original = Scheduler.prototype.prioritizeNodes;
  Scheduler.prototype.prioritizeNodes = function (this: Scheduler, ...args: Parameters<typeof original>) {
    const r = original.apply(this, args);
    out.push(`cycle ${args[2].key} ${r.result.nodes.map((n) => n.name).join(',')} ${Array.from(r.result.totals).join(',')}`);
    return r;
  };
  try {
    const sim = createSimulation({ seed: 5 });
    const s = sim.components.find((c) => c.name === 'kube-scheduler') as unknown as SchedulerInternals;
    const deleted = new Set<string>();
    sim.store.watch((e) => {
      out.push(`${sim.time} ${e.type} ${e.kind} ${e.object.metadata.name} ${e.object.metadata.resourceVersion ?? ''}`);
      if (e.kind !== 'Pod') return;
      if (e.type === 'DELETED') deleted.add(e.object.metadata.name ?? '');
      else if (e.type === 'ADDED' && deleted.has(e.object.metadata.name ?? '')) seen.sameNameRecreated++;
    });

    if (check) sim.store.watch(() => check(s));
    sim.load(cluster());
    const pods = () => sim.store.list<Pod>('Pod').map((p) => p.metadata.name ?? '').sort();
    for (const st of steps) {
      sim.advanceBy(st.wait);
      const act = st.act;
      try {
        if (act === null) continue;
        if ('command' in act) {
          sim.dispatch(act.command);
          if (act.command.action === 'deleteNode') seen.nodesDeleted++;
        }
        else if ('deleteNth' in act) {
          const names = pods();
          if (names.length > 0) {
            if (act.force) seen.forceDeletes++;
            sim.dispatch({ action: 'deletePod', namespace: 'default', name: names[act.deleteNth % names.length], force: act.force });
          }
        } else {
          const names = pods();
          if (names.length > 0) {
            const r = sim.explain(`default/${names[act.explainNth % names.length]}`);
            if (r.boundNode !== null) seen.boundExplains++;
            out.push(`explain ${JSON.stringify(r)}`);
          }
        }
      } catch (e) {
        out.push(`refused: ${(e as Error).message}`);
      }
      const queue = s.queue.pendingPods();
      if (queue.unschedulable.length > 0) seen.unschedulableSteps++;
      out.push(`queue ${JSON.stringify(queue)}`);
      const nominated = pods().map((n) => s.scheduler.nominator.nominatedNodeOf(`default/${n}`) ?? '-');
      if (nominated.some((n) => n !== '-')) seen.nominatedSteps++;
      out.push(`nominated ${nominated.join(',')}`);
      if (view) out.push(snapshotView(s.scheduler.snapshot as unknown as Snapshot));
    }
    out.push(JSON.stringify(sim.events()), JSON.stringify(sim.objects()));
    return out;
  } finally {
    Snapshot.prototype.rerecord = rerecord;
    Scheduler.prototype.prioritizeNodes = original;
    SchedulingQueue.prototype.flushUnschedulablePodsLeftover = leftover;
  }
}

describe('the scheduler pod bookkeeping by store number', () => {
  afterEach(() => {
    POD_NODE_BY_NUM.enabled = true;
    SEQ_BY_NUM.enabled = true;
    SKIP_WHEN_DEAF.enabled = true;
    RERECORD_IN_PLACE.enabled = true;
    POSTING_REFS.enabled = true;
    POSTINGS_BY_SET.enabled = true;
  });

  it('after every watch event, each recorded pod is found on its node by its number, with its seq', () => {
    let checks = 0;
    let recorded = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 3, maxLength: 14 }), (steps) => {
        run(steps, (s) => {
          checks++;
          for (const ni of s.scheduler.snapshot.nodeInfoList()) {
            for (const p of ni.pods) {
              recorded++;
              expect(p.num, p.key).toBeGreaterThanOrEqual(0);
              expect(s.scheduler.snapshot.nodeOfPod(p.key, p.num), p.key).toBe(ni);
            }
          }
          // And no number names a node the pod is not on (a node since removed included).
          const listed = new Set<unknown>(s.scheduler.snapshot.nodeInfoList());
          for (const [num, ni] of s.scheduler.snapshot.podNode.numbered()) {
            expect(listed.has(ni), `${num} on ${ni.name}`).toBe(true);
            expect(ni.pods.some((p) => p.num === num), `${num} on ${ni.name}`).toBe(true);
          }
          for (const pi of s.informers.assigned.values()) expect(pi.seq, pi.key).toBe(s.informers.seqs.byNum[pi.num]);
        });
      }),
      { numRuns: 30, seed: 41 },
    );
    expect(checks).toBeGreaterThan(2000);
    expect(recorded).toBeGreaterThan(10000);
  });

  it('the same writes, events, objects, cycles, queue and nominations as by name and by uid', () => {
    let outputs = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 3, maxLength: 14 }), (steps) => {
        POD_NODE_BY_NUM.enabled = true;
        SEQ_BY_NUM.enabled = true;
        const a = run(steps);
        POD_NODE_BY_NUM.enabled = false;
        SEQ_BY_NUM.enabled = false;
        const b = run(steps);
        outputs += a.length;
        expect(a).toEqual(b);
      }),
      { numRuns: 40, seed: 43 },
    );
    expect(outputs).toBeGreaterThan(3000);
    // The runs covered what the numbers must get right.
    console.log(JSON.stringify(seen));
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(3);
  });

  it('cluster events skipped while the queue is deaf (no pod in the pool or in flight): the same writes, events, objects, cycles, queue and nominations', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 3, maxLength: 14 }), (steps) => {
        SKIP_WHEN_DEAF.enabled = true;
        const a = run(steps);
        SKIP_WHEN_DEAF.enabled = false;
        const b = run(steps);
        expect(a).toEqual(b);
      }),
      { numRuns: 40, seed: 47 },
    );
  });

  it('bound pods re-recorded in place, label postings by reference and by label set: the same writes, events, objects, cycles, queue, nominations and snapshot (pod order, generations, stamps, postings) as a new PodInfo each time', () => {
    const before = seen.inPlace;
    let outputs = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 3, maxLength: 14 }), (steps) => {
        RERECORD_IN_PLACE.enabled = true;
        POSTING_REFS.enabled = true;
        POSTINGS_BY_SET.enabled = true;
        const a = run(steps, undefined, true);
        RERECORD_IN_PLACE.enabled = false;
        POSTING_REFS.enabled = false;
        POSTINGS_BY_SET.enabled = false;
        const b = run(steps, undefined, true);
        outputs += a.length;
        expect(a).toEqual(b);
      }),
      { numRuns: 40, seed: 53 },
    );
    expect(outputs).toBeGreaterThan(3000);
    // Most of a replaced pod's re-records took the in-place path.
    expect(seen.inPlace - before).toBeGreaterThan(500);
  });
});
