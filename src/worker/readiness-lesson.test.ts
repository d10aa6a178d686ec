/**
 * Round 30 (readiness30): the readiness-probes lesson played through the engine host as the app
 * plays it. What its text says (the probe times, the counts, the stall, the rollback, a pod per
 * Ready), that the hints' YAML is the solution's object, and that a wrong action meets no goal.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../engine/commands';
import type { Frame } from '../protocol/engine-api';
import { unknownFields } from '../scenario/fields/unknown-fields';
import { evaluateGoal, LESSONS } from '../scenario/lessons';
import { livenessCommand, livenessYaml, readinessCommand, readinessYaml } from '../scenario/lessons/readiness-probes';
import { ownedBy } from '../scenario/lessons/goals';
import { parseManifests } from '../scenario/parse';
import { playLesson } from './lesson-play';

const ID = 'readiness-probes';
const OLD_RS = 'web-776fdf58f9';
const BROKEN_RS = 'web-77477b5d75';
const FIXED_RS = 'web-77cbcfb65d';

const lesson = LESSONS.find((l) => l.id === ID)!;
const unmet = (i: number, f: Frame) => lesson.steps[i].goals.filter((g) => !evaluateGoal(g.check, f).met).map((g) => g.text);
const live = (f: Frame, rs: string) => f.pods.filter((p) => p.deletionTimestamp === null && ownedBy(p, rs));
const unhealthy = (f: Frame, rs: string) =>
  f.events.filter((e) => e.reason === 'Unhealthy' && e.object.startsWith(`Pod/default/${rs}-`)).map((e) => ({ count: e.count, message: e.message, type: e.type }));
const ok = expect.objectContaining({ ok: true });

/** Steps the host by `ms` in 500 ms slices and returns the virtual times at which `when` first held. */
function firstTimes(host: ReturnType<typeof playLesson>, ms: number, when: (f: Frame) => number) {
  const times: number[] = [];
  let seen = when(host.snapshot()!);
  for (let t = 0; t < ms; t += 500) {
    host.step(500);
    const f = host.snapshot()!;
    const n = when(f);
    if (n !== seen) times.push(f.time);
    seen = n;
  }
  return times;
}

