/**
 * The object numbers watch events carry (WatchEvent.id, Store.idOf), over random creates,
 * updates and removes, some made by handlers during delivery (as controllers write while
 * the store delivers): every event of one stored object carries one number; two objects of
 * a kind that exist at once never share one; a number goes to a new object only after every
 * handler saw the DELETED event of the object that had it; idOf answers the number of the
 * object that exists now.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/virtual-clock';
import type { KubeObject } from '../model/types';
import { Rng } from '../random/rng';
import { defaultControlPlaneConfig } from '../sim/config';
import type { WatchEvent } from '../sim/contracts';
import { ObjectStore } from './object-store';

const KINDS = ['Pod', 'Node'] as const;
const NAMES = ['a', 'b', 'c', 'd'] as const;

type Op = { op: 'create' | 'update' | 'remove'; kind: (typeof KINDS)[number]; name: (typeof NAMES)[number]; chain: boolean };
const opArb: fc.Arbitrary<Op> = fc.record({
  op: fc.constantFrom('create', 'create', 'update', 'remove'),
  kind: fc.constantFrom(...KINDS),
  name: fc.constantFrom(...NAMES),
  chain: fc.boolean(),
}) as fc.Arbitrary<Op>;

const build = (kind: string, name: string, n: number): KubeObject =>
  ({ apiVersion: 'v1', kind, metadata: { name, labels: { n: String(n) } }, ...(kind === 'Pod' ? { spec: { containers: [{ name: 'c' }] } } : {}) }) as KubeObject;

describe('object numbers on watch events', () => {
  it('one number per stored object, unique among live objects, reused only after its DELETED was delivered (property)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 5, maxLength: 80 }), (ops) => {
        const store = new ObjectStore({ clock: new VirtualClock(), rng: new Rng(1), config: defaultControlPlaneConfig() });
        /** kind → number → the uid of the object holding it, per handler (what each has seen). */
        const seen = [new Map<string, string>(), new Map<string, string>()];
        let n = 0;
        const apply = (o: Op) => {
          const existing = store.get(o.kind, undefined, o.name);
          if (o.op === 'remove') store.remove(o.kind, undefined, o.name);
          else if (existing) store.update({ ...existing, metadata: { ...existing.metadata, labels: { n: String(n++) } } });
          else if (o.op === 'create') store.create(build(o.kind, o.name, n++));
        };
        // Chained ops are made by the first handler while it is delivered an event.
        const chained: Op[] = [];
        seen.forEach((mine, h) => {
          store.watch((e: WatchEvent) => {
            expect(e.id).toBeTypeOf('number');
            // No live object has a number this handler still sees held by another object.
            for (const kind of KINDS) {
              for (const name of NAMES) {
                const live = store.get(kind, undefined, name);
                const held = live === undefined ? undefined : mine.get(`${kind}/${store.idOf(kind, undefined, name)}`);
                if (held !== undefined) expect(held, `${kind}/${name}`).toBe(live!.metadata.uid);
              }
            }
            const slot = `${e.kind}/${e.id}`;
            const uid = e.object.metadata.uid!;
            const holder = mine.get(slot);
            if (e.type === 'ADDED') {
              expect(holder, `${slot} still held when ${uid} got it`).toBeUndefined();
              mine.set(slot, uid);
            } else {
              expect(holder).toBe(uid);
              if (e.type === 'DELETED') mine.delete(slot);
            }
            if (h === 0 && chained.length > 0) apply(chained.shift()!);
          });
        });
        for (const o of ops) {
          if (o.chain) chained.push(o);
          else apply(o);
          // idOf names the live object's number, and live numbers of a kind are distinct.
          for (const kind of KINDS) {
            const ids = new Set<number>();
            for (const name of NAMES) {
              const obj = store.get(kind, undefined, name);
              const id = store.idOf(kind, undefined, name);
              if (obj === undefined) expect(id).toBeUndefined();
              else {
                expect(seen[1].get(`${kind}/${id}`)).toBe(obj.metadata.uid);
                ids.add(id!);
              }
            }
            expect(ids.size).toBe(store.list(kind).length);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
