/**
 * Held-out timelines (round 22), each a scenario in ./run-cases played through `podscape run FILE
 * --until T --output json` and checked against upstream (the upstream source is named in each
 * fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, pods, run, s, type Doc, type Obj } from './held-out';

/** The ReplicaSet a Deployment owns whose template names `app` in matchLabelKeys (or not). */
const replicaSets = (d: Doc, deployment: string) =>
  d.objects.filter((o) => o.kind === 'ReplicaSet' && o.metadata.ownerReferences?.some((r) => r.kind === 'Deployment' && r.name === deployment));
const labelKeysTemplate = (rs: Obj) => JSON.stringify(rs.spec).includes('matchLabelKeys');

describe("a controller's pods refused by the API server (replica-failure.yaml)", () => {
  const d = () => run('replica-failure.yaml', '60s');
  const invalid = /^Pod "web-[a-z0-9]+-[a-z0-9]{5}" is invalid: spec\.affinity\.podAntiAffinity\.requiredDuringSchedulingIgnoredDuringExecution\[0\]\[0\]: Invalid value: "app": exists in both matchLabelKeys and labelSelector$/;

  it('each pod the ReplicaSet creates is merged and refused: FailedCreate `Error creating: Pod "<generated name>" is invalid: …`, one create a sync, 5 ms doubling retries (14 by 60 s), nine rows then the combined row', () => {
    const [rs] = replicaSets(d(), 'web');
    const rows = events(d(), 'FailedCreate', `ReplicaSet/default/${rs.metadata.name}`);
    for (const e of rows) {
      expect([e.type, e.source]).toEqual(['Warning', 'replicaset-controller']);
      expect(e.message.replace(/^\(combined from similar events\): /, '').replace(/^Error creating: /, '')).toMatch(invalid);
    }
    expect(rows.slice(0, 9).map((e) => e.count)).toEqual(Array(9).fill(1));
    expect(rows[9].message.startsWith('(combined from similar events): Error creating: Pod "web-')).toBe(true);
    expect(rows.reduce((n, e) => n + e.count, 0)).toBe(14);
    expect(rows[0].firstTime).toBe(s(10));
    // The 14th try: 10 s + 40.945 s (5 ms · (2^13 − 1) after the first, the extra echo sync aside).
    expect(Math.floor(rows[9].lastTime / 1000)).toBe(50);
    expect(pods(d()).filter((p) => p.metadata.name.startsWith('web-'))).toEqual([]);
  });

  it('the ReplicaSet gets ReplicaFailure True / FailedCreate with the first error, and the Deployment a copy (lastUpdateTime = lastTransitionTime)', () => {
    const [rs] = replicaSets(d(), 'web');
    const c = condition(rs, 'ReplicaFailure')!;
    expect([c.status, c.reason, c.lastTransitionTime]).toEqual(['True', 'FailedCreate', '2026-01-01T00:00:10Z']);
    expect(c.message).toMatch(invalid);
    expect(rs.status?.replicas).toBe(0);
    const dep = obj(d(), 'Deployment', 'web');
    expect(dep?.status?.conditions?.map((x) => x.type)).toEqual(['Progressing', 'Available', 'ReplicaFailure']);
    expect(condition(dep, 'ReplicaFailure')).toEqual({ type: 'ReplicaFailure', status: 'True', lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: 'FailedCreate', message: c.message });
  });

  it('Priority admission refuses before a name is generated: every message names the generateName, one row whose count grows', () => {
    const [rs] = replicaSets(d(), 'prio');
    const rows = events(d(), 'FailedCreate', `ReplicaSet/default/${rs.metadata.name}`);
    expect(rows.map((e) => [e.message, e.count, e.firstTime])).toEqual([
      [`Error creating: pods "${rs.metadata.name}-" is forbidden: no PriorityClass with name nope was found`, 14, s(10)],
    ]);
    expect(condition(rs, 'ReplicaFailure')?.message).toBe(`pods "${rs.metadata.name}-" is forbidden: no PriorityClass with name nope was found`);
  });

  it('the DaemonSet controller records FailedCreate with its pod\'s generated name; no pod is made', () => {
    const rows = events(d(), 'FailedCreate', 'DaemonSet/default/spread');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0].message).toMatch(/^Error creating: Pod "spread-[a-z0-9]{5}" is invalid: spec\.affinity\.podAntiAffinity\.requiredDuringSchedulingIgnoredDuringExecution\[0\]\[0\]: Invalid value: "app": exists in both matchLabelKeys and labelSelector$/);
    expect([rows[0].type, rows[0].source]).toEqual(['Warning', 'daemonset-controller']);
    expect(pods(d()).filter((p) => p.metadata.name.startsWith('spread-'))).toEqual([]);
  });

  it('the fixed template rolls out: the old ReplicaSet, scaled to 0, drops ReplicaFailure, so does the Deployment', () => {
    const later = run('replica-failure.yaml', '130s');
    const sets = replicaSets(later, 'web');
    const old = sets.find(labelKeysTemplate)!;
    const fixed = sets.find((x) => !labelKeysTemplate(x))!;
    expect(old.spec?.replicas).toBe(0);
    expect(condition(old, 'ReplicaFailure')).toBeUndefined();
    expect(old.status?.conditions).toBeUndefined();
    expect(fixed.status?.readyReplicas).toBe(2);
    expect(condition(obj(later, 'Deployment', 'web'), 'ReplicaFailure')).toBeUndefined();
  });
});

