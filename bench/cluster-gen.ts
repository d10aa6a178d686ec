/**
 * Synthetic clusters for benchmarks: mixed node sizes across zones with some
 * taints, and pods in creation order. Deterministic for a seed.
 */
import type { KubeObject, Node, Pod } from '../src/engine/model/types';
import { Rng } from '../src/engine/random/rng';

export type PodMix = 'plain' | 'constraints';

const SIZES = [
  { cpu: '8', memory: '32Gi' },
  { cpu: '16', memory: '64Gi' },
  { cpu: '32', memory: '128Gi' },
  { cpu: '64', memory: '256Gi' },
];
const ZONES = ['zone-a', 'zone-b', 'zone-c', 'zone-d'];

export function makeNodes(n: number, rng: Rng): Node[] {
  const nodes: Node[] = [];
  for (let i = 0; i < n; i++) {
    const size = SIZES[rng.intn(SIZES.length)];
    const name = `node-${String(i).padStart(5, '0')}`;
    const node: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        labels: {
          'kubernetes.io/hostname': name,
          'topology.kubernetes.io/zone': ZONES[i % ZONES.length],
          'node.kubernetes.io/instance-type': `m.${size.cpu}x`,
          ...(i % 10 === 0 ? { disktype: 'ssd' } : {}),
        },
      },
      spec: {},
      status: { allocatable: { ...size, pods: '110' }, capacity: { ...size, pods: '110' } },
    };
    // One node in 20 is dedicated (tainted), one in 50 prefers no scheduling.
    if (i % 20 === 7) node.spec!.taints = [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }];
    else if (i % 50 === 13) node.spec!.taints = [{ key: 'maintenance', effect: 'PreferNoSchedule' }];
    nodes.push(node);
  }
  return nodes;
}

const CPU = ['100m', '250m', '500m', '1'];
const MEM = ['128Mi', '256Mi', '512Mi', '1Gi'];

export function makePods(n: number, mix: PodMix, rng: Rng): Pod[] {
  const pods: Pod[] = [];
  for (let i = 0; i < n; i++) {
    const app = `app-${i % 500}`;
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `pod-${i}`, namespace: 'default', labels: { app } },
      spec: {
        containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: CPU[rng.intn(4)], memory: MEM[rng.intn(4)] } } }],
      },
    };
    if (mix === 'constraints') {
      const k = i % 20;
      if (k === 0) {
        pod.spec.affinity = {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone-a', 'zone-b'] }] }],
            },
          },
        };
      } else if (k === 1) {
        pod.spec.topologySpreadConstraints = [
          { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app } } },
        ];
      } else if (k === 2) {
        pod.spec.affinity = {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app } } },
            ],
          },
        };
      }
    }
    pods.push(pod);
  }
  return pods;
}

export function makeCluster(nodes: number, pods: number, mix: PodMix, seed: number): KubeObject[] {
  const rng = new Rng(seed);
  return [...makeNodes(nodes, rng), ...makePods(pods, mix, rng)];
}
