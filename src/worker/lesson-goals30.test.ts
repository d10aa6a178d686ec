/**
 * Round 30 (lessons30): goals that a learner who skips part of a step must not meet, played
 * through the engine host as the app plays them.
 */
import { describe, expect, it } from 'vitest';
import type { Frame } from '../protocol/engine-api';
import { decodeFrame } from '../protocol/frame-codec';
import { evaluateGoal, LESSONS } from '../scenario/lessons';
import { findPreset } from '../scenario/presets';
import { createEngineHost, createManualTicker } from './engine-host';
import { playLesson } from './lesson-play';
import { createWireHost } from './wire-host';

const stepOf = (id: string, i: number) => LESSONS.find((l) => l.id === id)!.steps[i];
const unmet = (id: string, i: number, frame: Parameters<typeof evaluateGoal>[1]) =>
  stepOf(id, i)
    .goals.filter((g) => !evaluateGoal(g.check, frame).met)
    .map((g) => g.text);

describe('round-30 lesson goals', () => {
  it('priority-preemption step 2: checkout alone, without the budget, does not complete the step', () => {
    const host = playLesson('priority-preemption', 1, { strict: true });
    const [, checkout] = stepOf('priority-preemption', 1).solution.commands;
    expect(host.dispatch(checkout)).toEqual(expect.objectContaining({ ok: true }));
    host.step(10_000);
    const f = host.snapshot()!;
    // checkout preempts a batch pod all the same (that is the lesson's point)…
    expect(f.pods.find((p) => p.name === 'checkout')).toMatchObject({ phase: 'Running' });
    expect(f.disruptionBudgets).toBeUndefined();
    // …but the step asked for the budget first.
    expect(unmet('priority-preemption', 1, f)).toEqual(['A PodDisruptionBudget for app=batch with minAvailable 3 exists']);
  });

  it('priority-preemption step 2: the frame shows the applied budget allowing 0 disruptions', () => {
    const host = playLesson('priority-preemption', 1, { strict: true });
    const [budget] = stepOf('priority-preemption', 1).solution.commands;
    expect(host.dispatch(budget)).toEqual(expect.objectContaining({ ok: true }));
    host.step(1_000);
    const f = host.snapshot()!;
    expect(f.disruptionBudgets).toEqual([{ namespace: 'default', name: 'batch-pdb', selector: 'app=batch', minAvailable: 3, maxUnavailable: null, disruptionsAllowed: 0 }]);
    // A budget of another bound is not the one the step asks for.
    expect(host.dispatch({ action: 'apply', object: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'batch-pdb', namespace: 'default' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'batch' } } } } })).toEqual(
      expect.objectContaining({ ok: true }),
    );
    host.step(1_000);
    const after = host.snapshot()!;
    expect(after.disruptionBudgets?.[0]).toMatchObject({ minAvailable: 2, disruptionsAllowed: 1 });
    expect(unmet('priority-preemption', 1, after)).toContain('A PodDisruptionBudget for app=batch with minAvailable 3 exists');
  });

  it('the page receives the budgets: a frame decoded from the wire carries them, so the goal can read them there', () => {
    const host = createEngineHost({ ticker: createManualTicker() });
    let page: Frame | null = null;
    const wire = createWireHost(host, (m) => {
      if (m.podscape !== 'frame') return;
      page = decodeFrame(page, structuredClone(m.packet));
      queueMicrotask(() => wire.ack(m.packet.kind === 'full' ? m.packet.frame.seq : m.packet.diff.seq));
    });
    const preset = findPreset('priority-preemption')!;
    wire.load(preset.text, preset.file);
    expect(page!.disruptionBudgets).toBeUndefined();
    const [budget] = stepOf('priority-preemption', 1).solution.commands;
    expect(wire.dispatch(budget)).toEqual(expect.objectContaining({ ok: true }));
    wire.step(1_000);
    expect(page!.disruptionBudgets).toEqual([expect.objectContaining({ name: 'batch-pdb', selector: 'app=batch', minAvailable: 3 })]);
    const goal = stepOf('priority-preemption', 1).goals[0];
    expect(evaluateGoal(goal.check, page!).met).toBe(true);
  });

  it('resource-pressure step 2: the rule bites: one node fewer than the solution adds runs every replica but leaves a node above 80 %; the hint’s delete mends it', () => {
    const host = playLesson('resource-pressure', 1, { strict: true });
    const { commands } = stepOf('resource-pressure', 1).solution;
    const lastAdd = commands.map((c) => c.action).lastIndexOf('addNode');
    for (const command of commands.filter((_, i) => i !== lastAdd)) expect(host.dispatch(command)).toEqual(expect.objectContaining({ ok: true }));
    host.step(5_000);
    let f = host.snapshot()!;
    // Capacity is enough (every replica runs, five of them on worker-4, 3.5 of its 4 CPUs), headroom is not.
    expect(f.nodes.find((n) => n.name === 'worker-4')?.requested.cpu).toBe(3_500);
    expect(unmet('resource-pressure', 1, f)).toEqual(['No node above 80 % CPU requests']);
    // The missing worker alone moves nothing: the scheduler does not move placed pods.
    expect(host.dispatch(commands[lastAdd])).toEqual(expect.objectContaining({ ok: true }));
    host.step(5_000);
    f = host.snapshot()!;
    expect(unmet('resource-pressure', 1, f)).toEqual(['No node above 80 % CPU requests']);
    const victim = f.pods.find((p) => p.nodeName === 'worker-4' && p.deletionTimestamp === null)!;
    expect(host.dispatch({ action: 'deletePod', namespace: 'default', name: victim.name })).toEqual(expect.objectContaining({ ok: true }));
    host.step(5_000);
    f = host.snapshot()!;
    expect(f.nodes.filter((n) => n.name >= 'worker-4').map((n) => n.requested.cpu)).toEqual([2_800, 700]);
    expect(unmet('resource-pressure', 1, f)).toEqual([]);
  });

  it('taints-tolerations step 2: taint, untaint and taint again within the minute: the cancelled evictions do not count as the inference pods’ evictions', () => {
    const host = playLesson('taints-tolerations', 1, { strict: true });
    const [driverUpgrade] = stepOf('taints-tolerations', 1).solution.commands;
    const gpuOnly = { action: 'apply', object: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'gpu-1' }, spec: { taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] } } } as const;
    for (const [command, ms] of [[driverUpgrade, 10_000], [gpuOnly, 2_000], [driverUpgrade, 5_000]] as const) {
      expect(host.dispatch(command)).toEqual(expect.objectContaining({ ok: true }));
      host.step(ms);
    }
    const f = host.snapshot()!;
    const evictions = f.events.filter((e) => e.reason === 'TaintManagerEviction');
    // Three TaintManagerEviction events and more, but the inference pods' are cancellations…
    expect(evictions.reduce((n, e) => n + e.count, 0)).toBeGreaterThanOrEqual(3);
    expect(evictions.filter((e) => e.object.includes('inference') && e.message?.startsWith('Cancelling deletion'))).toHaveLength(2);
    expect(f.pods.filter((p) => p.owner?.name.startsWith('inference-') && p.deletionTimestamp === null && p.nodeName === 'gpu-1')).toHaveLength(2);
    // …so the step, whose other goals are met, is not.
    expect(unmet('taints-tolerations', 1, f)).toEqual(['Three evictions: trainer at once, both inference pods after 60 s']);
  });
});
