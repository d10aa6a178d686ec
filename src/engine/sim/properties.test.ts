/**
 * Property tests of the living cluster (issue 3, "Proof"): random command
 * sequences (killNode, restoreNode, cordon, uncordon, drain, deleteNode,
 * addNode, deletePod, scale, with random virtual waits in between) on small
 * random clusters (3–6 nodes of mixed sizes and zones, some tainted; one or
 * two Deployments, a DaemonSet, a StatefulSet, bare pods; sometimes a
 * PriorityClass, a PDB, an emptyDir, and a hard placement constraint: zone
 * spreading, hostname anti-affinity, a host port or a zone affinity).
 *
 * After every step:
 * - every binding the scheduler made passed the filters at binding time: the
 *   store's `update` is wrapped, and when a pod gains spec.nodeName the
 *   objects as they are just before the write go through `explainPod` (a
 *   fresh scheduler over the stored objects, every node filtered), which must
 *   pass that node. explainPod ignores other pods' nominations, so it is at
 *   most as strict as the scheduler's own cycle: it never reports a false
 *   violation, and it checks the scheduler's cache against the store;
 * - no node's summed requests (cpu, memory, pods) of scheduler-bound,
 *   non-terminal pods exceed its allocatable (checked right after every
 *   binding too);
 * - after 10 quiet virtual minutes on a healthy cluster, if it has room (see
 *   `roomForEveryPod`), every ReplicaSet has spec.replicas active pods, all
 *   bound and Running, and says so in status. Ten minutes is longer than
 *   podMaxInUnschedulablePodsDuration + the 30 s flush, so even a pod parked
 *   in unschedulablePods has been retried. Checked after a step whose wait is
 *   10 minutes or more when every Node was powered and schedulable with no
 *   drain running before and after the wait; and at the end, once every
 *   powered-off or deleted machine is restored, every node uncordoned and
 *   every drain finished;
 * - the same seed and the same (resolved) command log, replayed on a fresh
 *   simulation, give byte-identical events and objects.
 *
 * VITE_PODSCAPE_FC_RUNS and VITE_PODSCAPE_FC_SEED override the number of runs and the
 * fast-check seed (the default seed is fixed so the suite is stable);
 * VITE_PODSCAPE_FC_LONG=1 draws longer sequences and bigger Deployments;
 * VITE_PODSCAPE_FC_STATS=1 prints how much was checked.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../commands';
import { isDraining } from '../controllers/drain/drain';
import { podRequests } from '../model/pod-requests';
import { resourceFromList } from '../model/resource';
import type { KubeObject, Node, Pod, PriorityClass, Taint, Workload } from '../model/types';
import { explainPod } from '../scheduler/batch';
import { inTreeRegistry } from '../scheduler/plugins/registry';
import { deepClone } from '../store/clone';
import { createSimulation, type Simulation } from './simulation';

// ---- the random cluster ---------------------------------------------------------------

const SIZES = [
  { cpu: '2', memory: '4Gi' },
  { cpu: '4', memory: '8Gi' },
  { cpu: '8', memory: '16Gi' },
] as const;
const ZONES = ['zone-a', 'zone-b', 'zone-c'];

/** The environment, as vitest exposes it (src/engine may not touch `process`; vitest passes VITE_* variables). */
const ENV = ((import.meta as unknown as { env?: Record<string, string | undefined> }).env ?? {}) as Record<string, string | undefined>;
/** VITE_PODSCAPE_FC_LONG=1: longer command sequences and bigger Deployments (for bug hunts). */
const LONG = ENV.VITE_PODSCAPE_FC_LONG === '1';
const MAX_REPLICAS = LONG ? 10 : 6;

interface NodeGen {
  size: number;
  zone: number;
  taint: 'none' | 'NoSchedule' | 'PreferNoSchedule';
  /** allocatable pods */
  pods: number;
}

interface DeploymentGen {
  replicas: number;
  cpu: string;
  memory: string;
  tolerate: boolean;
  high: boolean;
  /** A hard placement constraint; such Deployments are left out of the ReplicaSet check. */
  constraint: 'none' | 'spread' | 'antiAffinity' | 'hostPort' | 'zone';
  emptyDir: boolean;
}

interface BareGen {
  cpu: string;
  zone: number | null;
}

interface ClusterGen {
  seed: number;
  nodes: NodeGen[];
  deployments: DeploymentGen[];
  sts: { replicas: number; cpu: string };
  ds: { cpu: string };
  bare: BareGen[];
  pdb: boolean;
}

