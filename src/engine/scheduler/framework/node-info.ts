/**
 * NodeInfo: a node plus precomputed aggregates of the pods assigned to it,
 * as upstream's framework.NodeInfo. The scheduler reads numbers from here;
 * it never walks a node's pods to sum requests inside a cycle.
 */
import type { Labels } from '../../model/labels';
import { Resource, resourceFromList } from '../../model/resource';
import type { Node, Taint } from '../../model/types';
import type { NodeTable } from './node-table';
import type { HostPort, PodInfo } from './pod-info';

const ANY_IP = '0.0.0.0';

/** Ports in use on a node: ip → set of "protocol/port". */
export class HostPortInfo {
  private readonly byIP = new Map<string, Map<string, number>>();

  add(p: HostPort): void {
    let m = this.byIP.get(p.ip);
    if (!m) this.byIP.set(p.ip, (m = new Map()));
    const k = `${p.protocol}/${p.port}`;
    m.set(k, (m.get(k) ?? 0) + 1);
  }

  remove(p: HostPort): void {
    const m = this.byIP.get(p.ip);
    const k = `${p.protocol}/${p.port}`;
    const n = m?.get(k) ?? 0;
    if (n <= 1) m?.delete(k);
    else m!.set(k, n - 1);
    if (m && m.size === 0) this.byIP.delete(p.ip);
  }

  /** Whether `p` clashes with a port in use: same protocol and port, and same IP or either is 0.0.0.0. */
  conflicts(p: HostPort): boolean {
    const k = `${p.protocol}/${p.port}`;
    if (p.ip === ANY_IP) {
      for (const m of this.byIP.values()) if (m.has(k)) return true;
      return false;
    }
    return (this.byIP.get(p.ip)?.has(k) ?? false) || (this.byIP.get(ANY_IP)?.has(k) ?? false);
  }

  get size(): number {
    return this.byIP.size;
  }

  clone(): HostPortInfo {
    const c = new HostPortInfo();
    for (const [ip, m] of this.byIP) c.byIP.set(ip, new Map(m));
    return c;
  }
}

/** The position of the pod with this key in `list`, or -1. */
function indexOfKey(list: readonly PodInfo[], key: string): number {
  for (let i = 0; i < list.length; i++) if (list[i].key === key) return i;
  return -1;
}

/** Removes the first pod with this key from `list`, if any. */
function dropKey(list: PodInfo[], key: string): void {
  const j = indexOfKey(list, key);
  if (j >= 0) list.splice(j, 1);
}

export class NodeInfo {
  node!: Node;
  name = '';
  labels: Labels = undefined;
  taints: readonly Taint[] = [];
  unschedulable = false;
  allocatable = new Resource();
  /** Sum of the assigned pods' effective requests. */
  requested = new Resource();
  /** Sum with the non-zero cpu/memory defaults (scoring only). */
  nonZeroRequested = new Resource();
  pods: PodInfo[] = [];
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  usedPorts = new HostPortInfo();
  /** Image name → size in bytes, from node.status.images (every name of an entry). */
  imageSizes = new Map<string, number>();
  /** Bumped on every change, for caches keyed on a node's state. */
  generation = 0;
  /** The snapshot's node table this NodeInfo writes through to, and its slot there; null and -1 otherwise (clones). */
  table: NodeTable | null = null;
  slot = -1;

  constructor(node?: Node) {
    if (node) this.setNode(node);
  }

  setNode(node: Node): void {
    this.node = node;
    this.name = node.metadata.name ?? '';
    this.labels = node.metadata.labels;
    this.taints = node.spec?.taints ?? [];
    this.unschedulable = node.spec?.unschedulable === true;
    this.allocatable = resourceFromList(node.status?.allocatable);
    this.imageSizes = new Map();
    for (const img of node.status?.images ?? []) {
      for (const n of img.names ?? []) this.imageSizes.set(n, img.sizeBytes ?? 0);
    }
    this.generation++;
    if (this.table !== null) this.table.update(this);
  }

  addPod(p: PodInfo): void {
    this.pods.push(p);
    if (p.hasAffinity()) this.podsWithAffinity.push(p);
    if (p.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity.push(p);
    this.putOn(p);
  }

  /** Removes the pod with p's key; returns false if it was not on this node. */
  removePod(p: PodInfo): boolean {
    const i = indexOfKey(this.pods, p.key);
    if (i < 0) return false;
    const old = this.pods[i];
    this.pods.splice(i, 1);
    dropKey(this.podsWithAffinity, p.key);
    dropKey(this.podsWithRequiredAntiAffinity, p.key);
    this.takeOff(old);
    return true;
  }

  /**
   * removePod(pods[i]) then addPod(pods[i]) for the same PodInfo (its pod object replaced in
   * place, nothing it derives changed, no affinity terms): it moves to the end of the pod list, the sums are
   * taken off and put back, the generation moves twice and the table is told twice, as the two
   * calls would do with a new PodInfo of equal content.
   */
  moveToEnd(i: number): void {
    const p = this.pods[i];
    this.pods.splice(i, 1);
    this.takeOff(p);
    this.pods.push(p);
    this.putOn(p);
  }

  /** A pod's requests and host ports added to the node's sums; the generation moves and the table is told. */
  private putOn(p: PodInfo): void {
    this.requested.add(p.requests);
    this.nonZeroRequested.milliCPU += p.nonZeroMilliCPU;
    this.nonZeroRequested.memory += p.nonZeroMemory;
    for (const hp of p.hostPorts) this.usedPorts.add(hp);
    this.generation++;
    if (this.table !== null) this.table.updatePods(this);
  }

  /** putOn undone. */
  private takeOff(p: PodInfo): void {
    this.requested.sub(p.requests);
    this.nonZeroRequested.milliCPU -= p.nonZeroMilliCPU;
    this.nonZeroRequested.memory -= p.nonZeroMemory;
    for (const hp of p.hostPorts) this.usedPorts.remove(hp);
    this.generation++;
    if (this.table !== null) this.table.updatePods(this);
  }

  /** A deep-enough copy for preemption's dry runs: pod lists and sums are copied; it is not in any node table. */
  clone(): NodeInfo {
    const c = new NodeInfo();
    c.node = this.node;
    c.name = this.name;
    c.labels = this.labels;
    c.taints = this.taints;
    c.unschedulable = this.unschedulable;
    c.allocatable = this.allocatable;
    c.requested = this.requested.clone();
    c.nonZeroRequested = this.nonZeroRequested.clone();
    c.pods = this.pods.slice();
    c.podsWithAffinity = this.podsWithAffinity.slice();
    c.podsWithRequiredAntiAffinity = this.podsWithRequiredAntiAffinity.slice();
    c.usedPorts = this.usedPorts.clone();
    c.imageSizes = this.imageSizes;
    c.generation = this.generation;
    return c;
  }
}
