import { afterEach, describe, expect, it } from 'vitest';
import type { Labels } from '../../model/labels';
import { Rng } from '../../random/rng';
import { makeNode, makePod } from '../../testing/builders';
import { PodInfo } from './pod-info';
import { labelSetOf, labelsOfSet, MAX_TYPED, Posting } from './posting';
import { Snapshot } from './snapshot';
import { POSTINGS_VIA_POD } from './label-index';

const NAMES = ['n0', 'n1', 'n2', 'n3', 'n4'];
const KEYS = ['app', 'tier'] as const;
const VALUES = ['a', 'b'];

/**
 * Every posting's columns against its Map: the same pods, each entry with its
 * pod's node slot (the Map's node), terminating flag and, where it has a
 * label-set id, a labels object with the pod's very labels.
 */
function checkColumns(s: Snapshot): number {
  let entries = 0;
  if (!s.labelIndexExact) return 0;
  for (const ns of ['default', 'ns1']) {
    for (const key of KEYS) {
      for (const v of VALUES) {
        const m = s.podsWithLabel(ns, key, v);
        if (m === undefined) continue;
        expect(m).toBeInstanceOf(Posting);
        const cols = (m as Posting).columns;
        if (cols === null) continue;
        expect(cols.n).toBe(m.size);
        expect(new Set(cols.pods.slice(0, cols.n))).toEqual(new Set(m.keys()));
        let unknown = 0;
        for (let i = 0; i < cols.n; i++) {
          const p = cols.pods[i];
          expect(cols.slots[i]).toBe(m.get(p)!.slot);
          expect(cols.terminating[i]).toBe(p.terminating ? 1 : 0);
          if (cols.sets[i] < 0) {
            unknown++;
            continue;
          }
          // Only a pod filed in this snapshot, with string labels, has an id.
          expect(p.postedIn).toBe(s);
          expect({ ...labelsOfSet(cols.sets[i]) }).toEqual({ ...p.labels });
          expect(Object.keys(labelsOfSet(cols.sets[i]) as object)).toEqual(Object.keys(p.labels as object));
          entries++;
        }
        expect(cols.unknown).toBe(unknown);
      }
    }
  }
  return entries;
}

describe('Snapshot label postings: their typed columns', () => {
  it('list the Map’s pods with their slots, terminating flags and label sets through adds, removals, replacements, node removals and two snapshots', () => {
    const rng = new Rng(29);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.float() * xs.length)];
    const snaps = [new Snapshot(), new Snapshot()];
    for (const s of snaps) for (const n of NAMES) s.addNode(makeNode(n).obj());
    const makeLabels = (): Labels => {
      const r = rng.float();
      if (r < 0.05) return { app: pick(VALUES), tier: 7 as unknown as string }; // a value that is no string
      if (r < 0.15) return { tier: pick(VALUES), app: pick(VALUES) }; // another key order
      return { app: pick(VALUES), tier: pick(VALUES) };
    };
    const build = (name: string, ns: string, node: string, labels: Labels, terminating: boolean, seq: number): PodInfo => {
      const b = makePod(name, ns).node(node);
      if (terminating) b.terminating();
      const pod = b.obj();
      pod.metadata.labels = labels;
      return new PodInfo(pod, seq);
    };
    // Per snapshot: pod name → its PodInfo there.
    const live = snaps.map(() => new Map<string, PodInfo>());
    let seq = 0;
    let checked = 0;
    let replaced = 0;
    for (let step = 0; step < 500; step++) {
      const k = rng.float() < 0.6 ? 0 : 1;
      const s = snaps[k];
      const name = `p${Math.floor(rng.float() * 30)}`;
      const p = live[k].get(name);
      const r = rng.float();
      if (p === undefined) {
        // Sometimes the PodInfo the other snapshot holds (one object in two snapshots' postings).
        const other = live[1 - k].get(name);
        const q = other !== undefined && r < 0.2 ? other : build(name, pick(['default', 'ns1']), pick(NAMES), makeLabels(), rng.float() < 0.15, seq++);
        if (s.get(q.nodeName) === undefined) continue;
        s.addPod(q);
        live[k].set(name, q);
      } else if (r < 0.3) {
        s.removePod(p);
        live[k].delete(name);
      } else if (r < 0.97) {
        // A new PodInfo of the same pod: mostly the very labels object (kept in place), sometimes terminating now.
        const same = rng.float() < 0.85;
        const q = build(name, p.namespace, p.nodeName, same ? p.labels : makeLabels(), p.terminating || rng.float() < 0.3, seq++);
        s.replacePod(p, q);
        live[k].set(name, q);
        replaced++;
      } else {
        // A node goes (its pods and postings with it) and comes back empty.
        const node = pick(NAMES);
        s.removeNode(node);
        for (const [n, q] of [...live[k]]) if (q.nodeName === node) live[k].delete(n);
        s.addNode(makeNode(node).obj());
      }
      for (const snap of snaps) checked += checkColumns(snap);
    }
    expect(replaced).toBeGreaterThan(150);
    expect(checked).toBeGreaterThan(10_000);
  });

  it('a posting past MAX_TYPED pods drops its columns (the Map stays whole)', () => {
    const s = new Snapshot();
    s.addNode(makeNode('n0').obj());
    for (let i = 0; i <= MAX_TYPED; i++) s.addPod(makePod(`p${i}`).node('n0').label('app', 'a').info(i));
    const m = s.podsWithLabel('default', 'app', 'a') as Posting;
    expect(m.size).toBe(MAX_TYPED + 1);
    expect(m.columns).toBeNull();
  });
});

