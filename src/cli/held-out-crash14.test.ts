/**
 * Held-out timelines (branch crash14): containers that exit. Each scenario in ./run-cases
 * (crash-*.yaml) is played through `podscape run FILE --until T --output json` and checked
 * against upstream: the kubelet (pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff and
 * computePodActions, pkg/kubelet/kubelet_pods.go getPhase and convertToAPIContainerStatuses,
 * pkg/kubelet/status/generate.go, client-go util/flowcontrol/backoff.go, the kubelet's
 * backOffPeriod 10 s and MaxContainerBackOff 300 s), the Job controller
 * (pkg/controller/job/job_controller.go pastBackoffLimitOnFailure, backoff_utils.go,
 * pod_failure_policy.go) and the Deployment controller (progress.go). Every time below is
 * derived in the fixture's header.
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, one, pods, run, s, ts, type Doc, type Obj } from './held-out';
import { cli, tempFiles } from './testing';

interface Terminated { exitCode: number; reason: string; startedAt?: string; finishedAt?: string }
interface CStatus {
  name: string;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  state: { running?: { startedAt: string }; waiting?: { reason: string; message?: string }; terminated?: Terminated };
  lastState: { terminated?: Terminated };
}
const cs = (o: Obj | undefined) => (o?.status?.containerStatuses as CStatus[] | undefined)?.[0];
const pod = (d: Doc, name: string) => obj(d, 'Pod', name);
const at = (t: number) => new Date(Date.UTC(2026, 0, 1) + t).toISOString().replace('.000Z', 'Z');
const readiness = (o: Obj | undefined) =>
  ['PodReadyToStartContainers', 'Ready', 'ContainersReady'].map((t) => {
    const c = condition(o, t);
    return [t, c?.status, c?.reason, c?.message];
  });
const NOT_READY = [
  ['PodReadyToStartContainers', 'True', undefined, undefined],
  ['Ready', 'False', 'ContainersNotReady', 'containers with unready status: [app]'],
  ['ContainersReady', 'False', 'ContainersNotReady', 'containers with unready status: [app]'],
];
const podDesc = (o: Obj) => `${o.metadata.name}_${o.metadata.namespace}(${o.metadata.uid})`;

describe('restartPolicy Always: restart in place and CrashLoopBackOff (kuberuntime_manager.go doBackOff, flowcontrol Backoff)', () => {
  const loop = (until: string) => run('crash-loop.yaml', until);

  it('the first exit (1, `Error`) is shown terminated while the pod stays Running and not ready', () => {
    const p = pod(loop('6500ms'), 'crash')!;
    expect(p.status?.phase).toBe('Running');
    expect(cs(p)).toMatchObject({ ready: false, started: false, restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error', startedAt: at(s(1)), finishedAt: at(s(6)) } } });
    expect(readiness(p)).toEqual(NOT_READY);
  });

  it('the first restart is immediate (no back-off entry yet): running again at 7 s, restartCount 1, lastState the exit', () => {
    const p = pod(loop('9s'), 'crash')!;
    expect(cs(p)).toMatchObject({ ready: true, restartCount: 1, state: { running: { startedAt: at(s(7)) } }, lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: at(s(1)), finishedAt: at(s(6)) } } });
    expect(condition(p, 'Ready')?.status).toBe('True');
    const started = one(loop('9s'), 'Started', 'Pod/default/crash');
    expect([started.count, started.firstTime, started.lastTime, started.message]).toEqual([2, s(1), s(7), 'Container started']);
  });

  it('the second exit waits in CrashLoopBackOff with back-off 10s, Running, Ready False, and a BackOff Warning', () => {
    const d = loop('15s');
    const p = pod(d, 'crash')!;
    expect(p.status?.phase).toBe('Running');
    expect(cs(p)).toMatchObject({
      ready: false,
      restartCount: 1,
      state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=app pod=${podDesc(p)}` } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: at(s(7)), finishedAt: at(s(12)) } },
    });
    expect(readiness(p)).toEqual(NOT_READY);
    const b = one(d, 'BackOff', 'Pod/default/crash');
    expect([b.type, b.message, b.source, b.firstTime]).toEqual(['Warning', `Back-off restarting failed container app in pod ${podDesc(p)}`, 'kubelet', s(12)]);
  });

  it('the back-off doubles 10 s → 20 s → 40 s → 80 s → 160 s → 300 s (the cap): restarts at 23, 49, 95, 181, 347 and 653 s', () => {
    const restarts: [string, number, number][] = [['22500ms', 1, 7], ['24s', 2, 23], ['50s', 3, 49], ['96s', 4, 95], ['182s', 5, 181], ['348s', 6, 347], ['654s', 7, 653]];
    for (const [until, count, startedAt] of restarts) {
      expect(cs(pod(loop(until), 'crash')), until).toMatchObject({ restartCount: count });
      if (until !== '22500ms') expect(cs(pod(loop(until), 'crash'))!.state.running?.startedAt, until).toBe(at(s(startedAt)));
    }
    const waits: [string, string][] = [['30s', '20s'], ['60s', '40s'], ['110s', '1m20s'], ['200s', '2m40s'], ['400s', '5m0s'], ['700s', '5m0s']];
    for (const [until, backoff] of waits) {
      const p = pod(loop(until), 'crash')!;
      expect(cs(p)!.state.waiting?.message, until).toBe(`back-off ${backoff} restarting failed container=app pod=${podDesc(p)}`);
    }
  });

  it('each sync inside the back-off (every 10 s, the pod worker\'s backOffPeriod) records BackOff again: 1 + 2 by 40 s', () => {
    const b = one(loop('45s'), 'BackOff', 'Pod/default/crash');
    expect([b.count, b.firstTime, b.lastTime]).toEqual([3, s(12), s(38)]);
  });

  it('a completed container of an Always pod restarts too (lastState `Completed`, exit 0) and its second exit waits in CrashLoopBackOff', () => {
    expect(cs(pod(loop('9s'), 'done'))).toMatchObject({ restartCount: 1, state: { running: {} }, lastState: { terminated: { exitCode: 0, reason: 'Completed' } } });
    const p = pod(loop('15s'), 'done')!;
    expect(p.status?.phase).toBe('Running');
    expect(cs(p)!.state.waiting?.reason).toBe('CrashLoopBackOff');
  });

  it('the back-off entry expires after 2 × 300 s: a container that ran 11 m restarts at once each time, one that ran 9 m waits 10 s', () => {
    const d = loop('1325s');
    expect(cs(pod(d, 'steady'))).toMatchObject({ restartCount: 2, state: { running: { startedAt: at(s(1323)) } } });
    expect(events(d, 'BackOff', 'Pod/default/steady')).toEqual([]);
    const c = pod(loop('1085s'), 'close')!;
    expect(cs(c)).toMatchObject({ restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=app pod=${podDesc(c)}` } } });
  });
});

describe('restartPolicy Never and OnFailure (kubelet_pods.go getPhase)', () => {
  const loop = (until: string) => run('crash-loop.yaml', until);

  it('Never + exit 2: the pod is Failed, its container terminated `Error` with exit code 2, not restarted', () => {
    const d = loop('30s');
    const p = pod(d, 'never')!;
    expect(p.status?.phase).toBe('Failed');
    expect(cs(p)).toMatchObject({ ready: false, restartCount: 0, state: { terminated: { exitCode: 2, reason: 'Error', startedAt: at(s(1)), finishedAt: at(s(6)) } } });
    expect([condition(p, 'Ready')?.reason, condition(p, 'ContainersReady')?.reason]).toEqual(['PodFailed', 'PodFailed']);
    expect(events(d, 'BackOff', 'Pod/default/never')).toEqual([]);
    expect(one(d, 'Started', 'Pod/default/never').count).toBe(1);
  });

  it('OnFailure with podscape.dev/exit-code-runs 2: two restarts, the third run exits 0 and the pod is Succeeded with restartCount 2', () => {
    const p = pod(loop('30s'), 'flaky')!;
    expect(p.status?.phase).toBe('Succeeded');
    expect(cs(p)).toMatchObject({
      restartCount: 2,
      state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: at(s(23)), finishedAt: at(s(28)) } },
      lastState: { terminated: { exitCode: 1, reason: 'Error' } },
    });
    expect(condition(p, 'Ready')?.reason).toBe('PodCompleted');
  });
});

describe('Jobs whose containers exit (job_controller.go pastBackoffLimitOnFailure, backoff_utils.go, pod_failure_policy.go)', () => {
  const jobs = (until: string) => run('crash-job.yaml', until);
  const jobPods = (d: Doc, job: string) => pods(d).filter((p) => p.metadata.ownerReferences?.some((r) => r.kind === 'Job' && r.name === job));

  it('OnFailure: the restarts count for backoffLimit; at restartCount 2 (>= backoffLimit 2) BackoffLimitExceeded, the pod deleted', () => {
    const before = jobs('22s');
    expect(condition(obj(before, 'Job', 'onfailure'), 'Failed')).toBeUndefined();
    expect(cs(jobPods(before, 'onfailure')[0])?.restartCount).toBe(1);
    const d = jobs('40s');
    const job = obj(d, 'Job', 'onfailure')!;
    const ft = condition(job, 'FailureTarget')!;
    expect([ft.status, ft.reason, ft.message]).toEqual(['True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit']);
    expect(ts(ft.lastTransitionTime)).toBeGreaterThanOrEqual(s(23));
    expect(ts(ft.lastTransitionTime)).toBeLessThanOrEqual(s(25));
    expect(condition(job, 'Failed')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded' });
    expect(job.status).toMatchObject({ active: 0, failed: 1, succeeded: 0 });
    expect(jobPods(d, 'onfailure')).toEqual([]);
    const w = one(d, 'BackoffLimitExceeded', 'Job/default/onfailure');
    expect([w.type, w.message]).toEqual(['Warning', 'Job has reached the specified backoff limit']);
  });

  it('OnFailure, first run failing: restarted in place once, the pod Succeeded with restartCount 1, the Job Complete with failed 0', () => {
    const d = jobs('20s');
    const job = obj(d, 'Job', 'retry-in-place')!;
    expect(condition(job, 'Complete')?.status).toBe('True');
    expect(job.status).toMatchObject({ succeeded: 1, failed: 0 });
    const [p] = jobPods(d, 'retry-in-place');
    expect(p.status?.phase).toBe('Succeeded');
    expect(cs(p)?.restartCount).toBe(1);
  });

  it('Never, first run failing: the pod Failed (`Error`, 1), a new pod after the 10 s pod-failure back-off (16 s) succeeds', () => {
    const d = jobs('30s');
    const job = obj(d, 'Job', 'retry-new-pod')!;
    expect(condition(job, 'Complete')?.status).toBe('True');
    expect(job.status).toMatchObject({ succeeded: 1, failed: 1 });
    const ps = jobPods(d, 'retry-new-pod');
    expect(ps.map((p) => p.status?.phase).sort()).toEqual(['Failed', 'Succeeded']);
    const failed = ps.find((p) => p.status?.phase === 'Failed')!;
    expect(cs(failed)?.state.terminated).toMatchObject({ exitCode: 1, reason: 'Error', finishedAt: at(s(6)) });
    expect(events(d, 'SuccessfulCreate', 'Job/default/retry-new-pod').map((e) => e.firstTime)).toEqual([0, s(16)]);
  });

  it('Never + podFailurePolicy FailJob on exit code 42: Failed `PodFailurePolicy` with the container named', () => {
    const d = jobs('30s');
    const job = obj(d, 'Job', 'exit-42')!;
    const [p] = jobPods(d, 'exit-42');
    expect(condition(job, 'Failed')).toMatchObject({
      status: 'True',
      reason: 'PodFailurePolicy',
      message: `Container app for pod default/${p.metadata.name} failed with exit code 42 matching FailJob rule at index 0`,
    });
  });
});

describe('a rollout held up by crash-looping new pods (deployment progress.go, replica_set.go)', () => {
  const roll = (until: string) => run('crash-rollout.yaml', until);
  const fresh = (d: Doc) => d.objects.find((o) => o.kind === 'ReplicaSet' && (o.status as { replicas?: number })?.replicas === 2)!;

  it('the new ReplicaSet counts its crash-looping pods as neither ready nor available; the Deployment keeps 3 available', () => {
    const d = roll('80s');
    const dep = obj(d, 'Deployment', 'web')!;
    expect(dep.status).toMatchObject({ replicas: 5, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 2 });
    const rs = fresh(d);
    expect(rs.status).toMatchObject({ replicas: 2, readyReplicas: 0, availableReplicas: 0 });
    const crashing = pods(d).filter((p) => p.metadata.ownerReferences?.some((r) => r.name === rs.metadata.name));
    expect(crashing).toHaveLength(2);
    for (const p of crashing) {
      expect(p.status?.phase).toBe('Running');
      expect(condition(p, 'Ready')?.status).toBe('False');
      expect(cs(p)).toMatchObject({ restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } });
    }
  });

  it('Progressing turns False `ProgressDeadlineExceeded` 60 s (+ the 1 s requeue) after the last restart made readyReplicas grow, and True again at the next one', () => {
    const d = roll('190s');
    const dep = obj(d, 'Deployment', 'web')!;
    const p = condition(dep, 'Progressing')!;
    expect([p.status, p.reason, p.message]).toEqual(['False', 'ProgressDeadlineExceeded', `ReplicaSet "${fresh(d).metadata.name}" has timed out progressing.`]);
    expect(ts(p.lastTransitionTime)).toBe(s(178));
    expect(condition(dep, 'Available')?.status).toBe('True');
    const again = condition(obj(roll('210s'), 'Deployment', 'web'), 'Progressing')!;
    expect([again.status, again.reason, ts(again.lastTransitionTime)]).toEqual(['True', 'ReplicaSetUpdated', s(201)]);
  });
});

describe('the simulation annotations are validated (Podscape\'s own, named as such)', () => {
  const write = tempFiles('crash14-');
  const load = (name: string, lines: string[]) => cli('run', write(name, lines.join('\n') + '\n'), '--until', '10s');
  const pod = (annotations: string) => ['apiVersion: v1', 'kind: Pod', `metadata: {name: a, namespace: default, annotations: {${annotations}}}`, 'spec: {containers: [{name: app, image: busybox}]}'];

  it('refuses an exit code that is not an integer from 0 to 255, naming the annotation as a field', () => {
    const r = load('code.yaml', pod('podscape.dev/run-duration: 5s, podscape.dev/exit-code: "abc"'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/code\.yaml:3:\d+: metadata\.annotations\[podscape\.dev\/exit-code\]: Invalid value: "abc": must be an integer from 0 to 255 \(a Podscape simulation annotation\)/);
    expect(load('big.yaml', pod('podscape.dev/run-duration: 5s, podscape.dev/exit-code: "256"')).err).toContain('Invalid value: "256": must be an integer from 0 to 255');
    // An unquoted number is not a string: the API server's decode refuses it before any validation.
    expect(load('num.yaml', pod('podscape.dev/run-duration: 5s, podscape.dev/exit-code: 1')).err).toContain('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.annotations of type string');
  });

  it('refuses an exit code without a run duration, and a bad run duration', () => {
    expect(load('alone.yaml', pod('podscape.dev/exit-code: "3"')).err).toContain('metadata.annotations[podscape.dev/exit-code]: Invalid value: "3": needs podscape.dev/run-duration (a container without a run duration never exits)');
    expect(load('dur.yaml', pod('podscape.dev/run-duration: soon')).err).toContain('metadata.annotations[podscape.dev/run-duration]: Invalid value: "soon": must be a duration such as "30s" or "5m" (a Podscape simulation annotation)');
  });

  it('refuses a run count that is not a positive integer in a workload\'s template, and one without an exit code', () => {
    const job = (annotations: string) => ['apiVersion: batch/v1', 'kind: Job', 'metadata: {name: j, namespace: default}', 'spec:', '  template:', `    metadata: {annotations: {${annotations}}}`, '    spec: {restartPolicy: Never, containers: [{name: app, image: busybox}]}'];
    const r = load('runs.yaml', job('podscape.dev/run-duration: 5s, podscape.dev/exit-code: "1", podscape.dev/exit-code-runs: "-1"'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('spec.template.metadata.annotations[podscape.dev/exit-code-runs]: Invalid value: "-1": must be a positive integer (a Podscape simulation annotation)');
    expect(load('runs-alone.yaml', job('podscape.dev/run-duration: 5s, podscape.dev/exit-code-runs: "2"')).err).toContain('spec.template.metadata.annotations[podscape.dev/exit-code-runs]: Invalid value: "2": needs podscape.dev/exit-code (the code the first runs exit with)');
  });
});
