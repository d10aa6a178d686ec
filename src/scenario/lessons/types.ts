/**
 * A lesson for a workshop: a preset scenario and steps. Each step has a text (a small
 * markdown subset), goals checked live against the cluster, hints, an optional
 * "predict, then reveal" question, and the intended solution — the commands that
 * complete it, which the tests play through the engine to prove every goal reachable.
 */
import type { Command } from '../../engine/commands';
import type { Goal } from './goals';

export interface LessonGoal {
  /** What the learner sees (`All pods of web Running`). */
  text: string;
  check: Goal;
}

export interface PredictQuestion {
  question: string;
  choices: string[];
  /** Index into `choices`. */
  answer: number;
  /** Shown on reveal: why the answer is what the engine does. */
  explanation: string;
}

export interface LessonStep {
  title: string;
  /** Markdown: paragraphs, `-` lists, **bold**, *emphasis*, `code`. */
  body: string;
  goals: LessonGoal[];
  hints: string[];
  predict?: PredictQuestion;
  /** Commands that complete the step, then virtual ms to let the cluster react. */
  solution: { commands: Command[]; advanceMs: number };
}

export interface Lesson {
  id: string;
  title: string;
  /** One sentence for the gallery. */
  summary: string;
  /** The preset (src/scenario/presets) the lesson starts from. */
  presetId: string;
  /**
   * Virtual ms the clock runs after loading, before step 1: a scenario loads with its
   * pods just bound (the kubelets start them a second later), and a lesson about a
   * running cluster should not let the learner act before anything runs.
   */
  warmupMs: number;
  steps: LessonStep[];
}
