/**
 * What a watch handler may compare by identity: an update that leaves a pod's spec,
 * labels, annotations or ownerReferences (or any object's spec and metadata maps) equal
 * to the stored ones keeps the very same objects, so `old.spec === obj.spec` means "spec
 * unchanged". Every write of random cluster runs (the kubelet's status writes, taint
 * eviction, node lifecycle, bindings, controllers' status writes, deletions) is checked.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../commands';
import { VirtualClock } from '../clock/virtual-clock';
import type { KubeObject } from '../model/types';
import { Rng } from '../random/rng';
import { defaultControlPlaneConfig } from '../sim/config';
import { createSimulation } from '../sim/simulation';
import { deployment, pdb, section10Cluster } from '../controllers/node-lifecycle/cluster-fixture';
import { nodeCommands } from '../testing/node-commands';
import { deepEqual } from './clone';
import { ObjectStore, SHARE_EQUAL_MAPS } from './object-store';

type Part = (o: KubeObject) => unknown;
const PARTS: [string, Part][] = [
  ['spec', (o) => (o as { spec?: unknown }).spec],
  ['metadata.labels', (o) => o.metadata.labels],
  ['metadata.annotations', (o) => o.metadata.annotations],
  ['metadata.ownerReferences', (o) => o.metadata.ownerReferences],
];

/** The parts of MODIFIED events that are equal in content but not the same object. */
function copiedParts(steps: { wait: number; command: Command | null }[]): string[] {
  const sim = createSimulation({ seed: 3 });
  sim.load([...section10Cluster(), pdb('web-pdb', 'web', { minAvailable: 4 })]);
  const copied: string[] = [];
  let checked = 0;
  sim.store.watch((e) => {
    if (e.type !== 'MODIFIED' || !e.old) return;
    for (const [name, part] of PARTS) {
      const before = part(e.old);
      const after = part(e.object);
      if (before === undefined || typeof before !== 'object') continue;
      checked++;
      if (before !== after && deepEqual(before, after)) copied.push(`${e.kind} ${e.object.metadata.name} ${name}`);
    }
  });
  sim.advanceTo(40_000);
  for (const s of steps) {
    sim.advanceBy(s.wait);
    if (s.command) {
      try {
        sim.dispatch(s.command);
      } catch {
        // a refused command writes nothing
      }
    }
  }
  expect(checked).toBeGreaterThan(0);
  return copied;
}

const WORKERS = ['worker-1', 'worker-2', 'worker-3'];
const stepArb = fc.record({
  wait: fc.integer({ min: 1, max: 400 }).map((s) => s * 1000),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'restoreNode', 'drain', 'cordon', 'uncordon']),
    fc.integer({ min: 0, max: 8 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: r })),
    fc.constant<Command>({ action: 'apply', object: deployment('api', 3) }),
    fc.constant<Command>({ action: 'deletePod', namespace: 'default', name: 'debug' }),
  ),
});

describe('unchanged sub-objects stay shared across updates', () => {
  it('the store keeps the stored label and annotation maps when an update brings equal ones, in the same key order only', () => {
    const store = new ObjectStore({ clock: new VirtualClock(), rng: new Rng(1), config: defaultControlPlaneConfig() });
    const rs = store.create<KubeObject>({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'r', namespace: 'default', labels: { a: '1', b: '2' }, annotations: { x: 'y' } } });
    const same = store.update<KubeObject>({ ...rs, metadata: { ...rs.metadata, labels: { a: '1', b: '2' }, annotations: { x: 'y' } } });
    expect(same.metadata.labels).toBe(rs.metadata.labels);
    expect(same.metadata.annotations).toBe(rs.metadata.annotations);
    const reordered = store.update<KubeObject>({ ...same, metadata: { ...same.metadata, labels: { b: '2', a: '1' } } });
    expect(reordered.metadata.labels).not.toBe(rs.metadata.labels);
    expect(JSON.stringify(reordered.metadata.labels)).toBe('{"b":"2","a":"1"}');
    const changed = store.update<KubeObject>({ ...reordered, metadata: { ...reordered.metadata, annotations: { x: 'z' } } });
    expect(changed.metadata.annotations).toEqual({ x: 'z' });
    const fewer = store.update<KubeObject>({ ...changed, metadata: { ...changed.metadata, annotations: {} } });
    expect(fewer.metadata.annotations).toEqual({});
  });

  it('without the store keeping equal maps, the Deployment controller status writes copy its annotations (the property below can fail)', () => {
    SHARE_EQUAL_MAPS.enabled = false;
    try {
      expect(copiedParts([{ wait: 1000, command: null }])).toContain('Deployment web metadata.annotations');
    } finally {
      SHARE_EQUAL_MAPS.enabled = true;
    }
  });

  it('random kills, restores, drains, scales and deletes: no update copies an unchanged spec, labels, annotations or ownerReferences', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => {
        expect(copiedParts(steps)).toEqual([]);
      }),
      { numRuns: 20, seed: 29 },
    );
  });
});