const nodeArb: fc.Arbitrary<NodeGen> = fc.record({
  size: fc.integer({ min: 0, max: SIZES.length - 1 }),
  zone: fc.integer({ min: 0, max: ZONES.length - 1 }),
  taint: fc.constantFrom('none', 'none', 'none', 'NoSchedule', 'PreferNoSchedule'),
  pods: fc.constantFrom(110, 110, 12),
});

const deploymentArb: fc.Arbitrary<DeploymentGen> = fc.record({
  replicas: fc.integer({ min: 0, max: MAX_REPLICAS }),
  cpu: fc.constantFrom('100m', '250m', '500m', '1'),
  memory: fc.constantFrom('64Mi', '256Mi', '1Gi'),
  tolerate: fc.constantFrom(false, false, false, true),
  high: fc.constantFrom(false, false, false, true),
  constraint: fc.constantFrom('none', 'none', 'none', 'none', 'none', 'spread', 'antiAffinity', 'hostPort', 'zone'),
  emptyDir: fc.boolean(),
});

const clusterArb: fc.Arbitrary<ClusterGen> = fc.record({
  seed: fc.integer({ min: 0, max: 0x7fffffff }),
  nodes: fc.array(nodeArb, { minLength: 3, maxLength: 6 }),
  deployments: fc.array(deploymentArb, { minLength: 1, maxLength: 2 }),
  sts: fc.record({ replicas: fc.integer({ min: 0, max: 3 }), cpu: fc.constantFrom('100m', '250m') }),
  ds: fc.record({ cpu: fc.constantFrom('50m', '100m') }),
  bare: fc.array(fc.record({ cpu: fc.constantFrom('100m', '200m'), zone: fc.option(fc.integer({ min: 0, max: ZONES.length - 1 }), { nil: null }) }), { maxLength: 3 }),
  pdb: fc.boolean(),
});

const nodeName = (i: number) => `n${i}`;

function makeNode(name: string, g: NodeGen): Node {
  const size = SIZES[g.size];
  const taints: Taint[] = [];
  if (g.taint === 'NoSchedule') taints.push({ key: 'dedicated', value: 'infra', effect: 'NoSchedule' });
  if (g.taint === 'PreferNoSchedule') taints.push({ key: 'spot', effect: 'PreferNoSchedule' });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': ZONES[g.zone] } },
    spec: taints.length > 0 ? { taints } : {},
    status: {
      capacity: { cpu: size.cpu, memory: size.memory, pods: String(g.pods) },
      allocatable: { cpu: size.cpu, memory: size.memory, pods: String(g.pods) },
    },
  };
}

function workload(kind: string, name: string, replicas: number | undefined, spec: Pod['spec'], extra: Record<string, unknown> = {}): Workload {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      ...extra,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec },
    },
  };
}

const container = (name: string, cpu: string, memory: string) => ({ name, image: `${name}:1`, resources: { requests: { cpu, memory } } });

function makeObjects(c: ClusterGen): KubeObject[] {
  const out: KubeObject[] = c.nodes.map((g, i) => makeNode(nodeName(i), g));
  if (c.deployments.some((d) => d.high)) {
    out.push({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 } as PriorityClass);
  }
  c.deployments.forEach((d, i) => {
    const name = `web-${i}`;
    const spec: Pod['spec'] = { containers: [container('app', d.cpu, d.memory)] };
    if (d.tolerate) spec.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'infra', effect: 'NoSchedule' }];
    if (d.high) spec.priorityClassName = 'high';
    if (d.constraint === 'spread') {
      spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: name } } }];
    } else if (d.constraint === 'antiAffinity') {
      spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: name } } }] } };
    } else if (d.constraint === 'hostPort') {
      spec.containers[0].ports = [{ containerPort: 8080, hostPort: 18080 + i }];
    } else if (d.constraint === 'zone') {
      spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [ZONES[i % ZONES.length]] }] }] } } };
    }
    if (d.emptyDir) spec.volumes = [{ name: 'scratch', emptyDir: {} }];
    out.push(workload('Deployment', name, d.replicas, spec));
  });
  if (c.pdb) {
    out.push({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web-0', namespace: 'default' }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web-0' } } } } as KubeObject);
  }
  out.push(workload('DaemonSet', 'agent', undefined, { containers: [container('agent', c.ds.cpu, '64Mi')] }));
  out.push(workload('StatefulSet', 'db', c.sts.replicas, { containers: [container('db', c.sts.cpu, '256Mi')] }, { serviceName: 'db' }));
  c.bare.forEach((b, i) => {
    const spec: Pod['spec'] = { containers: [container('sh', b.cpu, '64Mi')] };
    if (b.zone !== null) spec.nodeSelector = { 'topology.kubernetes.io/zone': ZONES[b.zone] };
    out.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `bare-${i}`, namespace: 'default', labels: { app: `bare-${i}` } }, spec } as Pod);
  });
  return out;
}

