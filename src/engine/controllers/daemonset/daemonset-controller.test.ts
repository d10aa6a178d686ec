import { describe, expect, it } from 'vitest';
import type { Node, Pod, Taint } from '../../model/types';
import { deletePod } from '../../sim/api';
import { isPodActive, isPodReady } from '../workload/pods';
import { FAIL_AFTER_ANNOTATION, Harness, makeNode, podTemplate } from '../workload/testing';
import { compileDaemonTemplate, nodeShouldRunDaemonPod } from './daemon-pods';
import { createDaemonSetController, type DaemonSet } from './daemonset-controller';

const UNREACHABLE_NOSCHEDULE: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' };
const UNREACHABLE_NOEXECUTE: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const CONTROL_PLANE: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

function ds(name: string, extra: Partial<DaemonSet['spec']> = {}, annotations?: Record<string, string>): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: { selector: { matchLabels: { app: name } }, template: podTemplate({ app: name }, 'agent:1', annotations), ...extra },
  };
}

function setup(nodes: (string | Node)[] = ['worker-1', 'worker-2', 'worker-3']) {
  const h = new Harness({ nodes, components: [createDaemonSetController()] });
  return h;
}

const status = (h: Harness, name = 'agent') => h.get<DaemonSet>('DaemonSet', name).status!;
const podOn = (h: Harness, node: string) => h.pods((p) => p.spec.nodeName === node && !p.metadata.deletionTimestamp);

