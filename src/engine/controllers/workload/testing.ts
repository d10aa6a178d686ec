/**
 * A small cluster for controller tests: the real clock, store and recorder,
 * plus a stand-in scheduler and kubelet that do just enough (bind, start,
 * finish, stop) for owners to be exercised without the full simulation.
 */
import { toTimestamp } from '../../clock/time';
import { VirtualClock } from '../../clock/virtual-clock';
import { EventRecorder } from '../../events/recorder';
import { CompiledNodeSelector, nodeView } from '../../model/labels';
import { findMatchingUntoleratedTaint } from '../../model/taints';
import type { KubeObject, Node, Pod, Taint } from '../../model/types';
import { Rng } from '../../random/rng';
import { bindPod, setCondition } from '../../sim/api';
import { defaultControlPlaneConfig } from '../../sim/config';
import type { Component, ControlPlaneConfig, KubeEvent, SimContext } from '../../sim/contracts';
import { ObjectStore } from '../../store/object-store';
import { deepClone } from '../../store/clone';
import { RUN_DURATION_ANNOTATION } from '../../kubelet/exit-annotations';

export interface HarnessOptions {
  seed?: number;
  nodes?: (string | Node)[];
  components?: Component[];
  /** Stand-in scheduler and kubelet (default on). */
  fakeScheduler?: boolean;
  fakeKubelet?: boolean;
  /** Pending → Running+Ready after this many ms on a live node (default 1000). */
  startDelay?: number;
  /** A terminating pod on a live node is removed this long after its delete (default 1000, capped by its grace). */
  stopDelay?: number;
  config?: Partial<ControlPlaneConfig>;
}

export { RUN_DURATION_ANNOTATION };
/** Test-only: the fake kubelet fails the pod this many ms after it starts. */
export const FAIL_AFTER_ANNOTATION = 'test.podscape.dev/fail-after';

export class Harness {
  readonly clock = new VirtualClock();
  readonly recorder = new EventRecorder(this.clock);
  readonly rng: Rng;
  readonly store: ObjectStore;
  readonly ctx: SimContext;
  private readonly down = new Set<string>();
  private readonly startDelay: number;
  private readonly stopDelay: number;

  constructor(o: HarnessOptions = {}) {
    this.rng = new Rng(o.seed ?? 1);
    const config = { ...defaultControlPlaneConfig(), ...(o.config ?? {}) };
    this.store = new ObjectStore({ clock: this.clock, rng: this.rng, config });
    this.startDelay = o.startDelay ?? 1000;
    this.stopDelay = o.stopDelay ?? 1000;
    const down = this.down;
    this.ctx = {
      clock: this.clock,
      store: this.store,
      recorder: this.recorder,
      rng: this.rng,
      config,
      timestamp: (t?: number) => toTimestamp(t ?? this.clock.now),
      nodeUp: (n: string) => !down.has(n),
    };
    for (const n of o.nodes ?? []) this.store.create(typeof n === 'string' ? makeNode(n) : n);
    if (o.fakeScheduler !== false) this.startScheduler();
    if (o.fakeKubelet !== false) this.startKubelet();
    for (const c of o.components ?? []) c.start(this.ctx);
  }

  /** Advances virtual time by `ms` (0 runs everything due now). */
  advance(ms = 0): void {
    this.clock.advanceTo(this.clock.now + ms);
  }

  create<T extends KubeObject>(obj: T): T {
    return this.store.create(deepClone(obj));
  }

  pods(filter?: (p: Pod) => boolean): Pod[] {
    const all = this.store.list<Pod>('Pod');
    return filter ? all.filter(filter) : all;
  }

  get<T extends KubeObject>(kind: string, name: string, ns = 'default'): T {
    const o = this.store.get<T>(kind, ns, name);
    if (!o) throw new Error(`${kind} ${ns}/${name} not found`);
    return o;
  }

  events(filter?: Partial<KubeEvent>): KubeEvent[] {
    return this.recorder.all().filter((e) => !filter || Object.entries(filter).every(([k, v]) => (e as unknown as Record<string, unknown>)[k] === v));
  }

  /** Power off a node: its kubelet stops (pods keep their state, deletes never complete). */
  killNode(name: string): void {
    this.down.add(name);
  }

  restoreNode(name: string): void {
    this.down.delete(name);
    for (const p of this.store.podsOnNode(name) as Pod[]) this.kubeletSync(p);
  }

  /** Marks a pod's Ready condition False, as the node lifecycle controller does for a lost node. */
  markNotReady(p: Pod): void {
    const cur = deepClone(this.store.get<Pod>('Pod', p.metadata.namespace, p.metadata.name ?? '')!);
    setCondition(cur, { type: 'Ready', status: 'False', reason: 'NodeNotReady' }, this.clock.now);
    this.store.update(cur);
  }

  /** Sets a pod's phase (as a kubelet would), keeping the rest. */
  setPhase(p: Pod, phase: 'Running' | 'Succeeded' | 'Failed'): void {
    const cur = deepClone(this.store.get<Pod>('Pod', p.metadata.namespace, p.metadata.name ?? '')!);
    cur.status = { ...(cur.status ?? {}), phase };
    if (phase !== 'Running') setCondition(cur, { type: 'Ready', status: 'False', reason: phase === 'Failed' ? 'PodFailed' : 'PodCompleted' }, this.clock.now);
    this.store.update(cur);
  }

