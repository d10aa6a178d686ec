import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state';
import type { Handle } from '../../framework/interfaces';
import { Snapshot } from '../../framework/snapshot';
import type { Node } from '../../../model/types';
import { makeNode, makePod } from '../../../testing/builders';
import { calculatePriority, imageLocalityFactory, normalizedImageName } from './image-locality';

const MB = 1024 * 1024;

// Node fixtures: which images each holds (every name of an entry shares its size).
const nodeA = () =>
  makeNode('a')
    .image(['docker.io/library/nginx:1.27', 'nginx:latest'], 150 * MB)
    .image(['app:v2'], 500 * MB)
    .image(['big:latest'], 3000 * MB)
    .obj();
const nodeB = () => makeNode('b').image(['nginx:latest'], 150 * MB).image(['redis:7'], 80 * MB).obj();
const nodeC = () => makeNode('c').obj();
const nodeD = () => makeNode('d').image(['busybox:latest'], 5 * MB).obj();

function scoresFor(nodes: Node[], images: string[], initImages: string[] = []): Record<string, number> {
  const snapshot = new Snapshot();
  for (const n of nodes) snapshot.addNode(n);
  const pl = imageLocalityFactory.create(undefined, { snapshot } as unknown as Handle);
  const b = makePod('p');
  for (const img of images) b.container(img || undefined);
  const pod = b.obj();
  if (initImages.length > 0) pod.spec.initContainers = initImages.map((image, i) => ({ name: `init${i}`, image }));
  const info = b.info();
  const out: Record<string, number> = {};
  for (const n of nodes) out[n.metadata.name!] = pl.score!(new CycleState(), info, snapshot.get(n.metadata.name!)!);
  return out;
}

describe('ImageLocality Score', () => {
  const cases: { name: string; nodes: Node[]; images: string[]; init?: string[]; want: Record<string, number> }[] = [
    {
      // 150 MB × 2/4 spread = 75 MB: 100 × (75 − 23) / (1000 − 23) = 5
      name: 'an image on half the nodes counts half its size',
      nodes: [nodeA(), nodeB(), nodeC(), nodeD()],
      images: ['nginx'],
      want: { a: 5, b: 5, c: 0, d: 0 },
    },
    {
      // a: 500 MB × 1/4 = 125 MB of 2 × 1000 MB → 5; b: 80 MB × 1/4 = 20 MB < 23 MB → 0
      name: 'the maximum grows with the number of containers',
      nodes: [nodeA(), nodeB(), nodeC(), nodeD()],
      images: ['app:v2', 'redis:7'],
      want: { a: 5, b: 0, c: 0, d: 0 },
    },
    { name: 'a single node holds the full size', nodes: [nodeA()], images: ['app:v2'], want: { a: 48 } },
    {
      // 500 MB × (1/3) in float64 = 174762666 bytes → 14
      name: 'the spread is computed in floating point and truncated',
      nodes: [nodeA(), nodeB(), nodeC()],
      images: ['app:v2'],
      want: { a: 14, b: 0, c: 0 },
    },
    {
      // a: 500 × 1/2 + 150 × 2/2 = 400 MB of 2000 → 19; b: 150 MB → 6
      name: 'init containers count too',
      nodes: [nodeA(), nodeB()],
      images: ['nginx'],
      init: ['app:v2'],
      want: { a: 19, b: 6 },
    },
    { name: 'sizes above the maximum are capped', nodes: [nodeA()], images: ['big'], want: { a: 100 } },
    {
      name: 'a small image below the minimum scores 0',
      nodes: [nodeD(), nodeC()],
      images: ['busybox'],
      want: { d: 0, c: 0 },
    },
    {
      name: 'a fully qualified name does not match a short node name',
      nodes: [nodeA(), nodeC()],
      images: ['docker.io/library/nginx'],
      want: { a: 0, c: 0 },
    },
    {
      // 150 MB × 1/2 = 75 MB → 5
      name: 'an exact tagged name matches any name of the entry',
      nodes: [nodeA(), nodeC()],
      images: ['docker.io/library/nginx:1.27'],
      want: { a: 5, c: 0 },
    },
    { name: 'a container without an image matches nothing', nodes: [nodeA()], images: [''], want: { a: 0 } },
  ];
  it.each(cases)('$name', ({ nodes, images, init, want }) => {
    expect(scoresFor(nodes, images, init)).toEqual(want);
  });

  it('has no NormalizeScore', () => {
    const pl = imageLocalityFactory.create(undefined, { snapshot: new Snapshot() } as unknown as Handle);
    expect(pl.name).toBe('ImageLocality');
    expect(pl.scoreExtensions!()).toBeNull();
  });
});

describe('normalizedImageName', () => {
  const cases: [string, string][] = [
    ['root', 'root:latest'],
    ['gcr.io:5000/root', 'gcr.io:5000/root:latest'],
    ['root:tag', 'root:tag'],
    ['registry.local:5000/team/app:1.0', 'registry.local:5000/team/app:1.0'],
    ['root@sha256:0123abcd', 'root@sha256:0123abcd'],
    ['', ':latest'],
  ];
  it.each(cases)('%s → %s', (input, want) => {
    expect(normalizedImageName(input)).toBe(want);
  });
});

describe('calculatePriority', () => {
  const cases: { sum: number; containers: number; want: number }[] = [
    { sum: 0, containers: 1, want: 0 },
    { sum: 23 * MB, containers: 1, want: 0 },
    { sum: 1000 * MB, containers: 1, want: 100 },
    { sum: 5000 * MB, containers: 2, want: 100 },
    { sum: 1000 * MB, containers: 2, want: 49 },
    { sum: 0, containers: 0, want: 0 },
  ];
  it.each(cases)('sum $sum over $containers container(s) → $want', ({ sum, containers, want }) => {
    expect(calculatePriority(sum, containers)).toBe(want);
  });
});
