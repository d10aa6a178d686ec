/**
 * Pods nominated to a node by preemption and not bound yet (upstream's
 * PodNominator). Filtering counts them on their node for pods of lower or
 * equal priority, so the space preemption freed is not taken by others.
 */
import type { Nominator } from './framework/interfaces';
import type { PodInfo } from './framework/pod-info';

const NONE: readonly PodInfo[] = Object.freeze([]);

export class PodNominator implements Nominator {
  private readonly byNode = new Map<string, PodInfo[]>();
  private readonly nodeOf = new Map<string, string>();

  get size(): number {
    return this.nodeOf.size;
  }

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    return this.byNode.get(nodeName) ?? NONE;
  }

  nominatedNodeOf(podKey: string): string | undefined {
    return this.nodeOf.get(podKey);
  }

  add(pod: PodInfo, nodeName: string): void {
    this.delete(pod);
    if (nodeName === '') return;
    let list = this.byNode.get(nodeName);
    if (!list) this.byNode.set(nodeName, (list = []));
    list.push(pod);
    this.nodeOf.set(pod.key, nodeName);
  }

  delete(pod: PodInfo): void {
    const node = this.nodeOf.get(pod.key);
    if (node === undefined) return;
    this.nodeOf.delete(pod.key);
    const list = this.byNode.get(node)!;
    const i = list.findIndex((p) => p.key === pod.key);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.byNode.delete(node);
  }
}
