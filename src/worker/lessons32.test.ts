/**
 * Round 32 (lessons32): the out-of-memory and CronJob lessons played through the engine host as
 * the app plays them. What their texts say (exit 137, the restarts, who is evicted and with which
 * words, the Job names and when they start), that the hints' YAML is the solutions' objects, and
 * the new goal kinds met and unmet.
 */
import { describe, expect, it } from 'vitest';
import type { Frame } from '../protocol/engine-api';
import { unknownFields } from '../scenario/fields/unknown-fields';
import { evaluateGoal, LESSONS } from '../scenario/lessons';
import { cronJobObjects } from '../scenario/lessons/cronjobs';
import { memoryObjects } from '../scenario/lessons/out-of-memory';
import { parseManifests } from '../scenario/parse';
import { playLesson } from './lesson-play';

const lesson = (id: string) => LESSONS.find((l) => l.id === id)!;
const pod = (f: Frame, name: string) => f.pods.find((p) => p.namespace === 'default' && p.name === name);
const eventsAbout = (f: Frame, object: string, reason: string) => f.events.filter((e) => e.object === object && e.reason === reason);

describe('lessons round 32: the hints’ YAML', () => {
  it('parses to the objects the solutions apply, with no field the API lacks', () => {
    const cases = [
      ...Object.values(memoryObjects).map((o) => ['out-of-memory', o] as const),
      ...Object.values(cronJobObjects).map((o) => ['cronjobs', o] as const),
    ];
    for (const [id, { yaml, object }] of cases) {
      const manifests = parseManifests(yaml, 'editor.yaml');
      expect(unknownFields(manifests, { total: 0 })).toEqual([]);
      expect(manifests.objects).toEqual([object]);
      const steps = lesson(id).steps;
      const i = steps.findIndex((s) => s.solution.commands.some((c) => c.action === 'apply' && c.object === object));
      expect(i, `${id}: a step applies ${yaml.slice(0, 60)}`).toBeGreaterThanOrEqual(0);
      expect(steps[i].hints.join(' ')).toContain(yaml);
    }
  });
});

describe('lesson out-of-memory', () => {
  it('step 1: report is OOMKilled (137) in place on worker-2, restarted 3 times in 40 s, CrashLoopBackOff; no OOMKilled event', () => {
    const f = playLesson('out-of-memory', 1, { strict: true }).snapshot()!;
    const report = pod(f, 'report')!;
    expect(report).toMatchObject({ nodeName: 'worker-2', phase: 'Running', containerReason: 'CrashLoopBackOff', lastTermination: { reason: 'OOMKilled', exitCode: 137 } });
    expect(report.restarts).toBe(3);
    expect(f.events.filter((e) => e.reason === 'OOMKilled')).toEqual([]);
    expect(eventsAbout(f, 'Pod/default/report', 'Scheduled')).toHaveLength(1);
  });

  it('step 2: the re-created report with a 512Mi limit runs and does not restart', () => {
    const host = playLesson('out-of-memory', 2, { strict: true });
    host.step(120_000);
    const report = pod(host.snapshot()!, 'report')!;
    expect(report).toMatchObject({ phase: 'Running', containerReason: null, restarts: 0, lastTermination: null });
    const predict = LESSONS.find((l) => l.id === 'out-of-memory')!.steps[1].predict!;
    expect(predict.choices[predict.answer]).toMatch(/^It runs, and its container is not restarted/);
  });

  it('step 3: worker-1 evicted two cache pods (db spared), has MemoryPressure and the taint; batch waits for the taint', () => {
    const f = playLesson('out-of-memory', 3, { strict: true }).snapshot()!;
    const evicted = f.events.filter((e) => e.reason === 'Evicted');
    expect(evicted.map((e) => e.object.split('/')[2].split('-')[0])).toEqual(['cache', 'cache']);
    for (const e of evicted) expect(e.message).toContain('Container cache was using 600Mi, request is 256Mi, has larger consumption of memory.');
    expect(f.nodes.find((n) => n.name === 'worker-1')!.pressures).toEqual(['MemoryPressure']);
    expect(pod(f, 'batch')).toMatchObject({ phase: 'Pending', nodeName: null });
    expect(pod(f, 'db')).toMatchObject({ phase: 'Running', nodeName: 'worker-1' });
  });

  it('step 4: with the toleration batch runs on worker-1 beside db and one cache pod (2000Mi), and is the one evicted', () => {
    const host = playLesson('out-of-memory', 3, { strict: true });
    for (const c of lesson('out-of-memory').steps[3].solution.commands) expect(host.dispatch(c).ok).toBe(true);
    host.step(5_000);
    let f = host.snapshot()!;
    const onWorker1 = f.pods.filter((p) => p.nodeName === 'worker-1' && p.phase === 'Running' && p.deletionTimestamp === null).map((p) => p.name.split('-')[0]).sort();
    expect(onWorker1).toEqual(['batch', 'cache', 'db']);
    host.step(15_000);
    f = host.snapshot()!;
    expect(eventsAbout(f, 'Pod/default/batch', 'Evicted').map((e) => e.message)).toEqual([
      'The node was low on resource: memory. Threshold quantity: 100Mi, available: 48Mi. Container batch was using 600Mi, request is 0, has larger consumption of memory. ',
    ]);
    expect(f.events.filter((e) => e.reason === 'Evicted')).toHaveLength(3); // the two cache pods before, batch now: the cache pod left is spared
    expect(pod(f, 'batch')!.phase).toBe('Failed');
  });

  it('a too-small limit is not mistaken for the fix: a report limited to 280Mi never meets step 2', () => {
    const host = playLesson('out-of-memory', 1, { strict: true });
    const tight = structuredClone(memoryObjects.report.object) as unknown as { spec: { containers: { resources: { limits: { memory: string } } }[] } };
    tight.spec.containers[0].resources.limits.memory = '280Mi';
    expect(host.dispatch({ action: 'deletePod', namespace: 'default', name: 'report', force: true }).ok).toBe(true);
    expect(host.dispatch({ action: 'apply', object: tight as never }).ok).toBe(true);
    host.step(20_000);
    const f = host.snapshot()!;
    expect(lesson('out-of-memory').steps[1].goals.every((g) => evaluateGoal(g.check, f).met)).toBe(false);
  });
});