describe('lesson readiness-probes', () => {
  it('the hints’ YAML parses to the solutions’ objects, with no field the API lacks (the Apply YAML path)', () => {
    const cases: [string, string | undefined][] = [['example.com/web:1.1', 'fail'], ['example.com/web:1.0', undefined], ['example.com/web:1.2', 'pass-after=20s']];
    for (const [i, [image, readiness]] of cases.entries()) {
      const text = readinessYaml(image, readiness);
      expect(lesson.steps[i].hints[0]).toContain(text);
      const manifests = parseManifests(text, 'editor.yaml');
      expect(unknownFields(manifests, { total: 0 })).toEqual([]);
      const command = readinessCommand(image, readiness) as Extract<Command, { action: 'apply' }>;
      expect(manifests.objects).toEqual([command.object]);
      expect(lesson.steps[i].solution.commands).toEqual([command]);
    }
  });

  it('step 1: the web:1.1 pod runs, not Ready, probed at its start and every 10 s; 4 old + 1 new and nothing moves, even after 10 minutes', () => {
    const host = playLesson(ID, 0, { strict: true });
    const start = host.snapshot()!;
    expect(live(start, OLD_RS).map((p) => p.ready)).toEqual([true, true, true, true]);
    expect(host.dispatch(lesson.steps[0].solution.commands[0])).toEqual(ok);
    // Unhealthy at the start (1 s after the apply) and at 10, 20, 30 s: four in the step's 30 s.
    expect(firstTimes(host, 30_000, (f) => unhealthy(f, BROKEN_RS)[0]?.count ?? 0)).toEqual([16_000, 25_000, 35_000, 45_000]);
    let f = host.snapshot()!;
    expect(unhealthy(f, BROKEN_RS)).toEqual([{ count: 4, type: 'Warning', message: 'Readiness probe failed: HTTP probe failed with statuscode: 500' }]);
    expect(live(f, BROKEN_RS).map((p) => [p.phase, p.ready, p.restarts ?? 0])).toEqual([['Running', false, 0]]);
    expect(live(f, OLD_RS).filter((p) => p.ready)).toHaveLength(4);
    const status = (kind: string, name: string) => (host.getObject(kind, 'default', name) as { status?: Record<string, unknown> }).status;
    // kubectl get rs: DESIRED 4 / READY 4 for the old one, DESIRED 1 / READY 0 for the new one.
    expect(status('ReplicaSet', OLD_RS)).toMatchObject({ replicas: 4, readyReplicas: 4, availableReplicas: 4 });
    expect(status('ReplicaSet', BROKEN_RS)).toMatchObject({ replicas: 1 });
    expect(status('ReplicaSet', BROKEN_RS)?.readyReplicas ?? 0).toBe(0);
    // kubectl get deploy: READY 4/4, UP-TO-DATE 1, AVAILABLE 4; one of the 5 pods unavailable.
    expect(status('Deployment', 'web')).toMatchObject({ replicas: 5, updatedReplicas: 1, readyReplicas: 4, availableReplicas: 4, unavailableReplicas: 1 });
    expect(unmet(0, f)).toEqual([]);
    // The stall lasts: no old pod goes, and the readiness probe restarts nothing.
    host.step(600_000);
    f = host.snapshot()!;
    expect(live(f, OLD_RS).filter((p) => p.ready)).toHaveLength(4);
    expect(live(f, BROKEN_RS).map((p) => [p.ready, p.restarts ?? 0])).toEqual([[false, 0]]);
    const progressing = (status('Deployment', 'web')?.conditions as { type: string; status: string; reason: string }[]).find((c) => c.type === 'Progressing');
    expect(progressing).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    expect(f.events.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message)).toEqual([`Scaled up replica set ${OLD_RS} from 0 to 4`, `Scaled up replica set ${BROKEN_RS} from 0 to 1`]);
  });

  it('step 1: a new version without the failing probe rolls out, and meets neither goal', () => {
    const host = playLesson(ID, 0, { strict: true });
    expect(host.dispatch(readinessCommand('example.com/web:1.1'))).toEqual(ok);
    host.step(30_000);
    const f = host.snapshot()!;
    expect(f.events.some((e) => e.reason === 'Unhealthy')).toBe(false);
    expect(unmet(0, f)).toEqual(lesson.steps[0].goals.map((g) => g.text));
  });

  it('step 2: applying web:1.0 scales the broken ReplicaSet to 0 and leaves the old pods alone; rolling forward to web:1.2 instead does not meet it', () => {
    const before = playLesson(ID, 1, { strict: true }).snapshot()!;
    const after = playLesson(ID, 2, { strict: true }).snapshot()!;
    expect(live(after, OLD_RS).map((p) => p.name).sort()).toEqual(live(before, OLD_RS).map((p) => p.name).sort());
    expect(live(after, OLD_RS).every((p) => p.ready && (p.restarts ?? 0) === 0)).toBe(true);
    expect(live(after, BROKEN_RS)).toEqual([]);
    expect(unmet(1, after)).toEqual([]);

    const host = playLesson(ID, 1, { strict: true });
    expect(host.dispatch(lesson.steps[2].solution.commands[0])).toEqual(ok);
    host.step(10_000);
    const f = host.snapshot()!;
    // The broken pod goes all the same (an old ReplicaSet), but a third ReplicaSet's pod is there.
    expect(live(f, BROKEN_RS)).toEqual([]);
    expect(live(f, FIXED_RS)).toHaveLength(1);
    expect(unmet(1, f)).toEqual([`The 4 pods of ${OLD_RS} are Ready, and web has no other pod`]);
  });

  it('step 3: each web:1.2 pod is Ready 30 s after it was created (probes at 0, 9, 19 s fail, 29 s passes); the last old pod goes 2 minutes after the apply', () => {
    const host = playLesson(ID, 2, { strict: true });
    const applied = host.snapshot()!.time;
    expect(host.dispatch(lesson.steps[2].solution.commands[0])).toEqual(ok);
    const readyAt = firstTimes(host, 130_000, (f) => live(f, FIXED_RS).filter((p) => p.ready).length).map((t) => t - applied);
    expect(readyAt).toEqual([30_000, 60_000, 90_000, 120_000]);
    const f = host.snapshot()!;
    // Three failures per new pod before its success.
    expect(unhealthy(f, FIXED_RS).map((e) => e.count)).toEqual([3, 3, 3, 3]);
    expect(live(f, OLD_RS)).toEqual([]);
    expect(unmet(2, f)).toEqual([]);
  });

  it('step 3: never fewer than 4 Ready web pods, never more than 5 pods during the rollout; a stop before the end meets no goal', () => {
    const host = playLesson(ID, 2, { strict: true });
    expect(host.dispatch(lesson.steps[2].solution.commands[0])).toEqual(ok);
    for (let t = 0; t < 130_000; t += 500) {
      host.step(500);
      const f = host.snapshot()!;
      const web = live(f, 'web');
      expect(web.filter((p) => p.ready).length).toBeGreaterThanOrEqual(4);
      expect(web.length).toBeLessThanOrEqual(5);
      if (t === 89_500) expect(unmet(2, f)).toEqual(lesson.steps[2].goals.map((g) => g.text));
    }
  });

  // Round 31 (lessons31): the liveness step.
  it('step 4: the hint’s YAML parses to the solution’s Deployment, with no field the API lacks', () => {
    const text = livenessYaml('fail');
    expect(lesson.steps[3].hints[0]).toContain(text);
    const manifests = parseManifests(text, 'editor.yaml');
    expect(unknownFields(manifests, { total: 0 })).toEqual([]);
    const command = livenessCommand('fail') as Extract<Command, { action: 'apply' }>;
    expect(manifests.objects).toEqual([command.object]);
    expect(lesson.steps[3].solution.commands).toEqual([command]);
  });

  it('step 4: a failing liveness probe kills the cache container every 30 s and restarts it in the same pod; the 5th kill waits 40 s in CrashLoopBackOff', () => {
    const host = playLesson(ID, 3, { strict: true });
    const applied = host.snapshot()!.time;
    expect(unmet(3, host.snapshot()!)).toHaveLength(2);
    expect(host.dispatch(lesson.steps[3].solution.commands[0])).toEqual(ok);
    const cache = (f: Frame) => live(f, 'cache');
    const restartsAt = firstTimes(host, 200_000, (f) => cache(f)[0]?.restarts ?? 0).map((t) => t - applied);
    // Restarted at once after kills 1-4 (the previous exit is older than the back-off: none, 10, 20 s); the 5th waits the 40 s back-off.
    expect(restartsAt).toEqual([32_000, 62_000, 92_000, 122_000, 192_000]);
    const f = host.snapshot()!;
    expect(cache(f)).toHaveLength(1);
    const kinds = f.events.filter((e) => e.object === `Pod/default/${cache(f)[0].name}`).map((e) => [e.type, e.reason, e.message]);
    expect(kinds).toContainEqual(['Warning', 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500']);
    expect(kinds).toContainEqual(['Normal', 'Killing', 'Container cache failed liveness probe, will be restarted']);
    // Nothing replaced the pod: one ReplicaSet create, the pod kept its name.
    expect(f.events.filter((e) => e.reason === 'SuccessfulCreate' && e.object.startsWith('ReplicaSet/default/cache-')).map((e) => e.count)).toEqual([1]);
    expect(live(f, 'web').map((p) => [p.ready, p.restarts ?? 0])).toEqual([[true, 0], [true, 0], [true, 0], [true, 0]]);
  });

  it('step 4: CrashLoopBackOff shows from the 5th kill to the restart, and the step’s goals are met after its 160 s', () => {
    const host = playLesson(ID, 3, { strict: true });
    const applied = host.snapshot()!.time;
    expect(host.dispatch(lesson.steps[3].solution.commands[0])).toEqual(ok);
    const backOff = firstTimes(host, 200_000, (f) => (live(f, 'cache')[0]?.containerReason === 'CrashLoopBackOff' ? 1 : 0)).map((t) => t - applied);
    expect(backOff).toEqual([151_000, 192_000]);
    expect(unmet(3, playLesson(ID, 4, { strict: true }).snapshot()!)).toEqual([]);
  });

  it('step 4: a liveness probe that passes restarts nothing and meets only the web goal', () => {
    const host = playLesson(ID, 3, { strict: true });
    expect(host.dispatch(livenessCommand('pass'))).toEqual(ok);
    host.step(160_000);
    const f = host.snapshot()!;
    expect(live(f, 'cache').map((p) => [p.ready, p.restarts ?? 0])).toEqual([[true, 0]]);
    expect(unmet(3, f)).toEqual(lesson.steps[3].goals.slice(0, 2).map((g) => g.text));
  });
});
