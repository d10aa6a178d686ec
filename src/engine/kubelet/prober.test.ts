import { describe, expect, it } from 'vitest';
import { barePod, node } from '../controllers/node-lifecycle/cluster-fixture';
import type { KubeObject, Pod } from '../model/types';
import { deletePod } from '../sim/api';
import { createSimulation } from '../sim/simulation';
import { createKubeletManager } from './kubelet-manager';

const s = (x: number) => x * 1000;

function cluster(objects: KubeObject[], seed = 5) {
  const sim = createSimulation({ seed, components: [createKubeletManager()] });
  sim.load(objects);
  sim.advanceTo(0);
  return sim;
}
type Sim = ReturnType<typeof cluster>;
const pod = (sim: Sim, name: string) => sim.store.get<Pod>('Pod', 'default', name);
const ready = (sim: Sim, name: string) => pod(sim, name)?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
const unhealthy = (sim: Sim, name: string) => sim.events().filter((e) => e.object === `Pod/default/${name}` && e.reason === 'Unhealthy');

function probed(name: string, annotations: Record<string, string>, probes: Record<string, unknown>): Pod {
  const p = barePod(name, 'w');
  p.metadata.annotations = annotations;
  Object.assign(p.spec.containers[0], probes);
  return p;
}

describe('the prober in the kubelet', () => {
  it('a pod admitted within one period of the kubelet start waits a seeded random part of the period first (worker.go run)', () => {
    // initialDelaySeconds 2: the start's manual trigger is skipped, so the first probe is the first tick.
    const firstProbe = (seed: number) => {
      const sim = cluster([node('w'), probed('p', { 'podscape.dev/readiness': 'fail' }, { readinessProbe: { exec: { command: ['x'] }, initialDelaySeconds: 2, periodSeconds: 60 } })], seed);
      sim.advanceTo(s(200));
      return unhealthy(sim, 'p')[0].firstTime;
    };
    const times = [1, 2, 3].map(firstProbe);
    // The container starts at 1 s; a tick lands at jitter + k × 60 s, and the first one from 3 s on probes.
    for (const t of times) expect(t).toBeGreaterThanOrEqual(s(3));
    for (const t of times) expect(t).toBeLessThan(s(63));
    expect(new Set(times).size).toBeGreaterThan(1);
    expect(firstProbe(2)).toBe(times[1]);
  });

  it('readiness keeps probing while the pod terminates (only liveness and startup stop)', () => {
    const sim = createSimulation({ seed: 5, controlPlane: { containerStopDelay: s(10) }, components: [createKubeletManager()] });
    sim.load([node('w'), probed('p', { 'podscape.dev/readiness': 'fail-after=10s' }, { readinessProbe: { httpGet: { port: 80 }, periodSeconds: 1, failureThreshold: 1 } })]);
    sim.advanceTo(s(10.5));
    expect(ready(sim, 'p')).toBe('True');
    deletePod(sim.ctx, pod(sim, 'p')!, { gracePeriodSeconds: 30 });
    sim.advanceTo(s(13));
    const p = pod(sim, 'p');
    expect([p?.metadata.deletionTimestamp !== undefined, p?.status?.phase, ready(sim, 'p')]).toEqual([true, 'Running', 'False']);
  });

  it('a liveness failure under restartPolicy Never kills without restarting ("failed liveness probe", no suffix)', () => {
    const p = probed('p', { 'podscape.dev/liveness': 'fail' }, { livenessProbe: { tcpSocket: { port: 80 }, periodSeconds: 1, failureThreshold: 2 } });
    p.spec.restartPolicy = 'Never';
    const sim = cluster([node('w'), p]);
    sim.advanceTo(s(30));
    const kill = sim.events().filter((e) => e.reason === 'Killing');
    expect(kill.map((e) => e.message)).toEqual(['Container p failed liveness probe']);
    // The killed process dies of SIGTERM (on-sigterm's default): 143, so the pod ends Failed.
    expect(pod(sim, 'p')?.status?.phase).toBe('Failed');
    expect((pod(sim, 'p')?.status?.containerStatuses as { state: { terminated?: object } }[] | undefined)?.[0]?.state.terminated).toMatchObject({ exitCode: 143, reason: 'Error' });
  });

  it('liveness and startup stop when the pod is being deleted: no kill during the grace period', () => {
    const sim = cluster([node('w'), probed('p', { 'podscape.dev/liveness': 'fail-after=5s' }, { livenessProbe: { exec: { command: ['x'] }, periodSeconds: 1, failureThreshold: 3 } })]);
    sim.advanceTo(s(4));
    deletePod(sim.ctx, pod(sim, 'p')!, { gracePeriodSeconds: 30 });
    sim.advanceTo(s(30));
    expect(sim.events().filter((e) => e.reason === 'Killing').map((e) => e.message)).toEqual(['Stopping container p']);
    expect(unhealthy(sim, 'p')).toEqual([]);
  });

  it('after a reboot the restarted container is not ready until its readiness probe passes again', () => {
    const sim = cluster([node('w'), probed('p', { 'podscape.dev/readiness': 'pass-after=5s' }, { readinessProbe: { httpGet: { port: 80 }, periodSeconds: 1 } })]);
    sim.advanceTo(s(20));
    expect(ready(sim, 'p')).toBe('True');
    sim.dispatch({ action: 'killNode', node: 'w' });
    sim.advanceTo(s(30));
    sim.dispatch({ action: 'restoreNode', node: 'w' });
    sim.advanceTo(s(33));
    expect((pod(sim, 'p')?.status?.containerStatuses as unknown[] | undefined)?.[0]).toMatchObject({ ready: false, restartCount: 1 });
    sim.advanceTo(s(40));
    expect(ready(sim, 'p')).toBe('True');
  });
});
