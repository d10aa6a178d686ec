import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeqHeap } from './seq-heap';

describe('SeqHeap', () => {
  it('gives its items back in (time, sequence) order, root replacements included', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), time: fc.integer({ min: 0, max: 20 }) }),
      fc.record({ kind: fc.constant('pop' as const) }),
      fc.record({ kind: fc.constant('replace' as const), time: fc.integer({ min: 0, max: 20 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const heap = new SeqHeap<number>();
        const model: { time: number; seq: number }[] = [];
        const byOrder = (a: { time: number; seq: number }, b: { time: number; seq: number }) => a.time - b.time || a.seq - b.seq;
        let seq = 0;
        for (const o of ops) {
          if (o.kind === 'push') {
            heap.push(o.time, seq, seq);
            model.push({ time: o.time, seq: seq++ });
          } else if (model.length > 0) {
            model.sort(byOrder);
            expect([heap.times[0], heap.seqs[0], heap.items[0]]).toEqual([model[0].time, model[0].seq, model[0].seq]);
            model.shift();
            if (o.kind === 'pop') heap.popHead();
            else {
              heap.siftDown(0, o.time, seq, seq);
              model.push({ time: o.time, seq: seq++ });
            }
          }
          expect(heap.length).toBe(model.length);
        }
        model.sort(byOrder);
        const drained: number[] = [];
        while (heap.length > 0) {
          drained.push(heap.items[0]);
          heap.popHead();
        }
        expect(drained).toEqual(model.map((m) => m.seq));
      }),
    );
  });
});
