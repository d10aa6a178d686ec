/**
 * Lockstep proof of the Filter kernel's whole-pass scan and its compact
 * rejection log in the living cluster: random node kills, restores, drains,
 * cordons and scales of a cluster that runs full (120 nodes of 1 cpu, pods
 * of 400m, some nodes tainted, a Deployment of a higher PriorityClass that
 * preempts) give the same writes (with resourceVersions), events (the
 * FailedScheduling messages with their `0/120 nodes are available: …`
 * counts, Preempted, …), objects and every cycle's scores with the scan on
 * and with the chunk loop that hands every rejection on (FILTER_SCAN off),
 * and with the scan reading every node's verdict from the table's columns
 * instead of the verdicts kept per pod shape (SHAPE_VERDICTS off).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../commands';
import type { KubeObject, Workload } from '../model/types';
import { deployment, node } from '../controllers/node-lifecycle/cluster-fixture';
import { nodeCommands } from '../testing/node-commands';
import type { Step } from '../testing/recorded-run';
import { FILTER_SCAN, FusedFilter } from './fused/filter-kernel';
import { SHAPE_VERDICTS } from './fused/verdict-cache';
import { Scheduler } from './schedule-one';
import { scoredRun } from './scored-run';

const NODES = Array.from({ length: 120 }, (_, i) => `node-${i}`);
const APPS = Array.from({ length: 10 }, (_, i) => `app-${i}`);

function sized(d: Workload, cpu: string): Workload {
  d.spec.template!.spec!.containers[0].resources = { requests: { cpu, memory: '128Mi' } };
  return d;
}

function cluster(): KubeObject[] {
  const out: KubeObject[] = [];
  NODES.forEach((name, i) => {
    // Zones by blocks: the node list (zones interleaved) is not in table-slot order.
    const labels = { 'topology.kubernetes.io/zone': `zone-${Math.floor(i / 40)}` };
    const n = node(name, i % 10 === 7 ? { labels, taints: [{ key: 'dedicated', value: 'other', effect: 'NoSchedule' }] } : { labels });
    n.status!.allocatable = { cpu: '1', memory: '4Gi', pods: '110' };
    out.push(n);
  });
  APPS.forEach((app, i) => out.push(sized(deployment(app, 16 + 3 * (i % 4)), '400m')));
  out.push({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 } as unknown as KubeObject);
  const urgent = sized(deployment('urgent', 0), '600m');
  urgent.spec.template!.spec!.priorityClassName = 'high';
  out.push(urgent);
  return out;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 30, max: 400 }).map((s) => s * 1000),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...NODES.slice(0, 40)).map(f), ['killNode', 'killNode', 'restoreNode', 'drain', 'cordon', 'uncordon']),
    fc.record({ app: fc.constantFrom(...APPS), r: fc.integer({ min: 5, max: 40 }) }).map(({ app, r }): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: app, replicas: r })),
    fc.integer({ min: 0, max: 30 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'urgent', replicas: r })),
  ),
});

describe('the Filter kernel\'s whole-pass scan in the living cluster', () => {
  afterEach(() => {
    FILTER_SCAN.enabled = true;
    SHAPE_VERDICTS.enabled = true;
  });

  it('the same writes, events, objects and scores as the chunk loop handing every rejection on', () => {
    const scans = () => {
      let n = 0;
      // Counted through the prototype: every scheduler's kernel.
      return { get: () => n, wrap: () => wrapScan(() => n++) };
    };
    const counter = scans();
    const unwrap = counter.wrap();
    // Every cycle's Diagnosis too (node by node, in order, as the explain view and preemption read it).
    const diagnoses: string[] = [];
    const unwrapCycles = wrapCycles(diagnoses);
    const verdicts0 = keptVerdicts();
    let failedScheduling = 0;
    let preempted = 0;
    let diagnosesRead = 0;
    try {
      fc.assert(
        fc.property(fc.array(stepArb, { minLength: 3, maxLength: 8 }), (steps) => {
          FILTER_SCAN.enabled = true;
          diagnoses.length = 0;
          const a = scoredRun(cluster(), steps, 5);
          const da = diagnoses.splice(0);
          FILTER_SCAN.enabled = false;
          const b = scoredRun(cluster(), steps, 5);
          expect(a.cycles.length).toBeGreaterThan(0);
          expect(a).toEqual(b);
          expect(da).toEqual(diagnoses);
          // The scan without the verdicts kept per pod shape (each read from the table's columns).
          diagnoses.length = 0;
          FILTER_SCAN.enabled = true;
          SHAPE_VERDICTS.enabled = false;
          const c = scoredRun(cluster(), steps, 5);
          SHAPE_VERDICTS.enabled = true;
          expect(c).toEqual(a);
          expect(diagnoses).toEqual(da);
          diagnosesRead += da.length;
          failedScheduling += (a.run.events.match(/FailedScheduling/g) ?? []).length;
          preempted += (a.run.events.match(/"Preempted"/g) ?? []).length;
        }),
        { numRuns: 8, seed: 29, endOnFailure: true },
      );
    } finally {
      unwrap();
      unwrapCycles();
    }
    expect(counter.get()).toBeGreaterThan(1000);
    // The kept verdicts were read (and computed again for the nodes the kills, drains and bindings changed).
    const v = keptVerdicts();
    const computed = v.computed - verdicts0.computed + v.filled - verdicts0.filled;
    expect(v.reused - verdicts0.reused).toBeGreaterThan(20 * computed);
    expect(computed).toBeGreaterThan(1000);
    // Both ways: in the scan where it met an unknown verdict, and in one pass over the table (COLUMN_FILL).
    expect(v.computed - verdicts0.computed).toBeGreaterThan(300);
    expect(v.fills - verdicts0.fills).toBeGreaterThan(10);
    expect(failedScheduling).toBeGreaterThan(20);
    expect(preempted).toBeGreaterThan(5);
    expect(diagnosesRead).toBeGreaterThan(1000);
  });
});

/** Every Filter kernel's kept-verdict counters, summed (kernels seen through the prototype's scan). */
const kernels = new Set<FusedFilter>();
{
  const original = FusedFilter.prototype.scan;
  FusedFilter.prototype.scan = function (this: FusedFilter, ...args: Parameters<typeof original>) {
    kernels.add(this);
    return original.apply(this, args);
  };
}
function keptVerdicts(): { computed: number; reused: number; filled: number; fills: number } {
  let computed = 0;
  let reused = 0;
  let filled = 0;
  let fills = 0;
  for (const k of kernels) {
    computed += k.verdicts.computed;
    reused += k.verdicts.reused;
    filled += k.verdicts.filled;
    fills += k.verdicts.fills;
  }
  return { computed, reused, filled, fills };
}

/** Calls `onScan` for every scan that ran (did not decline); returns the undo. */
function wrapScan(onScan: () => void): () => void {
  const original = FusedFilter.prototype.scan;
  FusedFilter.prototype.scan = function (this: FusedFilter, ...args: Parameters<typeof original>) {
    const r = original.apply(this, args);
    if (r !== undefined) onScan();
    return r;
  };
  return () => {
    FusedFilter.prototype.scan = original;
  };
}

/** Records each cycle's pod, node and Diagnosis statuses into `out`; returns the undo. */
function wrapCycles(out: string[]): () => void {
  const original = Scheduler.prototype.scheduleOne;
  Scheduler.prototype.scheduleOne = function (this: Scheduler, ...args: Parameters<typeof original>) {
    const r = original.apply(this, args);
    const statuses = r.diagnosis ? [...r.diagnosis.nodeToStatus.byNode].map(([n, s]) => `${n}:${s.plugin}:${s.code}:${s.message()}`).join(',') : '-';
    out.push(`${r.pod.key} ${r.nodeName} ${[...(r.diagnosis?.unschedulablePlugins ?? [])].join(',')} ${statuses}`);
    return r;
  };
  return () => {
    Scheduler.prototype.scheduleOne = original;
  };
}