describe("the kubelet's default labels on a Node it did not register (node-labels-admin.yaml)", () => {
  const labels = (d: Doc) => (obj(d, 'Node', 'worker-2')?.metadata as { labels?: Record<string, string> }).labels ?? {};

  it('a Node applied under a running kubelet keeps the labels it was given (none): the kubelet labels only when it registers', () => {
    const d = run('node-labels-admin.yaml', '90s');
    expect(Object.keys(labels(d)).filter((k) => k.startsWith('kubernetes.io/'))).toEqual([]);
    expect(obj(d, 'Pod', 'pinned')?.spec?.nodeName).toBeUndefined();
    const failed = events(d, 'FailedScheduling', 'Pod/default/pinned');
    expect(failed.map((e) => [e.firstTime, e.source, e.type])).toEqual([[s(70), 'default-scheduler', 'Warning']]);
    expect(failed[0].message).toBe("0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
  });

  it('a restarted kubelet registers, finds the Node and adds its default labels (updateDefaultLabels); the pod is then bound there', () => {
    const d = run('node-labels-admin.yaml', '130s');
    expect(labels(d)).toMatchObject({ 'kubernetes.io/hostname': 'worker-2', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' });
    const bound = events(d, 'Scheduled', 'Pod/default/pinned');
    expect(bound.map((e) => e.message)).toEqual(['Successfully assigned default/pinned to worker-2']);
    expect(bound[0].firstTime).toBeGreaterThanOrEqual(s(110));
    expect(bound[0].firstTime).toBeLessThanOrEqual(s(111));
  });
});

describe('terminationGracePeriodSeconds 0 and a toleration of the cordon taint (grace-zero-cordon.yaml)', () => {
  const d = () => run('grace-zero-cordon.yaml', '30s');

  it('a pod whose spec grace is 0 is removed at the delete (no Terminating phase); the kubelet then stops its container', () => {
    expect(obj(d(), 'Pod', 'zero')).toBeUndefined();
    expect(d().kubectl.filter((l) => l.action === 'deletePod').map((l) => [l.time, l.stream, l.text])).toEqual([[s(20), 'stdout', 'pod "zero" deleted']]);
    expect(events(d(), 'Killing', 'Pod/default/zero').map((e) => [e.firstTime, e.message, e.source])).toEqual([[s(20), 'Stopping container c', 'kubelet']]);
  });

  it('a pod tolerating node.kubernetes.io/unschedulable is bound to the cordoned node; one without gets both filters\' reasons, sorted', () => {
    expect(obj(d(), 'Pod', 'tol')?.spec?.nodeName).toBe('worker-1');
    expect(obj(d(), 'Pod', 'notol')?.spec?.nodeName).toBeUndefined();
    expect(events(d(), 'FailedScheduling', 'Pod/default/notol').map((e) => [e.firstTime, e.message])).toEqual([
      [s(25), "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."],
    ]);
  });
});

describe('PreferNoSchedule is a score, not a filter (prefer-no-schedule.yaml)', () => {
  const d = () => run('prefer-no-schedule.yaml', '40s');
  const node = (name: string) => d().objects.find((o) => o.kind === 'Pod' && o.metadata.name.startsWith(name))?.spec?.nodeName;

  it('TaintToleration (weight 3) sends untolerating pods to the untainted node; a tolerating pod goes to the emptier tainted one; a nodeSelector overrides the preference', () => {
    expect([node('soft-'), node('tolerant'), node('plain'), node('pinned')]).toEqual(['worker-2', 'worker-1', 'worker-2', 'worker-1']);
    expect(d().events.filter((e) => e.reason === 'FailedScheduling')).toEqual([]);
  });
});

describe('revisionHistoryLimit through two rollouts (revision-history.yaml)', () => {
  const revisions = (d: Doc) =>
    d.objects
      .filter((o) => o.kind === 'ReplicaSet')
      .map((o) => [(o.metadata as { annotations?: Record<string, string> }).annotations?.['deployment.kubernetes.io/revision'], o.spec?.replicas])
      .sort();

  it('after revision 2 the one cleanable ReplicaSet is within the limit and stays', () => {
    expect(revisions(run('revision-history.yaml', '30s'))).toEqual([['1', 0], ['2', 2]]);
  });

  it('revision 1 is deleted at the sync after the status turned complete (42 s: the Deployment\'s own status update re-queues it), revision 2 stays at 0', () => {
    expect(revisions(run('revision-history.yaml', '41s'))).toEqual([['1', 0], ['2', 1], ['3', 2]]);
    expect(revisions(run('revision-history.yaml', '42s'))).toEqual([['2', 0], ['3', 2]]);
    const dep = obj(run('revision-history.yaml', '42s'), 'Deployment', 'web');
    expect((dep?.metadata as { annotations?: Record<string, string> }).annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });
});

describe("a pod's activeDeadlineSeconds (active-deadline.yaml)", () => {
  const d = () => run('active-deadline.yaml', '30s');
  const MSG = 'Pod was active on the node longer than the specified deadline';

  it('the kubelet fails the pod at startTime + deadline: DeadlineExceeded (Normal), phase Failed with that reason and message, its container stopped', () => {
    const dl = obj(d(), 'Pod', 'dl');
    expect([dl?.status?.phase, dl?.status?.reason, dl?.status?.message, dl?.status?.startTime]).toEqual(['Failed', 'DeadlineExceeded', MSG, '2026-01-01T00:00:10Z']);
    expect(events(d(), 'DeadlineExceeded', 'Pod/default/dl').map((e) => [e.firstTime, e.type, e.source, e.message])).toEqual([[s(25), 'Normal', 'kubelet', MSG]]);
    expect(events(d(), 'Killing', 'Pod/default/dl').map((e) => [e.firstTime, e.message])).toEqual([[s(25), 'Stopping container c']]);
  });

  it("a Deployment's pod that runs past its deadline is replaced at once; the Failed pod stays", () => {
    const web = pods(d()).filter((p) => p.metadata.name.startsWith('web-'));
    expect(web.map((p) => p.status?.phase).sort()).toEqual(['Failed', 'Running']);
    const failed = web.find((p) => p.status?.phase === 'Failed')!;
    expect([failed.status?.reason, failed.status?.message]).toEqual(['DeadlineExceeded', MSG]);
    const creates = d().events.filter((e) => e.reason === 'SuccessfulCreate' && e.object.startsWith('ReplicaSet/default/web-'));
    expect(creates.map((e) => e.firstTime)).toEqual([0, s(20)]);
  });
});
