import { describe, expect, it } from 'vitest';
import { Rng } from '../../random/rng';
import { makeNode, makePod } from '../../testing/builders';
import type { NodeInfo } from './node-info';
import { PodInfo } from './pod-info';
import { Snapshot } from './snapshot';

const term = { labelSelector: { matchLabels: { app: 'a' } }, topologyKey: 'kubernetes.io/hostname' };

/** Each listed node with its labels (the topology values the term indexes read) and the keys of the pods that list is about. */
const signature = (list: readonly NodeInfo[], pods: (ni: NodeInfo) => readonly PodInfo[]) =>
  list.map((ni) => [ni.name, JSON.stringify(ni.labels), pods(ni).map((p) => p.key)]);

describe('Snapshot affinity node lists', () => {
  it('stay the same object only while no listed pod came or went, and always list the right nodes', () => {
    const rng = new Rng(5);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.float() * xs.length)];
    const snapshot = new Snapshot();
    const names = Array.from({ length: 6 }, (_, i) => `n${i}`);
    for (const n of names) snapshot.addNode(makeNode(n).obj());
    const bound: PodInfo[] = [];
    const lists = [
      { get: () => snapshot.havePodsWithAffinityList(), pods: (ni: NodeInfo) => ni.podsWithAffinity },
      { get: () => snapshot.havePodsWithRequiredAntiAffinityList(), pods: (ni: NodeInfo) => ni.podsWithRequiredAntiAffinity },
    ];
    const prev = lists.map((l) => ({ list: l.get(), sig: signature(l.get(), l.pods) }));
    let kept = 0;
    for (let i = 0; i < 600; i++) {
      const r = rng.float();
      if (r < 0.55 || bound.length === 0) {
        const b = makePod(`p${i}`).node(pick(names)).label('app', 'a');
        const kind = rng.float();
        if (kind < 0.2) b.podAffinity(term);
        else if (kind < 0.4) b.podAntiAffinity(term);
        else if (kind < 0.5) b.preferredPodAffinity(5, term);
        const pi = b.info(i);
        snapshot.addPod(pi);
        bound.push(pi);
      } else if (r < 0.97) {
        const j = Math.floor(rng.float() * bound.length);
        snapshot.removePod(bound[j]);
        bound.splice(j, 1);
      } else {
        // New labels, sometimes a new zone (the node moves in the node list).
        const b = makeNode(pick(names)).label('x', String(i));
        if (rng.float() < 0.3) b.label('topology.kubernetes.io/zone', pick(['a', 'b']));
        const before = snapshot.nodeInfoList();
        snapshot.updateNode(b.obj());
        // A node changed: never the same list object (per-node columns key on it).
        expect(snapshot.nodeInfoList()).not.toBe(before);
      }
      lists.forEach((l, k) => {
        const list = l.get();
        const sig = signature(list, l.pods);
        expect(list.map((ni) => ni.name)).toEqual(
          snapshot
            .nodeInfoList()
            .filter((ni) => l.pods(ni).length > 0)
            .map((ni) => ni.name),
        );
        // Indexes over a list skip their work for the same list object: then nothing they read moved.
        if (list === prev[k].list) {
          expect(sig).toEqual(prev[k].sig);
          kept++;
        }
        prev[k] = { list, sig };
      });
    }
    expect(kept).toBeGreaterThan(300);
  });
});

