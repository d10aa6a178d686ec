/**
 * Round 31 (usage31): memory usage, OOMKilled and the kubelet's memory eviction, through
 * `podscape run` (memory-pressure.yaml; its header gives the upstream sources and the story).
 * The rules one by one: src/engine/kubelet/oom.test.ts and eviction-manager.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, one, pods, run, s, type Doc, type Obj } from './held-out';
import { cli, tempFiles } from './testing';

const d = () => run('memory-pressure.yaml', '60s');
const cache = (doc: Doc) => pods(doc).filter((p) => p.metadata.name.startsWith('cache-'));
type CS = { restartCount: number; state: Record<string, Record<string, unknown>>; lastState: Record<string, Record<string, unknown>> };
const statuses = (p: Obj | undefined) => p!.status!.containerStatuses as CS[];
const message = 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 48Mi. Container cache was using 700Mi, request is 256Mi, has larger consumption of memory. ';

describe('a node that runs out of memory (memory-pressure.yaml)', () => {
  it('evicts a cache pod at the first synchronize (10 s): Failed, Evicted, with the kubelet\'s message and DisruptionTarget', () => {
    const evicted = cache(d()).filter((p) => p.status?.reason === 'Evicted');
    expect(evicted).toHaveLength(2);
    const first = evicted.find((p) => one(d(), 'Evicted', `Pod/default/${p.metadata.name}`).time === s(10))!;
    expect(first.status).toMatchObject({ phase: 'Failed', reason: 'Evicted', message });
    expect(condition(first, 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'TerminationByKubelet', message });
    expect(statuses(first)[0].state.terminated).toMatchObject({ exitCode: 143, reason: 'Error' });
    expect(one(d(), 'Evicted', `Pod/default/${first.metadata.name}`)).toMatchObject({ type: 'Warning', source: 'kubelet', message });
    expect(obj(d(), 'Pod', 'db')!.status!.phase).toBe('Running');
  });

  it('posts MemoryPressure at the next node status (20 s); the node is tainted and the last replacement stays Pending', () => {
    const node = obj(d(), 'Node', 'worker-1')!;
    expect(condition(node, 'MemoryPressure')).toMatchObject({ status: 'True', reason: 'KubeletHasInsufficientMemory', message: 'kubelet has insufficient memory available', lastTransitionTime: '2026-01-01T00:00:20Z' });
    expect(one(d(), 'NodeHasInsufficientMemory', 'Node//worker-1').time).toBe(s(20));
    expect(node.spec!.taints!.map((t) => `${t.key}:${t.effect}`)).toContain('node.kubernetes.io/memory-pressure:NoSchedule');
    const pending = cache(d()).filter((p) => !p.spec?.nodeName);
    expect(pending).toHaveLength(1);
    expect(one(d(), 'FailedScheduling', `Pod/default/${pending[0].metadata.name}`).message).toContain('1 node(s) had untolerated taint(s)');
    // The replacement made at 10 s was bound before the taint and evicted in turn (21 s).
    expect(events(d(), 'Evicted').map((e) => e.time)).toEqual([s(10), s(21)]);
  });

  it('OOM-kills the container above its limit: 137 OOMKilled as lastState, CrashLoopBackOff, no OOMKilled event', () => {
    const oom = obj(d(), 'Pod', 'oom');
    expect(oom!.status!.phase).toBe('Running');
    expect(statuses(oom)[0].lastState.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(statuses(oom)[0].restartCount).toBeGreaterThanOrEqual(3);
    expect(events(d(), 'OOMKilled')).toEqual([]);
    expect(events(d(), 'BackOff', 'Pod/default/oom')[0].message).toMatch(/^Back-off restarting failed container app in pod oom_default\(/);
  });
});

describe('the memory annotations at load', () => {
  const write = tempFiles('usage31-');
  const load = (name: string, lines: string[]) => cli('run', write(name, lines.join('\n') + '\n'), '--until', '10s');
  it('refuses a memory-usage that is not a quantity, and an eviction-hard that is not memory.available<quantity', () => {
    const pod = load('usage.yaml', ['apiVersion: v1', 'kind: Pod', 'metadata: {name: p, namespace: default, annotations: {podscape.dev/memory-usage: "lots"}}', 'spec: {containers: [{name: app, image: busybox}]}']);
    expect(pod.code).toBe(2);
    expect(pod.err).toContain('metadata.annotations[podscape.dev/memory-usage]: Invalid value: "lots": must be a memory quantity such as "300Mi"');
    const node = load('node.yaml', ['apiVersion: v1', 'kind: Node', 'metadata: {name: node-1, annotations: {podscape.dev/eviction-hard: "memory.available<10%"}}']);
    expect(node.code).toBe(2);
    expect(node.err).toContain('metadata.annotations[podscape.dev/eviction-hard]: Invalid value: "memory.available<10%"');
  });
});
