import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resourceFromList, sharedResourceFromList, type Resource } from './resource';
import type { ResourceList } from './types';

/** A Resource as plain data (scalar names in their order), or the error parsing threw. */
function plain(f: () => Resource): unknown {
  try {
    const r = f();
    return { ...r, scalar: r.scalar ? [...r.scalar] : null };
  } catch (e) {
    return { error: String(e) };
  }
}

const names = fc.constantFrom('cpu', 'memory', 'pods', 'ephemeral-storage', 'example.com/gpu', 'hugepages-2Mi', '0', '1');
const amounts = fc.oneof(fc.constantFrom('4', '3920m', '16Gi', '110', '1k', 'x', '', '-1', '1e3'), fc.constantFrom(0, -0, 2, 1.5), fc.constantFrom(null, true));
const lists = fc.oneof(fc.constant(undefined), fc.dictionary(names, amounts, { maxKeys: 5 }));

describe('sharedResourceFromList', () => {
  it('answers what resourceFromList does, for fresh copies of random lists and the same list again (property)', () => {
    fc.assert(
      fc.property(fc.array(lists, { minLength: 1, maxLength: 6 }), (ls) => {
        for (const l of [...ls, ...ls]) {
          const copy = l === undefined ? undefined : ({ ...l } as ResourceList);
          expect(plain(() => sharedResourceFromList(copy))).toEqual(plain(() => resourceFromList(l as ResourceList)));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('shares one answer between lists of the same content, and tells lists in another order apart', () => {
    const a = sharedResourceFromList({ cpu: '4', memory: '16Gi', 'example.com/a': '1', 'example.com/b': '2' });
    expect(sharedResourceFromList({ cpu: '4', memory: '16Gi', 'example.com/a': '1', 'example.com/b': '2' })).toBe(a);
    const b = sharedResourceFromList({ cpu: '4', memory: '16Gi', 'example.com/b': '2', 'example.com/a': '1' });
    expect([...b.scalar!.keys()]).toEqual(['example.com/b', 'example.com/a']);
    expect(sharedResourceFromList({ cpu: '4', memory: '16Gi', 'example.com/a': '1', 'example.com/b': '3' }).get('example.com/b')).toBe(3);
  });
});
