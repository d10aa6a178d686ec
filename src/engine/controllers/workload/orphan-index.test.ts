import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/types';
import type { WatchEvent } from '../../sim/contracts';
import { OrphanIndex, SKIP_OWNED } from './owners';

type Op = { name: string; ns: string; action: 'put' | 'delete'; controlled: boolean; otherRef: boolean };

const opArb: fc.Arbitrary<Op> = fc.record({
  name: fc.constantFrom('a', 'b', 'c', 'd'),
  ns: fc.constantFrom('default', 'kube-system'),
  action: fc.constantFrom<'put' | 'delete'>('put', 'put', 'delete'),
  controlled: fc.boolean(),
  otherRef: fc.boolean(),
});

function pod(name: string, ns: string, controlled: boolean, otherRef: boolean, v: number): KubeObject {
  const refs = [];
  if (otherRef) refs.push({ apiVersion: 'v1', kind: 'Node', name: 'n', uid: 'u-n' });
  if (controlled) refs.push({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u-rs', controller: true });
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, resourceVersion: String(v), ...(refs.length > 0 ? { ownerReferences: refs } : {}) } };
}

/** The watch events a store makes for `ops` (a put of a missing name is ADDED, else MODIFIED with its old version). */
function events(ops: Op[]): WatchEvent[] {
  const live = new Map<string, KubeObject>();
  const out: WatchEvent[] = [];
  ops.forEach((op, v) => {
    const key = `${op.ns}/${op.name}`;
    const old = live.get(key);
    if (op.action === 'delete') {
      if (!old) return;
      live.delete(key);
      out.push({ type: 'DELETED', kind: 'Pod', object: old });
      return;
    }
    const obj = pod(op.name, op.ns, op.controlled, op.otherRef, v);
    live.set(key, obj);
    out.push(old ? { type: 'MODIFIED', kind: 'Pod', object: obj, old } : { type: 'ADDED', kind: 'Pod', object: obj });
  });
  return out;
}

describe('OrphanIndex skips the events of controlled objects', () => {
  afterEach(() => {
    SKIP_OWNED.enabled = true;
  });

  it('holds the same orphans, in the same order, as updating the index on every event', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const fast = new OrphanIndex('Pod');
        const full = new OrphanIndex('Pod');
        for (const e of events(ops)) {
          SKIP_OWNED.enabled = true;
          fast.observe(e);
          SKIP_OWNED.enabled = false;
          full.observe(e);
          for (const ns of ['default', 'kube-system']) expect([...fast.inNamespace(ns)]).toEqual([...full.inNamespace(ns)]);
        }
      }),
      { numRuns: 500, seed: 21 },
    );
  });
});
