/**
 * Lesson progress as pure functions over the store's LessonProgress: which goals the
 * latest frame meets, when a step counts as completed, and the presenter's beats (each
 * step, then its prediction revealed, then the next step).
 */
import { evaluateGoal, type GoalFrame, type GoalResult, type Lesson, type LessonStep } from '../../../../scenario/lessons';
import type { LessonProgress } from '../../../store/podscape-store';

export type EvaluatedGoal = GoalResult & { text: string };

export function evaluateStep(step: LessonStep, frame: GoalFrame): EvaluatedGoal[] {
  return step.goals.map((g) => ({ text: g.text, ...evaluateGoal(g.check, frame) }));
}

export function startProgress(id: string, step = 0): LessonProgress {
  return { id, step, completed: [], revealed: [] };
}

/** The progress once `frame` is seen: the current step is completed when all its goals are met. */
export function withFrameProgress(progress: LessonProgress, lesson: Lesson, frame: GoalFrame): LessonProgress {
  const step = lesson.steps[progress.step];
  if (!step || progress.completed.includes(progress.step)) return progress;
  if (!evaluateStep(step, frame).every((g) => g.met)) return progress;
  return { ...progress, completed: [...progress.completed, progress.step] };
}

export function goToStep(progress: LessonProgress, lesson: Lesson, step: number): LessonProgress {
  const clamped = Math.max(0, Math.min(lesson.steps.length - 1, step));
  return clamped === progress.step ? progress : { ...progress, step: clamped };
}

export function reveal(progress: LessonProgress): LessonProgress {
  return progress.revealed.includes(progress.step) ? progress : { ...progress, revealed: [...progress.revealed, progress.step] };
}

/** The next beat: reveal the current step's prediction if it has an unrevealed one, else the next step. */
export function nextBeat(progress: LessonProgress, lesson: Lesson): LessonProgress {
  const step = lesson.steps[progress.step];
  if (step?.predict && !progress.revealed.includes(progress.step)) return reveal(progress);
  return goToStep(progress, lesson, progress.step + 1);
}

/** The previous beat: hide the current prediction again if it is shown, else the previous step. */
export function previousBeat(progress: LessonProgress, lesson: Lesson): LessonProgress {
  if (progress.revealed.includes(progress.step)) return { ...progress, revealed: progress.revealed.filter((s) => s !== progress.step) };
  return goToStep(progress, lesson, progress.step - 1);
}
