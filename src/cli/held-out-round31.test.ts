/**
 * Held-out timelines (round 31): readiness probes with a power loss, a drain under a
 * PodDisruptionBudget, a progress deadline, an OrderedReady StatefulSet and a rollout undo, and
 * a drain of pods that ignore SIGTERM; each a scenario in ./run-cases played through
 * `podscape run FILE --until T --output json` and checked against upstream (sources in each
 * fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, one, pods, run, s, ts, type Doc, type Obj } from './held-out';

interface CStatus {
  ready: boolean;
  restartCount: number;
  state: { running?: { startedAt: string } };
}
const cs = (o: Obj | undefined) => (o?.status?.containerStatuses as CStatus[] | undefined)?.[0];
const owned = (d: Doc, prefix: string) => pods(d).filter((p) => p.metadata.name.startsWith(prefix));
const created = (p: Obj) => ts(p.metadata.creationTimestamp);
const readyAt = (p: Obj | undefined) => ts(condition(p, 'Ready')?.lastTransitionTime);
const stderr = (d: Doc) => d.kubectl.filter((k) => k.stream === 'stderr');
const stdout = (d: Doc, text: string) => d.kubectl.filter((k) => k.stream === 'stdout' && k.text === text);
const PDB_REFUSAL = (p: string) => `error when evicting pods/"${p}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`;

describe('a readiness probe across a short power loss (probe-restore.yaml)', () => {
  const at = (t: string) => obj(run('probe-restore.yaml', t), 'Pod', 'api');

  it('the restarted container is not ready until its first probe after initialDelaySeconds; none is skipped into a failure', () => {
    const d = run('probe-restore.yaml', '90s');
    expect(events(d, 'NodeNotReady')).toEqual([]);
    expect(one(d, 'SandboxChanged', 'Pod/default/api').time).toBe(s(45));
    const before = at('60s');
    expect(cs(before)).toMatchObject({ ready: false, restartCount: 1 });
    expect(ts(cs(before)?.state.running?.startedAt)).toBe(s(46));
    expect([condition(before, 'Ready')?.status, condition(before, 'Ready')?.reason, readyAt(before)]).toEqual(['False', 'ContainersNotReady', s(46)]);
    const after = at('90s');
    expect(cs(after)?.ready).toBe(true);
    expect(readyAt(after)).toBeGreaterThanOrEqual(s(61));
    expect(readyAt(after)).toBeLessThan(s(66));
    expect(events(d, 'Unhealthy')).toEqual([]);
  });
});

describe('a drain paced by readiness probes and a PodDisruptionBudget (probe-drain-pdb.yaml)', () => {
  const d = () => run('probe-drain-pdb.yaml', '200s');
  const evictedAt = (p: string) => stdout(d(), `evicting pod default/${p}`).at(-1)!.time;
  const original = () => owned(run('probe-drain-pdb.yaml', '59s'), 'web-').map((p) => p.metadata.name);

  it('before the drain: the never-ready pod is not healthy, so 3 of 4 with 1 disruption allowed', () => {
    expect(obj(run('probe-drain-pdb.yaml', '59s'), 'PodDisruptionBudget', 'web')?.status).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, expectedPods: 4, disruptionsAllowed: 1 });
  });

  it('the unready pod goes without spending the budget, one web pod spends it, the others get 429 every 5 s', () => {
    const [first, second, third] = original().sort((a, b) => evictedAt(a) - evictedAt(b));
    expect(evictedAt('stuck')).toBe(s(60));
    expect(evictedAt(first)).toBe(s(60));
    expect(stderr(d()).filter((k) => k.time === s(60)).map((k) => k.text)).toEqual([
      'Warning: deleting Pods that declare no controller: default/stuck',
      PDB_REFUSAL(second),
      PDB_REFUSAL(third),
    ]);
    expect(stderr(d()).filter((k) => k.text === PDB_REFUSAL(second)).map((k) => k.time)).toEqual([60, 65, 70, 75, 80, 85, 90].map(s));
  });

  it('each next eviction waits for the previous replacement to pass its first probe 20 s after it started', () => {
    const [first, second, third] = original().sort((a, b) => evictedAt(a) - evictedAt(b));
    const fresh = owned(d(), 'web-').sort((a, b) => created(a) - created(b));
    expect(fresh.map((p) => [p.spec?.nodeName, created(p)])).toEqual([
      ['worker-2', s(60)],
      ['worker-2', evictedAt(second)],
      ['worker-2', evictedAt(third)],
    ]);
    for (const [i, next] of [second, third].entries()) {
      const ready = readyAt(fresh[i]);
      expect(ready - ts(cs(fresh[i])?.state.running?.startedAt)).toBeGreaterThanOrEqual(s(20));
      expect(ready - ts(cs(fresh[i])?.state.running?.startedAt)).toBeLessThan(s(30));
      expect(evictedAt(next)).toBeGreaterThanOrEqual(ready);
      expect(evictedAt(next)).toBeLessThanOrEqual(ready + s(5));
    }
    expect(evictedAt(first)).toBe(s(60));
    expect(stdout(d(), 'node/worker-1 drained')).toHaveLength(1);
    expect(obj(d(), 'PodDisruptionBudget', 'web')?.status).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 });
  });
});

describe('a Deployment that misses its progress deadline, then makes it (probe-late-progress.yaml)', () => {
  const dep = (t: string) => obj(run('probe-late-progress.yaml', t), 'Deployment', 'web');
  const cond = (t: string, type: string) => {
    const c = condition(dep(t), type);
    return [c?.status, c?.reason, ts(c?.lastTransitionTime)];
  };

  it('Progressing False ProgressDeadlineExceeded at 41 s, while no pod is ready', () => {
    expect(cond('40s', 'Progressing')).toEqual(['True', 'ReplicaSetUpdated', s(10)]);
    expect(cond('41s', 'Progressing')).toEqual(['False', 'ProgressDeadlineExceeded', s(41)]);
    expect(condition(dep('41s'), 'Progressing')?.message).toMatch(/^ReplicaSet "web-[a-z0-9]+" has timed out progressing\.$/);
    expect(cond('41s', 'Available')).toEqual(['False', 'MinimumReplicasUnavailable', s(10)]);
  });

  it('pods ready at 80 s are progress (True ReplicaSetUpdated), available 15 s later: NewReplicaSetAvailable keeps 80 s', () => {
    const d = run('probe-late-progress.yaml', '150s');
    for (const p of owned(d, 'web-')) expect(one(d, 'Unhealthy', `Pod/default/${p.metadata.name}`)).toMatchObject({ count: 7, firstTime: s(11), lastTime: s(70) });
    expect(cond('94s', 'Progressing')).toEqual(['True', 'ReplicaSetUpdated', s(80)]);
    expect(dep('94s')?.status).toMatchObject({ readyReplicas: 2, availableReplicas: 0 });
    // Ready at the probe just after 80 s, so available just after 95 s (condition times are whole seconds).
    expect(cond('96s', 'Progressing')).toEqual(['True', 'NewReplicaSetAvailable', s(80)]);
    expect(cond('96s', 'Available')).toEqual(['True', 'MinimumReplicasAvailable', s(95)]);
    expect(condition(dep('96s'), 'Progressing')?.message).toMatch(/^ReplicaSet "web-[a-z0-9]+" has successfully progressed\.$/);
  });
});

describe('an OrderedReady StatefulSet waits on readiness probes (probe-statefulset-ordered.yaml)', () => {
  const d = () => run('probe-statefulset-ordered.yaml', '150s');

  it('each pod is created when the one before turns Ready at its first passing probe, 30 s apart', () => {
    const creates = events(d(), 'SuccessfulCreate', 'StatefulSet/default/db').map((e) => [e.time, e.message]);
    expect(creates).toEqual([
      [s(10), 'create Pod db-0 in StatefulSet db successful'],
      [s(40), 'create Pod db-1 in StatefulSet db successful'],
      [s(70), 'create Pod db-2 in StatefulSet db successful'],
    ]);
    expect(['db-0', 'db-1', 'db-2'].map((n) => readyAt(obj(d(), 'Pod', n)))).toEqual([s(40), s(70), s(100)]);
    const u = one(d(), 'Unhealthy', 'Pod/default/db-0');
    expect([u.count, u.firstTime, u.lastTime, u.message]).toEqual([3, s(11), s(30), 'Readiness probe failed: dial tcp :5432: connect: connection refused']);
  });

  it('while db-0 is not ready there is no db-1', () => {
    expect(obj(run('probe-statefulset-ordered.yaml', '39s'), 'Pod', 'db-1')).toBeUndefined();
    expect(obj(run('probe-statefulset-ordered.yaml', '39s'), 'StatefulSet', 'db')?.status).toMatchObject({ replicas: 1, readyReplicas: 0 });
  });
});

describe('a maxSurge 0 rollout of never-ready pods, timed out, then undone (probe-rollout-undo.yaml)', () => {
  const d = () => run('probe-rollout-undo.yaml', '150s');
  const scaling = () => events(d(), 'ScalingReplicaSet').map((e) => [e.time / 1000, e.message.replace(/web-[a-z0-9]+/, (m) => (m === oldRs() ? 'OLD' : 'NEW'))]);
  const oldRs = () => owned(run('probe-rollout-undo.yaml', '10s'), 'web-')[0].metadata.ownerReferences![0].name;
  const progressing = (t: string) => {
    const c = condition(obj(run('probe-rollout-undo.yaml', t), 'Deployment', 'web'), 'Progressing');
    return [c?.status, c?.reason, ts(c?.lastTransitionTime)];
  };

  it('scales the old set down before the new one up, stalls, and times out at 51 s; Available stays True', () => {
    expect(scaling()).toEqual([
      [0, 'Scaled up replica set OLD from 0 to 4'],
      [20, 'Scaled down replica set OLD from 4 to 3'],
      [20, 'Scaled up replica set NEW from 0 to 1'],
      [100, 'Scaled down replica set NEW from 1 to 0'],
      [100, 'Scaled up replica set OLD from 3 to 4'],
    ]);
    expect(progressing('50s')).toEqual(['True', 'ReplicaSetUpdated', s(0)]);
    expect(progressing('51s')).toEqual(['False', 'ProgressDeadlineExceeded', s(51)]);
    const available = condition(obj(run('probe-rollout-undo.yaml', '99s'), 'Deployment', 'web'), 'Available');
    expect([available?.status, ts(available?.lastTransitionTime)]).toEqual(['True', s(1)]);
  });

  it('the undo cleans up the unready pod first; Progressing True again at 100 s and complete at 101 s', () => {
    expect(d().kubectl.filter((k) => k.time === s(100)).map((k) => k.text)).toEqual(['deployment.apps/web rolled back']);
    expect(progressing('100s')).toEqual(['True', 'ReplicaSetUpdated', s(100)]);
    expect(progressing('101s')).toEqual(['True', 'NewReplicaSetAvailable', s(100)]);
    expect(obj(d(), 'Deployment', 'web')?.status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4 });
  });
});

describe('a drain under a PodDisruptionBudget, with pods that ignore SIGTERM (sigterm-ignore-drain-pdb.yaml)', () => {
  const d = () => run('sigterm-ignore-drain-pdb.yaml', '150s');
  const mid = () => run('sigterm-ignore-drain-pdb.yaml', '45s');
  const original = () => owned(run('sigterm-ignore-drain-pdb.yaml', '39s'), 'web-').map((p) => p.metadata.name);

  it('the first is evicted at 40 s, the second refused then evicted at the 45 s retry, once the replacement is Ready', () => {
    const [a, b] = original().sort((x, y) => stdout(d(), `evicting pod default/${x}`)[0].time - stdout(d(), `evicting pod default/${y}`)[0].time);
    expect(stdout(d(), `evicting pod default/${a}`).map((k) => k.time)).toEqual([s(40)]);
    expect(stderr(d()).map((k) => [k.time, k.text])).toEqual([[s(40), PDB_REFUSAL(b)]]);
    expect(stdout(d(), `evicting pod default/${b}`).map((k) => k.time)).toEqual([s(40), s(45)]);
    const first = owned(d(), 'web-').sort((x, y) => created(x) - created(y))[0];
    expect([created(first), readyAt(first), first.spec?.nodeName]).toEqual([s(40), s(41), 'worker-2']);
  });

  it('a terminating pod is Running and Ready yet not healthy for the budget', () => {
    const terminating = owned(mid(), 'web-').filter((p) => p.metadata.deletionTimestamp);
    expect(terminating).toHaveLength(2);
    for (const p of terminating) {
      expect(p.status?.phase).toBe('Running');
      expect(condition(p, 'Ready')?.status).toBe('True');
      expect(condition(p, 'DisruptionTarget')?.reason).toBe('EvictionByEvictionAPI');
    }
    expect(obj(mid(), 'PodDisruptionBudget', 'web')?.status).toMatchObject({ currentHealthy: 1, desiredHealthy: 1, disruptionsAllowed: 0, expectedPods: 4 });
  });

  it('each is gone when SIGKILL ends its 30 s grace: evicted at 70 and 75 s, drained at 75 s', () => {
    const [a, b] = original().sort((x, y) => stdout(d(), `evicting pod default/${x}`)[0].time - stdout(d(), `evicting pod default/${y}`)[0].time);
    expect(stdout(d(), `pod/${a} evicted`).map((k) => k.time)).toEqual([s(70)]);
    expect(stdout(d(), `pod/${b} evicted`).map((k) => k.time)).toEqual([s(75)]);
    expect(stdout(d(), 'node/worker-1 drained').map((k) => k.time)).toEqual([s(75)]);
    expect(obj(run('sigterm-ignore-drain-pdb.yaml', '69s'), 'Pod', a)).toBeDefined();
    expect(owned(d(), 'web-').every((p) => p.spec?.nodeName === 'worker-2')).toBe(true);
  });
});
