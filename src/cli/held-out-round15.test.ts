/**
 * Held-out timelines (round 15), each a scenario in ./run-cases played through `podscape run FILE
 * --until T --output json` and checked against upstream (shared/reference/lifecycle.md §n, and
 * upstream source where the reference is silent, named in each fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, one, pods, run, s, ts } from './held-out';
import { cli, tempFiles } from './testing';

const NOT_READY_MESSAGE = '[container runtime status check may not have completed yet, network state unknown]';

describe('a Node that joins mid-run: first status Ready=False, the not-ready taints, then Ready', () => {
  const at = (until: string) => run('new-node-first-status.yaml', until);
  const node = (until: string) => obj(at(until), 'Node', 'worker-2')!;
  const webPods = (until: string) => pods(at(until)).filter((p) => p.metadata.name.startsWith('web-'));

  it('registers with Ready=False KubeletNotReady and the not-ready:NoSchedule taint from admission', () => {
    const n = node('32500ms');
    expect(condition(n, 'Ready')).toMatchObject({ status: 'False', reason: 'KubeletNotReady', message: NOT_READY_MESSAGE });
    expect(ts(condition(n, 'Ready')!.lastTransitionTime)).toBe(s(32));
    for (const t of ['MemoryPressure', 'DiskPressure', 'PIDPressure']) expect(condition(n, t)?.status, t).toBe('False');
    expect(n.spec?.taints).toEqual([{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]);
    // Nothing lands on it yet: the Pending web pod and the DaemonSet both wait for the taint to go.
    expect(webPods('32500ms').filter((p) => p.spec?.nodeName === 'worker-2')).toEqual([]);
    expect(pods(at('32500ms')).filter((p) => p.spec?.nodeName === 'worker-2')).toEqual([]);
    expect(events(at('32500ms'), 'RegisteredNode', 'Node//worker-2')).toEqual([]);
  });

  it('kubelet events: Starting, NodeAllocatableEnforced, NodeHas* at 32 s, no NodeNotReady, NodeReady at 33 s', () => {
    const d = at('1m');
    const mine = d.events.filter((e) => e.object === 'Node//worker-2' && e.source === 'kubelet');
    expect(mine.map((e) => [e.reason, e.time])).toEqual([
      ['Starting', s(32)],
      ['NodeAllocatableEnforced', s(32)],
      ['NodeHasSufficientMemory', s(32)],
      ['NodeHasNoDiskPressure', s(32)],
      ['NodeHasSufficientPID', s(32)],
      ['NodeReady', s(33)],
    ]);
    expect(one(d, 'NodeReady', 'Node//worker-2').message).toBe('Node worker-2 status is now: NodeReady');
    expect(events(d, 'NodeNotReady')).toEqual([]);
    const reg = one(d, 'RegisteredNode', 'Node//worker-2');
    expect([reg.time, reg.source, reg.message]).toEqual([s(35), 'node-controller', 'Node worker-2 event: Registered Node worker-2 in Controller']);
  });

  it('Ready at 33 s removes the taint; the DaemonSet pod and the Pending web pod land then; no NoExecute taint', () => {
    const d = at('1m');
    const n = node('1m');
    expect(condition(n, 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' });
    expect(ts(condition(n, 'Ready')!.lastTransitionTime)).toBe(s(33));
    expect(n.spec?.taints ?? []).toEqual([]);
    const agent = pods(d).find((p) => p.metadata.name.startsWith('agent-') && p.spec?.nodeName === 'worker-2')!;
    expect(ts(agent.metadata.creationTimestamp)).toBe(s(33));
    const moved = webPods('1m').find((p) => p.spec?.nodeName === 'worker-2')!;
    expect(one(d, 'Scheduled', `Pod/default/${moved.metadata.name}`).time).toBe(s(33));
    expect(moved.status?.phase).toBe('Running');
    expect(events(d, 'TaintManagerEviction')).toEqual([]);
  });
});

describe('a Node whose kubelet needs 12 s: the NoExecute not-ready taint through the queue, and its cancelled eviction', () => {
  const at = (until: string) => run('new-node-slow-ready.yaml', until);

  it('the pass at 35 s queues it: not-ready:NoExecute with timeAdded 35 s beside the NoSchedule taint', () => {
    const n = obj(at('40s'), 'Node', 'worker-2')!;
    expect(condition(n, 'Ready')?.status).toBe('False');
    expect(n.spec?.taints).toEqual([
      { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: '2026-01-01T00:00:35Z' },
    ]);
    expect(one(at('40s'), 'RegisteredNode', 'Node//worker-2').time).toBe(s(35));
  });

  it('Ready at 44 s; the NoSchedule taint goes then, the NoExecute one at the 45 s pass; the web pod bound at 44 s sees its deletion cancelled', () => {
    const d = at('1m');
    expect(one(d, 'NodeReady', 'Node//worker-2').time).toBe(s(44));
    expect(events(d, 'NodeNotReady')).toEqual([]);
    expect(obj(at('44500ms'), 'Node', 'worker-2')!.spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/not-ready:NoExecute']);
    expect(obj(d, 'Node', 'worker-2')!.spec?.taints ?? []).toEqual([]);
    const moved = pods(d).find((p) => p.metadata.name.startsWith('web-') && p.spec?.nodeName === 'worker-2')!;
    expect(one(d, 'Scheduled', `Pod/default/${moved.metadata.name}`).time).toBe(s(44));
    const cancel = events(d, 'TaintManagerEviction');
    expect(cancel.map((e) => [e.time, e.object, e.message, e.source])).toEqual([
      [s(45), `Pod/default/${moved.metadata.name}`, `Cancelling deletion of Pod default/${moved.metadata.name}`, 'taint-eviction-controller'],
    ]);
    expect(moved.metadata.deletionTimestamp).toBeUndefined();
    const agent = pods(d).find((p) => p.metadata.name.startsWith('agent-') && p.spec?.nodeName === 'worker-2')!;
    expect(ts(agent.metadata.creationTimestamp)).toBe(s(44));
  });
});

describe('delete with propagationPolicy Orphan and Foreground (kubectl --cascade=orphan|foreground)', () => {
  const at = (until: string) => run('delete-cascade.yaml', until);
  const rsOf = (until: string, app: string) => at(until).objects.find((o) => o.kind === 'ReplicaSet' && o.metadata.name.startsWith(`${app}-`));
  const podsOf = (until: string, app: string) => pods(at(until)).filter((p) => p.metadata.name.startsWith(`${app}-`));
  type Meta = { finalizers?: string[]; deletionTimestamp?: string; deletionGracePeriodSeconds?: number };
  const meta = (o: { metadata: unknown } | undefined) => o?.metadata as Meta | undefined;

  it('kubectl prints `deployment.apps "<name>" deleted` for both', () => {
    expect(at('80s').kubectl.filter((l) => l.action === 'delete').map((l) => [l.time, l.stream, l.text])).toEqual([
      [s(20), 'stdout', 'deployment.apps "keep" deleted'],
      [s(20), 'stdout', 'deployment.apps "fg" deleted'],
    ]);
  });

  it('Orphan: the Deployment goes at once; its ReplicaSet stays without ownerReferences and still replaces a deleted pod', () => {
    expect(obj(at('25s'), 'Deployment', 'keep')).toBeUndefined();
    const rs = rsOf('25s', 'keep')!;
    expect(rs.metadata.ownerReferences).toBeUndefined();
    expect(meta(rs)?.deletionTimestamp).toBeUndefined();
    expect(podsOf('25s', 'keep').map((p) => [p.metadata.deletionTimestamp, p.metadata.ownerReferences?.map((r) => `${r.kind}/${r.name}`)])).toEqual([
      [undefined, [`ReplicaSet/${rs.metadata.name}`]],
      [undefined, [`ReplicaSet/${rs.metadata.name}`]],
    ]);
    const created = events(at('80s'), 'SuccessfulCreate', `ReplicaSet/default/${rs.metadata.name}`);
    expect(created.map((e) => e.lastTime).filter((x) => x > 0)).toEqual([s(30)]);
    expect(podsOf('80s', 'keep').filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(2);
  });

  it('Foreground: Deployment and ReplicaSet keep a deletionTimestamp and the foregroundDeletion finalizer while a pod on the dead node is Terminating', () => {
    const d = at('80s');
    const dep = obj(d, 'Deployment', 'fg');
    const rs = rsOf('80s', 'fg');
    for (const o of [dep, rs]) {
      expect(meta(o)).toMatchObject({ finalizers: ['foregroundDeletion'], deletionGracePeriodSeconds: 0 });
      expect(ts(meta(o)!.deletionTimestamp)).toBe(s(20));
    }
    const left = podsOf('80s', 'fg');
    expect(left.map((p) => [p.spec?.nodeName, ts(p.metadata.deletionTimestamp)])).toEqual([['worker-2', s(50)]]);
    expect(podsOf('25s', 'fg').map((p) => p.spec?.nodeName)).toEqual(['worker-2']);
    // No replacement for a ReplicaSet being deleted, no scaling by the Deployment.
    expect(events(d, 'SuccessfulCreate', `ReplicaSet/default/${rs!.metadata.name}`).map((e) => e.lastTime)).toEqual([0, 0]);
    expect(events(d, 'ScalingReplicaSet', 'Deployment/default/fg')).toHaveLength(1);
  });

  it('Foreground: once the node is back and the pod gone, the ReplicaSet and then the Deployment go', () => {
    expect(obj(at('92s'), 'Deployment', 'fg')).toBeUndefined();
    expect(rsOf('92s', 'fg')).toBeUndefined();
    expect(podsOf('92s', 'fg')).toEqual([]);
    expect(obj(at('92s'), 'Deployment', 'keep')).toBeUndefined();
    expect(rsOf('92s', 'keep')).toBeDefined();
  });

  it('an unknown policy is refused at load, naming the field', () => {
    const r = cli('run', tempFiles('podscape-r15-')('bad.yaml', 'apiVersion: podscape.dev/v1alpha1\nkind: Scenario\nmetadata: {name: x}\nspec:\n  timeline:\n    - {at: 1s, action: delete, kind: Deployment, name: web, propagationPolicy: orphan}\n'), '--until', '2s');
    expect(r.code).toBe(2);
    expect(r.err).toContain('spec.timeline[0].propagationPolicy: Unsupported value: "orphan": supported values: "Background", "Foreground", "Orphan"');
  });
});

describe('ReplicaSet scale-down with pods on a dead node and pod-deletion-cost (ActivePodsWithRanks.Less)', () => {
  const at = (until: string) => run('scale-down-dead-node.yaml', until);
  const deleted = (until: string) => events(at(until), 'SuccessfulDelete', 'ReplicaSet/default/web').map((e) => [e.time, e.message]);

  it('a metadata-only apply annotates the live Pod (kubectl apply patches what the manifest names)', () => {
    // apply17: the pods were created by their ReplicaSet, not by kubectl apply, so kubectl first warns that the
    // last-applied annotation is missing (on stderr) and the patch adds it (kubectl's apply.go).
    const warn = (pod: string) => `Warning: resource pods/${pod} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`;
    expect(at('2m').kubectl.filter((l) => l.action === 'apply').map((l) => [l.time, l.stream, l.text])).toEqual([
      [s(80), 'stderr', warn('web-cqfxn')],
      [s(80), 'stdout', 'pod/web-cqfxn configured'],
      [s(100), 'stderr', warn('web-jnx28')],
      [s(100), 'stdout', 'pod/web-jnx28 configured'],
    ]);
    const p = obj(at('85s'), 'Pod', 'web-cqfxn') as unknown as { metadata: { annotations?: Record<string, string> }; spec: { containers: unknown[] } };
    const { 'kubectl.kubernetes.io/last-applied-configuration': last, ...others } = p.metadata.annotations ?? {};
    expect(others).toEqual({ 'controller.kubernetes.io/pod-deletion-cost': '-100' });
    expect(JSON.parse(last).metadata).toEqual({ annotations: { 'controller.kubernetes.io/pod-deletion-cost': '-100' }, name: 'web-cqfxn', namespace: 'default' });
    expect(p.spec.containers).toHaveLength(1);
  });

  it('6 → 3: both not-ready pods on the dead worker-2 first, then the lowest deletion cost', () => {
    expect(deleted('2m').slice(0, 3)).toEqual([
      [s(90), 'Deleted pod: web-57x27'],
      [s(90), 'Deleted pod: web-q8zmr'],
      [s(90), 'Deleted pod: web-cqfxn'],
    ]);
    const d = at('2m');
    for (const n of ['web-57x27', 'web-q8zmr']) {
      const p = obj(d, 'Pod', n)!;
      expect([p.spec?.nodeName, ts(p.metadata.deletionTimestamp), condition(p, 'Ready')?.status]).toEqual(['worker-2', s(120), 'False']);
    }
    expect(obj(d, 'Pod', 'web-cqfxn')).toBeUndefined();
    // Counted out at once: replicas follows the scale while the two stay Terminating on the dead node.
    expect(obj(d, 'ReplicaSet', 'web')?.status).toMatchObject({ replicas: 2, readyReplicas: 2, terminatingReplicas: 2 });
  });

  it('3 → 2: deletion cost (rule 4) beats the doubled-up worker-1 pods (rule 5)', () => {
    expect(deleted('2m').slice(3)).toEqual([[s(110), 'Deleted pod: web-jnx28']]);
    expect(pods(at('2m')).filter((p) => !p.metadata.deletionTimestamp).map((p) => p.spec?.nodeName)).toEqual(['worker-1', 'worker-1']);
  });
});

describe('DaemonSet rolling update with maxSurge 1 through a dead node (update.go surge path)', () => {
  const at = (until: string) => run('daemonset-surge.yaml', until);
  const agents = (until: string) => pods(at(until)).filter((p) => p.metadata.name.startsWith('agent-'));
  const image = (p: { spec?: Record<string, unknown> }) => (p.spec?.containers as { image: string }[])[0].image;
  const podOn = (until: string, node: string, img: string) => agents(until).find((p) => p.spec?.nodeName === node && image(p) === img)!;

  it('80 s: the dead node\'s unavailable pod is deleted, one surge pod beside worker-1\'s old pod; 81 s: that old pod goes and worker-2 surges; 82 s: done', () => {
    const d = at('3m');
    const rows = d.events.filter((e) => e.object === 'DaemonSet/default/agent' && e.time > 0).map((e) => [e.time, e.reason, e.message]);
    const dead = podOn('80500ms', 'worker-3', 'agent:1').metadata.name;
    const [old1, old2] = ['worker-1', 'worker-2'].map((n) => podOn('80500ms', n, 'agent:1').metadata.name);
    const [new1, new2] = ['worker-1', 'worker-2'].map((n) => podOn('3m', n, 'agent:2').metadata.name);
    expect(rows).toEqual([
      [s(80), 'SuccessfulCreate', `Created pod: ${new1}`],
      [s(80), 'SuccessfulDelete', `Deleted pod: ${dead}`],
      [s(81), 'SuccessfulDelete', `Deleted pod: ${old1}`],
      [s(81), 'SuccessfulCreate', `Created pod: ${new2}`],
      [s(82), 'SuccessfulDelete', `Deleted pod: ${old2}`],
    ]);
    // Never more than one node with two pods (maxSurge 1).
    const live = agents('80500ms').filter((p) => !p.metadata.deletionTimestamp);
    expect(live.map((p) => `${p.spec?.nodeName} ${image(p)}`).sort()).toEqual(['worker-1 agent:1', 'worker-1 agent:2', 'worker-2 agent:1']);
  });

  it('ends with the updated pods on worker-1/2, the old one Terminating on the dead worker-3 and none created there', () => {
    const d = at('3m');
    expect(agents('3m').map((p) => [p.spec?.nodeName, image(p), !!p.metadata.deletionTimestamp]).sort()).toEqual([
      ['worker-1', 'agent:2', false],
      ['worker-2', 'agent:2', false],
      ['worker-3', 'agent:1', true],
    ]);
    expect(obj(d, 'DaemonSet', 'agent')?.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 2, numberMisscheduled: 1 });
  });
});
