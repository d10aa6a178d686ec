/**
 * The scheduler's view of the cluster: NodeInfos kept up to date as nodes
 * and assigned pods come and go (upstream's cache), listed in node-tree
 * order (zones taken in turn) as upstream's Snapshot.
 *
 * Split by concern: the zones' order is node-tree.ts, the label postings
 * label-index.ts (with posting.ts), each pod's node pod-nodes.ts; this file
 * keeps the nodes and their pod lists, and the caches over them.
 *
 * The engine is single-threaded, so a cycle reads this directly: nothing
 * changes it between a cycle's start and its Reserve step.
 */
import type { Node, Pod } from '../../model/types';
import { NodeInfo } from './node-info';
import { NodeTable } from './node-table';
import { NodeTree, zoneKey } from './node-tree';
import type { PodInfo } from './pod-info';
import { PodNodes } from './pod-nodes';
import { LabelIndex } from './label-index';
import type { Posting } from './posting';

export class Snapshot {
  /** Numeric aggregates of every node here, by slot, for the plugins' fast paths. */
  readonly table = new NodeTable();
  private readonly byName = new Map<string, NodeInfo>();
  /** Node names by zone (upstream's nodeTree), for the list's order. */
  private readonly tree = new NodeTree();
  private list: NodeInfo[] | null = [];
  private slotList: Int32Array | null = new Int32Array(0);
  private affinityList: NodeInfo[] | null = [];
  private antiAffinityList: NodeInfo[] | null = [];
  private readonly imageNodes = new Map<string, number>();
  private readonly podNode = new PodNodes(); // each assigned pod's node, by store number or key, for its removal
  /** Label postings of the pods recorded here (only those: NodeInfo.addPod on clones never reaches it). */
  private readonly labels = new LabelIndex(this);
  /**
   * Pods recorded by addPod whose podNode entry and label postings are not
   * written yet (with their nodes, aligned): a scheduling cycle's assume step
   * only appends here, and whatever reads or changes those maps first calls
   * sync(), which files them in order exactly as addPod used to.
   */
  private readonly unsyncedPods: PodInfo[] = [];
  private readonly unsyncedNodes: NodeInfo[] = [];

  get numNodes(): number {
    return this.byName.size;
  }

  get(name: string): NodeInfo | undefined {
    return this.byName.get(name);
  }

  /** Every node, zones interleaved (upstream's nodeTree.list()). */
  nodeInfoList(): NodeInfo[] {
    if (this.list === null) {
      const out: NodeInfo[] = [];
      for (const name of this.tree.names(this.byName.size)) out.push(this.byName.get(name)!);
      this.list = out;
    }
    return this.list;
  }

  /** The table slots of nodeInfoList(), aligned with it. */
  nodeSlotList(): Int32Array {
    if (this.slotList === null) {
      const list = this.nodeInfoList();
      const out = new Int32Array(list.length);
      for (let i = 0; i < list.length; i++) out[i] = list[i].slot;
      this.slotList = out;
    }
    return this.slotList;
  }

  havePodsWithAffinityList(): NodeInfo[] {
    return (this.affinityList ??= this.nodeInfoList().filter((n) => n.podsWithAffinity.length > 0));
  }

  havePodsWithRequiredAntiAffinityList(): NodeInfo[] {
    return (this.antiAffinityList ??= this.nodeInfoList().filter((n) => n.podsWithRequiredAntiAffinity.length > 0));
  }

  /**
   * Builds now what the first scheduling cycle would otherwise build from
   * nothing: the pods' label postings (filed as every reader's sync() files
   * them, in the same order), the node list in tree order with its slots,
   * and the (anti-)affinity node lists. Called once the informers hold a
   * loaded cluster (kube-scheduler's cache is warm before its first cycle).
   * Pure caches: each is exactly what its first reader builds.
   */
  prepare(): void {
    this.sync();
    this.nodeSlotList();
    this.havePodsWithAffinityList();
    this.havePodsWithRequiredAntiAffinityList();
  }

  /** How many nodes list an image under this name. */
  imageNumNodes(name: string): number {
    return this.imageNodes.get(name) ?? 0;
  }

  addNode(node: Node): NodeInfo {
    const name = node.metadata.name ?? '';
    const existing = this.byName.get(name);
    if (existing) {
      this.updateNode(node);
      return existing;
    }
    const ni = new NodeInfo(node);
    this.table.attach(ni);
    this.byName.set(name, ni);
    this.tree.add(name, zoneKey(node));
    this.countImages(ni, +1);
    this.invalidate();
    return ni;
  }

  updateNode(node: Node): void {
    const ni = this.byName.get(node.metadata.name ?? '');
    if (!ni) {
      this.addNode(node);
      return;
    }
    const oldZone = zoneKey(ni.node);
    this.countImages(ni, -1);
    ni.setNode(node);
    this.countImages(ni, +1);
    const newZone = zoneKey(node);
    if (oldZone !== newZone) {
      this.tree.remove(ni.name, oldZone);
      this.tree.add(ni.name, newZone);
      this.invalidate();
      return;
    }
    this.nodeChanged(ni);
  }

  /**
   * A node's object changed in place (same NodeInfo, same place in the tree):
   * the node list is replaced by an equal copy (its identity tells the
   * per-node columns that a node changed), the slots stay, and the
   * (anti-)affinity lists stay unless they hold this node (they list nodes
   * by their pods, and whoever indexes their nodes sees only those).
   */
  private nodeChanged(ni: NodeInfo): void {
    if (this.list !== null) this.list = this.list.slice();
    if (ni.podsWithAffinity.length > 0) this.affinityList = null;
    if (ni.podsWithRequiredAntiAffinity.length > 0) this.antiAffinityList = null;
  }

