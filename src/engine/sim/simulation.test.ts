import { describe, expect, it } from 'vitest';
import type { Command, TimedCommand } from '../commands';
import type { KubeObject, Node, Pod, Workload } from '../model/types';
import { patch } from './api';
import type { Component, PowerAware, SimContext } from './contracts';
import { createSimulation, LoadError, type Simulation } from './simulation';

const node = (name: string, extra: Partial<Node> = {}): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } },
  ...extra,
});
const pod = (name: string, spec: Partial<Pod['spec']> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});
const deployment = (name: string, replicas: number): Workload => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c' }] } } },
});

/** Records what it sees: start order, power changes, the pods present when it first hears of them. */
class Spy implements Component, PowerAware {
  readonly power: string[] = [];
  readonly seenOnAdd: number[] = [];
  constructor(
    readonly name: string,
    private readonly starts: string[],
  ) {}
  start(ctx: SimContext): void {
    this.starts.push(this.name);
    ctx.store.watch((e) => {
      if (e.type === 'ADDED' && e.kind === 'Deployment') this.seenOnAdd.push(ctx.store.list('Pod').length);
    });
  }
  onPower(node: string, up: boolean): void {
    this.power.push(`${node}:${up ? 'up' : 'down'}`);
  }
}

/**
 * A toy kubelet + replica controller, enough to exercise timers, events, generated names
 * and randomness: bound pods start after podStartDelay; each Deployment keeps
 * spec.replicas pods named from generateName, placed on a random ready, powered node.
 */
class Toy implements Component {
  readonly name = 'toy';
  start(ctx: SimContext): void {
    const reconcile = () => {
      for (const d of ctx.store.list<Workload>('Deployment')) {
        const owned = ctx.store.ownedBy(d.metadata.uid!).filter((p) => !p.metadata.deletionTimestamp);
        const nodes = ctx.store.list<Node>('Node').filter((n) => ctx.nodeUp(n.metadata.name!) && !n.spec?.unschedulable);
        for (let i = owned.length; i < (d.spec.replicas ?? 1) && nodes.length > 0; i++) {
          const target = nodes[ctx.rng.intn(nodes.length)].metadata.name!;
          const p = ctx.store.create<Pod>({
            kind: 'Pod',
            metadata: { generateName: `${d.metadata.name}-`, namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name!, uid: d.metadata.uid, controller: true }] },
            spec: { containers: [{ name: 'c' }], nodeName: target },
          });
          ctx.recorder.event(d, 'Normal', 'SuccessfulCreate', `Created pod: ${p.metadata.name}`, 'toy-controller');
        }
      }
    };
    ctx.clock.every(10_000, 0, 'toy reconcile', reconcile);
    ctx.store.watch((e) => {
      if (e.kind !== 'Pod' || e.type === 'DELETED') return;
      const p = e.object as Pod;
      if (p.spec.nodeName && p.status?.phase === 'Pending' && ctx.nodeUp(p.spec.nodeName)) {
        ctx.clock.after(ctx.config.podStartDelay, `start ${p.metadata.name}`, () => {
          const r = patch(ctx, p, (d) => (d.status = { ...d.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }));
          if (r) ctx.recorder.event(r, 'Normal', 'Started', 'Started container c', 'kubelet');
        });
      }
    });
  }
}

function sim(components: Component[] = [], objects: KubeObject[] = [node('w1'), node('w2')], timeline: TimedCommand[] = []): Simulation {
  const s = createSimulation({ seed: 42, components });
  s.load(objects, timeline);
  return s;
}

