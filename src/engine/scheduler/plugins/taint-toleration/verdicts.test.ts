import { describe, expect, it } from 'vitest';
import { findMatchingUntoleratedTaint } from '../../../model/taints';
import type { Node, Taint, Toleration } from '../../../model/types';
import { Rng } from '../../../random/rng';
import { makeNode, makePod } from '../../../testing/builders';
import { CycleState } from '../../framework/cycle-state';
import type { PodInfo } from '../../framework/pod-info';
import { Snapshot } from '../../framework/snapshot';
import { TaintTolerationPlugin, UNTOLERATED } from './taint-toleration';
import { tolerationsKey } from './verdicts';

const hard = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

describe('TaintToleration Filter verdicts kept across cycles', () => {
  it('equal the uncached verdict through random taint changes, node replacements and tolerations', () => {
    const rng = new Rng(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.float() * xs.length)];
    const taintPool: Taint[] = [
      { key: 'dedicated', value: 'a', effect: 'NoSchedule' },
      { key: 'dedicated', value: 'b', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' },
      { key: 'soft', value: 'x', effect: 'PreferNoSchedule' },
    ];
    const tolPool: Toleration[] = [
      { key: 'dedicated', operator: 'Equal', value: 'a', effect: 'NoSchedule' },
      { key: 'dedicated', operator: 'Exists' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { operator: 'Exists', effect: 'NoSchedule' },
      { key: 'dedicated', value: 'b' },
    ];
    // A few taint arrays shared by several nodes, as objects built once may be.
    const shared = [[taintPool[0]], [taintPool[2], taintPool[3]]];
    const nodeObj = (name: string): Node => {
      const n = makeNode(name).obj();
      const r = rng.float();
      if (r < 0.25) n.spec = { ...n.spec, taints: pick(shared) };
      else if (r < 0.85) n.spec = { ...n.spec, taints: taintPool.filter(() => rng.float() < 0.3) };
      return n;
    };
    const snapshot = new Snapshot();
    const names = Array.from({ length: 12 }, (_, i) => `n${i}`);
    for (const n of names) snapshot.addNode(nodeObj(n));
    const tolLists: (Toleration[] | undefined)[] = [undefined, [], [tolPool[2], tolPool[3]]];
    const pl = new TaintTolerationPlugin();
    // Another instance asked by slot only (the fused kernel's way): its verdicts come from the table's taint stamps.
    const bySlot = new TaintTolerationPlugin();
    // And one asked by slot, then by node, alternately (both paths share its cache).
    const mixed = new TaintTolerationPlugin();
    const state = new CycleState();
    let cachedHits = 0;
    for (let round = 0; round < 600; round++) {
      const r = rng.float();
      if (r < 0.15) snapshot.updateNode(nodeObj(pick(names)));
      else if (r < 0.2) {
        const name = pick(names);
        snapshot.removeNode(name);
        snapshot.addNode(nodeObj(name));
      } else if (r < 0.25) tolLists.push(tolPool.filter(() => rng.float() < 0.4));
      // The same array again, an equal copy, or a fresh list.
      const base = pick(tolLists);
      const tolerations = base === undefined ? undefined : rng.float() < 0.5 ? base : base.map((t) => ({ ...t }));
      const b = makePod(`p${round}`).container();
      for (const t of tolerations ?? []) b.toleration(t);
      const pi: PodInfo = b.info();
      for (const ni of snapshot.nodeInfoList()) {
        const expected = ni.taints.length > 0 && findMatchingUntoleratedTaint(ni.taints, pi.pod.spec.tolerations, hard) !== undefined;
        const got = pl.filter(state, pi, ni);
        expect(got === null ? false : got === UNTOLERATED ? true : 'other').toBe(expected);
        const slotGot = bySlot.filterSlot(state, pi, snapshot.table, ni.slot);
        expect(slotGot === null ? false : slotGot === UNTOLERATED ? true : 'other').toBe(expected);
        const mixedGot = (round + ni.slot) % 2 === 0 ? mixed.filterSlot(state, pi, snapshot.table, ni.slot) : mixed.filter(state, pi, ni);
        expect(mixedGot === null ? false : mixedGot === UNTOLERATED ? true : 'other').toBe(expected);
        if (ni.taints.length > 0) cachedHits++;
      }
    }
    expect(cachedHits).toBeGreaterThan(2000);
  });

  it('keeps verdicts apart for the same slot of two tables (taint stamps are unique across tables)', () => {
    const tolerations: Toleration[] = [{ key: 'a', operator: 'Exists', effect: 'NoSchedule' }];
    const tainted = (name: string, key: string): Node => {
      const n = makeNode(name).obj();
      n.spec = { ...n.spec, taints: [{ key, effect: 'NoSchedule' }] };
      return n;
    };
    const one = new Snapshot();
    const two = new Snapshot();
    const a = one.addNode(tainted('x', 'a'));
    const b = two.addNode(tainted('x', 'b'));
    expect(a.slot).toBe(b.slot);
    const pl = new TaintTolerationPlugin();
    const state = new CycleState();
    const b1 = makePod('p').container();
    for (const t of tolerations) b1.toleration(t);
    const pi = b1.info();
    for (let i = 0; i < 3; i++) {
      expect(pl.filterSlot(state, pi, one.table, a.slot)).toBeNull();
      expect(pl.filterSlot(state, pi, two.table, b.slot)).toBe(UNTOLERATED);
    }
  });

  it('moves a slot\'s taint stamp when its node gets another taints array or the slot another node, and only then', () => {
    const snapshot = new Snapshot();
    const taints: Taint[] = [{ key: 'k', effect: 'NoSchedule' }];
    const node = (name: string, t: Taint[] | undefined): Node => {
      const n = makeNode(name).obj();
      if (t !== undefined) n.spec = { ...n.spec, taints: t };
      return n;
    };
    const ni = snapshot.addNode(node('n', taints));
    const slot = ni.slot;
    const s0 = snapshot.table.taintStamp[slot];
    expect(s0).toBeGreaterThan(0);
    // The same taints array (a status or label change): the stamp stays, though the node's numbers moved.
    snapshot.updateNode({ ...node('n', taints), metadata: { name: 'n', labels: { x: 'y' } } });
    expect(snapshot.table.taintStamp[slot]).toBe(s0);
    // An equal copy is another array: the stamp moves.
    snapshot.updateNode(node('n', [...taints]));
    const s1 = snapshot.table.taintStamp[slot];
    expect(s1).toBeGreaterThan(s0);
    // Another node in the freed slot, even with the very same taints array.
    snapshot.removeNode('n');
    const other = snapshot.addNode(node('m', snapshot.get('n')?.taints as Taint[] | undefined ?? taints));
    expect(other.slot).toBe(slot);
    expect(snapshot.table.taintStamp[slot]).toBeGreaterThan(s1);
  });

  it('keys tolerations by the fields ToleratesTaint reads, with their types', () => {
    expect(tolerationsKey([{ key: 'k', value: '1' }])).toBe(tolerationsKey([{ key: 'k', value: '1', tolerationSeconds: 5 }]));
    expect(tolerationsKey([{ key: 'k', value: '1' }])).not.toBe(tolerationsKey([{ key: 'k', value: 1 as unknown as string }]));
    expect(tolerationsKey([{ key: 'k' }])).not.toBe(tolerationsKey([{ key: 'k', value: '' }]));
    expect(tolerationsKey(undefined)).not.toBe(tolerationsKey([]));
    expect(tolerationsKey([{ key: { a: 1 } as unknown as string }])).toBeNull();
  });
});
