import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../model/types';
import type { StoreError } from '../store/object-store';
import { bindPod, deletePod, getCondition, isPodActive, isPodReady, isPodTerminal, ownerRefOf, patch, podKey, setCondition } from './api';
import { createSimulation } from './simulation';

function setup() {
  const sim = createSimulation({ seed: 1, components: [] });
  const ctx = sim.ctx;
  const mk = (name: string, spec: Partial<Pod['spec']> = {}, status?: Pod['status']) =>
    ctx.store.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c' }], ...spec }, status });
  return { sim, ctx, mk };
}

describe('deletePod', () => {
  it('removes an unbound pod at once', () => {
    const { ctx, mk } = setup();
    mk('p');
    const r = deletePod(ctx, { metadata: { namespace: 'default', name: 'p' } });
    expect(r.removed).toBe(true);
    expect(ctx.store.get('Pod', 'default', 'p')).toBeUndefined();
  });

  it('removes finished pods at once and honours grace 0 (force)', () => {
    const { ctx, mk } = setup();
    mk('done', { nodeName: 'n' }, { phase: 'Succeeded' });
    mk('failed', { nodeName: 'n' }, { phase: 'Failed' });
    mk('forced', { nodeName: 'n' }, { phase: 'Running' });
    expect(deletePod(ctx, { metadata: { name: 'done', namespace: 'default' } }).removed).toBe(true);
    expect(deletePod(ctx, { metadata: { name: 'failed', namespace: 'default' } }).removed).toBe(true);
    expect(deletePod(ctx, { metadata: { name: 'forced', namespace: 'default' } }, { gracePeriodSeconds: 0 }).removed).toBe(true);
    expect(ctx.store.list('Pod')).toEqual([]);
  });

  it('marks a bound pod with deletionTimestamp = now + grace; later deletes only shorten it', () => {
    const { ctx, sim, mk } = setup();
    mk('web', { nodeName: 'n', terminationGracePeriodSeconds: 30 }, { phase: 'Running' });
    sim.advanceTo(10_000);
    const r = deletePod(ctx, { metadata: { name: 'web', namespace: 'default' } });
    expect(r.removed).toBe(false);
    expect(r.pod.metadata.deletionTimestamp).toBe('2026-01-01T00:00:40Z');
    expect(r.pod.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(r.pod.status!.phase).toBe('Running');
    sim.advanceTo(20_000);
    // No grace given, or a longer one: nothing changes.
    const rv = ctx.store.get<Pod>('Pod', 'default', 'web')!.metadata.resourceVersion;
    expect(deletePod(ctx, r.pod).pod.metadata.resourceVersion).toBe(rv);
    expect(deletePod(ctx, r.pod, { gracePeriodSeconds: 60 }).pod.metadata.deletionTimestamp).toBe('2026-01-01T00:00:40Z');
    // Shorter: counted from the original request (t = 10 s), as upstream.
    const s = deletePod(ctx, r.pod, { gracePeriodSeconds: 5 });
    expect(s.pod.metadata.deletionTimestamp).toBe('2026-01-01T00:00:15Z');
    expect(s.pod.metadata.deletionGracePeriodSeconds).toBe(5);
    expect(deletePod(ctx, r.pod, { gracePeriodSeconds: 0 }).removed).toBe(true);
  });

  it('uses the configured default grace when the pod has none', () => {
    const sim = createSimulation({ seed: 1, components: [], controlPlane: { terminationGracePeriodSeconds: 7 } });
    sim.ctx.store.create<Pod>({ kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }], nodeName: 'n' } });
    expect(deletePod(sim.ctx, { metadata: { name: 'p' } }).pod.metadata.deletionGracePeriodSeconds).toBe(7);
  });

  it('checks existence and preconditions, including the uid of the object passed', () => {
    const { ctx, mk } = setup();
    expect(() => deletePod(ctx, { metadata: { name: 'nope', namespace: 'default' } })).toThrow('pods "nope" not found');
    const old = mk('db-0', { nodeName: 'n' });
    ctx.store.remove('Pod', 'default', 'db-0');
    mk('db-0', { nodeName: 'n' });
    expect(() => deletePod(ctx, old)).toThrow(/Precondition failed: UID in precondition/);
    expect(() => deletePod(ctx, { metadata: { name: 'db-0', namespace: 'default' } }, { preconditions: { resourceVersion: '1' } })).toThrow(
      /ResourceVersion in precondition: 1/,
    );
    try {
      deletePod(ctx, old);
    } catch (e) {
      expect((e as StoreError).code).toBe('Conflict');
    }
    expect(ctx.store.get<Pod>('Pod', 'default', 'db-0')!.metadata.deletionTimestamp).toBeUndefined();
  });
});