describe('DaemonSet controller', () => {
  it('creates in slowStartBatch batches: a batch with a refused create is finished, the later ones are skipped', () => {
    const h = setup(['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8']);
    // Quota admission reads status: room for 3 pods. Batches over 8 nodes: 1, 2, 4, 1.
    h.create({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default' }, spec: { hard: { pods: '3' } }, status: { hard: { pods: '3' }, used: { pods: '0' } } });
    h.create(ds('agent'));
    h.advance(0);
    expect(h.pods()).toHaveLength(3);
    // Batch 3 is refused four times, batch 4 is not tried; a second sync at the same instant (as for
    // the ReplicaSet) tries one more: five refusals, where stopping at the first would give two.
    const refused = h.events({ reason: 'FailedCreate' }).filter((e) => e.firstTime === 0);
    expect(refused).toHaveLength(5);
    for (const e of refused) expect(e.message).toMatch(/^Error creating: pods "agent-[a-z0-9]{5}" is forbidden: exceeded quota: q, requested: pods=1, used: pods=3, limited: pods=3$/);
  });

  it('runs one pod per eligible node, pinned by node affinity and placed by the scheduler, with the daemon tolerations', () => {
    const cp = makeNode('cp-1');
    cp.spec = { taints: [CONTROL_PLANE] };
    const h = setup([cp, 'worker-1', 'worker-2', 'worker-3']);
    h.create(ds('agent'));
    h.advance(0);
    const pods = h.pods();
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      const terms = p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
      expect(terms).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec.nodeName] }] }]);
      expect(p.spec.tolerations).toEqual(
        expect.arrayContaining([
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
          { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
          { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
          { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
          { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
        ]),
      );
      expect(p.spec.tolerations?.some((t) => t.key === 'node.kubernetes.io/network-unavailable')).toBe(false);
      expect(p.metadata.labels?.['controller-revision-hash']).toBeDefined();
    }
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(h.events({ reason: 'SuccessfulCreate', source: 'daemonset-controller' }).map((e) => e.message).sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
    h.advance(2000);
    expect(status(h)).toEqual({
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      desiredNumberScheduled: 3,
      numberReady: 3,
      observedGeneration: 1,
      updatedNumberScheduled: 3,
      numberAvailable: 3,
      numberUnavailable: 0,
    });
  });

  it('keeps the pod on a dead node, never creates one elsewhere, and drops the node from the desired set on unreachable:NoSchedule', () => {
    const h = setup();
    h.create(ds('agent'));
    h.advance(3000);
    const w2 = podOn(h, 'worker-2')[0];
    h.killNode('worker-2');
    h.advance(52_000);
    h.markNotReady(w2);
    h.setTaints('worker-2', [UNREACHABLE_NOSCHEDULE]);
    h.advance(0);
    expect(status(h)).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberAvailable: 2, numberMisscheduled: 1, numberUnavailable: 0 });
    h.advance(5000);
    h.setTaints('worker-2', [UNREACHABLE_NOSCHEDULE, UNREACHABLE_NOEXECUTE]);
    h.advance(600_000);
    expect(h.pods()).toHaveLength(3);
    expect(h.get<Pod>('Pod', w2.metadata.name!).metadata.deletionTimestamp).toBeUndefined();
    expect(h.get<Pod>('Pod', w2.metadata.name!).spec.nodeName).toBe('worker-2');
    expect(h.events({ reason: 'SuccessfulDelete' })).toHaveLength(0);
    expect(h.events({ reason: 'SuccessfulCreate' })).toHaveLength(3);
    // The node comes back: the taints go and the desired count returns to 3.
    h.restoreNode('worker-2');
    h.setTaints('worker-2', []);
    h.advance(0);
    expect(status(h)).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberMisscheduled: 0 });
  });

  it('deletes the pod from a node with an untolerated NoExecute taint and does not recreate it', () => {
    const h = setup();
    h.create(ds('agent'));
    h.advance(3000);
    const victim = podOn(h, 'worker-1')[0];
    h.setTaints('worker-1', [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }]);
    h.advance(0);
    expect(h.events({ reason: 'SuccessfulDelete' }).map((e) => e.message)).toEqual([`Deleted pod: ${victim.metadata.name}`]);
    h.advance(5000);
    expect(podOn(h, 'worker-1')).toHaveLength(0);
    expect(h.pods()).toHaveLength(2);
    expect(status(h)).toMatchObject({ desiredNumberScheduled: 2, numberMisscheduled: 0 });
  });

  it('does not start a pod on a NotReady (unreachable:NoSchedule) node, and does once the taint goes', () => {
    const h = setup();
    h.setTaints('worker-3', [UNREACHABLE_NOSCHEDULE]);
    h.create(ds('agent'));
    h.advance(0);
    expect(h.pods().map((p) => p.spec.nodeName).sort()).toEqual(['worker-1', 'worker-2']);
    h.setTaints('worker-3', []);
    h.advance(0);
    expect(podOn(h, 'worker-3')).toHaveLength(1);
  });

  it('ignores cordons (it tolerates node.kubernetes.io/unschedulable)', () => {
    const h = setup();
    h.create(ds('agent'));
    h.advance(2000);
    const n = h.get<Node>('Node', 'worker-1', '');
    h.store.update({ ...n, spec: { ...n.spec, unschedulable: true } });
    h.setTaints('worker-1', [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
    h.advance(0);
    expect(status(h)).toMatchObject({ desiredNumberScheduled: 3, numberMisscheduled: 0 });
    expect(h.events({ reason: 'SuccessfulDelete' })).toHaveLength(0);
  });

  it('follows the template nodeSelector as node labels change', () => {
    const h = setup();
    const d = ds('agent');
    d.spec.template!.spec.nodeSelector = { role: 'edge' };
    h.create(d);
    h.advance(0);
    expect(h.pods()).toHaveLength(0);
    const n = h.get<Node>('Node', 'worker-2', '');
    h.store.update({ ...n, metadata: { ...n.metadata, labels: { ...n.metadata.labels, role: 'edge' } } });
    h.advance(2000);
    expect(podOn(h, 'worker-2')).toHaveLength(1);
    expect(status(h)).toMatchObject({ desiredNumberScheduled: 1, numberReady: 1 });
    const n2 = h.get<Node>('Node', 'worker-2', '');
    h.store.update({ ...n2, metadata: { ...n2.metadata, labels: { 'kubernetes.io/hostname': 'worker-2' } } });
    h.advance(0);
    expect(h.pods(isPodActive)).toHaveLength(0);
    expect(h.events({ reason: 'SuccessfulDelete' })).toHaveLength(1);
  });

  it('creates a pod on a node added later', () => {
    const h = setup(['worker-1']);
    h.create(ds('agent'));
    h.advance(1000);
    h.create(makeNode('worker-9'));
    h.advance(0);
    expect(podOn(h, 'worker-9')).toHaveLength(1);
  });

  it('replaces a failed daemon pod on the same node with a FailedDaemonPod warning, with 1 s, 2 s, 4 s … backoff', () => {
    const h = setup(['worker-1']);
    // Every pod fails as soon as it starts (1 s after creation, with the fake kubelet).
    h.create(ds('agent', {}, { [FAIL_AFTER_ANNOTATION]: '0ms' }));
    h.advance(20_000);
    const warnings = h.events({ reason: 'FailedDaemonPod' });
    expect(warnings[0]).toMatchObject({ type: 'Warning', source: 'daemonset-controller', object: 'DaemonSet/default/agent' });
    expect(warnings[0].message).toMatch(/^Found failed daemon pod default\/agent-[a-z0-9]{5} on node worker-1, will try to kill it$/);
    // Failures at 1, 2, 3, 6, 11 s: the kill waits until the backoff since the last kill (1, 2, 4, 8 s) has passed,
    // retrying after one backoff period as upstream's enqueueDaemonSetAfter does.
    expect(warnings.map((e) => e.firstTime)).toEqual([1000, 2000, 5000, 10_000, 19_000]);
    expect(h.events({ reason: 'SuccessfulDelete' }).map((e) => e.firstTime)).toEqual([1000, 2000, 5000, 10_000, 19_000]);
    // The replacement is created in the same instant as the kill, on the same node.
    expect(h.events({ reason: 'SuccessfulCreate' }).map((e) => e.firstTime)).toEqual([0, 1000, 2000, 5000, 10_000, 19_000]);
    expect(h.pods()).toHaveLength(1);
    expect(h.pods()[0].spec.nodeName).toBe('worker-1');
  });

  it('rolls a template change one node at a time (maxUnavailable 1), and not at all with OnDelete', () => {
    for (const type of ['RollingUpdate', 'OnDelete'] as const) {
      const h = setup();
      h.create(ds('agent', { updateStrategy: { type } }));
      h.advance(3000);
      const cur = h.get<DaemonSet>('DaemonSet', 'agent');
      h.store.update<DaemonSet>({ ...cur, spec: { ...cur.spec, template: podTemplate({ app: 'agent' }, 'agent:2') } });
      let maxDown = 0;
      for (let i = 0; i < 100; i++) {
        h.advance(100);
        const ready = h.pods((p) => isPodActive(p) && isPodReady(p)).length;
        maxDown = Math.max(maxDown, 3 - ready);
      }
      const images = h.pods(isPodActive).map((p) => p.spec.containers[0].image);
      if (type === 'RollingUpdate') {
        expect(images).toEqual(['agent:2', 'agent:2', 'agent:2']);
        expect(maxDown).toBe(1);
        expect(status(h)).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3 });
      } else {
        expect(images).toEqual(['agent:1', 'agent:1', 'agent:1']);
        expect(status(h)).toMatchObject({ updatedNumberScheduled: 0 });
        deletePod(h.ctx, podOn(h, 'worker-1')[0]);
        h.advance(3000);
        expect(podOn(h, 'worker-1')[0].spec.containers[0].image).toBe('agent:2');
      }
    }
  });
});

