import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PodFrame } from '../../../protocol/engine-api';
import { frame, node, pod } from '../../../protocol/frame-fixtures';
import { applyFrame, createPodscapeStore } from '../../store/podscape-store';
import { TRAY } from './flip';
import { newListMemo, selectListPods, selectPods } from './PodSlot';

/** What the per-pod slots looked up before lists shared one subscription: each uid on its own. */
function reference(s: ReturnType<ReturnType<typeof createPodscapeStore>['getState']>, uids: readonly string[], where: string): (PodFrame | undefined)[] {
  if (where !== TRAY && !s.cluster.nodes.has(where)) return [];
  return uids.map((uid) => (where === TRAY && !s.cluster.pendingMessages.has(uid) ? undefined : s.cluster.pods.get(uid)));
}

describe('selectPods (one subscription per pod list)', () => {
  it('equals looking each uid up on its own, and keeps the previous array while every pod is the same object', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    const placement = fc.constantFrom<string | null>('w1', 'w2', null, 'gone');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(placement, { minLength: names.length, maxLength: names.length }), fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length })), { minLength: 1, maxLength: 5 }),
        fc.subarray(names),
        fc.constantFrom('w1', 'w2', 'w3', TRAY),
        (frames, listed, where) => {
          const store = createPodscapeStore();
          const uids = listed.map((n) => `uid-${n}`);
          let last: readonly (PodFrame | undefined)[] = [];
          frames.forEach(([places, ready], i) => {
            const pods = names.map((n, k) => pod(n, places[k], { ready: ready[k] }));
            applyFrame(store, frame({ seq: i + 1, reset: i === 0, nodes: [node('w1'), node('w2')], pods, queue: [] }));
            const s = store.getState();
            const got = selectPods(s, uids, where, last);
            const want = reference(s, uids, where);
            expect([...got]).toEqual(want);
            got.forEach((p, k) => expect(p).toBe(want[k]));
            // The previous array itself when nothing in it changed.
            const same = last.length === want.length && want.every((p, k) => p === last[k]);
            expect(got === last).toBe(same);
            last = got;
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('selectListPods (selectPods without the loop while the pods map stays)', () => {
  it('answers as selectPods does over random frames, with and without pod changes, and loops only when the pods map, uids or messages changed', () => {
    const names = ['a', 'b', 'c', 'd'];
    const placement = fc.constantFrom<string | null>('w1', 'w2', null, 'gone');
    fc.assert(
      fc.property(
        // Each frame: the pods' places (or null: the same pods as the frame before), whether w1 exists, and new uids (or null: the same array).
        fc.array(fc.tuple(fc.option(fc.array(placement, { minLength: names.length, maxLength: names.length }), { nil: null }), fc.boolean(), fc.option(fc.subarray(names), { nil: null })), { minLength: 1, maxLength: 8 }),
        fc.subarray(names),
        fc.constantFrom('w1', 'w2', TRAY),
        (frames, listed, where) => {
          const store = createPodscapeStore();
          let uids: readonly string[] = listed.map((n) => `uid-${n}`);
          const memo = newListMemo();
          let last = memo.result;
          let places: (string | null)[] = names.map(() => 'w1');
          frames.forEach(([moved, hasW1, freshUids], i) => {
            if (moved) places = moved;
            const nodes = hasW1 ? [node('w1'), node('w2')] : [node('w2')];
            applyFrame(store, frame({ seq: i + 1, reset: i === 0, time: i, nodes, pods: names.map((n, k) => pod(n, places[k])), queue: [] }));
            if (freshUids) uids = freshUids.map((n) => `uid-${n}`);
            const s = store.getState();
            const want = selectPods(s, uids, where, last);
            const got = selectListPods(s, uids, where, memo);
            expect(got.length).toBe(want.length);
            got.forEach((p, k) => expect(p).toBe(want[k]));
            // The previous array itself exactly when selectPods keeps it.
            expect(got === last).toBe(want === last);
            last = got;
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