describe('Simulation: start-up and load', () => {
  it('starts components in order and lets them see every loaded object at once', () => {
    const starts: string[] = [];
    const a = new Spy('a', starts);
    const b = new Spy('b', starts);
    sim([a, b], [deployment('web', 1), pod('web-1'), pod('web-2'), node('w1')]);
    expect(starts).toEqual(['a', 'b']);
    expect(a.seenOnAdd).toEqual([2]);
  });

  it('creates priority classes and owners before the pods that need them', () => {
    const s = sim([], [
      pod('p', { priorityClassName: 'high' }),
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 100 } as KubeObject,
    ]);
    expect(s.store.get<Pod>('Pod', 'default', 'p')!.spec.priority).toBe(100);
  });

  it('gives nodes the labels and size a kubelet would register', () => {
    const s = sim([], [{ kind: 'Node', metadata: { name: 'bare' } }, node('sized')]);
    const bare = s.store.get<Node>('Node', undefined, 'bare')!;
    expect(bare.metadata.labels).toEqual({ 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': 'bare', 'kubernetes.io/os': 'linux' });
    expect(bare.status!.allocatable).toEqual({ cpu: '4', memory: '16Gi', 'ephemeral-storage': '100Gi', pods: '110' });
    expect(s.store.get<Node>('Node', undefined, 'sized')!.status!.capacity).toEqual({ cpu: '2', memory: '4Gi', pods: '110' });
  });

  it('names the object or timeline entry at fault', () => {
    const s = createSimulation({ seed: 1, components: [] });
    expect(() => s.load([node('a'), node('a')])).toThrow(LoadError);
    try {
      createSimulation({ seed: 1, components: [] }).load([node('a'), node('a')]);
    } catch (e) {
      expect((e as LoadError).index).toBe(1);
      expect((e as LoadError).message).toBe('Node a: nodes "a" already exists');
    }
    expect(() => createSimulation({ seed: 1, components: [] }).load([], [{ at: 0, action: 'killNode' } as unknown as TimedCommand])).toThrow(
      'timeline[0].node: Required value',
    );
    expect(() => createSimulation({ seed: 1, components: [] }).load([{ kind: 'Pod', metadata: { name: 'x' }, spec: {} }])).toThrow(/Pod x: spec.containers: Required value/);
    const once = sim();
    expect(() => once.load([])).toThrow(/already holds a scenario/);
  });

  it('does not store Scenario or KubeSchedulerConfiguration objects', () => {
    const s = sim([], [node('a'), { apiVersion: 'podscape.dev/v1alpha1', kind: 'Scenario', metadata: { name: 's' } }]);
    expect(s.objects().map((o) => o.kind)).toEqual(['Node']);
  });
});

describe('Simulation: commands', () => {
  it('cordons and uncordons with kubectl\'s messages', () => {
    const s = sim();
    expect(s.dispatch({ action: 'cordon', node: 'w1' })).toEqual({ ok: true, messages: ['node/w1 cordoned'] });
    expect(s.store.get<Node>('Node', undefined, 'w1')!.spec!.unschedulable).toBe(true);
    expect(s.dispatch({ action: 'cordon', node: 'w1' })).toEqual({ ok: true, messages: ['node/w1 already cordoned'] });
    expect(s.dispatch({ action: 'uncordon', node: 'w1' })).toEqual({ ok: true, messages: ['node/w1 uncordoned'] });
    expect(s.store.get<Node>('Node', undefined, 'w1')!.spec!.unschedulable).toBeUndefined();
    expect(s.dispatch({ action: 'uncordon', node: 'w1' })).toEqual({ ok: true, messages: ['node/w1 already uncordoned'] });
    expect(s.dispatch({ action: 'cordon', node: 'nope' })).toEqual({ ok: false, error: 'Error from server (NotFound): nodes "nope" not found' });
  });

  it('refuses bad commands and leaves the state unchanged', () => {
    const s = sim([], [node('w1'), pod('p', { nodeName: 'w1' }), deployment('web', 2)]);
    const before = JSON.stringify(s.objects());
    const bad: unknown[] = [
      { action: 'killNode', node: 'ghost' },
      { action: 'killNode' },
      { action: 'killNode', node: 5 },
      { action: 'explode' },
      { action: 'deletePod', namespace: 'default', name: 'ghost' },
      { action: 'bindPod', namespace: 'default', name: 'p', node: 'w1' },
      { action: 'bindPod', namespace: 'default', name: 'ghost', node: 'w1' },
      { action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: -1 },
      { action: 'scale', kind: 'DaemonSet', namespace: 'default', name: 'web', replicas: 1 },
      { action: 'scale', kind: 'Deployment', namespace: 'default', name: 'ghost', replicas: 1 },
      // Past the playground's cap, as an apply of spec.replicas is (a billion pods would never be made).
      { action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 1e9 },
      { action: 'deleteNode', node: 'ghost' },
      { action: 'addNode', object: { kind: 'Node', metadata: { name: 'w1' } } },
      { action: 'addNode', object: { kind: 'Pod', metadata: { name: 'x' } } },
      { action: 'apply', object: { kind: 'Pod', metadata: { name: 'q' }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: 'lots' } } }] } } },
      { action: 'apply', object: { ...pod('p', { nodeName: 'w1', hostNetwork: true }) } },
      { action: 'cordon', node: 'w1', extra: 1 },
      { action: 'drain', node: 'ghost' },
      // Names every JavaScript object has (a share link's command is data from anywhere).
      { action: 'toString' },
      { action: '__proto__' },
      { action: 'cordon', node: 'w1', constructor: 'x' },
      { action: 'drain', node: 'w1', timeout: 'soon' },
      { action: 'drain', node: 'w1', timeout: 60 },
      { action: 'drain', node: 'w1', podSelector: 'app in (' },
    ];
    const errors = bad.map((c) => {
      const r = s.dispatch(c as Command);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.error;
    });
    expect(errors).toEqual([
      'Error from server (NotFound): nodes "ghost" not found',
      'node: Required value',
      'node: Invalid value: 5: must be a non-empty string',
      'action: Unsupported value: "explode": supported values: "killNode", "restoreNode", "cordon", "uncordon", "drain", "deleteNode", "addNode", "deletePod", "bindPod", "scale", "apply", "delete", "rollout", "patch", "label", "annotate"',
      'Error from server (NotFound): pods "ghost" not found',
      'pod default/p is already assigned to node "w1"',
      'Error from server (NotFound): pods "ghost" not found',
      'replicas: Invalid value: -1: must be a whole number ≥ 0',
      'scale: kind "DaemonSet" cannot be scaled (use Deployment, ReplicaSet, StatefulSet or ReplicationController)',
      'Error from server (NotFound): deployments.apps "ghost" not found',
      'The Deployment "web" is invalid: spec.replicas: Invalid value: 1000000000: the playground holds at most 100000',
      'Error from server (NotFound): nodes "ghost" not found',
      'Error from server (AlreadyExists): nodes "w1" already exists',
      'object.kind: Invalid value: "Pod": addNode takes a Node',
      expect.stringMatching(/^The Pod "q" is invalid: spec.containers\[0\].resources.requests.cpu: Invalid value: "lots": /),
      expect.stringMatching(/^The Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than/),
      'extra: unknown field "extra" for action cordon (fields: node)',
      'Error from server (NotFound): nodes "ghost" not found',
      expect.stringMatching(/^action: Unsupported value: "toString": supported values: "killNode", /),
      expect.stringMatching(/^action: Unsupported value: "__proto__": supported values: "killNode", /),
      'constructor: unknown field "constructor" for action cordon (fields: node)',
      'timeout: Invalid value: "soon": "soon" is not a duration (write e.g. "50s", "5m", "300ms", "1m30s")',
      'timeout: Invalid value: 60: must be a duration such as "60s"',
      'error: --pod-selector=<pod_selector> must be a valid label selector',
    ]);
    expect(JSON.stringify(s.objects())).toBe(before);
  });

  it('delegates drain to kubectl drain on the clock (which cordons first, as kubectl does)', () => {
    const s = sim([], [node('w1'), pod('bare', { nodeName: 'w1' })]);
    const r = s.dispatch({ action: 'drain', node: 'w1' });
    if (!r.ok && r.error === 'drain is not available yet') return; // drain.ts not wired in
    expect(s.store.get<Node>('Node', undefined, 'w1')!.spec!.unschedulable).toBe(true);
  });

  it('deletes and adds nodes; new nodes get registration defaults', () => {
    const s = sim();
    expect(s.dispatch({ action: 'deleteNode', node: 'w2' })).toEqual({ ok: true, messages: ['node "w2" deleted'] });
    expect(s.snapshot().nodes.map((n) => n.name)).toEqual(['w1']);
    expect(s.dispatch({ action: 'addNode', object: { metadata: { name: 'w3', labels: { zone: 'a' } } } as Node })).toEqual({ ok: true, messages: ['node/w3 created'] });
    const w3 = s.store.get<Node>('Node', undefined, 'w3')!;
    expect(w3.metadata.labels!['kubernetes.io/hostname']).toBe('w3');
    expect(w3.metadata.labels!.zone).toBe('a');
    expect(w3.status!.allocatable!.pods).toBe('110');
  });

  it('deletes pods gracefully, or at once with force', () => {
    const s = sim([], [node('w1'), pod('a', { nodeName: 'w1' }), pod('b', { nodeName: 'w1' })]);
    s.advanceTo(5_000);
    expect(s.dispatch({ action: 'deletePod', namespace: 'default', name: 'a' })).toEqual({ ok: true, messages: ['pod "a" deleted'] });
    expect(s.store.get<Pod>('Pod', 'default', 'a')!.metadata.deletionTimestamp).toBe('2026-01-01T00:00:35Z');
    const r = s.dispatch({ action: 'deletePod', namespace: 'default', name: 'b', force: true });
    expect(r).toEqual({ ok: true, messages: [expect.stringMatching(/^Warning: Immediate deletion/), 'pod "b" force deleted'] });
    expect(s.store.get('Pod', 'default', 'b')).toBeUndefined();
    // A force delete of a terminating pod removes it.
    s.dispatch({ action: 'deletePod', namespace: 'default', name: 'a', force: true });
    expect(s.store.list('Pod')).toEqual([]);
  });

  it('binds a pending pod by hand', () => {
    const s = sim([], [node('w1'), pod('p')]);
    expect(s.dispatch({ action: 'bindPod', namespace: 'default', name: 'p', node: 'w1' })).toEqual({ ok: true, messages: ['pod/p bound to node/w1'] });
    expect(s.snapshot().pods[0]).toMatchObject({ name: 'p', nodeName: 'w1', phase: 'Pending' });
  });

  it('scales Deployments, ReplicaSets and StatefulSets', () => {
    const s = sim([], [deployment('web', 2)]);
    expect(s.dispatch({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 5 })).toEqual({ ok: true, messages: ['deployment.apps/web scaled'] });
    const d = s.store.get<Workload>('Deployment', 'default', 'web')!;
    expect(d.spec.replicas).toBe(5);
    expect(d.metadata.generation).toBe(2);
  });

  it('refuses an update with a mismatched template and a changed selector with both causes, the spec error first (deployment strategy ValidateUpdate)', () => {
    const s = sim([], [deployment('web', 2)]);
    const before = JSON.stringify(s.store.get('Deployment', 'default', 'web'));
    const bad = deployment('web', 2);
    bad.spec.selector = { matchLabels: { app: 'other' } };
    expect(s.dispatch({ action: 'apply', object: bad })).toEqual({
      ok: false,
      error: [
        'The Deployment "web" is invalid: ',
        '* spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
        '* spec.selector: Invalid value: {"matchLabels":{"app":"other"}}: field is immutable',
      ].join('\n'),
    });
    // A new object with the same mismatch has no old selector to compare: one cause.
    const fresh = { ...bad, metadata: { name: 'api', namespace: 'default' } };
    expect(s.dispatch({ action: 'apply', object: fresh })).toEqual({
      ok: false,
      error: 'The Deployment "api" is invalid: spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    });
    expect(JSON.stringify(s.store.get('Deployment', 'default', 'web'))).toBe(before);
  });

  it('applies: creates, configures, leaves unchanged, keeps unknown kinds as they are', () => {
    const s = sim([], [deployment('web', 2)]);
    const changed = deployment('web', 3);
    expect(s.dispatch({ action: 'apply', object: changed })).toEqual({ ok: true, messages: ['deployment.apps/web configured'] });
    expect(s.dispatch({ action: 'apply', object: changed })).toEqual({ ok: true, messages: ['deployment.apps/web unchanged'] });
    const stored = s.store.get<Workload>('Deployment', 'default', 'web')!;
    expect(stored.spec.replicas).toBe(3);
    expect(stored.metadata.uid).toBeTruthy();
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { a: '1' } };
    expect(s.dispatch({ action: 'apply', object: cm })).toEqual({ ok: true, messages: ['configmap/cfg created'] });
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 3 }, weird: [1, 2] };
    s.dispatch({ action: 'apply', object: widget });
    expect(s.store.get('Widget', undefined, 'w')).toMatchObject({ spec: { size: 3 }, weird: [1, 2] });
    expect(s.dispatch({ action: 'apply', object: node('w9') })).toEqual({ ok: true, messages: ['node/w9 created'] });
    // Pods: an image change is allowed; the status is the server's.
    s.dispatch({ action: 'apply', object: pod('p') });
    const p2 = pod('p');
    p2.spec.containers[0].image = 'nginx:2';
    p2.status = { phase: 'Succeeded' };
    expect(s.dispatch({ action: 'apply', object: p2 })).toEqual({ ok: true, messages: ['pod/p configured'] });
    const p = s.store.get<Pod>('Pod', 'default', 'p')!;
    expect(p.spec.containers[0].image).toBe('nginx:2');
    expect(p.status!.phase).toBe('Pending');
    expect(p.spec.tolerations).toHaveLength(2);
  });

  it('kills and restores machines, telling power-aware components', () => {
    const spy = new Spy('spy', []);
    const s = sim([spy]);
    expect(s.dispatch({ action: 'killNode', node: 'w1' })).toEqual({ ok: true, messages: ['node/w1 powered off'] });
    expect(s.ctx.nodeUp('w1')).toBe(false);
    expect(s.ctx.nodeUp('w2')).toBe(true);
    expect(s.dispatch({ action: 'killNode', node: 'w1' })).toEqual({ ok: true, messages: ['node/w1 is already powered off'] });
    expect(s.snapshot().nodes.find((n) => n.name === 'w1')!.powered).toBe(false);
    expect(s.dispatch({ action: 'restoreNode', node: 'w1' })).toEqual({ ok: true, messages: ['node/w1 powered on'] });
    expect(s.dispatch({ action: 'restoreNode', node: 'w2' })).toEqual({ ok: true, messages: ['node/w2 is already running'] });
    expect(spy.power).toEqual(['w1:down', 'w1:up']);
  });

  it('re-registers a machine whose Node was deleted while it was off', () => {
    const spy = new Spy('spy', []);
    const s = sim([spy], [node('w1', { spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] } })]);
    s.dispatch({ action: 'killNode', node: 'w1' });
    s.dispatch({ action: 'deleteNode', node: 'w1' });
    expect(s.dispatch({ action: 'killNode', node: 'w1' })).toEqual({ ok: false, error: 'Error from server (NotFound): nodes "w1" not found' });
    s.advanceTo(60_000);
    expect(s.dispatch({ action: 'restoreNode', node: 'w1' })).toEqual({ ok: true, messages: ['node/w1 powered on'] });
    const w1 = s.store.get<Node>('Node', undefined, 'w1')!;
    // A Node created through the API gets TaintNodesAtCreation's not-ready taint (no node lifecycle controller here to lift it).
    expect(w1.spec!.taints).toEqual([{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]);
    expect(w1.metadata.creationTimestamp).toBe('2026-01-01T00:01:00Z');
    expect(w1.status!.allocatable).toEqual({ cpu: '2', memory: '4Gi', pods: '110' });
    expect(spy.power).toEqual(['w1:down', 'w1:up']);
    expect(s.dispatch({ action: 'restoreNode', node: 'never' })).toEqual({ ok: false, error: 'Error from server (NotFound): nodes "never" not found' });
  });
});