describe('lesson cronjobs', () => {
  const createdJobs = (f: Frame) => eventsAbout(f, 'CronJob/default/report', 'SuccessfulCreate').map((e) => e.message.replace('Created job ', ''));

  it('step 1: the Job for 00:01 is report-29453761 (minutes since the epoch); Forbid skips 00:02 and starts it late', () => {
    // 2026-01-01T00:01:00Z in minutes since 1970-01-01T00:00:00Z.
    expect(Date.UTC(2026, 0, 1, 0, 1) / 60_000).toBe(29453761);
    const f = playLesson('cronjobs', 1, { strict: true }).snapshot()!;
    expect(createdJobs(f)).toEqual(['report-29453761', 'report-29453762']);
    expect(eventsAbout(f, 'CronJob/default/report', 'JobAlreadyActive')[0].message).toBe('Not starting job because prior execution is running and concurrency policy is Forbid');
  });

  it('step 2: Replace deletes the running Job at each minute and starts the new one on time', () => {
    const f = playLesson('cronjobs', 2, { strict: true }).snapshot()!;
    expect(createdJobs(f)).toEqual(['report-29453761', 'report-29453762', 'report-29453763', 'report-29453764']);
    expect(eventsAbout(f, 'CronJob/default/report', 'SuccessfulDelete').map((e) => e.message)).toEqual(['Deleted job report-29453762', 'Deleted job report-29453763']);
  });

  it('step 3: suspended, the running Job completes and no new one starts', () => {
    const f = playLesson('cronjobs', 3, { strict: true }).snapshot()!;
    expect(createdJobs(f)).toHaveLength(4);
    expect(eventsAbout(f, 'CronJob/default/report', 'SawCompletedJob').map((e) => e.message)).toContain('Saw completed job: report-29453764, condition: Complete');
  });

  it('step 4: resumed at 6m25s, the most recent missed minute (00:06) starts at once; the history keeps two completed Jobs', () => {
    const host = playLesson('cronjobs', 3, { strict: true });
    expect(host.snapshot()!.time).toBe(385_000);
    expect(host.dispatch(lesson('cronjobs').steps[3].solution.commands[0]).ok).toBe(true);
    host.step(1_000);
    expect(createdJobs(host.snapshot()!).slice(4)).toEqual(['report-29453766']);
    host.step(119_000);
    const f = host.snapshot()!;
    expect(eventsAbout(f, 'CronJob/default/report', 'SuccessfulDelete').map((e) => e.message).at(-1)).toBe('Deleted job report-29453761');
    expect(f.workloads.filter((w) => w.kind === 'Job').map((w) => w.name).sort()).toEqual(['report-29453764', 'report-29453766', 'report-29453767']);
  });
});
