import { describe, expect, it } from 'vitest';
import { labelSelectorAsSelector } from '../../../model/labels';
import type { LabelSelector } from '../../../model/types';
import { Rng } from '../../../random/rng';
import { makeNode, makePod } from '../../../testing/builders';
import { PodInfo } from '../../framework/pod-info';
import { Snapshot } from '../../framework/snapshot';
import { SpreadColumns } from './columns';
import { countMatching, selectorEqualities, type Constraint } from './constraints';

describe('SpreadColumns indexed count columns', () => {
  it('count like the per-node walk across random pods, labels, namespaces and terminating pods', () => {
    const rng = new Rng(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.float() * xs.length)];
    const namespaces = ['default', 'ns1', 'ns2'];
    const keys = ['app', 'tier', 'rel'];
    const values = ['a', 'b', 'c'];
    const snapshot = new Snapshot();
    const nodeNames = Array.from({ length: 10 }, (_, i) => `n${i}`);
    for (const n of nodeNames) snapshot.addNode(makeNode(n).zone(pick(['z1', 'z2'])).obj());
    const indexed = new SpreadColumns(() => snapshot);
    const plain = new SpreadColumns();
    const bound: PodInfo[] = [];
    let seq = 0;

    const randomSelector = (): LabelSelector => {
      const sel: LabelSelector = { matchLabels: {}, matchExpressions: [] };
      const n = 1 + Math.floor(rng.float() * 3);
      for (let i = 0; i < n; i++) {
        const k = pick(keys);
        const r = rng.float();
        if (r < 0.4) sel.matchLabels![k] = pick(values);
        else if (r < 0.6) sel.matchExpressions!.push({ key: k, operator: 'In', values: [pick(values)] });
        else if (r < 0.75) sel.matchExpressions!.push({ key: k, operator: 'In', values: [pick(values), pick(values)] });
        else if (r < 0.9) sel.matchExpressions!.push({ key: k, operator: 'NotIn', values: [pick(values)] });
        else sel.matchExpressions!.push({ key: k, operator: pick(['Exists', 'DoesNotExist']) });
      }
      return sel;
    };
    const constraintOf = (sel: LabelSelector): Constraint => ({
      maxSkew: 1,
      topologyKey: 'kubernetes.io/hostname',
      selector: labelSelectorAsSelector(sel),
      selectorKey: JSON.stringify(sel),
      minDomains: 1,
      nodeAffinityPolicy: 'Honor',
      nodeTaintsPolicy: 'Ignore',
      equalities: selectorEqualities(sel),
    });
    // Columns kept across rounds, to check refreshes of bulk-built columns.
    const kept: { ns: string; c: Constraint }[] = [];
    let bulkBuilt = 0;

    for (let round = 0; round < 300; round++) {
      // change the cluster
      const r = rng.float();
      if (r < 0.6) {
        const b = makePod(`p${seq}`, pick(namespaces)).node(pick(nodeNames));
        for (const k of keys) if (rng.float() < 0.6) b.label(k, pick(values));
        if (rng.float() < 0.15) b.terminating();
        const pi = new PodInfo(b.obj(), seq++);
        snapshot.addPod(pi);
        bound.push(pi);
      } else if (r < 0.85 && bound.length > 0) {
        const i = Math.floor(rng.float() * bound.length);
        snapshot.removePod(bound[i]);
        bound.splice(i, 1);
      } else if (r < 0.93) {
        const name = pick(nodeNames);
        snapshot.removeNode(name);
        snapshot.addNode(makeNode(name).zone(pick(['z1', 'z2'])).obj());
        for (let i = bound.length - 1; i >= 0; i--) if (bound[i].nodeName === name) bound.splice(i, 1);
      } else {
        snapshot.updateNode(makeNode(pick(nodeNames)).zone(pick(['z1', 'z2'])).label('x', pick(values)).obj());
      }
      const list = snapshot.nodeInfoList();
      const expected = (ns: string, c: Constraint) => list.map((ni) => countMatching(ni.pods, c.selector, ns));

      const ns = pick(namespaces);
      const c = constraintOf(randomSelector());
      const direct = indexed.indexedCounts(list, ns, c.selector, c.equalities!);
      if (c.equalities!.length > 0) {
        expect(direct).not.toBeNull();
        expect(Array.from(direct!)).toEqual(expected(ns, c));
        bulkBuilt++;
      } else {
        expect(direct).toBeNull();
      }
      const col = Array.from(indexed.countColumn(ns, c).sync(list).subarray(0, list.length));
      expect(col).toEqual(expected(ns, c));
      expect(col).toEqual(Array.from(plain.countColumn(ns, c).sync(list).subarray(0, list.length)));
      kept.push({ ns, c });
      for (const k of kept.slice(-20)) {
        expect(Array.from(indexed.countColumn(k.ns, k.c).sync(list).subarray(0, list.length))).toEqual(expected(k.ns, k.c));
      }
      // Another list than the snapshot's own falls back to the per-node walk.
      expect(indexed.indexedCounts(list.slice(), ns, c.selector, c.equalities!)).toBeNull();
    }
    expect(bulkBuilt).toBeGreaterThan(100);
  });
});
