/**
 * Proof for the built-in lessons: each one loads its preset through the real engine
 * (the host the worker runs), and for every step the goals are not yet met when the
 * step starts and are all met once the step's intended solution has been played.
 */
import { describe, expect, it } from 'vitest';
import type { Frame } from '../protocol/engine-api';
import { evaluateGoal, LESSONS } from '../scenario/lessons';
import { findPreset } from '../scenario/presets';
import { createEngineHost, createManualTicker } from './engine-host';

const goalsOf = (frame: Frame, goals: (typeof LESSONS)[number]['steps'][number]['goals']) =>
  goals.map((g) => ({ text: g.text, ...evaluateGoal(g.check, frame) }));

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  it('starts from an existing preset and has steps with goals and hints', () => {
    expect(findPreset(lesson.presetId)).toBeDefined();
    expect(lesson.steps.length).toBeGreaterThan(0);
    for (const step of lesson.steps) {
      expect(step.goals.length).toBeGreaterThan(0);
      expect(step.hints.length).toBeGreaterThan(0);
      if (step.predict) {
        expect(step.predict.answer).toBeGreaterThanOrEqual(0);
        expect(step.predict.answer).toBeLessThan(step.predict.choices.length);
      }
    }
    // Goals are plain data: they survive JSON (share links, storage) unchanged.
    expect(JSON.parse(JSON.stringify(lesson.steps.map((s) => s.goals)))).toEqual(lesson.steps.map((s) => s.goals));
  });

  it('every step is unmet at its start and met after its intended solution', () => {
    const preset = findPreset(lesson.presetId)!;
    const host = createEngineHost({ ticker: createManualTicker() });
    host.load(preset.text, preset.file);
    let frame = host.step(lesson.warmupMs);
    // The warm-up leaves a cluster at rest: every bound pod has started.
    expect(frame.pods.filter((p) => p.nodeName !== null && p.phase === 'Pending')).toEqual([]);
    for (const [i, step] of lesson.steps.entries()) {
      const before = goalsOf(frame, step.goals);
      expect(before.every((g) => g.met), `step ${i + 1} "${step.title}" is already complete at its start: ${JSON.stringify(before)}`).toBe(false);
      for (const command of step.solution.commands) {
        expect(host.dispatch(command), `step ${i + 1}: ${command.action}`).toEqual(expect.objectContaining({ ok: true }));
      }
      frame = host.step(step.solution.advanceMs);
      const after = goalsOf(frame, step.goals);
      expect(after.filter((g) => !g.met), `step ${i + 1} "${step.title}" after its solution`).toEqual([]);
    }
  });
});
