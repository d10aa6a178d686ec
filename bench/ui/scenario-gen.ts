/**
 * Large scenarios for the UI benchmarks and the large-cluster e2e spec: `nodes` nodes
 * from bench/cluster-gen (mixed sizes, zones, some taints) and Deployments of
 * `replicas` pods each until `pods` pods, as one YAML stream (JSON documents, which
 * YAML reads fast). The controllers create the pods and the scheduler places them
 * when the scenario loads. Deterministic.
 */
import { Rng } from '../../src/engine/random/rng';
import { makeNodes } from '../cluster-gen';

const CPU = ['100m', '250m', '500m'];
const MEMORY = ['128Mi', '256Mi', '512Mi'];

export function largeScenario({ nodes, pods, replicas = 30, seed = 42, name = `large-${nodes}` }: { nodes: number; pods: number; replicas?: number; seed?: number; name?: string }): string {
  const rng = new Rng(seed);
  const docs: unknown[] = [
    { apiVersion: 'podscape.dev/v1alpha1', kind: 'Scenario', metadata: { name }, spec: { title: `${nodes} nodes, ${pods} pods`, seed, speed: 10 } },
    ...makeNodes(nodes, rng).map((n) => ({ ...n, status: { ...n.status, conditions: [{ type: 'Ready', status: 'True' }] } })),
  ];
  for (let i = 0, left = pods; left > 0; i++, left -= replicas) {
    const app = `app-${String(i).padStart(4, '0')}`;
    docs.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: app, namespace: 'default' },
      spec: {
        replicas: Math.min(replicas, left),
        selector: { matchLabels: { app } },
        template: {
          metadata: { labels: { app } },
          spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: CPU[rng.intn(3)], memory: MEMORY[rng.intn(3)] } } }] },
        },
      },
    });
  }
  return docs.map((d) => JSON.stringify(d)).join('\n---\n') + '\n';
}
