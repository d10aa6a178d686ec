import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/virtual-clock';
import type { Pod, PodCondition } from '../model/types';
import { Rng } from '../random/rng';
import { defaultControlPlaneConfig } from '../sim/config';
import { ObjectStore } from './object-store';

function setup() {
  const clock = new VirtualClock();
  return new ObjectStore({ clock, rng: new Rng(1), config: defaultControlPlaneConfig() });
}
const newPod = (): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', generation: 7 }, spec: { containers: [{ name: 'c', image: 'x' }] } });
const cond = (type: string, status: PodCondition['status'], extra: Partial<PodCondition> = {}): PodCondition => ({ type, status, lastTransitionTime: '2026-01-01T00:00:00Z', ...extra });
const gens = (p: Pod) => (p.status?.conditions ?? []).map((c) => [c.type, c.observedGeneration]);

describe('Pod metadata.generation and observedGeneration (KEP-5067)', () => {
  it('1 on create whatever the object says; not bumped by a status write or the binding; bumped by a spec change and by the first graceful delete', () => {
    const store = setup();
    const p = store.create(newPod());
    expect(p.metadata.generation).toBe(1);
    const s = store.update<Pod>({ ...p, status: { phase: 'Pending' } });
    expect(s.metadata.generation).toBe(1);
    const bound = store.update<Pod>({ ...s, spec: { ...s.spec, nodeName: 'n1' } });
    expect(bound.metadata.generation).toBe(1);
    const changed = store.update<Pod>({ ...bound, spec: { ...bound.spec, activeDeadlineSeconds: 30 } });
    expect(changed.metadata.generation).toBe(2);
    const deleting = store.update<Pod>({ ...changed, metadata: { ...changed.metadata, deletionTimestamp: '2026-01-01T00:00:30Z', deletionGracePeriodSeconds: 30 } });
    expect(deleting.metadata.generation).toBe(3);
    const shortened = store.update<Pod>({ ...deleting, metadata: { ...deleting.metadata, deletionTimestamp: '2026-01-01T00:00:10Z', deletionGracePeriodSeconds: 10 } });
    expect(shortened.metadata.generation).toBe(3);
  });

  it('a condition written without observedGeneration gets the generation when new or changed, keeps its value when unchanged; status.observedGeneration is kept', () => {
    const store = setup();
    const p = store.create(newPod());
    const a = store.update<Pod>({ ...p, status: { observedGeneration: 1, conditions: [cond('PodScheduled', 'True', { observedGeneration: 1 }), cond('Ready', 'True')] } });
    expect(gens(a)).toEqual([['PodScheduled', 1], ['Ready', 1]]);
    const deleting = store.update<Pod>({ ...a, metadata: { ...a.metadata, deletionTimestamp: '2026-01-01T00:00:30Z', deletionGracePeriodSeconds: 30 } });
    expect(deleting.metadata.generation).toBe(2);
    // A writer that copies the conditions (no values) and adds one: the copies keep 1, the new one gets 2.
    const strip = (c: PodCondition) => {
      const { observedGeneration: _g, ...rest } = c;
      return rest as PodCondition;
    };
    const b = store.update<Pod>({ ...deleting, status: { conditions: [...deleting.status!.conditions!.map(strip), cond('DisruptionTarget', 'True')] } });
    expect(gens(b)).toEqual([['PodScheduled', 1], ['Ready', 1], ['DisruptionTarget', 2]]);
    expect(b.status?.observedGeneration).toBe(1);
    // A changed condition without a value gets the current generation.
    const c = store.update<Pod>({ ...b, status: { ...b.status, conditions: [strip(b.status!.conditions![0]), cond('Ready', 'False', { lastTransitionTime: '2026-01-01T00:00:40Z' })] } });
    expect(gens(c)).toEqual([['PodScheduled', 1], ['Ready', 2]]);
  });
});
