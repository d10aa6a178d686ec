/**
 * Lesson actions: open a lesson (load its preset through the usual loadScenario action,
 * then record the lesson in the store), and move through it. A share link that carries
 * a lesson id and step reopens it with `openLesson(store, client, id, step)`.
 */
import { findLesson, LESSONS, type Lesson } from '../../../../scenario/lessons';
import { findPreset } from '../../../../scenario/presets';
import type { EngineClient } from '../../../bridge/engine-client';
import { loadScenario, showError, stepClock } from '../../../store/actions';
import type { LessonProgress, PodscapeStore } from '../../../store/podscape-store';
import { startProgress } from './progress';

/**
 * Loads the lesson's preset, lets the cluster start (the lesson's warm-up, unless
 * `warmup: false`, e.g. when a share link replays a session on top), and shows `step`.
 */
export async function openLesson(store: PodscapeStore, client: EngineClient, id: string, step = 0, { warmup = true } = {}): Promise<Lesson> {
  const lesson = findLesson(id);
  const preset = lesson && findPreset(lesson.presetId);
  if (!lesson || !preset) {
    const message = `Unknown lesson "${id}": expected one of ${LESSONS.map((l) => l.id).join(', ')}`;
    showError(store, message);
    throw new Error(message);
  }
  if (!Number.isInteger(step) || step < 0 || step >= lesson.steps.length) {
    const message = `Lesson "${id}" has no step ${step + 1}: it has ${lesson.steps.length} steps`;
    showError(store, message);
    throw new Error(message);
  }
  await loadScenario(store, client, preset.text, preset.file);
  if (warmup && lesson.warmupMs > 0) await stepClock(store, client, lesson.warmupMs);
  store.setState({ lesson: startProgress(id, step) });
  return lesson;
}

/** Replaces the progress through `update`, if a lesson is open. */
export function updateLesson(store: PodscapeStore, update: (progress: LessonProgress, lesson: Lesson) => LessonProgress): void {
  const progress = store.getState().lesson;
  const lesson = progress && findLesson(progress.id);
  if (!progress || !lesson) return;
  const next = update(progress, lesson);
  if (next !== progress) store.setState({ lesson: next });
}

export function leaveLesson(store: PodscapeStore): void {
  store.setState({ lesson: null });
}