// ---- the random commands --------------------------------------------------------------

/** Nodes, pods and workloads are picked by index at run time (modulo what exists then). */
type Step = { wait: number } & (
  | { op: 'killNode' | 'restoreNode' | 'cordon' | 'uncordon' | 'deleteNode'; node: number }
  | { op: 'drain'; node: number; ignoreDaemonSets: boolean; force: boolean; deleteEmptyDirData: boolean }
  | { op: 'addNode'; node: NodeGen }
  | { op: 'deletePod'; pod: number; force: boolean }
  | { op: 'scale'; target: number; replicas: number }
  | { op: 'rollout'; target: number; subcommand: 'restart' | 'pause' | 'resume' | 'undo' }
);

const waitArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 60 }).map((s) => s * 1000) },
  { weight: 3, arbitrary: fc.integer({ min: 61, max: 600 }).map((s) => s * 1000) },
  { weight: 1, arbitrary: fc.integer({ min: 601, max: 900 }).map((s) => s * 1000) },
);
const nodeIdx = fc.nat(11);
const nodeOp = (op: 'killNode' | 'restoreNode' | 'cordon' | 'uncordon' | 'deleteNode') =>
  fc.record({ op: fc.constant(op), node: nodeIdx, wait: waitArb }) as fc.Arbitrary<Step>;

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: nodeOp('killNode') },
  { weight: 3, arbitrary: nodeOp('restoreNode') },
  { weight: 2, arbitrary: nodeOp('cordon') },
  { weight: 2, arbitrary: nodeOp('uncordon') },
  { weight: 1, arbitrary: nodeOp('deleteNode') },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('drain' as const),
      node: nodeIdx,
      ignoreDaemonSets: fc.constantFrom(true, true, false),
      force: fc.boolean(),
      deleteEmptyDirData: fc.boolean(),
      wait: waitArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('addNode' as const), node: nodeArb, wait: waitArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('deletePod' as const), pod: fc.nat(40), force: fc.constantFrom(false, false, true), wait: waitArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('scale' as const), target: fc.nat(5), replicas: fc.integer({ min: 0, max: MAX_REPLICAS }), wait: waitArb }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('rollout' as const), target: fc.nat(5), subcommand: fc.constantFrom('restart' as const, 'restart' as const, 'pause' as const, 'resume' as const, 'undo' as const), wait: waitArb }),
  },
);

const stepsArb = fc.array(stepArb, LONG ? { minLength: 5, maxLength: 25 } : { minLength: 1, maxLength: 10 });

// ---- the harness ----------------------------------------------------------------------

/** What the run did: the resolved commands at their virtual times, and the end time. */
interface CommandLog {
  entries: { at: number; command: Command }[];
  end: number;
}

const SETTLE = 10 * 60_000;
const DRAIN_WAIT_MAX = 30 * 60_000;
const registry = inTreeRegistry();

const podKey = (p: KubeObject) => `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`;
const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

interface Violation {
  at: number;
  what: string;
}

class Harness {
  readonly sim: Simulation;
  readonly log: CommandLog = { entries: [], end: 0 };
  readonly violations: Violation[] = [];
  /** uids of pods the scheduler bound. */
  readonly schedulerBound = new Set<string>();
  /** Every node name seen (initial and added), in order. */
  readonly machines: string[];
  private added = 0;
  bindings = 0;
  /** ReplicaSet checks made after a quiet step (the final one not counted). */
  midRunChecks = 0;

  constructor(
    readonly cluster: ClusterGen,
    instrument: boolean,
  ) {
    this.sim = createSimulation({ seed: cluster.seed });
    this.machines = cluster.nodes.map((_, i) => nodeName(i));
    if (instrument) this.instrument();
    this.sim.load(makeObjects(cluster));
  }