describe('Snapshot node list', () => {
  it('after any node updates lists the nodes as one rebuilt from scratch, with slots aligned', () => {
    const rng = new Rng(9);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.float() * xs.length)];
    const snapshot = new Snapshot();
    // The same changes, its list always rebuilt from the node tree (as before in-place updates kept it).
    const twin = new Snapshot();
    const rebuilt = () => {
      (twin as unknown as { invalidate(): void }).invalidate();
      return twin.nodeInfoList();
    };
    const known = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const name = `n${Math.floor(rng.float() * 12)}`;
      if (rng.float() < 0.1 && known.has(name)) {
        snapshot.removeNode(name);
        twin.removeNode(name);
        known.delete(name);
      } else {
        const b = makeNode(name).label('x', String(i));
        if (rng.float() < 0.4) b.label('topology.kubernetes.io/zone', pick(['a', 'b', 'c']));
        const obj = b.obj();
        known.add(name);
        const before = snapshot.nodeInfoList();
        snapshot.updateNode(obj);
        twin.updateNode(obj);
        expect(snapshot.nodeInfoList()).not.toBe(before);
      }
      const list = snapshot.nodeInfoList();
      const ref = rebuilt();
      expect(list.map((ni) => ni.name)).toEqual(ref.map((ni) => ni.name));
      expect(list.map((ni) => ni.node)).toEqual(ref.map((ni) => ni.node));
      expect([...snapshot.nodeSlotList()]).toEqual(list.map((ni) => ni.slot));
    }
  });
});

