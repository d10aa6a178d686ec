/**
 * The kubelets of every node (kubernetes/kubernetes pkg/kubelet), as one
 * component: one Kubelet per machine (see kubelet.ts), started when its Node
 * appears and its machine is powered, stopped and restarted by power changes
 * (PowerAware), fed the watch events of its Node and of the pods bound to it.
 *
 * Lease renewals (component-helpers' lease controller: every
 * leaseRenewInterval, renewTime = now) are kept in the lease table
 * (lease-table.ts) rather than written to the store every 10 s per node.
 *
 * Simplifications: no jitter on renewals (upstream adds up to 4 %); the Lease
 * update never fails, so there is no 200 ms → 7 s retry backoff; watch events
 * reach a kubelet at the same virtual instant (deferred, not delayed).
 */
import type { Node, Pod } from '../model/types';
import type { Component, PowerAware, SimContext, TimerHandle, WatchEvent } from '../sim/contracts';
import { Change } from '../store/watch-interest';
import { Kubelet } from './kubelet';

/**
 * What the manager's handler reacts to among pod events: a pod appearing or going, a
 * binding (or a change of node) and a deletion. A status write keeps spec.nodeName, the
 * deletionTimestamp and the uid (an update never changes it), and onWatch returns at once.
 */
export const KUBELET_INTEREST = { Pod: { changes: Change.ADDED | Change.DELETED | Change.NODE_NAME | Change.DELETION } };

export function createKubeletManager(): Component & PowerAware {
  return new KubeletManager();
}

class KubeletManager implements Component, PowerAware {
  readonly name = 'kubelet';
  private ctx!: SimContext;
  private readonly kubelets = new Map<string, Kubelet>();
  /** Runs ended per controller (or bare pod) UID, for podscape.dev/exit-code-runs: shared by every node. */
  private readonly runs = new Map<string, number>();
  /** Work for the next flush, in arrival order: node boots and pod syncs. */
  private readonly pendingNodes = new Set<string>();
  private readonly pendingPods = new Map<string, { node: string; namespace: string; name: string }>();
  private flushTimer: TimerHandle | null = null;
  /** The scenario is loaded: a Node created from now on is a machine joining (Kubelet.boot's `fresh`). */
  private live = false;

  start(ctx: SimContext): void {
    this.ctx = ctx;
    ctx.store.watch((e) => this.onWatch(e), ['Node', 'Pod'], KUBELET_INTEREST);
    for (const node of ctx.store.list<Node>('Node')) this.queueNode(node.metadata.name ?? '');
  }

  loaded(): void {
    this.live = true;
  }

  onPower(node: string, up: boolean): void {
    if (!this.ctx) return;
    const k = this.kubelet(node);
    if (up) k.boot();
    else k.powerOff();
  }

  /** The kubelet of a node, if it ever existed (tests and tools). */
  kubeletOf(node: string): Kubelet | undefined {
    return this.kubelets.get(node);
  }

  private kubelet(node: string): Kubelet {
    let k = this.kubelets.get(node);
    if (!k) {
      k = new Kubelet(node, this.ctx, this.runs);
      this.kubelets.set(node, k);
    }
    return k;
  }

  // ---- watch ------------------------------------------------------------------------

  private onWatch(e: WatchEvent): void {
    if (e.kind === 'Node') {
      const name = e.object.metadata.name ?? '';
      // A new Node boots its kubelet at once (it is the kubelet that registers a node), so the
      // control plane never sees a registered node without status.
      if (e.type === 'ADDED') this.kubelet(name).nodeAdded(e.object as Node, this.live);
      else if (e.type === 'DELETED') this.kubelets.get(name)?.nodeDeleted();
      else this.kubelets.get(name)?.nodeChanged(e.object as Node);
    } else if (e.kind === 'Pod') {
      const pod = e.object as Pod;
      const old = e.old as Pod | undefined;
      // Status writes (most of them the kubelet's own) change nothing a kubelet acts on.
      if (old && old.spec?.nodeName === pod.spec?.nodeName && old.metadata.deletionTimestamp === pod.metadata.deletionTimestamp && old.metadata.uid === pod.metadata.uid) return;
      const node = pod.spec?.nodeName || old?.spec?.nodeName;
      if (!node) return;
      const namespace = pod.metadata.namespace ?? '';
      const name = pod.metadata.name ?? '';
      this.pendingPods.set(`${namespace}/${name}`, { node, namespace, name });
      this.scheduleFlush();
    }
  }

  private queueNode(name: string): void {
    this.pendingNodes.add(name);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    this.flushTimer ??= this.ctx.clock.after(0, 'kubelet: sync', () => this.flush());
  }

  private flush(): void {
    this.flushTimer = null;
    for (const name of [...this.pendingNodes]) {
      this.pendingNodes.delete(name);
      const node = this.ctx.store.get<Node>('Node', undefined, name);
      if (node) this.kubelet(name).nodeAdded(node);
    }
    for (const [key, item] of [...this.pendingPods]) {
      this.pendingPods.delete(key);
      this.kubelets.get(item.node)?.syncPod(item.namespace, item.name, key);
    }
  }
}
