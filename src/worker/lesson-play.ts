/**
 * For tests: a lesson played through the engine host as the app plays it. Its preset is loaded,
 * the warm-up runs, then the intended solutions of its first `steps` steps (each step's commands,
 * then the virtual time it lets pass).
 */
import type { Frame } from '../protocol/engine-api';
import { LESSONS } from '../scenario/lessons';
import { ownedBy } from '../scenario/lessons/goals';
import { findPreset } from '../scenario/presets';
import { createEngineHost, createManualTicker } from './engine-host';

/** Preset `id` loaded into a fresh engine host on a manual ticker: the host and what load returned. */
export function startPreset(id: string) {
  const preset = findPreset(id);
  if (!preset) throw new Error(`no preset ${id}`);
  const host = createEngineHost({ ticker: createManualTicker() });
  const loaded = host.load(preset.text, preset.file);
  return { host, ...loaded };
}

/** A frame's pods that are not being deleted. */
export const livePods = (f: Frame) => f.pods.filter((p) => p.deletionTimestamp === null);
/** A frame's live pods owned by `workload` (a goal's ownedBy). */
export const livePodsOf = (f: Frame, workload: string) => livePods(f).filter((p) => ownedBy(p, workload));

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
