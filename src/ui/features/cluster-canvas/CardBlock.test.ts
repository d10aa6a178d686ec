import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeFrame } from '../../../protocol/engine-api';
import { node as baseNode } from '../../../protocol/frame-fixtures';
import { blockRanges, cardsPerBlock, CARDS_PER_STEP, reuseBlocks, sameBlock, type CachedBlock, type CardBlockProps } from './CardBlock';
import { EMPTY_SLICE } from './group-pods';
import { DARK, LIGHT } from './pod-canvas';

const amounts = { cpu: 1000, memory: 1024, pods: 110 };
const node = (name: string): NodeFrame => baseNode(name, { allocatable: amounts, requested: amounts });

describe('cardsPerBlock', () => {
  it('fills whole rows with about 12 cards, and the growth step fills whole rows too', () => {
    for (const columns of [1, 2, 3, 4, 5, 6]) {
      const size = cardsPerBlock(columns);
      expect(size % columns).toBe(0);
      expect(size).toBeGreaterThanOrEqual(12);
      expect(size).toBeLessThan(12 + columns);
      expect(CARDS_PER_STEP % columns).toBe(0);
    }
    expect([1, 2, 3, 4, 5, 6].map(cardsPerBlock)).toEqual([12, 12, 12, 12, 15, 12]);
    // Before the columns are measured (or a bad count): one column.
    expect(cardsPerBlock(0)).toBe(12);
  });
});

describe('blockRanges', () => {
  it('covers every card once, in order, in blocks of the size', () => {
    expect(blockRanges(0, 12)).toEqual([]);
    expect(blockRanges(12, 12)).toEqual([[0, 12]]);
    expect(blockRanges(1000, 12).length).toBe(84);
    for (const size of [12, 15, 60]) {
      for (const count of [1, 11, 13, 59, 61, 201, 1000]) {
        const ranges = blockRanges(count, size);
        expect(ranges.flatMap(([start, end]) => Array.from({ length: end - start }, (_, i) => start + i))).toEqual(Array.from({ length: count }, (_, i) => i));
        expect(ranges.every(([start, end]) => end - start <= size && end > start)).toBe(true);
      }
    }
    expect(blockRanges(7, 3)).toEqual([[0, 3], [3, 6], [6, 7]]);
  });
});

describe('sameBlock', () => {
  const podAt = () => null;
  const one = { versions: new Uint32Array([7]), states: new Uint8Array([1]) };
  const props: CardBlockProps = { nodes: [node('a'), node('b')], pods: [EMPTY_SLICE, one], chosen: null, palette: LIGHT, podAt, columns: 3 };

  it('skips a block whose nodes changed only in fields the cards do not draw', () => {
    expect(sameBlock(props, { ...props, nodes: props.nodes.map((n) => ({ ...n, lastHeartbeat: 20_000, readyUnknownAt: 50_000 })) })).toBe(true);
    expect(sameBlock(props, { ...props, pods: [...props.pods], chosen: null })).toBe(true);
    expect(sameBlock({ ...props, chosen: { index: 1, version: 7 } }, { ...props, chosen: { index: 1, version: 7 } })).toBe(true);
  });

  it('re-renders a block when a card would draw something else', () => {
    expect(sameBlock(props, { ...props, nodes: [props.nodes[0], { ...props.nodes[1], status: 'Unknown' }] })).toBe(false);
    expect(sameBlock(props, { ...props, nodes: [props.nodes[0], { ...props.nodes[1], requested: { ...amounts, cpu: 1 } }] })).toBe(false);
    expect(sameBlock(props, { ...props, nodes: [props.nodes[0]], pods: [EMPTY_SLICE] })).toBe(false);
    expect(sameBlock(props, { ...props, pods: [EMPTY_SLICE, { ...one }] })).toBe(false);
    expect(sameBlock(props, { ...props, chosen: { index: 1, version: 7 } })).toBe(false);
    expect(sameBlock({ ...props, chosen: { index: 1, version: 7 } }, { ...props, chosen: { index: 1, version: 8 } })).toBe(false);
    expect(sameBlock(props, { ...props, palette: DARK })).toBe(false);
    expect(sameBlock(props, { ...props, podAt: () => null })).toBe(false);
    // The column count changes the block's placeholder height (grid-geometry.ts).
    expect(sameBlock(props, { ...props, columns: 4 })).toBe(false);
  });
});

describe('reuseBlocks', () => {
  it('keeps a block element exactly while its inputs are the same, and makes the others (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 6 }), fc.array(fc.nat(3), { maxLength: 3 })), { minLength: 1, maxLength: 6 }), (renders) => {
        const cache: { current: ReadonlyMap<number, CachedBlock<{ start: number; end: number }>> } = { current: new Map() };
        let previous = new Map<number, { element: object; inputs: string }>();
        const tokens = [{}, {}, {}, {}];
        for (const [count, size, changed] of renders) {
          const ranges = blockRanges(count, size);
          // An input per block: a token that the render may swap for some blocks.
          const inputsOf = (start: number, end: number) => [end, tokens[changed.includes(start % 4) ? (start + 1) % 4 : start % 4]];
          const out = reuseBlocks(cache, ranges, inputsOf, (start, end) => ({ start, end }));
          const next = new Map<number, { element: object; inputs: string }>();
          out.forEach((element, i) => {
            const [start, end] = ranges[i];
            expect(element.start).toBe(start);
            expect(element.end).toBe(end);
            const key = `${end}/${tokens.indexOf(inputsOf(start, end)[1] as object)}`;
            const before = previous.get(start);
            if (before && before.inputs === key) expect(element).toBe(before.element);
            else expect([...previous.values()].some((p) => p.element === element)).toBe(false); // made anew
            next.set(start, { element, inputs: key });
          });
          expect([...cache.current.keys()]).toEqual(ranges.map(([start]) => start));
          previous = next;
        }
      }),
    );
  });
});
