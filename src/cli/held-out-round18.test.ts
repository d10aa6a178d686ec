/**
 * Held-out timelines (round 18), each a scenario in ./run-cases played through `podscape run FILE
 * --until T --output json` and checked against upstream (the upstream source is named in each
 * fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, pods, run, s, ts, type Obj } from './held-out';

const pdbStatus = (d: ReturnType<typeof run>, name: string) => {
  const st = obj(d, 'PodDisruptionBudget', name)?.status ?? {};
  return [st.expectedPods, st.desiredHealthy, st.currentHealthy, st.disruptionsAllowed];
};

describe('PodDisruptionBudget selectors: empty, nil, overlapping (pdb-selectors.yaml)', () => {
  const at = (until: string) => run('pdb-selectors.yaml', until);

  it('percentages scale from the Deployment and round up; a nil selector matches no pod (NoPods)', () => {
    const d = at('20s');
    expect(pdbStatus(d, 'web-pct')).toEqual([5, 3, 5, 2]);
    expect(pdbStatus(d, 'web-min')).toEqual([5, 3, 5, 2]);
    expect(condition(obj(d, 'PodDisruptionBudget', 'web-pct'), 'DisruptionAllowed')).toMatchObject({ status: 'True', reason: 'SufficientPods' });
    expect(pdbStatus(d, 'none')).toEqual([0, 1, 0, 0]);
    expect(events(d, 'NoPods', 'PodDisruptionBudget/team/none')[0]).toMatchObject({ type: 'Normal', message: 'No matching pods found' });
  });

  it('a budget syncs on its own and its pods\' changes only (no handlers on workloads): the nil-selector NoPods rows stop at 0 s', () => {
    const d = at('60s');
    const rows = events(d, 'NoPods', 'PodDisruptionBudget/team/none');
    expect(rows.length).toBeGreaterThan(0);
    for (const e of rows) expect(e.lastTime).toBe(0);
  });

  it("policy/v1's empty selector counts every pod of the namespace in the disruption controller", () => {
    const d = at('20s');
    expect(pdbStatus(d, 'everything')).toEqual([3, 3, 3, 0]);
    expect(condition(obj(d, 'PodDisruptionBudget', 'everything'), 'DisruptionAllowed')).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
    // The NoPods rows end before the pods exist.
    for (const e of events(d, 'NoPods', 'PodDisruptionBudget/team/everything')) expect(e.lastTime).toBe(0);
  });

  it('the Eviction API skips the empty selector: the api pod is evicted although `everything` allows 0; then 3 expected again', () => {
    const d = at('60s');
    const api = d.kubectl.filter((l) => /api-/.test(l.text)).map((l) => [l.time, l.text.replace(/api-[a-z0-9]+-[a-z0-9]{5}/, 'api-x')]);
    expect(api).toEqual([
      [s(30), 'evicting pod team/api-x'],
      [s(32), 'pod/api-x evicted'],
    ]);
    expect(d.kubectl.some((l) => /disruption budget/.test(l.text) && /api-/.test(l.text))).toBe(false);
    expect(pdbStatus(d, 'everything')).toEqual([3, 3, 3, 0]);
  });

  it("a web pod under two budgets: the Eviction API's 500 for more than one PodDisruptionBudget, and the drain stops", () => {
    const d = at('60s');
    const web = pods(d).find((p) => p.metadata.name.startsWith('web-') && p.spec?.nodeName === 'worker-2')!;
    expect(web.metadata.deletionTimestamp).toBeUndefined();
    const lines = d.kubectl.filter((l) => l.time === s(32)).map((l) => l.text);
    expect(lines).toContain(`error: error when evicting pods/"${web.metadata.name}" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.`);
    expect(lines).not.toContain('node/worker-2 drained');
  });

  it('each web pod gets the Warning MultiplePodDisruptionBudgets from the disruption controller; the api pods (one budget) none', () => {
    const d = at('20s');
    const rows = events(d, 'MultiplePodDisruptionBudgets');
    const web = pods(d).filter((p) => p.metadata.name.startsWith('web-')).map((p) => `Pod/default/${p.metadata.name}`).sort();
    expect([...new Set(rows.map((e) => e.object))].sort()).toEqual(web);
    for (const e of rows) {
      const name = e.object.split('/')[2];
      expect(e).toMatchObject({ type: 'Warning', source: 'controllermanager', firstTime: 0 });
      expect(e.message).toBe(`Pod "default"/"${name}" matches multiple PodDisruptionBudgets.  Chose "web-min" arbitrarily.`);
    }
  });
});

describe('a Node deleted while its machine is off, and the machine back under the same name (node-readded.yaml)', () => {
  const at = (until: string) => run('node-readded.yaml', until);
  const BOOT = ['NodeAllocatableEnforced', 'NodeHasNoDiskPressure', 'NodeHasSufficientMemory', 'NodeHasSufficientPID', 'Starting'];

  it('RemovingNode at the 25 s pass and no NodeNotReady; the Lease goes with the Node and comes back with the kubelet', () => {
    const d = at('150s');
    expect(events(d, 'RemovingNode').map((e) => [e.object, e.lastTime, e.count, e.source, e.message])).toEqual([
      ['Node//worker-2', s(25), 1, 'node-controller', 'Node worker-2 event: Removing Node worker-2 from Controller'],
    ]);
    expect(events(d, 'NodeNotReady')).toEqual([]);
    const lease = obj(d, 'Lease', 'worker-2') as { metadata: { creationTimestamp?: string } } | undefined;
    expect(ts(lease?.metadata.creationTimestamp)).toBe(s(45));
  });

  it("the kubelet registers a new Node object: Starting, NodeAllocatableEnforced and the three NodeHas* once; no Rebooted, no NodeReady; Ready True from 45 s", () => {
    const d = at('150s');
    const boot = d.events.filter((e) => e.object === 'Node//worker-2' && e.source === 'kubelet' && e.lastTime >= s(10));
    expect(boot.map((e) => e.reason).sort()).toEqual(BOOT);
    for (const e of boot) expect(e, e.reason).toMatchObject({ count: 1, firstTime: s(45), lastTime: s(45) });
    const node = obj(d, 'Node', 'worker-2')!;
    expect(ts(node.metadata.creationTimestamp)).toBe(s(45));
    expect(condition(node, 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(ts(condition(node, 'Ready')!.lastTransitionTime)).toBe(s(45));
  });

  it('RegisteredNode for the new object is a new event row (the involved object carries the Node UID)', () => {
    const d = at('150s');
    expect(events(d, 'RegisteredNode', 'Node//worker-2').map((e) => [e.firstTime, e.lastTime, e.count])).toEqual([
      [0, 0, 1],
      [s(45), s(45), 1],
    ]);
  });

  it("PodGC's quarantine outlasts the absence: db-1 and the daemon pod stay bound to worker-2 and restart in place", () => {
    const d = at('150s');
    const mine = pods(d).filter((p) => p.spec?.nodeName === 'worker-2');
    expect(mine.map((p) => p.metadata.name.replace(/-[a-z0-9]{5}$/, '')).sort()).toEqual(['agent', 'db-1']);
    expect(pods(d)).toHaveLength(6);
    for (const p of mine) {
      expect(ts(p.metadata.creationTimestamp), p.metadata.name).toBeLessThan(s(10));
      expect(p.status?.phase).toBe('Running');
      expect((p.status?.containerStatuses as { restartCount: number }[])[0].restartCount).toBe(1);
      expect(events(d, 'SandboxChanged', `Pod/default/${p.metadata.name}`).map((e) => e.lastTime)).toEqual([s(45)]);
    }
    expect(events(d, 'SuccessfulCreate').filter((e) => e.lastTime > s(5))).toEqual([]);
  });
});

describe("a Job's podFailurePolicy and podReplacementPolicy refused by the API server (job-policy-validation.yaml)", () => {
  it("each invalid Job fails its apply with the API server's causes and is not stored; the valid one is created", () => {
    const d = run('job-policy-validation.yaml', '12s');
    const R = 'spec.podFailurePolicy.rules[0]';
    expect(d.kubectl.map((l) => [l.time, l.stream, l.text])).toEqual([
      [s(5), 'stderr', 'The Job "a" is invalid: spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed": supported values: "Failed"'],
      [s(6), 'stderr', 'The Job "b" is invalid: spec.podReplacementPolicy: Unsupported value: "Sometimes": supported values: "Failed", "TerminatingOrFailed"'],
      [s(7), 'stderr', ['The Job "c" is invalid: ', `* ${R}.onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator`, `* ${R}.onExitCodes.values[2]: Duplicate value: 3`].join('\n')],
      [s(8), 'stderr', `The Job "d" is invalid: ${R}.action: Invalid value: "FailIndex": requires the backoffLimitPerIndex to be set`],
      [
        s(9),
        'stderr',
        [
          'The Job "e" is invalid: ',
          `* ${R}: Invalid value: specifying one of OnExitCodes and OnPodConditions is required`,
          '* spec.podFailurePolicy.rules[1].onExitCodes.containerName: Invalid value: "sidecar": must be one of the container or initContainer names in the pod template',
        ].join('\n'),
      ],
      [s(10), 'stdout', 'job.batch/f created'],
    ]);
    expect(d.objects.filter((o) => o.kind === 'Job').map((o) => o.metadata.name)).toEqual(['f']);
  });
});

describe('a Node object deleted while its kubelet runs (node-deleted-live.yaml)', () => {
  const at = (until: string) => run('node-deleted-live.yaml', until);

  it("the kubelet's lease controller creates its Lease again at the next renewal, with no owner, and keeps renewing it", () => {
    const d = at('100s');
    const lease = obj(d, 'Lease', 'worker-2') as { metadata: { creationTimestamp?: string; ownerReferences?: unknown[] }; spec?: { holderIdentity?: string; renewTime?: string } } | undefined;
    expect(lease).toBeDefined();
    expect(ts(lease!.metadata.creationTimestamp)).toBe(s(30));
    expect(lease!.metadata.ownerReferences).toBeUndefined();
    expect(lease!.spec?.holderIdentity).toBe('worker-2');
    expect(ts(lease!.spec?.renewTime)).toBe(s(100));
    expect(obj(d, 'Node', 'worker-2')).toBeUndefined();
  });

  it('PodGC force-deletes the running pods at 80 s, the kubelet kills them, db-1 comes back Pending', () => {
    const d = at('100s');
    expect(events(d, 'Killing').map((e) => [e.object.replace(/-[a-z0-9]{5}$/, ''), e.lastTime])).toEqual([
      ['Pod/default/agent', s(80)],
      ['Pod/default/db-1', s(80)],
    ]);
    const db1 = pods(d).find((p) => p.metadata.name === 'db-1')!;
    expect(db1.spec?.nodeName).toBeUndefined();
    expect(ts(db1.metadata.creationTimestamp)).toBe(s(80));
    expect(pods(d).filter((p) => p.metadata.name.startsWith('agent-'))).toHaveLength(2);
  });
});

describe('Pod metadata.generation and observedGeneration, GA since v1.35 (pod-generation.yaml)', () => {
  const at = (until: string) => run('pod-generation.yaml', until);
  const gen = (p: Obj) => (p.metadata as { generation?: number }).generation;
  const condGens = (p: ReturnType<typeof pods>[number]) => Object.fromEntries((p.status?.conditions ?? []).map((c) => [c.type, (c as { observedGeneration?: number }).observedGeneration]));

  it('generation 1 on create; the kubelet stamps status.observedGeneration and its conditions; the scheduler its PodScheduled=False; a graceful delete bumps the generation, and the live kubelet posts it', () => {
    const d = at('20500ms');
    for (const p of pods(d)) {
      const deleted = p.metadata.name === 'web-666d8476c6-zn28p';
      const g = deleted ? 2 : 1;
      expect(gen(p), p.metadata.name).toBe(g);
      expect(!!p.metadata.deletionTimestamp, p.metadata.name).toBe(deleted);
      const running = p.status?.phase === 'Running';
      expect(p.status?.observedGeneration, p.metadata.name).toBe(running ? g : undefined);
      const conds = condGens(p);
      expect(Object.keys(conds).length, p.metadata.name).toBeGreaterThan(0);
      for (const [type, cg] of Object.entries(conds)) expect(cg, `${p.metadata.name} ${type}`).toBe(g);
    }
    // During the grace period the status is otherwise the same: Running, Ready, containers running.
    const deleted = pods(d).find((p) => p.metadata.name === 'web-666d8476c6-zn28p')!;
    expect(deleted.status?.phase).toBe('Running');
    expect((deleted.status?.conditions ?? []).filter((c) => c.type === 'Ready' || c.type === 'ContainersReady').map((c) => c.status)).toEqual(['True', 'True']);
  });

  it("a pod deleted by the taint manager on the dead node: DisruptionTarget and the flipped Ready keep generation 1's stamp, the generation is 2, the dead kubelet's observedGeneration stays 1", () => {
    const d = at('400s');
    const dead = pods(d).find((p) => p.spec?.nodeName === 'worker-2')!;
    expect(dead.metadata.deletionTimestamp).toBeDefined();
    expect(gen(dead)).toBe(2);
    expect(dead.status?.observedGeneration).toBe(1);
    expect(condGens(dead)).toEqual({ PodReadyToStartContainers: 1, Initialized: 1, Ready: 1, ContainersReady: 1, PodScheduled: 1, DisruptionTarget: 1 });
    const replacement = pods(d).filter((p) => p.metadata.name.startsWith('web-') && !p.metadata.deletionTimestamp);
    for (const p of replacement) expect(gen(p)).toBe(1);
  });
});
