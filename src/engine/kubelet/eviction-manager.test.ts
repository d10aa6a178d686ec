/**
 * The kubelet's memory eviction (eviction-manager.ts): memory.available below the hard threshold
 * sets MemoryPressure, the node lifecycle controller taints the node, the scheduler refuses pods
 * without the toleration, one pod is evicted per synchronize as rankMemoryPressure orders them, an
 * evicted ReplicaSet pod is replaced, and the condition clears after the transition period.
 */
import { describe, expect, it } from 'vitest';
import { barePod, node } from '../controllers/node-lifecycle/cluster-fixture';
import type { KubeObject, Node, Pod } from '../model/types';
import { createSimulation } from '../sim/simulation';
import { MEMORY_USAGE_ANNOTATION } from './memory-usage';
import { EVICTION_HARD_ANNOTATION, evictionMessage, memoryThreshold, rankMemoryPressure, validateEvictionAnnotation } from './eviction-manager';

const s = (x: number) => x * 1000;
const Mi = 2 ** 20;

function small(name: string, memory = '1Gi'): Node {
  const n = node(name);
  n.status = { capacity: { cpu: '4', memory, pods: '110' }, allocatable: { cpu: '4', memory, pods: '110' } };
  return n;
}

function user(name: string, usage: string | undefined, request: string, extra: { nodeName?: string; priority?: number } = {}): Pod {
  const p = barePod(name, extra.nodeName);
  if (usage !== undefined) p.metadata.annotations = { [MEMORY_USAGE_ANNOTATION]: usage };
  p.spec.containers[0].resources = { requests: { cpu: '100m', memory: request } };
  if (extra.priority !== undefined) p.spec.priority = extra.priority;
  return p;
}

function cluster(objects: KubeObject[]) {
  const sim = createSimulation({ seed: 7 });
  sim.load(objects);
  sim.advanceTo(0);
  return sim;
}

type Sim = ReturnType<typeof cluster>;
const pod = (sim: Sim, name: string) => sim.store.get<Pod>('Pod', 'default', name);
const pressure = (sim: Sim, n = 'w') => sim.store.get<Node>('Node', undefined, n)!.status!.conditions!.find((c) => c.type === 'MemoryPressure')!;
const taints = (sim: Sim, n = 'w') => (sim.store.get<Node>('Node', undefined, n)!.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);
const events = (sim: Sim, reason: string) => sim.events().filter((e) => e.reason === reason);

describe('rankMemoryPressure', () => {
  const c = (name: string, used: number, requested: number, priority = 0) => ({ pod: user(name, undefined, '0', { priority }), used: used * Mi, requested: requested * Mi });
  it('puts pods above their request first, then lower priority, then the larger excess', () => {
    const ranked = rankMemoryPressure([c('under', 50, 100), c('low-excess', 200, 100), c('big-excess', 900, 100), c('high-prio', 900, 100, 1000), c('under-low-prio', 10, 100, -5)]);
    expect(ranked.map((x) => x.pod.metadata.name)).toEqual(['big-excess', 'low-excess', 'high-prio', 'under-low-prio', 'under']);
  });
});

describe('evictionMessage and the threshold', () => {
  it('prints the threshold, the reading in Ki, and each container using more than its request', () => {
    const p = user('hog', undefined, '100Mi');
    p.spec.containers.push({ name: 'quiet', image: 'busybox', resources: { requests: { memory: '64Mi' } } });
    const usage = new Map([['hog', 600 * Mi], ['quiet', 10 * Mi]]);
    expect(evictionMessage(p, usage, '100Mi', 80 * 1024)).toBe('The node was low on resource: memory. Threshold quantity: 100Mi, available: 80Ki. Container hog was using 600Mi, request is 100Mi, has larger consumption of memory. ');
  });
  it('reads a node\'s own threshold from podscape.dev/eviction-hard, and refuses a bad one', () => {
    const n = small('w');
    expect(memoryThreshold(n)).toEqual({ text: '100Mi', bytes: 100 * Mi });
    n.metadata.annotations = { [EVICTION_HARD_ANNOTATION]: 'memory.available<500Mi' };
    expect(memoryThreshold(n)).toEqual({ text: '500Mi', bytes: 500 * Mi });
    expect(validateEvictionAnnotation({ annotations: { [EVICTION_HARD_ANNOTATION]: 'memory.available<10%' } })[0].message).toContain('must be memory.available<quantity');
  });
});

