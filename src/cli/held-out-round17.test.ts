/**
 * Held-out timelines (round 17), each a scenario in ./run-cases played through `podscape run FILE
 * --until T --output json` and checked against upstream (shared/reference/lifecycle.md §n, and
 * upstream source where the reference is silent, named in each fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { condition, events, obj, pods, run, s, ts } from './held-out';
import { cli, tempFiles } from './testing';

const KUBELET_BOOT = ['NodeAllocatableEnforced', 'NodeHasNoDiskPressure', 'NodeHasSufficientMemory', 'NodeHasSufficientPID', 'Rebooted', 'Starting'];

describe('a power loss shorter than the node monitor grace period (30 s, back at 90 s)', () => {
  const at = (until: string) => run('short-outage.yaml', until);

  it('the control plane never notices: no NodeNotReady, no taint, no eviction, no new pod; Ready keeps its transition time', () => {
    const d = at('150s');
    const late = d.events.filter((e) => e.lastTime >= s(60));
    expect(late.filter((e) => e.source !== 'kubelet').map((e) => [e.reason, e.object])).toEqual([]);
    expect(events(d, 'NodeNotReady')).toEqual([]);
    const node = obj(d, 'Node', 'worker-2')!;
    expect(node.spec?.taints).toBeUndefined();
    expect(condition(node, 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(ts(condition(node, 'Ready')!.lastTransitionTime)).toBe(0);
    for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure']) expect(ts(condition(node, type)!.lastTransitionTime), type).toBe(0);
    // The Lease was renewed at boot and every 10 s since.
    const lease = obj(d, 'Lease', 'worker-2') as { spec?: { renewTime?: string } } | undefined;
    expect(ts(lease?.spec?.renewTime)).toBe(s(150));
    expect(events(d, 'SuccessfulCreate').filter((e) => e.lastTime > s(3))).toEqual([]);
  });

  it("the new kubelet's events: Starting, NodeAllocatableEnforced, the three NodeHas* once (its fresh initial Node), Rebooted, and no NodeReady (Ready was never changed)", () => {
    const d = at('150s');
    const boot = d.events.filter((e) => e.object === 'Node//worker-2' && e.firstTime >= s(60));
    expect(boot.map((e) => e.reason).sort()).toEqual(KUBELET_BOOT);
    for (const e of boot) expect(e, e.reason).toMatchObject({ source: 'kubelet', count: 1, firstTime: s(90), lastTime: s(90) });
    expect(boot.find((e) => e.reason === 'Rebooted')).toMatchObject({ type: 'Warning' });
    expect(events(d, 'NodeReady', 'Node//worker-2').map((e) => [e.firstTime, e.count])).toEqual([[0, 1]]);
  });

  it('the pods on worker-2 restart in place (same objects, restartCount 1, SandboxChanged), Ready again 1 s later', () => {
    const d = at('150s');
    const mine = pods(d).filter((p) => p.spec?.nodeName === 'worker-2');
    expect(mine.map((p) => p.metadata.name.replace(/-[a-z0-9]{5}$/, '').replace(/-[a-f0-9]{8,10}$/, '')).sort()).toEqual(['db-2', 'debug', 'node-agent', 'web', 'web']);
    for (const p of mine) {
      const cs = (p.status?.containerStatuses as { restartCount: number; lastState: { terminated?: { exitCode: number; reason: string; finishedAt: string } } }[])[0];
      expect(cs.restartCount, p.metadata.name).toBe(1);
      expect(cs.lastState.terminated).toMatchObject({ exitCode: 255, reason: 'Unknown' });
      expect(ts(cs.lastState.terminated!.finishedAt)).toBe(s(90));
      expect(ts(condition(p, 'Ready')!.lastTransitionTime), p.metadata.name).toBe(s(91));
      expect(events(d, 'SandboxChanged', `Pod/default/${p.metadata.name}`).map((e) => [e.lastTime, e.message])).toEqual([[s(90), 'Pod sandbox changed, it will be killed and re-created.']]);
    }
  });
});

describe('a power loss longer than the grace period (restore-after-200s.yaml: lost at 60 s, back at 260 s)', () => {
  it("the kubelet's registration and its first update against the Unknown conditions both record NodeHas*: one row each with count 2; NodeReady once", () => {
    const d = run('restore-after-200s.yaml', '270s');
    const boot = d.events.filter((e) => e.object === 'Node//worker-2' && e.source === 'kubelet' && e.firstTime >= s(60));
    expect(boot.map((e) => [e.reason, e.count, e.firstTime, e.lastTime])).toEqual([
      ['Starting', 1, s(260), s(260)],
      ['NodeAllocatableEnforced', 1, s(260), s(260)],
      ['NodeHasSufficientMemory', 2, s(260), s(260)],
      ['NodeHasNoDiskPressure', 2, s(260), s(260)],
      ['NodeHasSufficientPID', 2, s(260), s(260)],
      ['Rebooted', 1, s(260), s(260)],
      ['NodeReady', 1, s(260), s(260)],
    ]);
  });
});

describe('StatefulSet rollingUpdate.maxUnavailable refused by the API server (MaxUnavailableStatefulSet on, as in v1.37)', () => {
  const at = (until: string) => run('statefulset-max-unavailable-invalid.yaml', until);
  const FIELD = 'spec.updateStrategy.rollingUpdate.maxUnavailable';
  const PERCENT = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

  it("each invalid value fails its apply with the API server's field errors; the valid one is taken", () => {
    expect(at('30s').kubectl.map((l) => [l.time, l.stream, l.text])).toEqual([
      [s(10), 'stderr', `The StatefulSet "db" is invalid: ${FIELD}: Invalid value: 0: cannot be 0`],
      [s(11), 'stderr', `The StatefulSet "db" is invalid: ${FIELD}: Invalid value: "0%": cannot be 0`],
      [s(12), 'stderr', `The StatefulSet "db" is invalid: ${FIELD}: Invalid value: "150%": must not be greater than 100%`],
      [s(13), 'stderr', `The StatefulSet "db" is invalid: ${FIELD}: Invalid value: -1: must be greater than or equal to 0`],
      [s(14), 'stderr', `The StatefulSet "db" is invalid: \n* ${FIELD}: Invalid value: "abc": ${PERCENT}\n* ${FIELD}: Invalid value: "abc": cannot be 0`],
      [s(15), 'stderr', 'The StatefulSet "db" is invalid: spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0'],
      [s(20), 'stdout', 'statefulset.apps/db configured'],
    ]);
  });

  it('the refused applies change nothing: the stored strategy stays maxUnavailable 1 until the 20 s apply, no pod is touched', () => {
    const strategy = (until: string) => obj(at(until), 'StatefulSet', 'db')!.spec?.updateStrategy;
    expect(strategy('19s')).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, partition: 0 } });
    expect(strategy('30s')).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2, partition: 0 } });
    expect(events(at('30s'), 'SuccessfulDelete')).toEqual([]);
    expect(events(at('30s'), 'SuccessfulCreate', 'StatefulSet/default/db').map((e) => e.message)).toEqual(['create Pod db-0 in StatefulSet db successful', 'create Pod db-1 in StatefulSet db successful']);
  });

  it('an invalid initial StatefulSet is refused at load with the gate on (file:line: field), and loads with it off (the field dropped)', () => {
    const text = readFileSync(fileURLToPath(new URL('./run-cases/statefulset-max-unavailable-invalid.yaml', import.meta.url)), 'utf8');
    const bad = text.replace('rollingUpdate: {maxUnavailable: 1}}', 'rollingUpdate: {maxUnavailable: "150%"}}');
    expect(bad).not.toBe(text);
    const file = tempFiles('podscape-r17-');
    const on = cli('run', file('on.yaml', bad), '--until', '1s');
    expect(on.code).toBe(2);
    expect(on.err).toMatch(new RegExp(`on\\.yaml:${bad.split('\n').findLastIndex((l) => l.includes('"150%"}}')) + 1}:\\d+: ${FIELD.replace(/\./g, '\\.')}: Invalid value: "150%": must not be greater than 100%`));
    const off = cli('run', file('off.yaml', bad.replace('controlPlane: {maxUnavailableStatefulSet: true}', 'controlPlane: {maxUnavailableStatefulSet: false}')), '--until', '1s', '--output', 'json');
    expect(off.code).toBe(0);
    const sts = (JSON.parse(off.out) as { objects: { kind: string; spec?: { updateStrategy?: unknown } }[] }).objects.find((o) => o.kind === 'StatefulSet');
    expect(sts?.spec?.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  });
});

describe('worker-2 loses power in the middle of a drain held up by a PDB (drain at 30 s, power lost at 45 s, back at 480 s)', () => {
  const at = (until: string) => run('drain-then-power-loss.yaml', until);
  const webOnW2 = (until: string) => pods(at(until)).filter((p) => p.metadata.name.startsWith('web-') && p.spec?.nodeName === 'worker-2');
  const retry = (pod: string) => `error when evicting pods/"${pod}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`;

  it('the drain keeps retrying through the power loss and NotReady; the retry after the taint manager deleted the pods passes, then kubectl waits', () => {
    const d = at('470s');
    const names = webOnW2('390s').map((p) => p.metadata.name);
    expect(names).toHaveLength(2);
    const drain = d.kubectl.filter((l) => l.action === 'drain');
    for (const name of names) {
      const lines = drain.filter((l) => l.text.includes(name));
      // Every 5 s from 30 s to 400 s an eviction attempt; each answered 429 except the last.
      expect(lines.filter((l) => l.text === `evicting pod default/${name}`).map((l) => l.time)).toEqual(Array.from({ length: 75 }, (_, i) => s(30 + 5 * i)));
      expect(lines.filter((l) => l.text === retry(name)).map((l) => l.time)).toEqual(Array.from({ length: 74 }, (_, i) => s(30 + 5 * i)));
      expect(lines.filter((l) => l.text.includes('evicted'))).toEqual([]);
    }
    expect(drain.filter((l) => l.time > s(32) && !l.text.startsWith('evicting pod') && !l.text.startsWith('error when evicting'))).toEqual([]);
    expect(drain.some((l) => l.text.includes('drained'))).toBe(false);
  });

  it('the taint manager deletes them at 395.1 s; the 400 s eviction rewrites DisruptionTarget (reason and message, not the transition time) and keeps the deletionTimestamp', () => {
    const before = webOnW2('399s');
    for (const p of before) {
      expect(events(at('399s'), 'TaintManagerEviction', `Pod/default/${p.metadata.name}`).map((e) => [e.lastTime, e.message])).toEqual([[s(395.1), `Marking for deletion Pod default/${p.metadata.name}`]]);
      expect(condition(p, 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    }
    for (const p of webOnW2('410s')) {
      expect(condition(p, 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
      expect(ts(condition(p, 'DisruptionTarget')!.lastTransitionTime)).toBe(s(395));
      expect(ts(p.metadata.deletionTimestamp)).toBe(s(425));
      expect(p.status?.phase).toBe('Running');
    }
    // The ReplicaSet replaced them at the taint manager's delete, on the other workers.
    const created = events(at('410s'), 'SuccessfulCreate', 'ReplicaSet/default/web-88f55bcbd').filter((e) => e.lastTime > s(1));
    expect(created.map((e) => e.lastTime)).toEqual([s(395.1), s(395.1)]);
    expect(obj(at('410s'), 'PodDisruptionBudget', 'web')!.status).toMatchObject({ currentHealthy: 6, desiredHealthy: 6, expectedPods: 6, disruptionsAllowed: 0 });
  });

  it('back at 480 s: both pods finished, kubectl prints them evicted and the node drained at its next poll; worker-2 stays cordoned', () => {
    const d = at('490s');
    const names = webOnW2('470s').map((p) => p.metadata.name).sort();
    expect(d.kubectl.filter((l) => l.time >= s(480) && l.action === 'drain').map((l) => [l.time, l.text])).toEqual([...names.map((n) => [s(481), `pod/${n} evicted`]), [s(481), 'node/worker-2 drained']]);
    expect(webOnW2('490s')).toEqual([]);
    const node = obj(d, 'Node', 'worker-2')!;
    expect(node.spec?.unschedulable).toBe(true);
    expect(node.spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    // The first kubelet's at its next 10 s status pass after the cordon; the new one's at its boot.
    const rows = events(d, 'NodeNotSchedulable', 'Node//worker-2').map((e) => e.lastTime);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toBeGreaterThan(s(30));
    expect(rows[0]).toBeLessThanOrEqual(s(40));
    expect(rows[1]).toBe(s(480));
  });
});

describe('force deletion of a StatefulSet pod and a DaemonSet pod on a dead node, then the node returns (60 s / 420 s / 500 s)', () => {
  const at = (until: string) => run('force-delete-then-restore.yaml', until);

  it('db-2 is created again in the same instant and runs elsewhere; no Cancelling deletion (its work already fired); the DaemonSet makes no pod', () => {
    const d = at('430s');
    expect(d.kubectl.filter((l) => l.action === 'deletePod' && l.stream === 'stdout').map((l) => [l.time, l.text])).toEqual([
      [s(420), 'pod "db-2" force deleted'],
      [s(420), 'pod "node-agent-zjmr2" force deleted'],
    ]);
    expect(events(d, 'TaintManagerEviction').filter((e) => e.message.startsWith('Cancelling'))).toEqual([]);
    expect(events(d, 'SuccessfulCreate', 'StatefulSet/default/db').find((e) => e.message === 'create Pod db-2 in StatefulSet db successful')).toMatchObject({ count: 2, lastTime: s(420) });
    const db2 = obj(d, 'Pod', 'db-2')!;
    expect(ts(db2.metadata.creationTimestamp)).toBe(s(420));
    expect(db2.spec?.nodeName).not.toBe('worker-2');
    expect(condition(db2, 'Ready')).toMatchObject({ status: 'True' });
    expect(events(d, 'Scheduled', 'Pod/default/db-2').map((e) => [e.lastTime, e.count])).toEqual([
      [s(2), 1],
      [s(420), 1],
    ]);
    expect(events(d, 'SuccessfulCreate', 'DaemonSet/default/node-agent').filter((e) => e.lastTime > 0)).toEqual([]);
    expect(obj(at('419s'), 'DaemonSet', 'node-agent')!.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 1 });
    expect(obj(d, 'DaemonSet', 'node-agent')!.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 0, numberReady: 2 });
  });

  it('back at 500 s: the Terminating pods finish, the DaemonSet creates and binds a new pod on worker-2 at once, db-2 stays where it is', () => {
    const d = at('510s');
    expect(pods(d).filter((p) => p.spec?.nodeName === 'worker-2').map((p) => [p.metadata.name.replace(/-[a-z0-9]{5}$/, ''), ts(p.metadata.creationTimestamp), p.status?.phase])).toEqual([['node-agent', s(500), 'Running']]);
    const created = events(d, 'SuccessfulCreate', 'DaemonSet/default/node-agent').filter((e) => e.lastTime > 0);
    expect(created.map((e) => e.lastTime)).toEqual([s(500)]);
    const name = created[0].message.replace('Created pod: ', '');
    expect(events(d, 'Scheduled', `Pod/default/${name}`).map((e) => [e.lastTime, e.message])).toEqual([[s(500), `Successfully assigned default/${name} to worker-2`]]);
    expect(obj(d, 'DaemonSet', 'node-agent')!.status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, numberMisscheduled: 0 });
    expect(obj(d, 'Pod', 'db-2')!.spec?.nodeName).toBe(obj(at('430s'), 'Pod', 'db-2')!.spec?.nodeName);
    expect(obj(d, 'Pod', 'debug')).toBeUndefined();
    // The kubelet records nothing for the two pods it no longer has.
    expect(d.events.filter((e) => e.lastTime >= s(500) && (e.object === 'Pod/default/node-agent-zjmr2' || e.object === 'Pod/default/db-2'))).toEqual([]);
  });
});

describe('Deployment and DaemonSet rolling-update parameters refused by the API server (validated after defaulting)', () => {
  const at = (until: string) => run('strategy-validation.yaml', until);
  const PERCENT = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

  it("each apply prints kubectl's line: both zero, over 100%, Recreate with rollingUpdate, a bad percent, a DaemonSet surge beside the default maxUnavailable", () => {
    expect(at('30s').kubectl.map((l) => [l.time, l.stream, l.text])).toEqual([
      [s(10), 'stderr', 'The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0'],
      [s(11), 'stdout', 'deployment.apps/web created'],
      [s(12), 'stderr', 'The Deployment "wide" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "110%": must not be greater than 100%'],
      [s(13), 'stderr', "The Deployment \"rec\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
      [s(14), 'stderr', `The Deployment "pct" is invalid: spec.strategy.rollingUpdate.maxSurge: Invalid value: "20Percent": ${PERCENT}`],
      [s(20), 'stderr', 'The DaemonSet "agent" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero'],
      [s(21), 'stdout', 'daemonset.apps/agent created'],
      [s(22), 'stderr', 'The DaemonSet "zero" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'],
      [s(23), 'stderr', 'The DaemonSet "big" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: "150%": must not be greater than 100%'],
    ]);
  });

  it('only the two valid objects exist, with their defaulted strategies; the refused ones made nothing', () => {
    const d = at('30s');
    expect(d.objects.filter((o) => o.kind === 'Deployment' || o.kind === 'DaemonSet').map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(['DaemonSet/agent', 'Deployment/web']);
    expect(obj(d, 'Deployment', 'web')!.spec?.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '25%' } });
    expect(obj(d, 'DaemonSet', 'agent')!.spec?.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(pods(d).map((p) => p.metadata.name.replace(/-[a-z0-9]{5}$/, '').replace(/-[a-f0-9]{8,10}$/, '')).sort()).toEqual(['agent', 'web']);
  });
});

describe('a StatefulSet rolling update started while db-1 is on a dead node (OrderedReady; node back at 300 s)', () => {
  const at = (until: string) => run('statefulset-update-dead-node.yaml', until);
  const deletes = (until: string) => events(at(until), 'SuccessfulDelete', 'StatefulSet/default/db').map((e) => [e.lastTime, e.message]);

  it('nothing is deleted while db-1 is not Ready: updateRevision moves, currentRevision and the pods stay', () => {
    expect(deletes('299s')).toEqual([]);
    const st = obj(at('299s'), 'StatefulSet', 'db')!.status as Record<string, unknown>;
    expect(st).toMatchObject({ replicas: 3, readyReplicas: 2, currentReplicas: 3, updatedReplicas: 0 });
    expect(st.updateRevision).not.toBe(st.currentRevision);
    expect(pods(at('299s')).filter((p) => p.metadata.name.startsWith('db-')).map((p) => ts(p.metadata.creationTimestamp))).toEqual([0, s(1), s(2)]);
  });

  it('once db-1 is Ready again the update runs from the highest ordinal, one pod at a time', () => {
    expect(events(at('320s'), 'TaintManagerEviction', 'Pod/default/db-1').map((e) => [e.lastTime, e.message])).toEqual([[s(300), 'Cancelling deletion of Pod default/db-1']]);
    expect(deletes('320s')).toEqual([
      [s(301), 'delete Pod db-2 in StatefulSet db successful'],
      [s(303), 'delete Pod db-1 in StatefulSet db successful'],
      [s(305), 'delete Pod db-0 in StatefulSet db successful'],
    ]);
    const st = obj(at('320s'), 'StatefulSet', 'db')!.status as Record<string, unknown>;
    expect(st).toMatchObject({ replicas: 3, readyReplicas: 3, updatedReplicas: 3, currentRevision: st.updateRevision });
  });
});
