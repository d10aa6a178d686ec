/**
 * The round-31 presets (memory pressure, image pulls, CronJob) checked claim by claim
 * against the engine, as presets.test.ts does for the older ones.
 */
import { describe, expect, it } from 'vitest';
import type { Frame } from '../protocol/engine-api';
import { ownedBy } from '../scenario/lessons/goals';
import { findPreset } from '../scenario/presets';
import { createEngineHost, createManualTicker } from './engine-host';

function start(id: string) {
  const preset = findPreset(id);
  if (!preset) throw new Error(`no preset ${id}`);
  const host = createEngineHost({ ticker: createManualTicker() });
  const loaded = host.load(preset.text, preset.file);
  return { host, ...loaded };
}

const live = (f: Frame) => f.pods.filter((p) => p.deletionTimestamp === null);
const of = (f: Frame, workload: string) => live(f).filter((p) => ownedBy(p, workload));
const at = (ms: number) => Math.round(ms / 1_000);

describe('round-31 presets', () => {
  it('memory-pressure: worker-1 evicts a cache pod at 10 s and another at ~20 s, MemoryPressure and its taint send the next replacement to worker-2, db stays; report is OOMKilled (137), restarted in place, CrashLoopBackOff', () => {
    const { host, frame } = start('memory-pressure');
    const onW1 = (f: Frame) => of(f, 'cache').filter((p) => p.nodeName === 'worker-1');
    expect(onW1(frame)).toHaveLength(2);
    expect(frame.pods.find((p) => p.name === 'db')!.nodeName).toBe('worker-1');
    let f = frame;
    let pressureAt: number | null = null;
    for (let t = 1; t <= 60; t++) {
      f = host.step(1_000);
      const w1 = f.nodes.find((n) => n.name === 'worker-1')!;
      if (pressureAt === null && (w1.pressures ?? []).includes('MemoryPressure')) pressureAt = t;
    }
    const events = host.snapshot()!.events;
    const evicted = events.filter((e) => e.reason === 'Evicted');
    expect(evicted.map((e) => at(e.firstTime))).toEqual([10, 21]);
    expect(evicted.every((e) => e.object.startsWith('Pod/default/cache-') && e.message.startsWith('The node was low on resource: memory. Threshold quantity: 100Mi, available: 48Mi. Container cache was using 600Mi, request is 256Mi'))).toBe(true);
    expect(pressureAt).toBe(20);
    const w1 = f.nodes.find((n) => n.name === 'worker-1')!;
    expect(w1.taints.map((t) => `${t.key}:${t.effect}`)).toContain('node.kubernetes.io/memory-pressure:NoSchedule');
    expect(f.nodes.find((n) => n.name === 'worker-2')!.pressures ?? []).toEqual([]);
    // The evicted pods stay Failed with kubectl's Evicted/Error; 4 cache pods run, one left on worker-1.
    const failed = f.pods.filter((p) => p.phase === 'Failed');
    expect(failed.map((p) => p.name).sort()).toEqual(evicted.map((e) => e.object.split('/')[2]).sort());
    const running = of(f, 'cache').filter((p) => p.phase === 'Running');
    expect(running).toHaveLength(4);
    expect(running.filter((p) => p.nodeName === 'worker-1')).toHaveLength(1);
    // The replacement made after the taint went to worker-2.
    const lastReplacement = events.filter((e) => e.reason === 'Scheduled' && e.object.startsWith('Pod/default/cache-') && e.firstTime > 20_000);
    expect(lastReplacement.map((e) => e.message.endsWith('to worker-2'))).toEqual([true]);
    expect(f.pods.find((p) => p.name === 'db')!.phase).toBe('Running');
    // report: OOMKilled, exit 137, restarted in place on the same node, then CrashLoopBackOff.
    const report = f.pods.find((p) => p.name === 'report')!;
    expect(report.restarts).toBeGreaterThanOrEqual(3);
    const obj = host.getObject('Pod', 'default', 'report') as unknown as { status: { containerStatuses: { lastState: { terminated?: { reason: string; exitCode: number } } }[] } };
    expect(obj.status.containerStatuses[0].lastState.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect(events.some((e) => e.reason === 'BackOff' && e.object === 'Pod/default/report')).toBe(true);
    expect(events.filter((e) => e.reason === 'Scheduled' && e.object === 'Pod/default/report')).toHaveLength(1);
    let sawBackOff = false;
    for (let t = 0; t < 30 && !sawBackOff; t++) sawBackOff = host.step(1_000).pods.find((p) => p.name === 'report')!.containerReason === 'CrashLoopBackOff';
    expect(sawBackOff).toBe(true);
  });
});
