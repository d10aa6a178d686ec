/**
 * Round 31 (lessons31): the resource-quota lesson played through the engine host as the app plays
 * it. What its text says (4 of 6 pods, the refusals' words, the retries after the quota is raised,
 * the LimitRange's defaults), that the hints' YAML is the solutions' objects, and that the
 * tempting wrong fixes meet no goal.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../engine/commands';
import type { Frame } from '../protocol/engine-api';
import { unknownFields } from '../scenario/fields/unknown-fields';
import { evaluateGoal, LESSONS } from '../scenario/lessons';
import { ownedBy } from '../scenario/lessons/goals';
import { quotaObjects } from '../scenario/lessons/resource-quota';
import { parseManifests } from '../scenario/parse';
import { playLesson } from './lesson-play';

const ID = 'resource-quota';
const lesson = LESSONS.find((l) => l.id === ID)!;
const unmet = (i: number, f: Frame) => lesson.steps[i].goals.filter((g) => !evaluateGoal(g.check, f).met).map((g) => g.text);
const live = (f: Frame, w: string) => f.pods.filter((p) => p.deletionTimestamp === null && ownedBy(p, w, 'team'));
const ok = expect.objectContaining({ ok: true });
type Quota = { status?: { hard?: Record<string, string>; used?: Record<string, string> } };

describe('lesson resource-quota', () => {
  it('the hints’ YAML parses to the solutions’ objects, with no field the API lacks', () => {
    const steps: [number, keyof typeof quotaObjects][] = [[1, 'quota'], [2, 'worker'], [3, 'limits']];
    for (const [i, which] of steps) {
      const { yaml, object } = quotaObjects[which];
      expect(lesson.steps[i].hints[0]).toContain(yaml);
      const manifests = parseManifests(yaml, 'editor.yaml');
      expect(unknownFields(manifests, { total: 0 })).toEqual([]);
      expect(manifests.objects).toEqual([object]);
      expect(lesson.steps[i].solution.commands).toEqual([{ action: 'apply', object } satisfies Command]);
    }
  });

  it('step 1: 4 of 6 pods; the refused ones never exist, not even as Pending; the ReplicaSet says why and keeps trying', () => {
    const host = playLesson(ID, 1, { strict: true });
    const f = host.snapshot()!;
    expect(live(f, 'web').map((p) => [p.phase, p.ready])).toEqual(Array(4).fill(['Running', true]));
    expect(f.queue).toEqual([]);
    const failed = f.events.filter((e) => e.reason === 'FailedCreate');
    expect(failed.length).toBeGreaterThan(0);
    for (const e of failed) {
      expect(e.type).toBe('Warning');
      expect(e.object).toMatch(/^ReplicaSet\/team\/web-[a-z0-9]+$/);
      expect(e.message).toMatch(/^(\(combined from similar events\): )?Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: compute, requested: requests.cpu=250m, used: requests.cpu=1, limited: requests.cpu=1$/);
    }
    expect((host.getObject('ResourceQuota', 'team', 'compute') as Quota).status).toEqual({ hard: { pods: '10', 'requests.cpu': '1' }, used: { pods: '4', 'requests.cpu': '1' } });
    const rs = host.getObject('ReplicaSet', 'team', failed[0].object.split('/')[2]) as { status?: { conditions?: { type: string; reason: string }[] } };
    expect(rs.status?.conditions).toContainEqual(expect.objectContaining({ type: 'ReplicaFailure', reason: 'FailedCreate' }));
    expect(unmet(0, f)).toEqual([]);
  });

  it('step 2: the raised quota lets the ReplicaSet’s retry create the 2 pods; used 1500m of 2', () => {
    const host = playLesson(ID, 2, { strict: true });
    const f = host.snapshot()!;
    expect(live(f, 'web').filter((p) => p.ready)).toHaveLength(6);
    expect((host.getObject('ResourceQuota', 'team', 'compute') as Quota).status?.used).toEqual({ pods: '6', 'requests.cpu': '1500m' });
    expect(unmet(1, f)).toEqual([]);
  });

  it('step 2: lowering the requests instead stalls the rollout (its new pods are refused too) and meets no goal, as the text says', () => {
    const host = playLesson(ID, 1, { strict: true });
    const lower = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'team' },
      spec: { replicas: 6, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'example.com/web:1.0', resources: { requests: { cpu: '150m', memory: '128Mi' } } }] } } },
    };
    expect(host.dispatch({ action: 'apply', object: lower } as Command)).toEqual(ok);
    host.step(60_000);
    const f = host.snapshot()!;
    expect(live(f, 'web').map((p) => p.requests.cpu)).toEqual([250, 250, 250, 250]);
    expect(f.events.some((e) => e.reason === 'FailedCreate' && e.message.includes('requested: requests.cpu=150m, used: requests.cpu=1, limited: requests.cpu=1'))).toBe(true);
    expect(unmet(1, f)).toEqual(lesson.steps[1].goals.map((g) => g.text));
  });

  it('step 3: the worker pod without requests is refused: failed quota, must specify requests.cpu', () => {
    const f = playLesson(ID, 3, { strict: true }).snapshot()!;
    expect(live(f, 'worker')).toEqual([]);
    const failed = f.events.filter((e) => e.reason === 'FailedCreate' && e.object.startsWith('ReplicaSet/team/worker-'));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].message).toMatch(/^Error creating: pods "worker-[a-z0-9]+-[a-z0-9]{5}" is forbidden: failed quota: compute: must specify requests\.cpu for: worker$/);
    expect(unmet(2, f)).toEqual([]);
  });

  it('step 4: the LimitRange fills the worker pod’s requests and limits, says so in its annotation, and the quota counts it', () => {
    const host = playLesson(ID, 4, { strict: true });
    const f = host.snapshot()!;
    const [pod] = live(f, 'worker');
    expect(pod).toMatchObject({ phase: 'Running', requests: { cpu: 100, memory: 64 * 1024 * 1024 } });
    const obj = host.getObject('Pod', 'team', pod.name) as { metadata: { annotations?: Record<string, string> }; spec: { containers: { resources?: unknown }[] } };
    expect(obj.spec.containers[0].resources).toEqual({ limits: { cpu: '200m', memory: '128Mi' }, requests: { cpu: '100m', memory: '64Mi' } });
    expect(obj.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu, memory request for container worker; cpu, memory limit for container worker');
    expect((host.getObject('ResourceQuota', 'team', 'compute') as Quota).status?.used).toEqual({ pods: '7', 'requests.cpu': '1600m' });
    // The template was not changed: the defaults live in the pod only.
    const deploy = host.getObject('Deployment', 'team', 'worker') as unknown as { spec: { template: { spec: { containers: { resources?: unknown }[] } } } };
    expect(deploy.spec.template.spec.containers[0].resources).toBeUndefined();
    expect(unmet(3, f)).toEqual([]);
  });

  it('step 4: a LimitRange with only limits also lets the pod in (requests default from limits) but misses the 100m goal', () => {
    const host = playLesson(ID, 3, { strict: true });
    const limitsOnly = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: 'team' }, spec: { limits: [{ type: 'Container', default: { cpu: '200m', memory: '128Mi' } }] } };
    expect(host.dispatch({ action: 'apply', object: limitsOnly } as Command)).toEqual(ok);
    host.step(20_000);
    const f = host.snapshot()!;
    expect(live(f, 'worker').map((p) => p.requests.cpu)).toEqual([200]);
    expect(unmet(3, f)).toEqual(['It requests cpu 100m and memory 64Mi, the LimitRange defaults']);
  });
});
