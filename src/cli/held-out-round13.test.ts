/**
 * Held-out timelines (round 13), each a scenario in ./run-cases played through `podscape run FILE
 * --until T --output json` (or `events`) and checked against upstream (shared/reference/
 * lifecycle.md §n, and upstream source where the reference is silent, named in each fixture's
 * header).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { condition, events, obj, one, pods, run, s, sec, ts } from './held-out';
import { cli, tempFiles } from './testing';

const fixture = (name: string) => fileURLToPath(new URL(`./run-cases/${name}`, import.meta.url));

describe('an API-invalid object in a timeline fails only its own apply, at its time', () => {
  const d = () => run('invalid-apply.yaml', '1m');
  const line = (t: number) => d().kubectl.filter((l) => l.time === s(t));

  it("prints kubectl's Invalid line with the map as JSON (v1.34+), and changes nothing", () => {
    expect(line(10)).toEqual([
      {
        time: s(10),
        action: 'apply',
        stream: 'stderr',
        text: 'The Deployment "api" is invalid: spec.template.metadata.labels: Invalid value: {"app":"other","tier":"x"}: `selector` does not match template `labels`',
      },
    ]);
    expect(line(15)).toEqual([
      {
        time: s(15),
        action: 'apply',
        stream: 'stderr',
        text: 'The ReplicaSet "bare" is invalid: spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`',
      },
    ]);
    expect(line(20)).toEqual([
      { time: s(20), action: 'apply', stream: 'stderr', text: 'The Deployment "api" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0' },
    ]);
    expect(line(25)).toEqual([
      {
        time: s(25),
        action: 'apply',
        stream: 'stderr',
        text: 'error: resource mapping not found for name: "api" namespace: "default" from "STDIN": no matches for kind "Deployment" in version "v1"\nensure CRDs are installed first',
      },
    ]);
    expect(obj(run('invalid-apply.yaml', '29s'), 'Deployment', 'api')).toBeUndefined();
    expect(obj(d(), 'ReplicaSet', 'bare')).toBeUndefined();
  });

  it('goes on: the valid apply at 30 s creates the Deployment and its pods run', () => {
    expect(line(30)).toEqual([{ time: s(30), action: 'apply', stream: 'stdout', text: 'deployment.apps/api created' }]);
    const running = pods(d()).filter((p) => p.metadata.name.startsWith('api-') && p.status?.phase === 'Running');
    expect(running).toHaveLength(2);
  });

  it('with --output events the run exits 0 and the refusals go to stderr', () => {
    const r = cli('run', fixture('invalid-apply.yaml'), '--until', '1m', '--output', 'events');
    expect(r.code).toBe(0);
    expect(r.err).toContain('podscape: warning: at 10s: apply: The Deployment "api" is invalid: spec.template.metadata.labels: Invalid value: {"app":"other","tier":"x"}');
    expect(r.out).toContain('ScalingReplicaSet');
  });

  it('an invalid object among the initial objects is still refused at load: file:line: field, exit 2', () => {
    const file = tempFiles('podscape-r13-')(
      'bad.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: other}}\n    spec: {containers: [{name: c, image: c}]}\n',
    );
    const r = cli('run', file, '--until', '1m');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml:7:\d+: spec\.template\.metadata\.labels: Invalid value: \{"app":"other"\}: `selector` does not match template `labels`/);
  });
});

describe('PodDisruptionBudget status through a node loss, and a drain meeting IfHealthyBudget and AlwaysAllow (lifecycle.md §5.3)', () => {
  const d = (until: string) => run('pdb-unhealthy-drain.yaml', until);
  const pdb = (until: string, name: string) => obj(d(until), 'PodDisruptionBudget', name);
  const on = (until: string, app: string, node: string) => pods(d(until)).filter((p) => p.metadata.name.startsWith(`${app}-`) && p.spec?.nodeName === node);

  it('starts with 3 expected, 2 desired, 3 healthy, 1 allowed and DisruptionAllowed True (SufficientPods), after a NoPods event at 0', () => {
    for (const name of ['strict', 'loose']) {
      const p = pdb('30s', name);
      expect(p?.status, name).toMatchObject({ observedGeneration: 1, expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 });
      expect(p?.status?.disruptedPods, name).toBeUndefined();
      expect(condition(p, 'DisruptionAllowed'), name).toMatchObject({ status: 'True', reason: 'SufficientPods', message: '', observedGeneration: 1 });
      // The first syncs ran before the ReplicaSet's pods existed (how many is a race upstream:
      // the budget's own status write queues it again).
      expect(events(d('30s'), 'NoPods', `PodDisruptionBudget/default/${name}`)).toEqual([
        expect.objectContaining({ type: 'Normal', message: 'No matching pods found', source: 'controllermanager', firstTime: 0, lastTime: 0 }),
      ]);
    }
    for (const node of ['worker-1', 'worker-2', 'worker-3']) expect(on('30s', 'strict', node), node).toHaveLength(1);
  });

  it('goes to 1 healthy, 0 allowed, DisruptionAllowed False (InsufficientPods) when the two nodes turn NotReady', () => {
    const notReady = one(d('3m'), 'NodeNotReady', 'Node//worker-2').firstTime;
    expect(notReady).toBeGreaterThanOrEqual(s(60));
    expect(notReady).toBeLessThanOrEqual(s(65));
    const strict = pdb('3m', 'strict');
    expect(strict?.status).toMatchObject({ expectedPods: 3, desiredHealthy: 2, currentHealthy: 1, disruptionsAllowed: 0 });
    expect(condition(strict, 'DisruptionAllowed')).toMatchObject({ status: 'False', reason: 'InsufficientPods', message: '' });
    expect(ts(condition(strict, 'DisruptionAllowed')?.lastTransitionTime)).toBe(notReady);
  });

  it('AlwaysAllow evicts the unready loose pod without the budget; its replacement brings loose to 4 expected, 2 healthy', () => {
    const [evicted] = on('3m', 'loose', 'worker-2');
    expect(ts(evicted.metadata.deletionTimestamp)).toBe(s(130));
    expect(condition(evicted, 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
    expect(ts(condition(evicted, 'DisruptionTarget')?.lastTransitionTime)).toBe(s(100));
    const fresh = on('3m', 'loose', 'worker-1').filter((p) => ts(p.metadata.creationTimestamp) === s(100));
    expect(fresh).toHaveLength(1);
    expect(condition(fresh[0], 'Ready')?.status).toBe('True');
    const loose = pdb('3m', 'loose');
    expect(loose?.status).toMatchObject({ expectedPods: 4, desiredHealthy: 2, currentHealthy: 2, disruptionsAllowed: 0 });
    expect(loose?.status?.disruptedPods).toBeUndefined();
    expect(condition(loose, 'DisruptionAllowed')).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
  });

  it('IfHealthyBudget refuses the unready strict pod (1 healthy < 2 desired): 429 every 5 s, the pod untouched, the drain never done', () => {
    const [kept] = on('3m', 'strict', 'worker-2');
    expect(kept.metadata.deletionTimestamp).toBeUndefined();
    expect(condition(kept, 'DisruptionTarget')).toBeUndefined();
    const lines = d('3m').kubectl.filter((l) => l.action === 'drain');
    const name = kept.metadata.name;
    const refusal = `error when evicting pods/"${name}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`;
    const [looseName] = on('3m', 'loose', 'worker-2').map((p) => p.metadata.name);
    expect(lines.filter((l) => l.time === s(100)).map((l) => `${l.stream} ${l.text}`).sort()).toEqual(
      [`stderr ${refusal}`, 'stdout node/worker-2 cordoned', `stdout evicting pod default/${looseName}`, `stdout evicting pod default/${name}`].sort(),
    );
    // Each retry prints the eviction line again, then the refusal (drain.go evictPods).
    for (let t = 105; t <= 180; t += 5) {
      expect(lines.filter((l) => l.time === s(t)).map((l) => l.text), `${t}s`).toEqual([`evicting pod default/${name}`, refusal]);
    }
    expect(lines.some((l) => /evicted$|drained$/.test(l.text))).toBe(false);
  });
});

describe("the out-of-service taint on a dead node (lifecycle.md §10A's variant, §2.2, §2.4)", () => {
  const d = (until: string) => run('out-of-service.yaml', until);
  const lost = () =>
    events(d('3m'), 'NodeNotReady')
      .filter((e) => e.object.startsWith('Pod/'))
      .map((e) => e.object.slice('Pod/default/'.length))
      .sort();
  const isDaemon = (name: string) => name.startsWith('node-agent-');

  it('the taint-eviction controller deletes every pod on the node at once, the daemon pod too, cancelling the pending 300 s deletions first', () => {
    expect(lost()).toHaveLength(5);
    for (const name of lost()) {
      const rows = events(d('3m'), 'TaintManagerEviction', `Pod/default/${name}`);
      const want = [`Marking for deletion Pod default/${name}`];
      // A pod whose deletion was scheduled (the 300 s defaults) gets the cancel event first (cancelWorkWithEvent).
      if (!isDaemon(name)) want.unshift(`Cancelling deletion of Pod default/${name}`);
      expect(rows.map((e) => e.message), name).toEqual(want);
      for (const e of rows) expect(e, name).toMatchObject({ type: 'Normal', source: 'taint-eviction-controller', firstTime: s(120) });
      const pod = obj(d('2m5s'), 'Pod', name);
      expect(pod?.status?.phase, name).toBe('Running');
      expect(ts(pod?.metadata.deletionTimestamp), name).toBe(s(150));
      expect(condition(pod, 'DisruptionTarget'), name).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    }
  });

  it("PodGC's next pass force-deletes them all (not Ready + out-of-service), within 20 s", () => {
    const still = (until: string) => pods(d(until)).filter((p) => p.spec?.nodeName === 'worker-2').map((p) => p.metadata.name).sort();
    expect(still('2m5s')).toEqual(lost());
    expect(still('2m20s')).toEqual([]);
    expect(still('3m')).toEqual([]);
  });

  it('owners: web replaced at once, the StatefulSet ordinal once the old pod is gone, no daemon pod back on worker-2, debug never', () => {
    const rs = events(d('3m'), 'SuccessfulCreate').filter((e) => e.object.startsWith('ReplicaSet/') && e.firstTime === s(120));
    expect(rs).toHaveLength(2);
    const ordinal = lost().find((n) => n.startsWith('db-'))!;
    const created = events(d('3m'), 'SuccessfulCreate', 'StatefulSet/default/db').find((e) => e.message === `create Pod ${ordinal} in StatefulSet db successful`);
    expect(created?.lastTime).toBeGreaterThan(s(120));
    expect(created?.lastTime).toBeLessThanOrEqual(s(140));
    const again = obj(d('3m'), 'Pod', ordinal);
    expect(again?.spec?.nodeName).not.toBe('worker-2');
    expect(again?.status?.phase).toBe('Running');
    expect(obj(d('3m'), 'StatefulSet', 'db')?.status).toMatchObject({ replicas: 3, readyReplicas: 3 });
    expect(obj(d('3m'), 'Deployment', 'web')?.status).toMatchObject({ replicas: 6, readyReplicas: 6, availableReplicas: 6, terminatingReplicas: 0 });
    expect(obj(d('3m'), 'DaemonSet', 'node-agent')?.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberMisscheduled: 0 });
    expect(obj(d('3m'), 'Pod', 'debug')).toBeUndefined();
  });
});

describe('pods that bypass the scheduler onto a cordoned and a dead node, and preemptionPolicy: Never (lifecycle.md §4, §2.2; scheduler.md §8)', () => {
  const d = () => run('pinned-and-never.yaml', '7m');
  const NEVER_20 =
    '0/4 nodes are available: 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable, 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.';
  const NEVER_330 =
    '0/4 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable, 2 node(s) had untolerated taint(s). preemption: not eligible due to preemptionPolicy=Never.';

  it('a pod pinned to the cordoned worker-3 runs there: kubelet admission ignores spec.unschedulable, and the scheduler never sees it', () => {
    const p = obj(d(), 'Pod', 'pinned-cordoned');
    expect(p?.spec?.nodeName).toBe('worker-3');
    expect(p?.status?.phase).toBe('Running');
    expect(condition(p, 'Ready')?.status).toBe('True');
    expect(condition(p, 'PodScheduled')?.status).toBe('True');
    expect(events(d(), 'Scheduled', 'Pod/default/pinned-cordoned')).toEqual([]);
    expect(events(d(), 'FailedScheduling', 'Pod/default/pinned-cordoned')).toEqual([]);
    expect(obj(d(), 'Node', 'worker-3')?.spec?.unschedulable).toBe(true);
  });

  it('a Never pod does not preempt: the FitError tail says why, low keeps running, and the 5-minute flush retries it with the new histogram', () => {
    const polite = obj(d(), 'Pod', 'polite');
    expect(polite?.spec).toMatchObject({ priority: 1000, preemptionPolicy: 'Never' });
    expect(polite?.spec?.nodeName).toBeUndefined();
    expect(polite?.status?.nominatedNodeName).toBeUndefined();
    const rows = events(d(), 'FailedScheduling', 'Pod/default/polite');
    expect(rows.map((e) => [e.firstTime, e.message, e.count])).toEqual([
      [s(20), NEVER_20, 1],
      [s(330), NEVER_330, 1],
    ]);
    expect(condition(polite, 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message: NEVER_330 });
    expect(events(d(), 'Preempted')).toEqual([]);
    const low = obj(d(), 'Pod', 'low');
    expect(low?.status?.phase).toBe('Running');
    expect(low?.metadata.deletionTimestamp).toBeUndefined();
    expect(condition(low, 'DisruptionTarget')).toBeUndefined();
  });

  it('a pod pinned to the NotReady worker-2 stays Pending with no kubelet conditions, gets no NodeNotReady, and is deleted 300 s after the taint controller saw it', () => {
    const p = obj(d(), 'Pod', 'pinned-dead');
    expect(p?.status?.phase).toBe('Pending');
    expect((p?.status?.conditions ?? []).map((c) => c.type)).toEqual(['DisruptionTarget']);
    expect(events(d(), 'NodeNotReady', 'Pod/default/pinned-dead')).toEqual([]);
    expect(one(d(), 'NodeNotReady', 'Pod/default/hog').firstTime).toBe(one(d(), 'NodeNotReady', 'Node//worker-2').firstTime);
    expect(one(d(), 'TaintManagerEviction', 'Pod/default/pinned-dead')).toMatchObject({ message: 'Marking for deletion Pod default/pinned-dead', firstTime: s(370) });
    expect(ts(p?.metadata.deletionTimestamp)).toBe(s(400));
    // hog was handled when the NoExecute taint came (one monitor pass after NotReady, + the 100 ms queue tick).
    const taint = obj(d(), 'Node', 'worker-2')?.spec?.taints?.find((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute');
    // timeAdded has whole seconds (metav1.Time); the eviction keeps the queue tick's 100 ms.
    expect(sec(one(d(), 'TaintManagerEviction', 'Pod/default/hog').firstTime)).toBe(ts(taint?.timeAdded) + s(300));
  });
});

describe('uncordon while a drain still retries an eviction (kubectl drain.go, cordon.go; lifecycle.md §5)', () => {
  const d = () => run('uncordon-during-drain.yaml', '1m');
  const drainLines = () => d().kubectl.filter((l) => l.action === 'drain');
  const refusal = (pod: string) => `error when evicting pods/"${pod}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`;

  it('the drain goes on after the uncordon, succeeds once the replacement (placed on the uncordoned node) is Ready, and says drained', () => {
    const at10 = drainLines().filter((l) => l.time === s(10));
    expect(at10[0]).toMatchObject({ stream: 'stdout', text: 'node/worker-2 cordoned' });
    const evicting = at10.filter((l) => l.text.startsWith('evicting pod default/')).map((l) => l.text.slice('evicting pod default/'.length));
    expect(evicting).toHaveLength(2);
    const refused = at10.filter((l) => l.stream === 'stderr');
    expect(refused).toHaveLength(1);
    const second = evicting.find((p) => refused[0].text === refusal(p))!;
    const first = evicting.find((p) => p !== second)!;
    for (const t of [15, 20, 25, 30]) {
      expect(drainLines().filter((l) => l.time === s(t)).map((l) => l.text), `${t}s`).toEqual([`evicting pod default/${second}`, refusal(second)]);
    }
    expect(d().kubectl.filter((l) => l.action === 'uncordon')).toEqual([{ time: s(30), action: 'uncordon', stream: 'stdout', text: 'node/worker-2 uncordoned' }]);
    const evicted = (p: string) => drainLines().find((l) => l.text === `pod/${p} evicted`)!.time;
    expect(evicted(first)).toBeGreaterThan(s(10));
    expect(evicted(first)).toBeLessThanOrEqual(s(13));
    expect(drainLines().filter((l) => l.time === s(35)).map((l) => l.text)).toEqual([`evicting pod default/${second}`]);
    expect(evicted(second)).toBeGreaterThan(s(35));
    expect(evicted(second)).toBeLessThanOrEqual(s(38));
    expect(drainLines().at(-1)).toMatchObject({ time: evicted(second), stream: 'stdout', text: 'node/worker-2 drained' });
  });

  it('the replacements land back on worker-2: the first waits (FailedScheduling) until the uncordon, the second is placed at once', () => {
    const created = events(d(), 'SuccessfulCreate').filter((e) => e.firstTime > 0);
    expect(created.map((e) => e.firstTime)).toEqual([s(10), s(35)]);
    const [a, b] = created.map((e) => e.message.slice('Created pod: '.length));
    expect(one(d(), 'FailedScheduling', `Pod/default/${a}`)).toMatchObject({
      firstTime: s(10),
      message:
        "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    });
    expect(one(d(), 'Scheduled', `Pod/default/${a}`)).toMatchObject({ firstTime: s(30), message: `Successfully assigned default/${a} to worker-2` });
    expect(one(d(), 'Scheduled', `Pod/default/${b}`)).toMatchObject({ firstTime: s(35), message: `Successfully assigned default/${b} to worker-2` });
    expect(events(d(), 'FailedScheduling', `Pod/default/${b}`)).toEqual([]);
    const node = obj(d(), 'Node', 'worker-2');
    expect(node?.spec?.unschedulable).toBeFalsy();
    expect(node?.spec?.taints ?? []).toEqual([]);
    expect(pods(d()).filter((p) => p.spec?.nodeName === 'worker-2' && p.status?.phase === 'Running').map((p) => p.metadata.name).sort()).toEqual([a, b].sort());
    expect(obj(d(), 'PodDisruptionBudget', 'web')?.status).toMatchObject({ currentHealthy: 2, desiredHealthy: 1, disruptionsAllowed: 1, expectedPods: 2 });
    // The kubelet's 10 s status loop reports both spec changes.
    expect(one(d(), 'NodeNotSchedulable', 'Node//worker-2').firstTime).toBeGreaterThanOrEqual(s(10));
    expect(one(d(), 'NodeNotSchedulable', 'Node//worker-2').firstTime).toBeLessThanOrEqual(s(20));
    expect(one(d(), 'NodeSchedulable', 'Node//worker-2').firstTime).toBeGreaterThanOrEqual(s(30));
    expect(one(d(), 'NodeSchedulable', 'Node//worker-2').firstTime).toBeLessThanOrEqual(s(40));
  });
});

describe('a dead node drained, then restored inside its evicted pods\' grace period (lifecycle.md §6, §10B)', () => {
  const d = () => run('restore-while-terminating.yaml', '3m');
  const drainLines = () => d().kubectl.filter((l) => l.action === 'drain');
  const daemon = () => pods(d()).find((p) => p.metadata.name.startsWith('node-agent-') && p.spec?.nodeName === 'worker-2')!;

  it('evicts at 70 s (deletionTimestamp 100 s), replaces web at once, and finishes the drain once the restored kubelet removes the pods', () => {
    const evicting = drainLines().filter((l) => l.time === s(70) && l.text.startsWith('evicting pod default/')).map((l) => l.text.slice('evicting pod default/'.length)).sort();
    expect(evicting).toHaveLength(3);
    expect(evicting).toContain('db-1');
    expect(drainLines().find((l) => l.stream === 'stderr')).toMatchObject({ time: s(70), text: `Warning: ignoring DaemonSet-managed Pods: default/${daemon().metadata.name}` });
    const at75 = run('restore-while-terminating.yaml', '75s');
    for (const name of evicting) {
      const p = obj(at75, 'Pod', name);
      expect(ts(p?.metadata.deletionTimestamp), name).toBe(s(100));
      expect(condition(p, 'DisruptionTarget'), name).toMatchObject({ status: 'True', reason: 'EvictionByEvictionAPI' });
    }
    expect(events(d(), 'SuccessfulCreate').filter((e) => e.object.startsWith('ReplicaSet/') && e.firstTime === s(70))).toHaveLength(2);
    // No Killing: the power loss already stopped their containers.
    for (const name of evicting) expect(events(d(), 'Killing', `Pod/default/${name}`), name).toEqual([]);
    const done = drainLines().filter((l) => l.text.endsWith(' evicted') || l.text.endsWith(' drained'));
    expect(done.map((l) => l.text)).toEqual([...evicting.map((n) => `pod/${n} evicted`), 'node/worker-2 drained']);
    for (const l of done) {
      expect(l.time).toBeGreaterThan(s(80));
      expect(l.time).toBeLessThan(s(100));
    }
  });

  it('the pending 300 s deletions are cancelled when the taint goes; db-1 comes back elsewhere; the node stays cordoned', () => {
    for (const e of events(d(), 'TaintManagerEviction')) {
      expect(e.message).toMatch(/^Cancelling deletion of Pod default\//);
      expect(e.firstTime).toBeGreaterThanOrEqual(s(80));
      expect(e.firstTime).toBeLessThanOrEqual(s(85));
    }
    const created = events(d(), 'SuccessfulCreate', 'StatefulSet/default/db').find((e) => e.message === 'create Pod db-1 in StatefulSet db successful');
    expect(created?.count).toBe(2);
    expect(created?.lastTime).toBeGreaterThan(s(80));
    expect(created?.lastTime).toBeLessThan(s(100));
    expect(obj(d(), 'Pod', 'db-1')?.spec?.nodeName).not.toBe('worker-2');
    expect(obj(d(), 'StatefulSet', 'db')?.status).toMatchObject({ replicas: 3, readyReplicas: 3 });
    expect(obj(d(), 'Node', 'worker-2')?.spec?.unschedulable).toBe(true);
    expect(one(d(), 'Rebooted', 'Node//worker-2')).toMatchObject({ type: 'Warning', firstTime: s(80) });
    expect(events(d(), 'NodeNotSchedulable', 'Node//worker-2').map((e) => e.firstTime)).toEqual([s(80)]);
  });

  it('the DaemonSet pod restarts in place: restartCount 1, the lost run as lastState, its sandbox and containers ready again from the restart', () => {
    const p = daemon();
    expect(one(d(), 'SandboxChanged', `Pod/default/${p.metadata.name}`)).toMatchObject({ firstTime: s(80), message: 'Pod sandbox changed, it will be killed and re-created.' });
    const [c] = p.status!.containerStatuses as { restartCount: number; state: { running: { startedAt: string } }; lastState: { terminated?: Record<string, unknown> } }[];
    expect(c.restartCount).toBe(1);
    expect(c.lastState.terminated).toMatchObject({ exitCode: 255, reason: 'Unknown' });
    const started = ts(c.state.running.startedAt);
    expect(started).toBeGreaterThan(s(80));
    // After the reboot the kubelet found the sandbox and the container gone and reported them not
    // ready before recreating them, so these conditions turned True again at the restart.
    for (const type of ['PodReadyToStartContainers', 'ContainersReady', 'Ready']) {
      expect(condition(p, type)?.status, type).toBe('True');
      expect(ts(condition(p, type)?.lastTransitionTime), type).toBe(started);
    }
    expect(obj(d(), 'DaemonSet', 'node-agent')?.status).toMatchObject({ desiredNumberScheduled: 3, numberReady: 3, numberMisscheduled: 0 });
  });
});

describe("a PodDisruptionBudget over pods whose controller has no scale subresource (disruption.go getScaleController)", () => {
  const d = () => run('pdb-no-scale.yaml', '1m');

  it.each([
    ['agent', 'daemonsets.apps'],
    ['batch', 'jobs.batch'],
  ])('%s: CalculateExpectedPodCountFailed and the fail-safe status name %s', (name, resource) => {
    const err = `${resource} does not implement the scale subresource`;
    const rows = events(d(), 'CalculateExpectedPodCountFailed', `PodDisruptionBudget/default/${name}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'Warning', source: 'controllermanager', message: `Failed to calculate the number of expected pods: ${err}`, firstTime: 0 });
    const pdb = obj(d(), 'PodDisruptionBudget', name);
    expect(pdb?.status?.disruptionsAllowed).toBe(0);
    expect(condition(pdb, 'DisruptionAllowed')).toMatchObject({ status: 'False', reason: 'SyncFailed', message: err });
  });
});
