/**
 * A container above its memory limit (podscape.dev/memory-usage, oom.ts): OOMKilled, exit 137,
 * restarts under the container back-off, or ends the pod Failed with restartPolicy Never.
 */
import { describe, expect, it } from 'vitest';
import { barePod, node } from '../controllers/node-lifecycle/cluster-fixture';
import type { Pod } from '../model/types';
import { kubeletOnly as cluster } from '../testing/kubelet-only';
import { MEMORY_USAGE_ANNOTATION, memoryUsage, overLimit, validateUsageAnnotation } from './memory-usage';

const s = (x: number) => x * 1000;


function hungry(name: string, usage: string | undefined, limit: string | undefined, restartPolicy?: Pod['spec']['restartPolicy']): Pod {
  const p = barePod(name, 'w');
  if (usage !== undefined) p.metadata.annotations = { [MEMORY_USAGE_ANNOTATION]: usage };
  if (limit !== undefined) p.spec.containers[0].resources = { limits: { memory: limit } };
  if (restartPolicy) p.spec.restartPolicy = restartPolicy;
  return p;
}

type CS = { restartCount: number; state: Record<string, Record<string, unknown>>; lastState: Record<string, Record<string, unknown>> };
const statusOf = (sim: ReturnType<typeof cluster>, name: string) => sim.store.get<Pod>('Pod', 'default', name)!.status!;
const container = (sim: ReturnType<typeof cluster>, name: string) => (statusOf(sim, name).containerStatuses as CS[])[0];
const events = (sim: ReturnType<typeof cluster>, reason: string) => sim.events().filter((e) => e.reason === reason);

describe('podscape.dev/memory-usage', () => {
  it('reads one amount for every container or name=amount pairs, and refuses anything else as a field', () => {
    const p = barePod('p', 'w');
    p.spec.containers.push({ name: 'side', image: 'busybox' });
    p.metadata.annotations = { [MEMORY_USAGE_ANNOTATION]: '300Mi' };
    expect([...memoryUsage(p)!.values()]).toEqual([300 * 2 ** 20, 300 * 2 ** 20]);
    p.metadata.annotations = { [MEMORY_USAGE_ANNOTATION]: 'side=1Gi' };
    expect([...memoryUsage(p)!.entries()]).toEqual([['p', 0], ['side', 2 ** 30]]);
    expect(memoryUsage(barePod('q', 'w'))).toBeUndefined();
    expect(validateUsageAnnotation({ annotations: { [MEMORY_USAGE_ANNOTATION]: 'lots' } }, 'metadata')).toEqual([
      { field: 'metadata.annotations[podscape.dev/memory-usage]', message: 'Invalid value: "lots": must be a memory quantity such as "300Mi", or name=quantity pairs such as "app=300Mi,sidecar=20Mi" (a Podscape simulation annotation)' },
    ]);
    expect(validateUsageAnnotation({ annotations: { [MEMORY_USAGE_ANNOTATION]: 'app=1Gi,app=2Gi' } }, 'spec.template.metadata')[0].message).toContain('container "app" is named twice');
    expect(validateUsageAnnotation({ annotations: { [MEMORY_USAGE_ANNOTATION]: 'app=1Gi' } }, 'metadata')).toEqual([]);
  });

  it('is over the limit only above it: equal to the limit, or without a limit, is not an OOM kill', () => {
    expect(overLimit(hungry('a', '256Mi', '256Mi'))).toEqual([]);
    expect(overLimit(hungry('a', '8Gi', undefined))).toEqual([]);
    expect(overLimit(hungry('a', '257Mi', '256Mi'))).toEqual(['a']);
  });
});

describe('a container above its memory limit', () => {
  it('is OOMKilled (137) 1 s after it starts, restarts at once, then waits in CrashLoopBackOff with BackOff events', () => {
    const sim = cluster([node('w'), hungry('big', '300Mi', '256Mi')]);
    sim.advanceTo(s(1));
    expect(container(sim, 'big').state.running).toBeDefined();
    sim.advanceTo(s(2.5));
    expect(container(sim, 'big')).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } });
    sim.advanceTo(s(3.5));
    // The first exit restarts at once (no back-off entry yet), the OOM kill shown as lastState.
    expect(container(sim, 'big')).toMatchObject({ restartCount: 1, state: { running: {} }, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } } });
    expect(events(sim, 'OOMKilled')).toEqual([]);
    sim.advanceTo(s(4.5));
    // Second exit at 4 s: within the 10 s back-off.
    expect(container(sim, 'big')).toMatchObject({ restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } } });
    expect(statusOf(sim, 'big').phase).toBe('Running');
    expect(events(sim, 'BackOff')[0].message).toMatch(/^Back-off restarting failed container big in pod big_default\(/);
    sim.advanceTo(s(14.5));
    expect(container(sim, 'big').restartCount).toBe(1);
    sim.advanceTo(s(15.5));
    expect(container(sim, 'big')).toMatchObject({ restartCount: 2, state: { running: {} } });
  });

  it('with restartPolicy Never ends the pod Failed, the container terminated OOMKilled, 137', () => {
    const sim = cluster([node('w'), hungry('once', '1Gi', '512Mi', 'Never')]);
    sim.advanceTo(s(5));
    expect(statusOf(sim, 'once').phase).toBe('Failed');
    expect(container(sim, 'once')).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } });
  });

  it('under its limit, or without the annotation, runs on', () => {
    const sim = cluster([node('w'), hungry('fits', '200Mi', '256Mi'), hungry('plain', undefined, '256Mi')]);
    sim.advanceTo(s(60));
    for (const n of ['fits', 'plain']) expect(container(sim, n)).toMatchObject({ restartCount: 0, state: { running: {} } });
  });
});