describe('a node that runs low on memory', () => {
  it('evicts the pod above its request, sets MemoryPressure and the taint, refuses untolerating pods, and clears 5 min after the last low reading', () => {
    const sim = cluster([small('w'), user('steady', '500Mi', '512Mi', { nodeName: 'w' }), user('hog', '600Mi', '100Mi', { nodeName: 'w' })]);
    sim.advanceTo(s(9.5));
    expect(pod(sim, 'hog')!.status!.phase).toBe('Running');
    expect(pressure(sim).status).toBe('False');
    // First synchronize at 10 s: 1100Mi used of 1Gi, available 0 < 100Mi.
    sim.advanceTo(s(10));
    const hog = pod(sim, 'hog')!;
    const message = 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 0. Container hog was using 600Mi, request is 100Mi, has larger consumption of memory. ';
    expect(hog.status).toMatchObject({ phase: 'Failed', reason: 'Evicted', message });
    expect(hog.status!.conditions!.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'TerminationByKubelet', message });
    expect(events(sim, 'Evicted').map((e) => e.message)).toEqual([message]);
    expect(events(sim, 'EvictionThresholdMet')[0]).toMatchObject({ type: 'Warning', message: 'Attempting to reclaim memory' });
    expect(pod(sim, 'steady')!.status!.phase).toBe('Running');
    // Failed/Evicted is posted as the kill starts; the container's SIGTERM exit (143) follows 1 s later.
    expect((hog.status!.containerStatuses as { state: Record<string, unknown> }[])[0].state.running).toBeDefined();
    sim.advanceTo(s(11));
    expect((pod(sim, 'hog')!.status!.containerStatuses as { state: Record<string, unknown> }[])[0].state.terminated).toMatchObject({ exitCode: 143, reason: 'Error' });
    expect(pod(sim, 'hog')!.status).toMatchObject({ phase: 'Failed', reason: 'Evicted' });
    // The next node status (20 s) posts the condition; the node lifecycle controller taints the node.
    sim.advanceTo(s(20));
    expect(pressure(sim)).toMatchObject({ status: 'True', reason: 'KubeletHasInsufficientMemory', message: 'kubelet has insufficient memory available' });
    expect(events(sim, 'NodeHasInsufficientMemory')).toHaveLength(1);
    expect(taints(sim)).toContain('node.kubernetes.io/memory-pressure:NoSchedule');
    sim.dispatch({ action: 'apply', object: user('late', undefined, '10Mi') });
    sim.advanceTo(s(25));
    expect(pod(sim, 'late')!.spec.nodeName).toBeUndefined();
    expect(events(sim, 'FailedScheduling').find((e) => e.object === 'Pod/default/late')!.message).toContain('1 node(s) had untolerated taint(s)');
    // Under pressure the kubelet refuses a BestEffort pod at admission; one with requests is admitted.
    const bestEffort = barePod('besteffort', 'w');
    bestEffort.spec.containers[0].resources = {};
    sim.dispatch({ action: 'apply', object: bestEffort });
    sim.dispatch({ action: 'apply', object: user('burstable', undefined, '10Mi', { nodeName: 'w' }) });
    sim.advanceTo(s(27));
    expect(pod(sim, 'besteffort')!.status).toMatchObject({ phase: 'Failed', reason: 'Evicted', message: 'Pod was rejected: The node had condition: [MemoryPressure]. ' });
    expect(pod(sim, 'burstable')!.status!.phase).toBe('Running');
    // Last low reading at 10 s: still True at 5 min, False from the first sync at or after 5 min 10 s, posted at the next status tick.
    sim.advanceTo(s(305));
    expect(pressure(sim).status).toBe('True');
    sim.advanceTo(s(330));
    expect(pressure(sim)).toMatchObject({ status: 'False', reason: 'KubeletHasSufficientMemory' });
    expect(taints(sim)).not.toContain('node.kubernetes.io/memory-pressure:NoSchedule');
    sim.advanceTo(s(340));
    expect(pod(sim, 'late')!.spec.nodeName).toBe('w');
  });

  it('leaves pods without the annotation alone: no observation, no pressure, no eviction', () => {
    const sim = cluster([small('w', '256Mi'), user('a', undefined, '200Mi', { nodeName: 'w' })]);
    sim.advanceTo(s(120));
    expect(pod(sim, 'a')!.status!.phase).toBe('Running');
    expect(pressure(sim).status).toBe('False');
    expect(events(sim, 'EvictionThresholdMet')).toEqual([]);
  });

  it('never evicts a system-critical pod, and a ReplicaSet replaces the pod it evicts', () => {
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' }, annotations: { [MEMORY_USAGE_ANNOTATION]: '200Mi' } }, spec: { nodeName: 'w', containers: [{ name: 'web', image: 'nginx', resources: { requests: { memory: '100Mi' } } }] } },
      },
    };
    const sim = cluster([small('w'), user('critical', '900Mi', '100Mi', { nodeName: 'w', priority: 2_000_000_000 }), rs]);
    sim.advanceTo(s(10));
    const owned = () => sim.store.list<Pod>('Pod').filter((p) => p.metadata.ownerReferences?.some((r) => r.name === 'web'));
    const [evicted] = owned();
    expect(evicted.status).toMatchObject({ phase: 'Failed', reason: 'Evicted' });
    expect(pod(sim, 'critical')!.status!.phase).toBe('Running');
    sim.advanceTo(s(11));
    const fresh = owned().filter((p) => p.metadata.uid !== evicted.metadata.uid);
    expect(fresh).toHaveLength(1);
    expect(fresh[0].status?.phase).not.toBe('Failed');
  });
});
