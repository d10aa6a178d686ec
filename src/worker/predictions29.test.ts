/**
 * Round 29's drain-pdb steps 4 and 5, where kubectl's output is the goal: what the texts and the
 * marked answers say is what the engine prints and does when the steps' solutions are played
 * (lessons.test.ts proves the goals unmet at each step's start and met after its solution).
 */
import { describe, expect, it } from 'vitest';
import type { Frame } from '../protocol/engine-api';
import { evaluateGoal, LESSONS } from '../scenario/lessons';
import { ownedBy } from '../scenario/lessons/goals';
import { playLesson } from './lesson-play';

const lesson = LESSONS.find((l) => l.id === 'drain-pdb')!;


const BUDGET = "Cannot evict pod as it would violate the pod's disruption budget.";
const linesOf = (f: Frame, node: string) => (f.drainLog ?? []).filter((l) => l.node === node);
const webOn = (f: Frame, node: string) => f.pods.filter((p) => p.nodeName === node && p.deletionTimestamp === null && ownedBy(p, 'web'));
const answer = (step: number) => {
  const p = lesson.steps[step - 1].predict!;
  return p.choices[p.answer];
};
const goalsMet = (f: Frame, step: number) => lesson.steps[step - 1].goals.map((g) => evaluateGoal(g.check, f).met);

describe('drain-pdb: a drain the budget blocks, read in kubectl’s output', () => {
  it('step 4: at 3 pods against minAvailable 3 every eviction is refused, every 5 s, and the pod stays', () => {
    expect(answer(4)).toMatch(/^An error for the web pod every 5 s/);
    const f = playLesson('drain-pdb', 4, { strict: true }).snapshot()!;
    const lines = linesOf(f, 'worker-1');
    expect(lines[0].text).toBe('node/worker-1 cordoned');
    const refusals = lines.filter((l) => l.stream === 'stderr' && /^error when evicting pods\/"web-[a-z0-9-]+" -n "default" \(will retry after 5s\): /.test(l.text) && l.text.endsWith(BUDGET));
    // 20 s of retries: the first try and one every 5 s.
    expect(refusals.map((l) => l.time - refusals[0].time)).toEqual([0, 5_000, 10_000, 15_000, 20_000]);
    expect(lines.some((l) => l.text === 'node/worker-1 drained')).toBe(false);
    // The one eviction that went through is of the pod the scale-down was already deleting
    // (the Eviction API checks no budget for a pod being deleted): the step's explanation says so.
    const refused = refusals[0].text.match(/pods\/"([^"]+)"/)![1];
    const evicted = lines.filter((l) => l.text.endsWith(' evicted')).map((l) => l.text);
    expect(evicted).toHaveLength(1);
    expect(evicted[0]).not.toContain(refused);
    expect(webOn(f, 'worker-1').map((p) => p.name)).toEqual([refused]);
    expect(webOn(f, 'worker-1')).toHaveLength(1);
    // Nothing in the event log says so: a refused eviction records no event.
    expect(f.events.filter((e) => e.message.includes('disruption budget'))).toEqual([]);
  });

  it('step 4 needs the drain’s output: scaled down and cordoned without a drain, the budget goal is unmet', () => {
    const host = playLesson('drain-pdb', 3, { strict: true });
    host.dispatch({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 3 });
    host.dispatch({ action: 'cordon', node: 'worker-1' });
    host.step(20_000);
    expect(goalsMet(host.snapshot()!, 4)).toEqual([true, false, true]);
  });

  it('step 5: the new pod goes to worker-2, and the next retry after it is ready evicts the pod and ends the drain', () => {
    expect(answer(5)).toMatch(/^The new pod starts on another node/);
    const host = playLesson('drain-pdb', 4, { strict: true });
    const before = new Set(host.snapshot()!.pods.map((p) => p.name));
    const scaledAt = host.snapshot()!.time;
    host.dispatch(lesson.steps[4].solution.commands[0]);
    host.step(lesson.steps[4].solution.advanceMs);
    const f = host.snapshot()!;
    const added = f.pods.filter((p) => !before.has(p.name) && ownedBy(p, 'web'));
    // The scaled-up pod and the evicted one's replacement: both on worker-2, the emptiest node not cordoned.
    expect(added.map((p) => p.nodeName)).toEqual(['worker-2', 'worker-2']);
    const after = linesOf(f, 'worker-1').filter((l) => l.time >= scaledAt);
    // A retry before the new pod is ready is still refused; the first one after it goes through.
    expect(after.slice(-3).map((l) => l.text.replace(/web-[a-z0-9]+-[a-z0-9]+/, 'web-…'))).toEqual(['evicting pod default/web-…', 'pod/web-… evicted', 'node/worker-1 drained']);
    expect(after.slice(0, -3).every((l) => l.text.startsWith('evicting pod') || l.text.endsWith(BUDGET))).toBe(true);
    const evictedAt = after[after.length - 3].time;
    // The new pod is ready about a second after the scale; the retry comes within 5 s of that.
    expect(evictedAt - scaledAt).toBeLessThanOrEqual(6_000);
    expect(webOn(f, 'worker-1')).toEqual([]);
  });
});

describe('failover-timing 5: the cancelled eviction is read from the event’s message', () => {
  it('is met after the restore, and not by the TaintManagerEviction that marks a pod for deletion', () => {
    const failover = LESSONS.find((l) => l.id === 'failover-timing')!;
    const host = playLesson('failover-timing', 4);
    const last = failover.steps[4];
    const cancelled = last.goals[1].check;
    // Marked for deletion by then, not cancelled: a TaintManagerEviction is about some pods, none says it.
    const before = host.snapshot()!;
    const marked = before.events.find((e) => e.reason === 'TaintManagerEviction' && e.message.startsWith('Marking for deletion'))!;
    expect(marked).toBeDefined();
    expect(evaluateGoal(cancelled, before).met).toBe(false);
    // About an evicted pod, the reason alone is met; the cancel's message is not.
    expect(evaluateGoal({ eventRecorded: { reason: 'TaintManagerEviction', object: marked.object } }, before).met).toBe(true);
    expect(evaluateGoal({ eventMessage: { reason: 'TaintManagerEviction', includes: 'Cancelling deletion', object: marked.object } }, before).met).toBe(false);
    for (const command of last.solution.commands) host.dispatch(command);
    host.step(last.solution.advanceMs);
    expect(evaluateGoal(cancelled, host.snapshot()!)).toMatchObject({ met: true });
  });
});