  /** Wraps the store's update to check every binding before and after it is written. */
  private instrument(): void {
    const store = this.sim.store;
    const update = store.update.bind(store);
    store.update = <T extends KubeObject>(input: T): T => {
      if (input.kind !== 'Pod') return update(input);
      const pod = input as unknown as Pod;
      const before = store.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name ?? '');
      const node = pod.spec?.nodeName;
      if (!before || before.spec.nodeName || !node) return update(input);
      this.bindings++;
      this.checkBinding(before, node);
      const out = update(input);
      this.schedulerBound.add(out.metadata.uid!);
      this.checkCapacity(node);
      return out;
    };
  }

  private checkBinding(pod: Pod, node: string): void {
    const key = podKey(pod);
    const objects = this.sim.store.all().map((o) => deepClone(o));
    const r = explainPod(objects, key, { registry });
    const verdict = r.filter[node];
    const rejected = verdict === undefined ? ['node not evaluated'] : Object.entries(verdict).filter(([, v]) => v !== 'passed').map(([p, v]) => `${p}: ${(v as string[]).join('; ')}`);
    if (rejected.length > 0) this.violations.push({ at: this.sim.time, what: `bound ${key} to ${node}, which the filters reject: ${rejected.join(' | ')}` });
  }

  /** Scheduler-bound, non-terminal pods' requests on `node` within its allocatable. */
  checkCapacity(node: string): void {
    const n = this.sim.store.get<Node>('Node', undefined, node);
    if (!n) return;
    const alloc = resourceFromList(n.status?.allocatable);
    let cpu = 0;
    let mem = 0;
    let count = 0;
    for (const o of this.sim.store.podsOnNode(node)) {
      const p = o as Pod;
      if (isTerminal(p) || !this.schedulerBound.has(p.metadata.uid!)) continue;
      const r = podRequests(p);
      cpu += r.milliCPU;
      mem += r.memory;
      count++;
    }
    const over: string[] = [];
    if (cpu > alloc.milliCPU) over.push(`cpu ${cpu}m > ${alloc.milliCPU}m`);
    if (mem > alloc.memory) over.push(`memory ${mem} > ${alloc.memory}`);
    if (count > alloc.allowedPodNumber) over.push(`pods ${count} > ${alloc.allowedPodNumber}`);
    if (over.length > 0) this.violations.push({ at: this.sim.time, what: `node ${node} over allocatable through scheduler bindings: ${over.join(', ')}` });
  }

  checkAllCapacity(): void {
    for (const n of this.sim.store.list<Node>('Node')) this.checkCapacity(n.metadata.name!);
  }

  dispatch(command: Command): void {
    this.log.entries.push({ at: this.sim.time, command: deepClone(command) });
    this.sim.dispatch(command);
  }

  advance(ms: number): void {
    this.sim.advanceBy(ms);
    this.log.end = this.sim.time;
  }

  /** The step as a concrete command, given what exists now (undefined: nothing to do). */
  resolve(step: Step): Command | undefined {
    const pick = (i: number) => this.machines[i % this.machines.length];
    switch (step.op) {
      case 'killNode':
      case 'restoreNode':
      case 'cordon':
      case 'uncordon':
      case 'deleteNode':
        return { action: step.op, node: pick(step.node) };
      case 'drain':
        return { action: 'drain', node: pick(step.node), ignoreDaemonSets: step.ignoreDaemonSets, force: step.force, deleteEmptyDirData: step.deleteEmptyDirData };
      case 'addNode': {
        const name = `add-${this.added++}`;
        this.machines.push(name);
        return { action: 'addNode', object: makeNode(name, step.node) };
      }
      case 'deletePod': {
        const pods = this.sim.store.list<Pod>('Pod');
        if (pods.length === 0) return undefined;
        const p = pods[step.pod % pods.length];
        return { action: 'deletePod', namespace: p.metadata.namespace ?? 'default', name: p.metadata.name!, ...(step.force ? { force: true } : {}) };
      }
      case 'scale': {
        const targets = [...this.cluster.deployments.map((_, i) => ['Deployment', `web-${i}`]), ['StatefulSet', 'db']];
        const [kind, name] = targets[step.target % targets.length];
        return { action: 'scale', kind, namespace: 'default', name, replicas: step.replicas };
      }
      case 'rollout': {
        const targets = [...this.cluster.deployments.map((_, i) => ['Deployment', `web-${i}`]), ['StatefulSet', 'db']];
        const [kind, name] = targets[step.target % targets.length];
        return { action: 'rollout', subcommand: step.subcommand, kind, namespace: 'default', name };
      }
    }
  }

  step(step: Step): void {
    const command = this.resolve(step);
    if (command) this.dispatch(command);
    this.checkAllCapacity();
    const healthy = this.healthy();
    this.advance(step.wait);
    this.checkAllCapacity();
    // A quiet window long enough on a healthy cluster: the ReplicaSets must have recovered.
    if (step.wait >= SETTLE && healthy && this.healthy() && this.checkReplicaSets()) this.midRunChecks++;
  }

  /** Every Node powered and schedulable, no drain running. */
  private healthy(): boolean {
    const nodes = this.sim.store.list<Node>('Node');
    return nodes.every((n) => this.sim.nodeUp(n.metadata.name!) && !n.spec?.unschedulable) && !this.machines.some((m) => isDraining(this.sim.ctx, m));
  }

  /** Every machine powered and registered, every node uncordoned; drains finish; then SETTLE of quiet. */
  settle(): void {
    for (const m of this.machines) {
      if (!this.sim.nodeUp(m) || !this.sim.store.get('Node', undefined, m)) this.dispatch({ action: 'restoreNode', node: m });
    }
    for (const n of this.sim.store.list<Node>('Node')) {
      if (n.spec?.unschedulable) this.dispatch({ action: 'uncordon', node: n.metadata.name! });
    }
    for (let waited = 0; waited < DRAIN_WAIT_MAX && this.machines.some((m) => isDraining(this.sim.ctx, m)); waited += 60_000) {
      this.advance(60_000);
      this.checkAllCapacity();
    }
    this.advance(SETTLE);
    this.checkAllCapacity();
  }

  /**
   * Whether every pod that exists or will exist (missing StatefulSet and
   * DaemonSet pods included) fits by pigeonhole: if a pod p fit on no usable
   * node (up, schedulable, no NoSchedule taint), each such node n would be
   * full in some resource d (used_n,d > alloc_n,d − max_d), so
   * Σ_d U_d / min_n(alloc_n,d − max_d) > N. Conservative: terminating pods
   * count, pods on tainted nodes count against the usable ones.
   */
  roomForEveryPod(): boolean {
    const nodes = this.sim.store.list<Node>('Node');
    const usable = nodes.filter((n) => this.sim.nodeUp(n.metadata.name!) && !n.spec?.unschedulable && !(n.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'));
    if (usable.length === 0) return false;
    const pods = this.sim.store.list<Pod>('Pod').filter((p) => !isTerminal(p));
    const reqs = pods.map((p) => podRequests(p));
    const sts = this.sim.store.get<Workload>('StatefulSet', 'default', 'db')!;
    const stsPods = pods.filter((p) => p.metadata.labels?.app === 'db' && !p.metadata.deletionTimestamp).length;
    const stsReq = podRequests({ metadata: {}, spec: sts.spec.template!.spec } as Pod);
    for (let i = stsPods; i < (sts.spec.replicas ?? 1); i++) reqs.push(stsReq);
    const dsReq = podRequests({ metadata: {}, spec: { containers: [container('agent', this.cluster.ds.cpu, '64Mi')] } } as Pod);
    const dsPods = pods.filter((p) => p.metadata.labels?.app === 'agent' && !p.metadata.deletionTimestamp).length;
    for (let i = dsPods; i < nodes.length; i++) reqs.push(dsReq);
    const dims: [(r: ReturnType<typeof podRequests>) => number, (n: Node) => number][] = [
      [(r) => r.milliCPU, (n) => resourceFromList(n.status?.allocatable).milliCPU],
      [(r) => r.memory, (n) => resourceFromList(n.status?.allocatable).memory],
      [() => 1, (n) => resourceFromList(n.status?.allocatable).allowedPodNumber],
    ];
    let load = 0;
    for (const [req, alloc] of dims) {
      const max = Math.max(0, ...reqs.map(req));
      const total = reqs.reduce((s, r) => s + req(r), 0);
      const room = Math.min(...usable.map((n) => alloc(n) - max));
      if (room <= 0) return false;
      load += total / room;
    }
    return load <= usable.length;
  }

  /**
   * Every ReplicaSet (but those of Deployments with a hard placement
   * constraint) at its replica count, bound and Running, if the cluster has
   * room. Returns whether the check applied.
   */
  checkReplicaSets(): boolean {
    if (!this.roomForEveryPod()) return false;
    const constrained = new Set(this.cluster.deployments.flatMap((d, i) => (d.constraint !== 'none' ? [`web-${i}`] : [])));
    for (const rs of this.sim.store.list<Workload>('ReplicaSet')) {
      const owner = rs.metadata.ownerReferences?.find((r) => r.controller)?.name ?? '';
      if (constrained.has(owner)) continue;
      const want = rs.spec.replicas ?? 1;
      const active = (this.sim.store.ownedBy(rs.metadata.uid!) as Pod[]).filter((p) => p.kind === 'Pod' && !isTerminal(p) && !p.metadata.deletionTimestamp);
      const running = active.filter((p) => p.spec.nodeName && p.status?.phase === 'Running');
      const status = rs.status as { replicas?: number; readyReplicas?: number } | undefined;
      const problems: string[] = [];
      if (active.length !== want) problems.push(`${active.length} active pods`);
      if (running.length !== want) problems.push(`${running.length} bound and Running (pending: ${active.filter((p) => !p.spec.nodeName).map((p) => p.metadata.name).join(', ')})`);
      if ((status?.replicas ?? 0) !== want || (status?.readyReplicas ?? 0) !== want) problems.push(`status replicas ${status?.replicas} ready ${status?.readyReplicas}`);
      if (problems.length > 0) this.violations.push({ at: this.sim.time, what: `ReplicaSet ${rs.metadata.name} wants ${want}: ${problems.join('; ')}` });
    }
    return true;
  }
}

/** Replays a command log on a fresh, uninstrumented simulation. */
function replay(cluster: ClusterGen, log: CommandLog): Simulation {
  const sim = createSimulation({ seed: cluster.seed });
  sim.load(makeObjects(cluster));
  for (const e of log.entries) {
    sim.advanceTo(e.at);
    sim.dispatch(deepClone(e.command));
  }
  sim.advanceTo(log.end);
  return sim;
}

const fingerprint = (sim: Simulation) => ({ events: JSON.stringify(sim.events()), objects: JSON.stringify(sim.objects()), time: sim.time });

function describeRun(cluster: ClusterGen, h: Harness): string {
  const lines = h.log.entries.map((e) => `  ${(e.at / 1000).toFixed(0)}s ${JSON.stringify(e.command)}`);
  return [`cluster: ${JSON.stringify(cluster)}`, 'commands:', ...lines, `end: ${h.log.end / 1000}s`].join('\n');
}

const RUNS = Number(ENV.VITE_PODSCAPE_FC_RUNS ?? 60);
const SEED = ENV.VITE_PODSCAPE_FC_SEED !== undefined ? Number(ENV.VITE_PODSCAPE_FC_SEED) : 20260501;
const START = 30_000;

describe('simulation properties over random command sequences', () => {
  it('binds only where the filters pass, never over allocatable, and every ReplicaSet recovers when there is room', () => {
    let liveness = 0;
    let midRun = 0;
    let bindings = 0;
    fc.assert(
      fc.property(clusterArb, stepsArb, (cluster, steps) => {
        const h = new Harness(cluster, true);
        h.advance(START);
        h.checkAllCapacity();
        for (const s of steps) h.step(s);
        h.settle();
        if (h.checkReplicaSets()) liveness++;
        midRun += h.midRunChecks;
        bindings += h.bindings;
        if (h.violations.length > 0) {
          throw new Error(`${h.violations.map((v) => `at ${v.at / 1000}s: ${v.what}`).join('\n')}\n${describeRun(cluster, h)}`);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    if (ENV.VITE_PODSCAPE_FC_STATS) console.log(`bindings ${bindings}, ReplicaSets checked at the end of ${liveness}/${RUNS} runs (+${midRun} mid-run checks)`);
    // The properties must have had something to check.
    expect(bindings).toBeGreaterThan(RUNS);
    expect(liveness).toBeGreaterThan(RUNS / 4);
  });

  it('same seed and command log → byte-identical events and objects', () => {
    fc.assert(
      fc.property(clusterArb, stepsArb, (cluster, steps) => {
        const h = new Harness(cluster, false);
        h.advance(START);
        for (const s of steps) h.step(s);
        h.settle();
        const a = fingerprint(h.sim);
        const b = fingerprint(replay(cluster, h.log));
        expect(b.time).toBe(a.time);
        expect(b.events).toBe(a.events);
        expect(b.objects).toBe(a.objects);
      }),
      { numRuns: Math.max(1, Math.round(RUNS / 2)), seed: SEED + 1 },
    );
  });
});