describe('bindPod', () => {
  it('sets nodeName and PodScheduled=True', () => {
    const { ctx, sim, mk } = setup();
    mk('p');
    sim.advanceTo(2_000);
    const b = bindPod(ctx, { metadata: { name: 'p', namespace: 'default' } }, 'worker-1');
    expect(b.spec.nodeName).toBe('worker-1');
    expect(getCondition(b, 'PodScheduled')).toEqual({ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-01-01T00:00:02Z' });
    expect(ctx.store.podsOnNode('worker-1')).toEqual([b]);
  });
  it('replaces a PodScheduled=False condition whole: no Unschedulable reason or message survives the binding', () => {
    const { ctx, sim, mk } = setup();
    mk('p', {}, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available: 1 Insufficient cpu.', lastTransitionTime: '2026-01-01T00:00:00Z' }] });
    sim.advanceTo(3_000);
    const b = bindPod(ctx, { metadata: { name: 'p', namespace: 'default' } }, 'worker-1');
    expect(getCondition(b, 'PodScheduled')).toEqual({ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-01-01T00:00:03Z' });
  });
  it('refuses bound and terminating pods', () => {
    const { ctx, mk } = setup();
    mk('p', { nodeName: 'a' });
    expect(() => bindPod(ctx, { metadata: { name: 'p', namespace: 'default' } }, 'b')).toThrow('pod p is already assigned to node "a"');
    const q = mk('q');
    ctx.store.update({ ...q, metadata: { ...q.metadata, deletionTimestamp: '2026-01-01T00:00:30Z', deletionGracePeriodSeconds: 30 } });
    expect(() => bindPod(ctx, q, 'b')).toThrow('pod q is being deleted, cannot be assigned to a host');
  });
});

describe('helpers', () => {
  it('setCondition moves lastTransitionTime only when the status changes', () => {
    const node: Node = { kind: 'Node', metadata: { name: 'n' } };
    expect(setCondition(node, { type: 'Ready', status: 'True', reason: 'KubeletReady' }, 0)).toBe(true);
    expect(setCondition(node, { type: 'Ready', status: 'True', reason: 'KubeletReady' }, 5_000)).toBe(false);
    expect(setCondition(node, { type: 'Ready', status: 'True', reason: 'Other' }, 6_000)).toBe(true);
    expect(getCondition(node, 'Ready')).toMatchObject({ reason: 'Other', lastTransitionTime: '2026-01-01T00:00:00Z' });
    expect(setCondition(node, { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown' }, '2026-01-01T00:00:52Z')).toBe(true);
    expect(getCondition(node, 'Ready')).toMatchObject({ status: 'Unknown', lastTransitionTime: '2026-01-01T00:00:52Z' });
    expect(node.status!.conditions).toHaveLength(1);
  });

  it('answers pod-state questions as upstream helpers do', () => {
    const p: Pod = { kind: 'Pod', metadata: { name: 'p', namespace: 'ns' }, spec: { containers: [] }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } };
    expect(isPodActive(p)).toBe(true);
    expect(isPodReady(p)).toBe(true);
    expect(isPodTerminal(p)).toBe(false);
    expect(podKey(p)).toBe('ns/p');
    expect(isPodActive({ ...p, metadata: { ...p.metadata, deletionTimestamp: 'x' } })).toBe(false);
    expect(isPodActive({ ...p, status: { phase: 'Failed' } })).toBe(false);
    expect(isPodReady({ ...p, status: { phase: 'Running' } })).toBe(false);
    expect(ownerRefOf(p)).toBeUndefined();
    const owned = { ...p, metadata: { ...p.metadata, ownerReferences: [{ kind: 'X', name: 'x' }, { kind: 'ReplicaSet', name: 'rs', controller: true }] } };
    expect(ownerRefOf(owned)).toEqual({ kind: 'ReplicaSet', name: 'rs', controller: true });
  });

  it('patch edits a copy of the stored object and writes it back', () => {
    const { ctx, mk } = setup();
    const p = mk('p');
    const seen: string[] = [];
    ctx.store.watch((e) => seen.push(`${(e.old as Pod | undefined)?.status?.phase}->${(e.object as Pod).status?.phase}`));
    const u = patch(ctx, p, (d) => (d.status!.phase = 'Running'));
    expect(u!.status!.phase).toBe('Running');
    expect(p.status!.phase).toBe('Pending');
    expect(seen).toEqual(['Pending->Running']);
    ctx.store.remove('Pod', 'default', 'p');
    expect(patch(ctx, p, () => {})).toBeUndefined();
  });
});
