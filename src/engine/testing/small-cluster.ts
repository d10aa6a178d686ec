/**
 * The three-worker cluster the scheduler's informer and pod-number lockstep tests play
 * (informer-shortcuts.test.ts, pod-numbers.test.ts): 1-cpu workers in zones of their own,
 * workloads with one small request, and bare "loose" pods (loose-2 with the `high` class).
 */
import { barePod, node } from '../controllers/node-lifecycle/cluster-fixture';
import type { KubeObject, Pod, Workload } from '../model/types';

export const WORKERS = ['worker-1', 'worker-2', 'worker-3'];
export const LOOSE = ['loose-0', 'loose-1', 'loose-2'];

/** A worker with 1 cpu, 4Gi and 110 pod slots, in the zone named after its last character. */
export function small(name: string): KubeObject {
  const n = node(name, { labels: { 'topology.kubernetes.io/zone': `zone-${name.slice(-1)}` } });
  n.status!.allocatable = { cpu: '1', memory: '4Gi', pods: '110' };
  n.status!.capacity = { ...n.status!.allocatable };
  return n;
}

/** The workload with one container requesting `cpu` and 64Mi (and the priority class, if given). */
export function withRequest(w: Workload, cpu: string, priorityClassName?: string): Workload {
  const spec = w.spec.template!.spec!;
  spec.containers = [{ name: 'c', image: 'x:1', resources: { requests: { cpu, memory: '64Mi' } } }];
  if (priorityClassName) spec.priorityClassName = priorityClassName;
  return w;
}

/** A bare pod requesting `cpu`; loose-2 has the `high` priority class. */
export function loose(name: string, cpu: string): Pod {
  const p = barePod(name);
  p.spec.containers = [{ name: 'c', image: 'x:1', resources: { requests: { cpu } } }];
  if (name === 'loose-2') p.spec.priorityClassName = 'high';
  return p;
}
