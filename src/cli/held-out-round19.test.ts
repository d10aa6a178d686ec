/**
 * Held-out timelines (round 19), each a scenario in ./run-cases played through `podscape run FILE
 * --until T --output json` and checked against upstream (the upstream source is named in each
 * fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, pods, run, s, ts } from './held-out';

describe('a Node deleted under a running kubelet, then created again with kubectl apply (node-recreated-live.yaml)', () => {
  const at = (until: string) => run('node-recreated-live.yaml', until);
  const kubeletRows = (until: string) => at(until).events.filter((e) => e.object === 'Node//worker-2' && e.source === 'kubelet' && e.lastTime > s(1));

  it('the kubelet does not register again: no Starting, NodeAllocatableEnforced or NodeReady; its next status sync (60 s) records the three NodeHas* only', () => {
    const rows = kubeletRows('150s');
    expect(rows.map((e) => e.reason).sort()).toEqual(['NodeHasNoDiskPressure', 'NodeHasSufficientMemory', 'NodeHasSufficientPID']);
    // The kubelet's events name the node by name (UID = name), so they fold into the rows of its start.
    for (const e of rows) expect(e, e.reason).toMatchObject({ type: 'Normal', count: 2, firstTime: 0, lastTime: s(60) });
  });

  it('the status patch on the new object: Ready True from 60 s (the runtime was up all along), the machine\'s capacity, no Rebooted; RegisteredNode as a new row at 55 s', () => {
    const before = obj(at('59s'), 'Node', 'worker-2')!;
    expect(before.status?.conditions ?? []).toEqual([]);
    // TaintNodesAtCreation's not-ready:NoSchedule is gone at once: doNoScheduleTaintingPass maps no
    // condition to it, so it deletes it (node_lifecycle_controller.go).
    expect(before.spec?.taints ?? []).toEqual([]);
    const node = obj(at('150s'), 'Node', 'worker-2')!;
    expect(condition(node, 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(ts(condition(node, 'Ready')!.lastTransitionTime)).toBe(s(60));
    for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure']) expect(ts(condition(node, type)!.lastTransitionTime), type).toBe(s(60));
    expect(node.status?.capacity).toMatchObject({ cpu: '4', memory: '8Gi', pods: '110' });
    expect(node.spec?.taints ?? []).toEqual([]);
    expect(events(at('150s'), 'Rebooted')).toEqual([]);
    expect(events(at('150s'), 'RegisteredNode', 'Node//worker-2').map((e) => [e.firstTime, e.count])).toEqual([
      [0, 1],
      [s(55), 1],
    ]);
  });

  it('no eviction is scheduled for the pods (no NoExecute taint before the startup grace), PodGC finds the Node at 80 s: the db pod and the daemon pod there run on, never killed', () => {
    const d = at('150s');
    expect(events(d, 'TaintManagerEviction')).toEqual([]);
    expect(events(d, 'Killing')).toEqual([]);
    const mine = pods(d).filter((p) => p.spec?.nodeName === 'worker-2');
    expect(mine.map((p) => p.metadata.name.replace(/-[a-z0-9]{5}$/, '').replace(/^db-\d$/, 'db')).sort()).toEqual(['agent', 'db']);
    for (const p of mine) {
      expect(ts(p.metadata.creationTimestamp), p.metadata.name).toBeLessThan(s(5));
      expect(p.status?.phase).toBe('Running');
      expect((p.status?.containerStatuses as { restartCount: number }[])[0].restartCount).toBe(0);
    }
  });

  it("the Lease, created again at 30 s without an owner, gets the new Node as owner at the lease controller's next renewal (60 s)", () => {
    type Lease = { metadata: { creationTimestamp?: string; ownerReferences?: { uid?: string }[] }; spec?: { renewTime?: string } };
    const early = obj(at('59s'), 'Lease', 'worker-2') as Lease | undefined;
    expect(ts(early?.metadata.creationTimestamp)).toBe(s(30));
    expect(early?.metadata.ownerReferences).toBeUndefined();
    const d = at('60s');
    const lease = obj(d, 'Lease', 'worker-2') as Lease | undefined;
    expect(lease?.metadata.ownerReferences?.map((o) => o.uid)).toEqual([obj(d, 'Node', 'worker-2')!.metadata.uid]);
    expect(ts(lease?.spec?.renewTime)).toBe(s(60));
  });
});

describe('a foreground deletion bumps the generation of every kind that has one (foreground-generation.yaml)', () => {
  const at = (until: string) => run('foreground-generation.yaml', until);
  const meta = (d: ReturnType<typeof run>, kind: string, name?: string) => {
    const o = name ? obj(d, kind, name) : d.objects.find((x) => x.kind === kind);
    return [(o?.metadata as { generation?: number } | undefined)?.generation, o?.status?.observedGeneration];
  };

  it('before the delete: generation 1, observed 1', () => {
    const d = at('19s');
    expect([meta(d, 'Deployment', 'web'), meta(d, 'ReplicaSet'), meta(d, 'StatefulSet', 'db'), meta(d, 'DaemonSet', 'agent')]).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
  });

  it("marked for deletion (markAsDeleting): generation 2 for each; the Deployment, ReplicaSet and StatefulSet controllers' status writes observe it, the DaemonSet's (no status while deleting) does not", () => {
    const d = at('40s');
    for (const kind of ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']) {
      const o = d.objects.find((x) => x.kind === kind)!;
      expect(o.metadata.deletionTimestamp, kind).toBeDefined();
      expect((o.metadata as { finalizers?: string[] }).finalizers, kind).toEqual(['foregroundDeletion']);
    }
    expect([meta(d, 'Deployment', 'web'), meta(d, 'ReplicaSet'), meta(d, 'StatefulSet', 'db'), meta(d, 'DaemonSet', 'agent')]).toEqual([
      [2, 2],
      [2, 2],
      [2, 2],
      [2, 1],
    ]);
  });

  it('worker-2 back at 100 s: the pods finish and every owner goes', () => {
    const d = at('130s');
    expect(d.objects.filter((o) => ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Pod'].includes(o.kind))).toEqual([]);
    expect(pods(at('99s')).map((p) => p.spec?.nodeName)).toEqual(['worker-2', 'worker-2', 'worker-2']);
  });
});

describe('matchLabelKeys and mismatchLabelKeys merged into the selectors at pod creation, through a rollout next to a dead node (match-label-keys-rollout.yaml)', () => {
  const at = (until: string) => run('match-label-keys-rollout.yaml', until);
  type Sel = { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  const hash = (p: { metadata: { name: string } }) => p.metadata.name.split('-').slice(-2, -1)[0];

  it("the API server appends `key In [value]` (matchLabelKeys) and `key NotIn [value]` (mismatchLabelKeys) for the labels the pod has, to affinity and topology spread terms alike", () => {
    const d = at('5s');
    for (const p of pods(d).filter((x) => x.metadata.name.startsWith('web-'))) {
      const term = (p.spec?.affinity as { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { labelSelector: Sel; matchLabelKeys: string[] }[] } }).podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0];
      expect(term.labelSelector, p.metadata.name).toEqual({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'pod-template-hash', operator: 'In', values: [hash(p)] }] });
      expect(term.matchLabelKeys).toEqual(['pod-template-hash']);
    }
    for (const p of pods(d).filter((x) => x.metadata.name.startsWith('spread-'))) {
      const c = (p.spec?.topologySpreadConstraints as { labelSelector: Sel }[])[0];
      expect(c.labelSelector, p.metadata.name).toEqual({ matchLabels: { app: 'spread' }, matchExpressions: [{ key: 'pod-template-hash', operator: 'In', values: [hash(p)] }] });
    }
    const plain = obj(d, 'Pod', 'plain')!;
    const term = (plain.spec?.affinity as { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: { podAffinityTerm: { labelSelector: Sel } }[] } }).podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm;
    expect(term.labelSelector).toEqual({ matchLabels: { app: 'plain' }, matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['a'] }] });
  });

  it('the surge pod of the new revision lands beside an old pod (its anti-affinity counts its own revision only), never on the tainted node-3', () => {
    const d = at('101s');
    const fresh = pods(d).filter((p) => p.metadata.name.startsWith('web-') && ts(p.metadata.creationTimestamp) === s(100));
    expect(fresh).toHaveLength(1);
    expect(['node-1', 'node-2']).toContain(fresh[0].spec?.nodeName);
    expect(events(d, 'FailedScheduling').filter((e) => e.firstTime >= s(100))).toEqual([]);
  });

  it('the third new pod finds no node: two hold new pods, node-3 is tainted; the rollout waits with one old pod kept (maxUnavailable 0)', () => {
    const d = at('200s');
    const web = pods(d).filter((p) => p.metadata.name.startsWith('web-') && !p.metadata.deletionTimestamp);
    const newHash = hash(web.find((p) => ts(p.metadata.creationTimestamp) === s(100))!);
    const fresh = web.filter((p) => hash(p) === newHash);
    expect(fresh.map((p) => p.spec?.nodeName ?? '').sort()).toEqual(['', 'node-1', 'node-2']);
    const pending = fresh.find((p) => !p.spec?.nodeName)!;
    expect(events(d, 'FailedScheduling', `Pod/default/${pending.metadata.name}`)[0]?.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn\'t match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
    const old = web.filter((p) => hash(p) !== newHash);
    expect(old).toHaveLength(1);
    expect(old[0].status?.phase).toBe('Running');
    expect(obj(d, 'Deployment', 'web')?.status).toMatchObject({ replicas: 4, updatedReplicas: 3, availableReplicas: 3, unavailableReplicas: 1 });
  });
});

describe('PodTopologySpread after a zone loss: nodeTaintsPolicy and minDomains (spread-zone-loss.yaml)', () => {
  const d = () => run('spread-zone-loss.yaml', '420s');
  const UNSCHEDULABLE =
    "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match pod topology spread constraints. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.";
  const replacement = (app: string) => pods(d()).find((p) => p.metadata.name.startsWith(`${app}-`) && ts(p.metadata.creationTimestamp) > s(300))!;

  it('the pods on node-c are deleted at 365.1 s (300 s tolerations after the NoExecute taint of 65.1 s) and replaced at once', () => {
    const evicted = events(d(), 'TaintManagerEviction').filter((e) => e.message.startsWith('Marking'));
    expect(evicted.map((e) => e.object.split('/')[2].split('-')[0]).sort()).toEqual(['honor', 'ignore', 'mind']);
    for (const e of evicted) expect(e.firstTime).toBe(s(365.1));
    for (const app of ['ignore', 'honor', 'mind']) expect(ts(replacement(app).metadata.creationTimestamp), app).toBe(s(365));
  });

  it('nodeTaintsPolicy Ignore: the tainted zone counts with 0 pods, so no zone is allowed', () => {
    const p = replacement('ignore');
    expect(p.spec?.nodeName).toBeUndefined();
    expect(events(d(), 'FailedScheduling', `Pod/default/${p.metadata.name}`)[0]).toMatchObject({ type: 'Warning', message: UNSCHEDULABLE, firstTime: s(365.1) });
  });

  it('nodeTaintsPolicy Honor: the tainted zone is no domain, the replacement goes to zone-a or zone-b; with minDomains 3 two domains are too few', () => {
    const honor = replacement('honor');
    expect(['node-a', 'node-b']).toContain(honor.spec?.nodeName);
    expect(events(d(), 'FailedScheduling', `Pod/default/${honor.metadata.name}`)).toEqual([]);
    const mind = replacement('mind');
    expect(mind.spec?.nodeName).toBeUndefined();
    expect(events(d(), 'FailedScheduling', `Pod/default/${mind.metadata.name}`)[0]?.message).toBe(UNSCHEDULABLE);
  });
});

describe('non-graceful node shutdown to the end: the out-of-service taint, the machine back, the taint removed (out-of-service-restore.yaml)', () => {
  const at = (until: string) => run('out-of-service-restore.yaml', until);
  const onWorker2 = (until: string) => pods(at(until)).filter((p) => p.spec?.nodeName === 'worker-2');

  it("the taint deletes both pods at 100 s; PodGC's 120 s pass force-deletes them; db-1 is created again on worker-1 at 120 s", () => {
    const d = at('150s');
    expect(events(d, 'TaintManagerEviction').filter((e) => e.message.startsWith('Marking')).map((e) => [e.object.replace(/-[a-z0-9]{5}$/, ''), e.firstTime])).toEqual([
      ['Pod/default/agent', s(100)],
      ['Pod/default/db-1', s(100)],
    ]);
    expect(onWorker2('119s')).toHaveLength(2);
    expect(onWorker2('120s')).toEqual([]);
    const db1 = obj(d, 'Pod', 'db-1')!;
    expect([ts(db1.metadata.creationTimestamp), db1.spec?.nodeName, db1.status?.phase]).toEqual([s(120), 'worker-1', 'Running']);
  });

  it('back at 200 s: Ready, the unreachable taints lifted, the out-of-service taint kept, so no daemon pod there (desired 1)', () => {
    const d = at('290s');
    const node = obj(d, 'Node', 'worker-2')!;
    expect(condition(node, 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(node.spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/out-of-service:NoExecute']);
    expect(onWorker2('290s')).toEqual([]);
    expect(obj(d, 'DaemonSet', 'agent')?.status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 0 });
  });

  it('the taint removed at 300 s: the daemon pod is created on worker-2 at once; db-1 stays on worker-1', () => {
    const d = at('330s');
    const daemon = onWorker2('330s');
    expect(daemon.map((p) => [p.metadata.name.replace(/-[a-z0-9]{5}$/, ''), ts(p.metadata.creationTimestamp), p.status?.phase])).toEqual([['agent', s(300), 'Running']]);
    expect(obj(d, 'DaemonSet', 'agent')?.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2 });
    expect(obj(d, 'Pod', 'db-1')?.spec?.nodeName).toBe('worker-1');
  });
});

describe('a surge pod bound to a node that then dies, and the progress deadline (rollout-surge-dead-node.yaml)', () => {
  const at = (until: string) => run('rollout-surge-dead-node.yaml', until);
  const web = (d: ReturnType<typeof run>) => obj(d, 'Deployment', 'web')!;

  it('the surge pod stays Pending on worker-2 with only PodScheduled and gets no NodeNotReady; the old pods there do', () => {
    const d = at('100s');
    const surge = pods(d).find((p) => ts(p.metadata.creationTimestamp) === s(25))!;
    expect([surge.spec?.nodeName, surge.status?.phase, surge.status?.conditions?.map((c) => c.type)]).toEqual(['worker-2', 'Pending', ['PodScheduled']]);
    const notReady = events(d, 'NodeNotReady').filter((e) => e.object.startsWith('Pod/')).map((e) => e.object.slice('Pod/default/'.length));
    const oldOnWorker2 = pods(d).filter((p) => p.spec?.nodeName === 'worker-2' && p !== surge).map((p) => p.metadata.name);
    expect(notReady.sort()).toEqual(oldOnWorker2.sort());
    expect(oldOnWorker2).toHaveLength(2);
  });

  it('ProgressDeadlineExceeded at 86 s (lastUpdateTime 25 s + 60 s + 1 s), with availableReplicas 2 and unavailableReplicas 3', () => {
    const before = condition(web(at('85s')), 'Progressing')!;
    expect([before.status, before.reason]).toEqual(['True', 'ReplicaSetUpdated']);
    const d = at('86s');
    const rsName = pods(d).find((p) => ts(p.metadata.creationTimestamp) === s(25))!.metadata.name.replace(/-[a-z0-9]{5}$/, '');
    expect(condition(web(d), 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rsName}" has timed out progressing.` });
    expect(ts(condition(web(d), 'Progressing')!.lastTransitionTime)).toBe(s(86));
    expect(web(d).status).toMatchObject({ replicas: 5, updatedReplicas: 1, availableReplicas: 2, unavailableReplicas: 3 });
    expect(condition(web(d), 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
  });

  it('after the taint manager deletes the pods on worker-2 (375.1 s) the rollout moves again and completes', () => {
    const d = at('420s');
    expect(events(d, 'TaintManagerEviction').map((e) => e.firstTime)).toEqual([s(375.1), s(375.1), s(375.1)]);
    const progressing = condition(web(d), 'Progressing')!;
    expect([progressing.status, progressing.reason]).toEqual(['True', 'NewReplicaSetAvailable']);
    expect(ts(progressing.lastTransitionTime)).toBeGreaterThan(s(375));
    expect(web(d).status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4, unavailableReplicas: 0 });
  });
});
