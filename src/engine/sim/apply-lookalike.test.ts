import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/types';
import { createSimulation } from './simulation';

describe('apply of a custom resource named like a kind Podscape simulates', () => {
  it('is refused (the store tells objects apart by kind alone), and nothing changes', () => {
    const sim = createSimulation({ seed: 1 });
    sim.load([]);
    sim.advanceTo(0);
    const before = sim.objects();
    const volcano = { apiVersion: 'batch.volcano.sh/v1alpha1', kind: 'Job', metadata: { name: 'train', namespace: 'default' }, spec: { minAvailable: 1, tasks: [] } } as unknown as KubeObject;
    expect(sim.dispatch({ action: 'apply', object: volcano })).toEqual({
      ok: false,
      error: 'apply: this Job of "batch.volcano.sh/v1alpha1" is a custom resource, not the batch/v1 Job that Podscape simulates; Podscape tells objects apart by kind alone, so it cannot hold this one',
    });
    expect(sim.objects()).toEqual(before);
  });
});
