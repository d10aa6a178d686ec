/**
 * Container probes (branch probes30): readiness, liveness and startup probes played through
 * `podscape run FILE --until T --output json` (fixtures ./run-cases/probe-*.yaml, whose headers
 * derive every time below from upstream's pkg/kubelet/prober worker.go and prober_manager.go,
 * kuberuntime_manager.go computePodActions / doBackOff, status/generate.go and the Deployment
 * controller's progress.go).
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, one, run, runEdited, s, ts, type Doc, type Obj } from './held-out';

interface CStatus {
  ready: boolean;
  started?: boolean;
  restartCount: number;
  state: { running?: { startedAt: string }; waiting?: { reason: string; message?: string }; terminated?: { exitCode: number; reason: string } };
  lastState: { terminated?: { exitCode: number; reason: string } };
}
const cs = (o: Obj | undefined) => (o?.status?.containerStatuses as CStatus[] | undefined)?.[0];
const pod = (d: Doc, name: string) => obj(d, 'Pod', name);
const ready = (o: Obj | undefined) => ['Ready', 'ContainersReady'].map((t) => [condition(o, t)?.status, condition(o, t)?.reason, condition(o, t)?.message]);
const NOT_READY = [
  ['False', 'ContainersNotReady', 'containers with unready status: [app]'],
  ['False', 'ContainersNotReady', 'containers with unready status: [app]'],
];
const READY = [
  ['True', undefined, undefined],
  ['True', undefined, undefined],
];

describe('readiness probes (prober/worker.go, prober_manager.go UpdatePodStatus)', () => {
  const rd = (until: string) => run('probe-readiness.yaml', until);

  it('a running container with a readiness probe is not ready before initialDelaySeconds and its first success', () => {
    const p = pod(rd('44s'), 'later');
    expect(p?.status?.phase).toBe('Running');
    expect(cs(p)).toMatchObject({ ready: false, started: true, state: { running: {} } });
    expect(ready(p)).toEqual(NOT_READY);
    const e = one(rd('44s'), 'Unhealthy', 'Pod/default/later');
    expect([e.type, e.count, e.firstTime, e.fieldPath, e.message]).toEqual(['Warning', 1, s(40), 'spec.containers{app}', 'Readiness probe failed: HTTP probe failed with statuscode: 500']);
  });

  it('turns Ready and ContainersReady True at the first passing probe (45 s)', () => {
    const p = pod(rd('45s'), 'later');
    expect(cs(p)?.ready).toBe(true);
    expect(ready(p)).toEqual(READY);
    expect(ts(condition(p, 'Ready')?.lastTransitionTime)).toBe(s(45));
  });

  it('a failing probe is probed at the start and every period, folded into one Unhealthy row', () => {
    const d = rd('90s');
    const e = one(d, 'Unhealthy', 'Pod/default/never');
    expect([e.count, e.firstTime, e.lastTime]).toEqual([7, s(31), s(90)]);
    expect(ready(pod(d, 'never'))).toEqual(NOT_READY);
  });

  it('a ready container turns not ready only at failureThreshold failures in a row', () => {
    expect(ready(pod(rd('59s'), 'flaps'))).toEqual(READY);
    const p = pod(rd('60s'), 'flaps');
    expect(ready(p)).toEqual(NOT_READY);
    expect(ts(condition(p, 'Ready')?.lastTransitionTime)).toBe(s(60));
    expect(one(rd('60s'), 'Unhealthy', 'Pod/default/flaps').message).toBe('Readiness probe failed: dial tcp :5432: connect: connection refused');
  });
});

describe('a rolling update whose new pods never become ready stalls (rolling.go, progress.go)', () => {
  const d = () => run('probe-rollout.yaml', '150s');
  const rs = (doc: Doc, image: string) =>
    doc.objects.find((o) => o.kind === 'ReplicaSet' && JSON.stringify((o.spec?.template as { spec?: unknown })?.spec).includes(image));

  it('stops at 3 old + 2 new: the new ReplicaSet has readyReplicas and availableReplicas 0', () => {
    expect(rs(d(), 'web:2')?.status).toMatchObject({ replicas: 2, readyReplicas: 0, availableReplicas: 0 });
    expect(rs(d(), 'web:1')?.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(obj(d(), 'Deployment', 'web')?.status).toMatchObject({ replicas: 5, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 2 });
    expect(events(d(), 'ScalingReplicaSet').map((e) => e.message.replace(/web-\w+/, 'RS'))).toEqual([
      'Scaled up replica set RS from 0 to 4',
      'Scaled up replica set RS from 0 to 1',
      'Scaled down replica set RS from 4 to 3',
      'Scaled up replica set RS from 1 to 2',
    ]);
  });

  it('Progressing turns False ProgressDeadlineExceeded 61 s after the last change', () => {
    const c = condition(obj(d(), 'Deployment', 'web'), 'Progressing');
    expect([c?.status, c?.reason, ts(c?.lastTransitionTime)]).toEqual(['False', 'ProgressDeadlineExceeded', s(91)]);
  });

  it('with a passing probe the same rollout completes (the probe is what holds it)', () => {
    const e = runEdited('probe-rollout.yaml', (t) => t.replace('{podscape.dev/readiness: fail}', '{podscape.dev/readiness: pass}'), '150s');
    expect(obj(e, 'Deployment', 'web')?.status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4 });
    expect(events(e, 'Unhealthy')).toEqual([]);
  });
});

describe('liveness probes (worker.go doProbe, kuberuntime_manager.go computePodActions)', () => {
  const lv = (until: string) => run('probe-liveness.yaml', until);

  it('failureThreshold failures kill the container: Unhealthy, then Killing … will be restarted', () => {
    const d = lv('55s');
    const u = one(d, 'Unhealthy', 'Pod/default/hangs');
    expect([u.count, u.firstTime, u.lastTime, u.message]).toEqual([3, s(45), s(55), 'Liveness probe failed: ']);
    const k = one(d, 'Killing', 'Pod/default/hangs');
    expect([k.firstTime, k.fieldPath, k.message]).toEqual([s(55), 'spec.containers{app}', 'Container app failed liveness probe, will be restarted']);
  });

  it('the first kill restarts at once (no previous instance): terminated at 56 s, running again at 57 s', () => {
    expect(cs(pod(lv('56500ms'), 'hangs'))).toMatchObject({ ready: false, restartCount: 0, state: { terminated: { exitCode: 143, reason: 'Error' } } });
    const p = pod(lv('57500ms'), 'hangs');
    expect(cs(p)).toMatchObject({ ready: true, restartCount: 1, lastState: { terminated: { exitCode: 143, reason: 'Error' } } });
    expect(ts(cs(p)?.state.running?.startedAt)).toBe(s(57));
  });

  it('later kills go through the container back-off: CrashLoopBackOff 40s after the fifth, restarted at 197 s', () => {
    const w = cs(pod(lv('170s'), 'hangs'));
    expect(w?.restartCount).toBe(4);
    expect(w?.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(w?.state.waiting?.message).toMatch(/^back-off 40s restarting failed container=app pod=hangs_default\(/);
    const p = cs(pod(lv('200s'), 'hangs'));
    expect([p?.restartCount, ts(p?.state.running?.startedAt)]).toEqual([5, s(197)]);
  });

  it('with a passing liveness probe nothing restarts', () => {
    const e = runEdited('probe-liveness.yaml', (t) => t.replace('{podscape.dev/liveness: fail-after=10s}', '{podscape.dev/liveness: pass}'), '200s');
    expect(cs(pod(e, 'hangs'))?.restartCount).toBe(0);
    expect(events(e, 'Killing', 'Pod/default/hangs')).toEqual([]);
  });
});

describe('startup probes gate liveness and readiness (worker.go, prober_manager.go isContainerStarted)', () => {
  const lv = (until: string) => run('probe-liveness.yaml', until);

  it('a failing startup probe kills the container like liveness; readiness never runs meanwhile', () => {
    const d = lv('45s');
    expect(one(d, 'Killing', 'Pod/default/never-starts').message).toBe('Container app failed startup probe, will be restarted');
    expect(one(d, 'Unhealthy', 'Pod/default/never-starts').message).toBe('Startup probe failed: service unhealthy (responded with "NOT_SERVING")');
    expect(cs(pod(lv('44s'), 'never-starts'))).toMatchObject({ ready: false, started: false });
  });

  it('until the startup probe succeeds the container is not started nor ready; then readiness is probed at once', () => {
    const before = pod(lv('54s'), 'slow-start');
    expect(cs(before)).toMatchObject({ ready: false, started: false });
    expect(ready(before)).toEqual(NOT_READY);
    const after = pod(lv('55s'), 'slow-start');
    expect(cs(after)).toMatchObject({ ready: true, started: true, restartCount: 0 });
    expect(ts(condition(after, 'Ready')?.lastTransitionTime)).toBe(s(55));
    expect(one(lv('55s'), 'Unhealthy', 'Pod/default/slow-start').count).toBe(4);
  });
});
