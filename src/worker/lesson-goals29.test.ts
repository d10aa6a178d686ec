/**
 * Round 29 (lessons29): goals that a wrong action, or a different event under the same
 * reason, must not meet. Each case plays or builds what a learner could do instead of the
 * step and checks that the step's goals stay unmet.
 */
import { describe, expect, it } from 'vitest';
import type { Frame } from '../protocol/engine-api';
import { evaluateGoal, LESSONS } from '../scenario/lessons';
import { playLesson } from './lesson-play';

const stepOf = (id: string, i: number) => LESSONS.find((l) => l.id === id)!.steps[i];
const goalMet = (id: string, i: number, text: RegExp, frame: Parameters<typeof evaluateGoal>[1]) => {
  const goal = stepOf(id, i).goals.find((g) => text.test(g.text))!;
  return evaluateGoal(goal.check, frame).met;
};


type Ev = Frame['events'][number];
const event = (reason: string, object: string, message: string): Pick<Ev, 'reason' | 'object' | 'count' | 'message'> => ({ reason, object, count: 1, message });
const frameWith = (events: ReturnType<typeof event>[]) => ({ nodes: [], pods: [], queue: [], events });

describe('round-29 lesson goals', () => {
  it('rolling-update step 1: a rollout restart (a new ReplicaSet, but not nginx:1.30) does not meet the goals', () => {
    const host = playLesson('rolling-update', 0);
    expect(host.dispatch({ action: 'rollout', subcommand: 'restart', kind: 'Deployment', namespace: 'default', name: 'web' })).toEqual(expect.objectContaining({ ok: true }));
    host.step(10_000);
    const f = host.snapshot()!;
    // The restart's surge pod waits for cpu too, through a ReplicaSet that is not web-67bb99bf7f…
    const waiting = f.pods.filter((p) => p.nodeName === null && p.owner?.name.startsWith('web-'));
    expect(waiting.map((p) => p.owner?.name)).toHaveLength(1);
    expect(waiting[0].owner?.name).not.toBe('web-67bb99bf7f');
    // …so neither goal, which both name the nginx:1.30 ReplicaSet, is met.
    expect(goalMet('rolling-update', 0, /waits/, f)).toBe(false);
    expect(goalMet('rolling-update', 0, /new ReplicaSet/, f)).toBe(false);
  });

  it('rolling-update step 1: scaling web to 5 leaves an old pod pending, not a pod of the new version', () => {
    const host = playLesson('rolling-update', 0);
    expect(host.dispatch({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 5 })).toEqual(expect.objectContaining({ ok: true }));
    host.step(10_000);
    const f = host.snapshot()!;
    expect(f.pods.filter((p) => p.nodeName === null).map((p) => p.owner?.name)).toEqual(['web-d45649677']);
    expect(goalMet('rolling-update', 0, /waits/, f)).toBe(false);
  });

  it('crash-loop step 1: a BackOff for pulling an image, or about another container, is not the crash loop', () => {
    const pullBackOff = event('BackOff', 'Pod/default/api-599956c49d-abcde', 'Back-off pulling image "example.com/api:1.0"');
    expect(goalMet('crash-loop', 0, /BackOff/, frameWith([pullBackOff]))).toBe(false);
    const webBackOff = event('BackOff', 'Pod/default/web-1', 'Back-off restarting failed container web in pod web-1_default(u)');
    expect(goalMet('crash-loop', 0, /BackOff/, frameWith([webBackOff]))).toBe(false);
    const apiBackOff = event('BackOff', 'Pod/default/api-599956c49d-abcde', 'Back-off restarting failed container api in pod api-599956c49d-abcde_default(u)');
    expect(goalMet('crash-loop', 0, /BackOff/, frameWith([apiBackOff]))).toBe(true);
  });

  it('jobs step 2: the BackOff must be the restart of migrate-onfailure’s container', () => {
    const other = event('BackOff', 'Pod/default/api-1', 'Back-off restarting failed container api in pod api-1_default(u)');
    expect(goalMet('jobs', 1, /BackOff/, frameWith([other]))).toBe(false);
    const pull = event('BackOff', 'Pod/default/migrate-onfailure-abcde', 'Back-off pulling image "example.com/migrate-onfailure:1.0"');
    expect(goalMet('jobs', 1, /BackOff/, frameWith([pull]))).toBe(false);
    const restart = event('BackOff', 'Pod/default/migrate-onfailure-abcde', 'Back-off restarting failed container migrate-onfailure in pod migrate-onfailure-abcde_default(u)');
    expect(goalMet('jobs', 1, /BackOff/, frameWith([restart]))).toBe(true);
  });

  it('spreading step 2: restoring worker-c1 instead of softening the constraint does not meet the goals', () => {
    const host = playLesson('spreading', 1);
    expect(host.dispatch({ action: 'restoreNode', node: 'worker-c1' })).toEqual(expect.objectContaining({ ok: true }));
    host.step(60_000);
    const f = host.snapshot()!;
    // zone-c is back, so the pending web pods go there under the unchanged DoNotSchedule constraint…
    expect(f.pods.filter((p) => p.owner?.name.startsWith('web-') && p.nodeName === 'worker-c1' && p.deletionTimestamp === null && p.phase === 'Running')).toHaveLength(2);
    expect(f.pods.filter((p) => p.nodeName === null)).toEqual([]);
    // …which is not what the step asks: its goals need zone-c still down.
    expect(stepOf('spreading', 1).goals.every((g) => evaluateGoal(g.check, f).met)).toBe(false);
  });
});