  /** Node taints replace the node's current ones. */
  setTaints(node: string, taints: Taint[]): void {
    const n = deepClone(this.get<Node>('Node', node, ''));
    n.spec = { ...(n.spec ?? {}), taints: taints.map((t) => ({ ...t, timeAdded: t.timeAdded ?? this.ctx.timestamp() })) };
    this.store.update(n);
  }

  // ---- stand-ins ----

  private startScheduler(): void {
    this.store.watch((e) => {
      if (e.kind !== 'Pod' || e.type === 'DELETED') return;
      const p = e.object as Pod;
      if (p.spec.nodeName || p.metadata.deletionTimestamp || p.status?.phase !== 'Pending') return;
      const key = p.metadata.uid;
      this.clock.after(0, 'fake-scheduler', () => {
        const cur = this.store.get<Pod>('Pod', p.metadata.namespace, p.metadata.name ?? '');
        if (!cur || cur.metadata.uid !== key || cur.spec.nodeName || cur.metadata.deletionTimestamp) return;
        const node = this.pickNode(cur);
        if (node) bindPod(this.ctx, cur, node);
      });
    });
  }

  /** Fewest pods among nodes the pod fits by affinity and taints (NoSchedule, NoExecute), that are up and schedulable. */
  private pickNode(p: Pod): string | undefined {
    const req = p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    const sel = req ? new CompiledNodeSelector(req) : undefined;
    let best: string | undefined;
    let bestCount = Infinity;
    for (const n of this.store.list<Node>('Node')) {
      const name = n.metadata.name ?? '';
      if (this.down.has(name) || n.spec?.unschedulable) continue;
      if (sel && !sel.match(nodeView(n))) continue;
      if (findMatchingUntoleratedTaint(n.spec?.taints, p.spec.tolerations, (t) => t.effect !== 'PreferNoSchedule')) continue;
      const count = this.store.podsOnNode(name).length;
      if (count < bestCount) {
        best = name;
        bestCount = count;
      }
    }
    return best;
  }

  private startKubelet(): void {
    this.store.watch((e) => {
      if (e.kind !== 'Pod' || e.type === 'DELETED') return;
      const p = e.object as Pod;
      if (!p.spec.nodeName) return;
      if (e.type === 'MODIFIED' && e.old) {
        const o = e.old as Pod;
        // React to binding and to deletion only.
        if (o.spec.nodeName === p.spec.nodeName && !!o.metadata.deletionTimestamp === !!p.metadata.deletionTimestamp) return;
      }
      this.kubeletSync(p);
    });
  }

  private kubeletSync(p: Pod): void {
    const node = p.spec.nodeName!;
    if (this.down.has(node)) return;
    const uid = p.metadata.uid;
    const current = () => {
      const c = this.store.get<Pod>('Pod', p.metadata.namespace, p.metadata.name ?? '');
      return c && c.metadata.uid === uid && !this.down.has(node) ? c : undefined;
    };
    if (p.metadata.deletionTimestamp) {
      const grace = (p.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
      this.clock.after(Math.min(grace, this.stopDelay), 'fake-kubelet stop', () => {
        const c = current();
        if (c) this.store.remove('Pod', c.metadata.namespace, c.metadata.name ?? '');
      });
      return;
    }
    if (p.status?.phase !== 'Pending') return;
    this.clock.after(this.startDelay, 'fake-kubelet start', () => {
      const c = current();
      if (!c || c.metadata.deletionTimestamp || c.status?.phase !== 'Pending') return;
      const next = deepClone(c);
      next.status = { ...(next.status ?? {}), phase: 'Running', startTime: this.ctx.timestamp() };
      setCondition(next, { type: 'Ready', status: 'True' }, this.clock.now);
      this.store.update(next);
      const run = parseMs(c.metadata.annotations?.[RUN_DURATION_ANNOTATION]);
      const fail = parseMs(c.metadata.annotations?.[FAIL_AFTER_ANNOTATION]);
      const finish = (phase: 'Succeeded' | 'Failed') => {
        const f = current();
        if (f && !f.metadata.deletionTimestamp && f.status?.phase === 'Running') this.setPhase(f, phase);
      };
      if (fail !== undefined) this.clock.after(fail, 'fake-kubelet fail', () => finish('Failed'));
      else if (run !== undefined) this.clock.after(run, 'fake-kubelet finish', () => finish('Succeeded'));
    });
  }
}

function parseMs(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+)(ms|s|m)$/.exec(v.trim());
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 's' ? 1000 : 60000);
}

export function makeNode(name: string, labels: Record<string, string> = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    spec: {},
    status: {
      allocatable: { cpu: '4', memory: '16Gi', pods: '110' },
      capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

export function podTemplate(labels: Record<string, string>, image = 'nginx:1.27', annotations?: Record<string, string>) {
  return {
    metadata: { labels, ...(annotations ? { annotations } : {}) },
    spec: { containers: [{ name: 'app', image, resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
  };
}