  removeNode(name: string): void {
    const ni = this.byName.get(name);
    if (!ni) return;
    this.sync();
    this.countImages(ni, -1);
    this.table.detach(ni);
    this.byName.delete(name);
    this.tree.remove(name, zoneKey(ni.node));
    for (const p of ni.pods) {
      this.podNode.delete(p);
      this.labels.unindex(p);
    }
    this.invalidate();
  }

  /**
   * Records an assigned pod on its node (a binding, or a pod loaded with
   * nodeName). `node` may be that node's NodeInfo here, when the caller holds it.
   */
  addPod(p: PodInfo, node?: NodeInfo): boolean {
    const ni = node !== undefined && node.table === this.table && node.name === p.nodeName ? node : this.byName.get(p.nodeName);
    if (!ni) return false;
    ni.addPod(p);
    this.unsyncedPods.push(p);
    this.unsyncedNodes.push(ni);
    if (p.hasAffinity()) this.affinityList = null;
    if (p.requiredAntiAffinityTerms.length > 0) this.antiAffinityList = null;
    return true;
  }

  removePod(p: PodInfo): void {
    this.sync();
    const ni = this.podNode.get(p);
    if (!ni) return;
    const pods = ni.pods;
    let old: PodInfo | undefined;
    for (let i = 0; i < pods.length; i++) {
      if (pods[i].key === p.key) {
        old = pods[i];
        break;
      }
    }
    const withAffinity = ni.podsWithAffinity.length;
    const withAnti = ni.podsWithRequiredAntiAffinity.length;
    ni.removePod(p);
    if (old !== undefined) this.labels.unindex(old);
    this.podNode.delete(p);
    // The lists (and the indexes over them, which trust an unchanged list) change only when an (anti-)affinity pod left.
    if (ni.podsWithAffinity.length !== withAffinity) this.affinityList = null;
    if (ni.podsWithRequiredAntiAffinity.length !== withAnti) this.antiAffinityList = null;
  }

  /** removePod(old) then addPod(p), for a new PodInfo of the same pod (an update the informers record anew). */
  replacePod(old: PodInfo, p: PodInfo): void {
    this.sync();
    this.removePod(old);
    this.addPod(p);
  }

  /**
   * Re-records the recorded pod `p` over `pod`, a later version of its object that derives the
   * same PodInfo but for the start time (PodInfo.sameButStatus: a status or deletion update),
   * updating `p` in place instead of replacePod(p, new PodInfo). Leaves what removePod(p) +
   * addPod(new) leaves: `p` moved to the end of its node's pod lists, the node's sums taken
   * off and put back, two generation bumps and two table stamps, `p` last in each of its label
   * postings with its terminating flag renewed. Returns false, having changed nothing, when
   * `p` is not listed here as its own, or has (anti-)affinity terms (a new PodInfo builds new
   * term objects, which the affinity indexes may hold): the caller then builds a new PodInfo.
   */
  rerecord(p: PodInfo, pod: Pod): boolean {
    this.sync();
    const ni = this.podNode.get(p);
    if (ni === undefined || ni.name !== (pod.spec.nodeName ?? '') || p.hasAffinity() || !this.labels.ownedHere(p)) return false;
    const pods = ni.pods;
    let i = pods.length - 1;
    while (i >= 0 && pods[i] !== p) i--;
    if (i < 0) return false;
    p.rerecord(pod);
    // No (anti-)affinity pod moves: the affinity lists and their indexes stay.
    ni.moveToEnd(i);
    this.labels.refile(p, ni);
    return true;
  }

  /** The node an assigned pod is recorded on; `num`: its store number (PodInfo.num, -1: none, found by key). */
  nodeOfPod(key: string, num = -1): NodeInfo | undefined {
    this.sync();
    return this.podNode.find(key, num);
  }

  /**
   * Whether the label postings mirror exactly the pods of this snapshot's
   * nodes (each pod object on one node, once).
   */
  get labelIndexExact(): boolean {
    this.sync();
    return this.labels.exact;
  }

  /** The recorded pods of `namespace` whose label `key` is the string `value`, each with its node (do not modify). */
  podsWithLabel(namespace: string, key: string, value: string): ReadonlyMap<PodInfo, NodeInfo> | undefined {
    this.sync();
    return this.labels.get(namespace, key, value) as Posting | undefined;
  }

  /** podsWithLabel(pod.namespace, key, value), found through the pod's own label set when it carries the label. */
  podsWithLabelOf(pod: PodInfo, key: string, value: string): ReadonlyMap<PodInfo, NodeInfo> | undefined {
    this.sync();
    return this.labels.viaPod(pod, key, value) ?? (this.labels.get(pod.namespace, key, value) as Posting | undefined);
  }

  /** Files the pods addPod recorded since the last sync, in order. */
  private sync(): void {
    const pods = this.unsyncedPods;
    if (pods.length === 0) return;
    const nodes = this.unsyncedNodes;
    for (let i = 0; i < pods.length; i++) {
      this.labels.index(pods[i], nodes[i]);
      this.podNode.set(pods[i], nodes[i]);
    }
    pods.length = 0;
    nodes.length = 0;
  }

  private countImages(ni: NodeInfo, d: number): void {
    for (const name of ni.imageSizes.keys()) {
      const n = (this.imageNodes.get(name) ?? 0) + d;
      if (n <= 0) this.imageNodes.delete(name);
      else this.imageNodes.set(name, n);
    }
  }

  private invalidate(): void {
    this.list = null;
    this.slotList = null;
    this.affinityList = null;
    this.antiAffinityList = null;
  }
}
