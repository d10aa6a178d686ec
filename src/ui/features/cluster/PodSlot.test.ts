import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PodFrame } from '../../../protocol/engine-api';
import { frame, node, pod } from '../../../protocol/frame-fixtures';
import { applyFrame, createPodscapeStore } from '../../store/podscape-store';
import { TRAY } from './flip';
import { selectPods } from './PodSlot';

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
