import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../../protocol/engine-api';
import { frame as baseFrame, node as baseNode } from '../../../../protocol/frame-fixtures';
import type { Lesson } from '../../../../scenario/lessons';
import { goToStep, nextBeat, previousBeat, startProgress, withFrameProgress } from './progress';

const lesson: Lesson = {
  id: 't',
  title: 'T',
  summary: 's',
  presetId: 'p',
  warmupMs: 0,
  steps: [
    {
      title: 'cordon',
      body: '',
      goals: [{ text: 'w1 cordoned', check: { nodeUnschedulable: { node: 'w1', value: true } } }],
      hints: ['h'],
      predict: { question: 'q', choices: ['a', 'b'], answer: 1, explanation: 'e' },
      solution: { commands: [], advanceMs: 0 },
    },
    {
      title: 'uncordon',
      body: '',
      goals: [{ text: 'w1 schedulable', check: { nodeUnschedulable: { node: 'w1', value: false } } }],
      hints: ['h'],
      solution: { commands: [], advanceMs: 0 },
    },
  ],
};
const frame = (unschedulable: boolean): Frame => baseFrame({ nodes: [baseNode('w1', { unschedulable })] });

describe('lesson progress', () => {
  it('completes the current step once a frame meets all its goals, and only that step', () => {
    const start = startProgress('t');
    expect(withFrameProgress(start, lesson, frame(false))).toBe(start);
    const done = withFrameProgress(start, lesson, frame(true));
    expect(done).toEqual({ id: 't', step: 0, completed: [0], revealed: [] });
    // Completion is latched: undoing the change does not take it back.
    expect(withFrameProgress(done, lesson, frame(false))).toBe(done);
    const second = goToStep(done, lesson, 1);
    expect(withFrameProgress(second, lesson, frame(true))).toBe(second);
    expect(withFrameProgress(second, lesson, frame(false)).completed).toEqual([0, 1]);
  });

  it('steps through beats: reveal the prediction, then the next step; back undoes both', () => {
    let p = startProgress('t');
    p = nextBeat(p, lesson);
    expect(p).toMatchObject({ step: 0, revealed: [0] });
    p = nextBeat(p, lesson);
    expect(p).toMatchObject({ step: 1, revealed: [0] });
    expect(nextBeat(p, lesson)).toBe(p); // the last beat stays
    p = previousBeat(p, lesson);
    expect(p).toMatchObject({ step: 0, revealed: [0] });
    p = previousBeat(p, lesson);
    expect(p).toMatchObject({ step: 0, revealed: [] });
    expect(previousBeat(p, lesson)).toBe(p);
    expect(goToStep(p, lesson, 9).step).toBe(1);
  });
});