describe('Snapshot label postings', () => {
  it('mirror the pods on the nodes, also for pod objects two snapshots hold at once, until one is recorded twice', () => {
    const rng = new Rng(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.float() * xs.length)];
    const names = ['n0', 'n1', 'n2', 'n3'];
    const snaps = [new Snapshot(), new Snapshot()];
    for (const s of snaps) for (const n of names) s.addNode(makeNode(n).obj());
    const pods = Array.from({ length: 24 }, (_, i) => makePod(`p${i}`, pick(['default', 'ns1'])).node(pick(names)).label('app', pick(['a', 'b'])).label('tier', pick(['x', 'y'])).info(i));
    const held = snaps.map(() => new Set<PodInfo>());
    let doubled = [false, false];
    let checked = 0;
    for (let step = 0; step < 800; step++) {
      const k = rng.float() < 0.5 ? 0 : 1;
      const s = snaps[k];
      const p = pick(pods);
      if (held[k].has(p)) {
        if (rng.float() < 0.03) {
          s.addPod(p); // the same object recorded twice: the postings no longer mirror the nodes
          doubled[k] = true;
        } else {
          s.removePod(p);
          held[k].delete(p);
        }
      } else if (!doubled[k] || rng.float() < 0.5) {
        s.addPod(p);
        held[k].add(p);
      }
      snaps.forEach((snap, j) => {
        expect(snap.labelIndexExact).toBe(!doubled[j]);
        if (doubled[j]) return;
        for (const ns of ['default', 'ns1'])
          for (const [key, values] of [['app', ['a', 'b']], ['tier', ['x', 'y']]] as const)
            for (const v of values) {
              const want = snap
                .nodeInfoList()
                .flatMap((ni) => ni.pods.filter((q) => q.namespace === ns && q.labels?.[key] === v).map((q) => `${q.key}@${ni.name}`))
                .sort();
              const got = [...(snap.podsWithLabel(ns, key, v) ?? new Map()).entries()].map(([q, ni]) => `${q.key}@${ni.name}`).sort();
              expect(got).toEqual(want);
              checked++;
            }
      });
      if (step === 400) doubled = doubled.map(() => false) as [boolean, boolean];
      if (step === 400) {
        // Start again from fresh snapshots over the same pod objects (whatever the old ones still hold).
        for (let j = 0; j < snaps.length; j++) {
          snaps[j] = new Snapshot();
          for (const n of names) snaps[j].addNode(makeNode(n).obj());
          held[j].clear();
        }
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });
});

describe('Snapshot.replacePod', () => {
  /** Everything a reader of the snapshot can see: nodes' pods in order with their sums, the postings in order, pods' nodes, the affinity lists. */
  function view(s: Snapshot, keys: readonly string[], pods: readonly string[]): unknown {
    const postings: Record<string, string[]> = {};
    for (const k of keys) {
      const [ns, key, value] = k.split('\0');
      const m = s.podsWithLabel(ns, key, value);
      if (m !== undefined) postings[k] = [...m].map(([p, ni]) => `${p.key}#${p.seq}@${ni.name}`);
    }
    return {
      nodes: s.nodeInfoList().map((ni) => [ni.name, ni.pods.map((p) => `${p.key}#${p.seq}`), ni.requested.milliCPU, ni.podsWithAffinity.length, ni.generation]),
      postings,
      exact: s.labelIndexExact,
      podNodes: pods.map((name) => s.nodeOfPod(`default/${name}`)?.name ?? null),
      affinity: s.havePodsWithAffinityList().map((n) => n.name),
      anti: s.havePodsWithRequiredAntiAffinityList().map((n) => n.name),
    };
  }

  it('leaves the snapshot as removePod then addPod would, across random replacements, label changes, moves and plain adds and removes', () => {
    const rng = new Rng(17);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.float() * xs.length)];
    const names = ['n0', 'n1', 'n2', 'n3'];
    const PODS = Array.from({ length: 12 }, (_, i) => `p${i}`);
    const a = new Snapshot();
    const b = new Snapshot();
    for (const n of names) {
      a.addNode(makeNode(n).obj());
      b.addNode(makeNode(n).obj());
    }
    // The same pods in both: one PodInfo per snapshot (postings are per snapshot object).
    const liveA = new Map<string, PodInfo>();
    const liveB = new Map<string, PodInfo>();
    const postingKeys = new Set<string>();
    let seq = 0;
    let inPlace = 0;
    const build = (name: string, node: string, labels: Record<string, string> | undefined, affinity: boolean, s: number) => {
      const bld = makePod(name).node(node).req({ cpu: `${1 + (s % 5)}00m` });
      if (affinity) bld.podAntiAffinity(term);
      const pod = bld.obj();
      pod.metadata.labels = labels;
      return pod;
    };
    for (let i = 0; i < 800; i++) {
      const r = rng.float();
      const name = `p${Math.floor(rng.float() * 12)}`;
      const labels = rng.float() < 0.9 ? { app: pick(['a', 'b']), tier: pick(['x', 'y']) } : undefined;
      if (labels) for (const [k, v] of Object.entries(labels)) postingKeys.add(`default\0${k}\0${v}`);
      const pa = liveA.get(name);
      const pb = liveB.get(name);
      if (pa === undefined || pb === undefined) {
        if (r < 0.7) {
          const pod = build(name, pick(names), labels, rng.float() < 0.2, seq);
          const ia = new PodInfo(pod, seq);
          const ib = new PodInfo(pod, seq++);
          a.addPod(ia);
          b.addPod(ib);
          liveA.set(name, ia);
          liveB.set(name, ib);
        }
      } else if (r < 0.2) {
        a.removePod(pa);
        b.removePod(pb);
        liveA.delete(name);
        liveB.delete(name);
      } else {
        // A new PodInfo of the same pod: mostly the very labels object, sometimes new labels or another node.
        const sameLabels = rng.float() < 0.8;
        const node = rng.float() < 0.9 ? pa.nodeName : pick(names);
        const pod = build(name, node, sameLabels ? pa.labels : labels, pa.hasAffinity() ? rng.float() < 0.8 : rng.float() < 0.1, seq);
        const ia = new PodInfo(pod, seq);
        const ib = new PodInfo(pod, seq++);
        if (sameLabels && node === pa.nodeName) inPlace++;
        a.replacePod(pa, ia);
        b.removePod(pb);
        b.addPod(ib);
        liveA.set(name, ia);
        liveB.set(name, ib);
      }
      if (rng.float() < 0.5) expect(view(a, [...postingKeys], PODS)).toEqual(view(b, [...postingKeys], PODS));
    }
    expect(view(a, [...postingKeys], PODS)).toEqual(view(b, [...postingKeys], PODS));
    expect(inPlace).toBeGreaterThan(200);
  });
});
