/**
 * Held-out timelines (round 14), each a scenario in ./run-cases played through `podscape run FILE
 * --until T --output json` (or `events`) and checked against upstream (shared/reference/
 * lifecycle.md §n, and upstream source where the reference is silent, named in each fixture's
 * header).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { condition, events, obj, pods, run, s } from './held-out';
import { cli, tempFiles } from './testing';

const fixture = (name: string) => fileURLToPath(new URL(`./run-cases/${name}`, import.meta.url));

describe('a value of the wrong JSON type fails its apply with the API server decode error (BadRequest), at its time', () => {
  const d = () => run('wrong-type-apply.yaml', '1m');
  const line = (t: number) => d().kubectl.filter((l) => l.time === s(t));
  const bad = (kind: string, err: string) => `Error from server (BadRequest): error when creating "STDIN": ${kind} in version "v1" cannot be handled as a ${kind}: json: cannot unmarshal ${err}`;

  it('prints the first mismatch in sorted key order, with the Go struct, the path without indexes and the Go type', () => {
    const cases: [number, string][] = [
      [10, bad('Deployment', 'string into Go struct field DeploymentSpec.spec.replicas of type int32')],
      [15, bad('Deployment', 'number into Go struct field ObjectMeta.metadata.labels of type string')],
      [20, bad('Deployment', 'object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container')],
      [25, bad('Pod', 'bool into Go struct field ObjectMeta.metadata.labels of type string')],
      [30, bad('Deployment', 'number 2.5 into Go struct field DeploymentSpec.spec.replicas of type int32')],
    ];
    for (const [t, text] of cases) expect(line(t), `at ${t}s`).toEqual([{ time: s(t), action: 'apply', stream: 'stderr', text }]);
    expect(obj(run('wrong-type-apply.yaml', '39s'), 'Deployment', 'api')).toBeUndefined();
    expect(obj(d(), 'Pod', 'debug')).toBeUndefined();
  });

  it('goes on: the valid apply at 40 s creates the Deployment; the refused update at 50 s changes nothing', () => {
    expect(line(40)).toEqual([{ time: s(40), action: 'apply', stream: 'stdout', text: 'deployment.apps/api created' }]);
    expect(line(50)).toEqual([
      {
        time: s(50),
        action: 'apply',
        stream: 'stderr',
        text: 'Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool',
      },
    ]);
    const api = obj(d(), 'Deployment', 'api') as unknown as { spec: { replicas: number; paused?: unknown } };
    expect(api.spec.replicas).toBe(2);
    expect(api.spec.paused).toBeUndefined();
    expect(pods(d()).filter((p) => p.metadata.name.startsWith('api-') && p.status?.phase === 'Running')).toHaveLength(2);
  });

  it('with --output events the run exits 0 and the refusal goes to stderr', () => {
    const r = cli('run', fixture('wrong-type-apply.yaml'), '--until', '45s', '--output', 'events');
    expect(r.code).toBe(0);
    expect(r.err).toContain(`podscape: warning: at 10s: apply: ${bad('Deployment', 'string into Go struct field DeploymentSpec.spec.replicas of type int32')}`);
  });

  it('an initial object of the wrong type is refused at load: file:line: field with list indexes, the decode text, exit 2', () => {
    const file = tempFiles('podscape-r14-')(
      'env.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers:\n        - name: c\n          image: c\n          env: [{name: PORT, value: 8080}]\n',
    );
    const r = cli('run', file, '--until', '1m');
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'env.yaml:12:37: spec.template.spec.containers[0].env[0].value: Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string',
    );
  });
});

describe('scheduling gates: SchedulingGated at creation, no attempt while gated, gates only removed, nodeSelector narrowed while gated; a globalDefault PriorityClass', () => {
  const d = (until: string) => run('scheduling-gates.yaml', until);
  const gated = (until: string) => obj(d(until), 'Pod', 'gated') as unknown as { spec: Record<string, unknown>; status: { phase: string; conditions?: Record<string, unknown>[] } };
  const line = (t: number) => d('1m').kubectl.filter((l) => l.time === s(t));
  const blocked = { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' };

  it('is PodScheduled=False/SchedulingGated from its creation, Pending, and the scheduler never tries it', () => {
    const p = gated('19s');
    expect(p.status.phase).toBe('Pending');
    expect(p.status.conditions).toEqual([blocked]);
    expect(p.spec.nodeName).toBeUndefined();
    expect(events(d('39s'), 'FailedScheduling')).toEqual([]);
    expect(events(d('39s'), 'Scheduled').filter((e) => e.object === 'Pod/default/gated')).toEqual([]);
  });

  it('refuses a new gate, takes a nodeSelector addition while gated, refuses a changed entry, and takes a gate removal', () => {
    expect(line(20)).toEqual([
      { time: s(20), action: 'apply', stream: 'stderr', text: "The Pod \"gated\" is invalid: spec.schedulingGates[2].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/new'" },
    ]);
    expect(line(25)).toEqual([{ time: s(25), action: 'apply', stream: 'stdout', text: 'pod/gated configured' }]);
    expect(line(28)).toEqual([
      {
        time: s(28),
        action: 'apply',
        stream: 'stderr',
        text: 'The Pod "gated" is invalid: spec.nodeSelector: Invalid value: {"disk":"hdd","zone":"a"}: only additions to spec.nodeSelector are allowed (no mutations or deletions)',
      },
    ]);
    expect(line(30)).toEqual([{ time: s(30), action: 'apply', stream: 'stdout', text: 'pod/gated configured' }]);
    const p = gated('35s');
    expect(p.spec.schedulingGates).toEqual([{ name: 'example.com/arch' }]);
    expect(p.spec.nodeSelector).toEqual({ disk: 'ssd' });
    expect(p.status.conditions).toEqual([blocked]);
  });

  it('once ungated at 40 s it is tried at once and fails (PodScheduled False/Unschedulable, transition time kept); a nodeSelector change is then Forbidden', () => {
    const fail = events(d('49s'), 'FailedScheduling', 'Pod/default/gated');
    expect(fail).toHaveLength(1);
    expect(fail[0].firstTime).toBe(s(40));
    const msg = '0/1 nodes are available: 1 node(s) didn\'t match Pod\'s node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';
    expect(fail[0].message).toBe(msg);
    const p = gated('49s');
    expect(p.spec.schedulingGates).toBeUndefined();
    expect(condition(p as never, 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message: msg, lastTransitionTime: '2026-01-01T00:00:00Z' });
    expect(line(45)).toHaveLength(1);
    expect(line(45)[0].stream).toBe('stderr');
    expect(line(45)[0].text.startsWith('The Pod "gated" is invalid: spec: Forbidden: pod updates may not change fields other than ')).toBe(true);
    expect(p.spec.nodeSelector).toEqual({ disk: 'ssd' });
  });

  it('binds to the node added at 50 s with disk=ssd in the instant it turns Ready (51 s: the not-ready taint goes)', () => {
    const sch = events(d('1m'), 'Scheduled', 'Pod/default/gated');
    expect(sch.map((e) => [e.firstTime, e.message])).toEqual([[s(51), 'Successfully assigned default/gated to worker-2']]);
    expect(condition(gated('1m') as never, 'PodScheduled')).toMatchObject({ status: 'True', lastTransitionTime: '2026-01-01T00:00:51Z' });
  });

  it('a pod without priorityClassName gets the lowest globalDefault class: its name, value and preemptionPolicy; a named class is kept', () => {
    const p = gated('1s');
    expect([p.spec.priorityClassName, p.spec.priority, p.spec.preemptionPolicy]).toEqual(['standard', 1000, 'PreemptLowerPriority']);
    const cheap = obj(d('1s'), 'Pod', 'cheap') as unknown as { spec: Record<string, unknown> };
    expect([cheap.spec.priorityClassName, cheap.spec.priority, cheap.spec.preemptionPolicy]).toEqual(['batch', 10, 'Never']);
  });
});

describe('minReadySeconds through a node loss: availableReplicas and Available follow Ready + minReadySeconds', () => {
  type Dep = { status: { readyReplicas?: number; availableReplicas?: number; conditions?: Record<string, unknown>[] } };
  const at = (until: string) => {
    const d = run('min-ready-node-loss.yaml', until);
    const dep = obj(d, 'Deployment', 'web') as unknown as Dep;
    const available = condition(dep as never, 'Available');
    return { d, ready: dep.status.readyReplicas, available: dep.status.availableReplicas, cond: available && [available.status, available.reason, available.lastTransitionTime] };
  };

  it('six pods Ready at 1 s are available at 31 s, not before', () => {
    expect(at('30s')).toMatchObject({ ready: 6, available: 0, cond: ['False', 'MinimumReplicasUnavailable', '2026-01-01T00:00:00Z'] });
    expect(at('32s')).toMatchObject({ ready: 6, available: 6, cond: ['True', 'MinimumReplicasAvailable', '2026-01-01T00:00:31Z'] });
  });

  it('at NotReady 4 of 6 are available (< 5): Available=False; the replacements are Ready at once but available 30 s later', () => {
    expect(at('2m')).toMatchObject({ ready: 4, available: 4, cond: ['False', 'MinimumReplicasUnavailable', '2026-01-01T00:01:50Z'] });
    const evicted = events(at('7m').d, 'TaintManagerEviction');
    expect(evicted).toHaveLength(2);
    const E = evicted[0].firstTime;
    expect(E).toBe(s(415.1));
    expect(at('7m20s')).toMatchObject({ ready: 6, available: 4, cond: ['False', 'MinimumReplicasUnavailable', '2026-01-01T00:01:50Z'] });
    // Replacements created at E, running and Ready at E + 1 s, available at E + 31 s (7m26.1s; the stamp shows whole seconds).
    expect(at('7m26s')).toMatchObject({ available: 4 });
    expect(at('7m27s')).toMatchObject({ ready: 6, available: 6, cond: ['True', 'MinimumReplicasAvailable', '2026-01-01T00:07:26Z'] });
  });
});
