/**
 * For tests: a lesson played through the engine host as the app plays it. Its preset is loaded,
 * the warm-up runs, then the intended solutions of its first `steps` steps (each step's commands,
 * then the virtual time it lets pass).
 */
import { LESSONS } from '../scenario/lessons';
import { findPreset } from '../scenario/presets';
import { createEngineHost, createManualTicker } from './engine-host';

/**
 * The host after lesson `id`'s warm-up and the solutions of its first `steps` steps. With
 * `strict`, a solution command the engine refuses throws (a lesson whose solution no longer
 * works); without it, refusals are played as a learner would meet them.
 */
export function playLesson(id: string, steps: number, { strict = false } = {}) {
  const lesson = LESSONS.find((l) => l.id === id);
  if (!lesson) throw new Error(`no lesson "${id}"`);
  const preset = findPreset(lesson.presetId);
  if (!preset) throw new Error(`lesson "${id}": no preset "${lesson.presetId}"`);
  const host = createEngineHost({ ticker: createManualTicker() });
  host.load(preset.text, preset.file);
  host.step(lesson.warmupMs);
  for (const [i, step] of lesson.steps.slice(0, steps).entries()) {
    for (const command of step.solution.commands) {
      const result = host.dispatch(command);
      if (strict && !result.ok) throw new Error(`lesson "${id}" step ${i + 1}: ${command.action} refused: ${result.error}`);
    }
    host.step(step.solution.advanceMs);
  }
  return host;
}