describe('Simulation: timeline, snapshot, determinism', () => {
  it('fires timeline commands at their time and logs every command', () => {
    const s = sim([], [node('w1'), node('w2')], [
      { at: 30_000, action: 'killNode', node: 'w2' },
      { at: 10_000, action: 'cordon', node: 'w1' },
      { at: 20_000, action: 'cordon', node: 'ghost' },
    ]);
    s.advanceTo(15_000);
    expect(s.snapshot().nodes.map((n) => [n.name, n.unschedulable, n.powered])).toEqual([
      ['w1', true, true],
      ['w2', false, true],
    ]);
    s.advanceTo(30_000);
    expect(s.nodeUp('w2')).toBe(false);
    s.dispatch({ action: 'uncordon', node: 'w1' });
    expect(s.commands().map((c) => [c.time, c.source, c.command.action, c.result.ok])).toEqual([
      [10_000, 'timeline', 'cordon', true],
      [20_000, 'timeline', 'cordon', false],
      [30_000, 'timeline', 'killNode', true],
      [30_000, 'dispatch', 'uncordon', true],
    ]);
  });

  it('snapshots nodes and pods as plain data', () => {
    const s = sim([new Toy()], [node('w1'), deployment('web', 2)]);
    s.advanceTo(2_000);
    const snap = s.snapshot();
    expect(snap.time).toBe(2_000);
    expect(snap.nodes).toEqual([
      {
        name: 'w1',
        ready: 'Unknown',
        status: 'Unknown',
        unschedulable: false,
        taints: [],
        conditions: [],
        powered: true,
        labels: { 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': 'w1', 'kubernetes.io/os': 'linux' },
      },
    ]);
    expect(snap.pods).toHaveLength(2);
    expect(snap.pods[0]).toMatchObject({ namespace: 'default', phase: 'Running', nodeName: 'w1', deletionTimestamp: null, ready: true, owner: { kind: 'Deployment', name: 'web' } });
    expect(snap.pods[0].name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
  });

  it('runs work a dispatched command causes at the same instant before returning', () => {
    const s = sim([new Toy()], [node('w1')]);
    s.advanceTo(1_000);
    s.dispatch({ action: 'apply', object: deployment('web', 1) });
    // The Toy reconciles every 10 s, so nothing yet; a zero-delay reaction would already have run.
    expect(s.store.count('Pod')).toBe(0);
    s.advanceTo(10_000);
    expect(s.store.count('Pod')).toBe(1);
  });

  it('is deterministic: same objects, timeline and seed give identical JSON', () => {
    const runOnce = (seed: number) => {
      const s = createSimulation({ seed, components: [new Toy()], controlPlane: { podStartDelay: '2s' } });
      s.load(
        [node('w1'), node('w2'), node('w3'), deployment('web', 4), deployment('api', 3)],
        [
          { at: 15_000, action: 'killNode', node: 'w2' },
          { at: 25_000, action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 7 },
          { at: 35_000, action: 'deletePod', namespace: 'default', name: 'web-xxxxx' },
        ],
      );
      s.advanceTo(60_000);
      return JSON.stringify({ time: s.time, events: s.events(), objects: s.objects() });
    };
    const a = runOnce(7);
    expect(runOnce(7)).toBe(a);
    expect(runOnce(8)).not.toBe(a);
    expect(JSON.parse(a).objects.filter((o: KubeObject) => o.kind === 'Pod')).toHaveLength(10);
  });
});
