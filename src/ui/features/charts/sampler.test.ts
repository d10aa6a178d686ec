import { describe, expect, it } from 'vitest';
import type { Frame, NodeFrame } from '../../../protocol/engine-api';
import { frame as baseFrame, node as baseNode } from '../../../protocol/frame-fixtures';
import { createInProcessClient, createManualTicker } from '../../bridge/in-process-client';
import { connectEngine, dispatchCommand, loadScenario, stepClock } from '../../store/actions';
import { applyFrame, createPodscapeStore } from '../../store/podscape-store';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { createChartSampler, SampleBuffer, sampleOf, type Sample } from './sampler';

const node = (cpu: [number, number], memory: [number, number]): NodeFrame =>
  baseNode('n', { requested: { cpu: cpu[0], memory: memory[0], pods: 0 }, allocatable: { cpu: cpu[1], memory: memory[1], pods: 110 } });
const frame = (seq: number, time: number, nodes: NodeFrame[] = [], pending = 0): Frame =>
  baseFrame({
    seq,
    time,
    reset: false,
    nodes,
    queue: Array.from({ length: pending }, (_, i) => ({ namespace: 'default', name: `p${i}`, queue: 'active' as const, reason: null, message: null })),
  });
const at = (time: number, pending = 0): Sample => ({ time, cpu: 0, memory: 0, pending });

describe('sampleOf', () => {
  it('sums requested over allocatable across the nodes and counts the pending pods', () => {
    expect(sampleOf(frame(1, 5000, [node([1000, 4000], [1, 4]), node([1000, 4000], [3, 4])], 2))).toEqual({ time: 5000, cpu: 25, memory: 50, pending: 2 });
    expect(sampleOf(frame(1, 0))).toEqual({ time: 0, cpu: 0, memory: 0, pending: 0 });
  });
});

describe('SampleBuffer', () => {
  it('keeps one sample per interval, the newest always last', () => {
    const buffer = new SampleBuffer(8, 1000);
    for (const t of [0, 100, 600, 1000, 1500, 2100]) buffer.add(at(t, t));
    expect(buffer.get().map((s) => s.time)).toEqual([0, 1000, 2100]);
    buffer.add(at(2100, 7)); // same instant: the reading is updated
    expect(buffer.get().at(-1)).toEqual(at(2100, 7));
  });

  it('stays bounded by halving its resolution, spanning the whole run', () => {
    const buffer = new SampleBuffer(8, 1000);
    for (let t = 0; t <= 60_000; t += 1000) buffer.add(at(t));
    const times = buffer.get().map((s) => s.time);
    expect(times.length).toBeLessThanOrEqual(8);
    expect(times[0]).toBe(0);
    expect(times.at(-1)).toBe(60_000);
    expect(buffer.spacing).toBeGreaterThan(1000);
  });

  it('starts over when time moves back (a new scenario)', () => {
    const buffer = new SampleBuffer(8, 1000);
    buffer.add(at(5000));
    buffer.add(at(9000));
    buffer.add(at(0, 3));
    expect(buffer.get()).toEqual([at(0, 3)]);
  });
});

describe('createChartSampler', () => {
  it('samples the frames the store receives and starts over on a scenario load', async () => {
    const client = createInProcessClient({ ticker: createManualTicker() });
    const store = createPodscapeStore();
    await connectEngine(store, client);
    const sampler = createChartSampler(store, new SampleBuffer(16, 1000));
    let notified = 0;
    sampler.subscribe(() => notified++);

    await loadScenario(store, client, DEFAULT_SCENARIO.text, DEFAULT_SCENARIO.file);
    const first = sampler.get();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ time: 0, pending: 1 }); // ml-training waits
    expect(first[0].cpu).toBeGreaterThan(0);
    expect(notified).toBeGreaterThan(0);

    await dispatchCommand(store, client, { action: 'killNode', node: 'worker-2' });
    await stepClock(store, client, 10_000);
    await stepClock(store, client, 10_000);
    expect(sampler.get().map((s) => s.time)).toEqual([0, 10_000, 20_000]);
    const stale = frame(1, 99_000); // older seq: the store drops it, so the sampler never sees it
    applyFrame(store, stale);
    expect(sampler.get().at(-1)!.time).toBe(20_000);

    await loadScenario(store, client, DEFAULT_SCENARIO.text, DEFAULT_SCENARIO.file);
    expect(sampler.get().map((s) => s.time)).toEqual([0]);
    sampler.stop();
    client.close();
  });
});