describe('Label-set content ids', () => {
  it('are as distinct as the JSON of the posting keys, over label sets whose keys and values hold NULs, colons and digits', () => {
    const rng = new Rng(191);
    const ALPHABET = ['a', '\0', ':', '1', '\u00e9'];
    const text = () => {
      let t = '';
      const n = Math.floor(rng.float() * 4);
      for (let i = 0; i < n; i++) t += ALPHABET[Math.floor(rng.float() * ALPHABET.length)];
      return t;
    };
    // Keys as the snapshot makes them (namespace, NUL, key, NUL, value), in the empty namespace.
    const keysOf = (labels: Record<string, string>) => Object.keys(labels).map((k) => `\0${k}\0${labels[k]}`);
    const byJson = new Map<string, number>();
    const byId = new Map<number, string>();
    // Distinct contents that a plain join of the keys would make one string: the data can catch a bad encoding.
    const joined = new Map<string, string>();
    let joinClashes = 0;
    let sets = 0;
    let previous: Record<string, string> = { a: 'a' };
    for (let i = 0; i < 3000; i++) {
      let labels: Record<string, string> = {};
      const ks = Object.keys(previous);
      if (ks.length >= 2 && rng.float() < 0.2) {
        // The previous set's first two labels as one, its value holding the rest of their keys: a plain join's clash.
        labels[ks[0]] = `${previous[ks[0]]}\0${ks[1]}\0${previous[ks[1]]}`;
      } else {
        const n = 1 + Math.floor(rng.float() * 3);
        for (let j = 0; j < n; j++) labels[text()] = text();
      }
      if (rng.float() < 0.1) labels = { ...previous }; // the same content again, in another object
      previous = labels;
      const keys = keysOf(labels);
      const id = labelSetOf(labels, keys);
      expect(id).toBeGreaterThanOrEqual(0);
      const json = JSON.stringify(keys);
      // Same content, same id; another content, another id.
      const seen = byJson.get(json);
      if (seen !== undefined) expect(id).toBe(seen);
      else {
        expect(byId.get(id)).toBeUndefined();
        byJson.set(json, id);
        byId.set(id, json);
        sets++;
      }
      expect(keysOf(labelsOfSet(id) as Record<string, string>)).toEqual(keys);
      const j = keys.join('');
      if ((joined.get(j) ?? json) !== json) joinClashes++;
      joined.set(j, json);
    }
    expect(sets).toBeGreaterThan(1500);
    expect(joinClashes).toBeGreaterThan(50);
  });
});

describe('A posting found through the asking pod’s label set', () => {
  afterEach(() => {
    POSTINGS_VIA_POD.enabled = true;
  });

  it('is the posting of its key, for pods filed or not, through adds, removals, replacements and node removals', () => {
    const rng = new Rng(53);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.float() * xs.length)];
    const s = new Snapshot();
    for (const n of NAMES) s.addNode(makeNode(n).obj());
    const makeLabels = (): Labels => {
      const r = rng.float();
      if (r < 0.05) return { app: pick(VALUES), tier: 7 as unknown as string }; // a value that is no string
      if (r < 0.1) return undefined as unknown as Labels;
      if (r < 0.2) return { tier: pick(VALUES), app: pick(VALUES) }; // another key order
      if (r < 0.3) return { app: pick(VALUES) };
      return { app: pick(VALUES), tier: pick(VALUES) };
    };
    const build = (name: string, ns: string, node: string, labels: Labels, seq: number): PodInfo => {
      const pod = makePod(name, ns).node(node).obj();
      pod.metadata.labels = labels;
      return new PodInfo(pod, seq);
    };
    const live = new Map<string, PodInfo>();
    let seq = 0;
    let asked = 0;
    const taken = POSTINGS_VIA_POD.taken;
    for (let step = 0; step < 400; step++) {
      const name = `p${Math.floor(rng.float() * 25)}`;
      const p = live.get(name);
      const r = rng.float();
      if (p === undefined) {
        const q = build(name, pick(['default', 'ns1']), pick(NAMES), makeLabels(), seq++);
        s.addPod(q);
        live.set(name, q);
      } else if (r < 0.35) {
        s.removePod(p);
        live.delete(name);
      } else if (r < 0.95) {
        const q = build(name, p.namespace, p.nodeName, rng.float() < 0.7 ? p.labels : makeLabels(), seq++);
        s.replacePod(p, q);
        live.set(name, q);
      } else {
        const node = pick(NAMES);
        s.removeNode(node);
        for (const [n, q] of [...live]) if (q.nodeName === node) live.delete(n);
        s.addNode(makeNode(node).obj());
      }
      // A pending pod (filed nowhere: a fresh labels object, often with a filed set's content), and filed pods, ask.
      const askers = [build('pending', pick(['default', 'ns1']), pick(NAMES), makeLabels(), seq++), ...[...live.values()].slice(0, 4)];
      for (const q of askers) {
        for (const key of [...KEYS, 'other']) {
          for (const v of VALUES) {
            expect(s.podsWithLabelOf(q, key, v)).toBe(s.podsWithLabel(q.namespace, key, v));
            asked++;
          }
        }
      }
    }
    expect(asked).toBeGreaterThan(10_000);
    expect(POSTINGS_VIA_POD.taken - taken).toBeGreaterThan(2_000);
  });
});
