import { describe, expect, it } from 'vitest';
import { Rng } from '../../../random/rng';
import { makeNode } from '../../../testing/builders';
import type { NodeInfo } from '../../framework/node-info';
import { Snapshot } from '../../framework/snapshot';
import { PositionIndex } from './node-columns';

describe('PositionIndex', () => {
  it('gives every node its place in the list it is handed: fresh lists, equal copies, reorderings and removals', () => {
    const rng = new Rng(3);
    const snapshot = new Snapshot();
    for (let i = 0; i < 40; i++) snapshot.addNode(makeNode(`n${i}`).obj());
    const base = snapshot.nodeInfoList();
    const index = new PositionIndex();
    let list: NodeInfo[] = base.slice();
    for (let step = 0; step < 300; step++) {
      const r = rng.float();
      if (r < 0.4) list = list.slice(); // an equal copy (a node changed in place)
      else if (r < 0.6 && list.length > 1) {
        const i = Math.floor(rng.float() * list.length);
        const j = Math.floor(rng.float() * list.length);
        list = list.slice();
        [list[i], list[j]] = [list[j], list[i]];
      } else if (r < 0.8 && list.length > 1) list = list.filter((_, i) => i !== Math.floor(rng.float() * list.length));
      else list = base.filter(() => rng.float() < 0.8);
      const positions = index.of(list);
      expect(positions.size).toBe(list.length);
      list.forEach((ni, i) => expect(positions.get(ni)).toBe(i));
      const bySlot = index.bySlotOf(list, snapshot.table)!;
      list.forEach((ni, i) => expect(bySlot[ni.slot]).toBe(i));
      expect([...bySlot].filter((p) => p >= 0).length).toBe(list.length);
    }
  });
});
