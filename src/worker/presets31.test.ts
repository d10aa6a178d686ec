/**
 * The round-31 presets (memory pressure, image pulls, CronJob) checked claim by claim
 * against the engine, as presets.test.ts does for the older ones.
 */
import { describe, expect, it } from 'vitest';
import type { Frame } from '../protocol/engine-api';
import { livePods as live, livePodsOf as of, startPreset as start } from './lesson-play';

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

describe('image-pulls preset', () => {
  it('the shop pods wait ContainerCreating for their 20 s pulls; typo backs off (ErrImagePull, ImagePullBackOff), pulling at 1, 11, 31 and 71 s', () => {
    const { host, frame } = start('image-pulls');
    expect(of(frame, 'shop').map((p) => p.nodeName).sort()).toEqual(['worker-1', 'worker-2']);
    let f = host.step(10_000);
    expect(of(f, 'shop').map((p) => [p.phase, p.containerReason])).toEqual([['Pending', 'ContainerCreating'], ['Pending', 'ContainerCreating']]);
    f = host.step(15_000);
    expect(of(f, 'shop').map((p) => [p.phase, p.ready])).toEqual([['Running', true], ['Running', true]]);
    const pulled = host.snapshot()!.events.filter((e) => e.reason === 'Pulled' && e.object.startsWith('Pod/default/shop-'));
    expect(pulled.map((e) => [at(e.firstTime), e.message.slice(0, 63)])).toEqual([
      [21, 'Successfully pulled image "example.com/shop:2" in 20s (20s incl'],
      [21, 'Successfully pulled image "example.com/shop:2" in 20s (20s incl'],
    ]);
    const reasons = new Set<string>();
    for (let t = 25; t < 100; t++) reasons.add(String(host.step(1_000).pods.find((p) => p.name === 'typo')!.containerReason));
    expect([...reasons].sort()).toEqual(['ErrImagePull', 'ImagePullBackOff']);
    const typo = host.snapshot()!.events.filter((e) => e.object === 'Pod/default/typo');
    expect(typo.find((e) => e.reason === 'Pulling')!.count).toBe(4);
    expect(typo.some((e) => e.reason === 'Failed' && e.message === 'Error: ImagePullBackOff')).toBe(true);
    expect(host.step(0).pods.find((p) => p.name === 'typo')!.phase).toBe('Pending');
  });

  it.each(['worker-1', 'worker-2'])('killing %s: its shop pod is evicted about 85 s later and the replacement on worker-3 pulls the image again (20 s)', (node) => {
    const { host } = start('image-pulls');
    host.step(40_000);
    const victim = of(host.step(0), 'shop').find((p) => p.nodeName === node)!;
    expect(host.dispatch({ action: 'killNode', node }).ok).toBe(true);
    let f = host.step(80_000);
    expect(of(f, 'shop').map((p) => p.name)).toContain(victim.name);
    f = host.step(10_000);
    expect(of(f, 'shop').map((p) => p.name)).not.toContain(victim.name);
    const fresh = of(f, 'shop').find((p) => p.nodeName === 'worker-3')!;
    expect([fresh.phase, fresh.containerReason]).toEqual(['Pending', 'ContainerCreating']);
    const events = host.snapshot()!.events.filter((e) => e.object === `Pod/default/${fresh.name}`);
    const pulling = events.find((e) => e.reason === 'Pulling')!;
    expect(pulling.message).toBe('Pulling image "example.com/shop:2"');
    f = host.step(20_000);
    expect(f.pods.find((p) => p.name === fresh.name)!.phase).toBe('Running');
    const evictedAt = host.snapshot()!.events.find((e) => e.reason === 'TaintManagerEviction' && e.object === `Pod/default/${victim.name}`)!.firstTime;
    expect(at(evictedAt) - 40).toBeGreaterThanOrEqual(80);
    expect(at(evictedAt) - 40).toBeLessThanOrEqual(90);
  });
});

describe('cronjob preset', () => {
  it('report (every minute, Forbid, 90 s runs): 00:02 skipped as JobAlreadyActive and started late, 00:03 lost, a run every ~92 s; the third completion deletes the oldest Job with its pod', () => {
    const { host } = start('cronjob');
    host.step(450_000);
    const events = host.snapshot()!.events.filter((e) => e.object === 'CronJob/default/report');
    const created = events.filter((e) => e.reason === 'SuccessfulCreate').map((e) => [at(e.firstTime), e.message]);
    expect(created).toEqual([
      [60, 'Created job report-29453761'],
      [152, 'Created job report-29453762'],
      [244, 'Created job report-29453764'],
      [336, 'Created job report-29453765'],
      [428, 'Created job report-29453767'],
    ]);
    const skipped = events.find((e) => e.reason === 'JobAlreadyActive')!;
    expect([at(skipped.firstTime), skipped.message]).toEqual([120, 'Not starting job because prior execution is running and concurrency policy is Forbid']);
    expect(events.filter((e) => e.reason === 'SawCompletedJob').map((e) => at(e.firstTime))).toEqual([152, 244, 336, 428]);
    expect(events.filter((e) => e.reason === 'SuccessfulDelete').map((e) => [at(e.firstTime), e.message])).toEqual([
      [336, 'Deleted job report-29453761'],
      [428, 'Deleted job report-29453762'],
    ]);
    // Never two Jobs at once, and the deleted Jobs took their pods with them.
    const f = host.step(0);
    const jobPods = live(f).filter((p) => p.name.startsWith('report-'));
    expect(jobPods.map((p) => p.name.replace(/-[a-z0-9]{5}$/, '')).sort()).toEqual(['report-29453764', 'report-29453765', 'report-29453767']);
    expect(jobPods.filter((p) => p.phase === 'Running').map((p) => p.name.slice(0, 15))).toEqual(['report-29453767']);
    expect(host.getObject('Job', 'default', 'report-29453761')).toBeNull();
  });
});