describe('nodeShouldRunDaemonPod', () => {
  const t = compileDaemonTemplate(podTemplate({ app: 'x' }));
  it.each([
    { taints: [], run: true, cont: true },
    { taints: [CONTROL_PLANE], run: false, cont: true },
    { taints: [UNREACHABLE_NOSCHEDULE], run: false, cont: true },
    { taints: [UNREACHABLE_NOEXECUTE], run: true, cont: true },
    { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' } as Taint], run: false, cont: true },
    { taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' } as Taint], run: true, cont: true },
    { taints: [{ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' } as Taint], run: true, cont: true },
    { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' } as Taint], run: false, cont: true },
    { taints: [{ key: 'node.kubernetes.io/out-of-service', effect: 'NoExecute' } as Taint], run: false, cont: false },
    { taints: [{ key: 'dedicated', value: 'x', effect: 'PreferNoSchedule' } as Taint], run: true, cont: true },
  ])('taints $taints → shouldRun $run, shouldContinueRunning $cont', ({ taints, run, cont }) => {
    const n = makeNode('n');
    n.spec = { taints };
    expect(nodeShouldRunDaemonPod(n, t)).toEqual({ shouldRun: run, shouldContinueRunning: cont });
  });

  it('tolerates network-unavailable only for hostNetwork pods, and honours spec.nodeName and required affinity', () => {
    const n = makeNode('n', { zone: 'a' });
    n.spec = { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] };
    const host = podTemplate({ app: 'x' });
    (host.spec as Record<string, unknown>).hostNetwork = true;
    expect(nodeShouldRunDaemonPod(n, compileDaemonTemplate(host)).shouldRun).toBe(true);
    const other = makeNode('m');
    const named = podTemplate({ app: 'x' });
    (named.spec as Record<string, unknown>).nodeName = 'n';
    expect(nodeShouldRunDaemonPod(other, compileDaemonTemplate(named))).toEqual({ shouldRun: false, shouldContinueRunning: false });
    const aff = podTemplate({ app: 'x' });
    (aff.spec as Record<string, unknown>).affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }] } } };
    expect(nodeShouldRunDaemonPod(n, compileDaemonTemplate(aff))).toEqual({ shouldRun: false, shouldContinueRunning: false });
  });
});
