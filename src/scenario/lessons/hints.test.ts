/**
 * A hint that gives YAML to paste into Apply YAML must give the object the step's solution
 * applies: the tests prove the solution, and the learner pastes the hint.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LESSONS } from './index';

/** The inline objects of a hint: `{ apiVersion: … }` in backticks. */
const pasted = (hint: string) => [...hint.matchAll(/`(\{ apiVersion: .*\})`/g)].map((m) => parse(m[1]) as unknown);

describe('YAML in the hints', () => {
  it('finds the inline objects of a hint', () => {
    expect(pasted('Apply this: `{ apiVersion: v1, kind: Pod, metadata: { name: a } }` then Step.')).toEqual([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' } }]);
    expect(pasted('Press **Step** six times.')).toEqual([]);
  });

  // Every lesson whose solutions apply an object: a workshop attendee pastes the hint into Apply YAML.
  const applying = LESSONS.filter((l) => l.steps.some((s) => s.solution.commands.some((c) => c.action === 'apply'))).map((l) => l.id);

  it('covers the lessons that apply objects', () => {
    expect(applying).toEqual(expect.arrayContaining(['crash-loop', 'jobs', 'rolling-update', 'node-affinity', 'taints-tolerations', 'scheduler-scoring', 'daemonsets', 'pod-anti-affinity', 'kubelet-admission', 'non-graceful-shutdown', 'priority-preemption', 'spreading', 'drain-flags']));
  });

  it.each(applying)('%s: each step\'s hints paste the objects its solution applies', (id) => {
    const lesson = LESSONS.find((l) => l.id === id)!;
    for (const step of lesson.steps) {
      const applied = step.solution.commands.flatMap((c) => (c.action === 'apply' ? [c.object as unknown] : []));
      expect(step.hints.flatMap(pasted), `${id}: ${step.title}`).toEqual(applied);
    }
  });
});
