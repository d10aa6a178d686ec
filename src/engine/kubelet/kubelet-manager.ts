/**
 * The kubelets of every node (kubernetes/kubernetes pkg/kubelet), as one
 * component: one Kubelet per machine (see kubelet.ts), started when its Node
 * appears and its machine is powered, stopped and restarted by power changes
 * (PowerAware), fed the watch events of its Node and of the pods bound to it.
 *
 * Lease renewals (component-helpers' lease controller: every
 * leaseRenewInterval, renewTime = now) run on one shared timer per renewal
 * phase rather than one per node, which keeps a 5,000-node cluster cheap.
 *
 * Simplifications: no jitter on renewals (upstream adds up to 4 %); the Lease
 * update never fails, so there is no 200 ms → 7 s retry backoff; watch events
 * reach a kubelet at the same virtual instant (deferred, not delayed).
 */
import type { Node, Pod } from '../model/types';
import type { Component, PowerAware, SimContext, TimerHandle, WatchEvent } from '../sim/contracts';
import { Kubelet, type LeaseRenewals } from './kubelet';

export function createKubeletManager(): Component & PowerAware {
  return new KubeletManager();
}

interface RenewalGroup {
  timer: TimerHandle;
  nodes: Set<string>;
}

class KubeletManager implements Component, PowerAware, LeaseRenewals {
  readonly name = 'kubelet';
  private ctx!: SimContext;
  private readonly kubelets = new Map<string, Kubelet>();
  private readonly groups = new Map<number, RenewalGroup>();
  private readonly groupOf = new Map<string, number>();
  /** Work for the next flush, in arrival order: node boots and pod syncs. */
  private readonly pendingNodes = new Set<string>();
  private readonly pendingPods = new Map<string, { node: string; namespace: string; name: string }>();
  private flushTimer: TimerHandle | null = null;

  start(ctx: SimContext): void {
    this.ctx = ctx;
    ctx.store.watch((e) => this.onWatch(e));
    for (const node of ctx.store.list<Node>('Node')) this.queueNode(node.metadata.name ?? '');
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
      k = new Kubelet(node, this.ctx, this);
      this.kubelets.set(node, k);
    }
    return k;
  }

  // ---- watch ------------------------------------------------------------------------

  private onWatch(e: WatchEvent): void {
    if (e.kind === 'Node') {
      const name = e.object.metadata.name ?? '';
      if (e.type === 'ADDED') this.queueNode(name);
      else if (e.type === 'DELETED') this.kubelets.get(name)?.nodeDeleted();
      else this.kubelets.get(name)?.nodeChanged(e.object as Node);
    } else if (e.kind === 'Pod') {
      const pod = e.object as Pod;
      const node = pod.spec?.nodeName || (e.old as Pod | undefined)?.spec?.nodeName;
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
      this.kubelets.get(item.node)?.syncPod(item.namespace, item.name);
    }
  }

  // ---- lease renewal timers ---------------------------------------------------------

  join(node: string, bootTime: number): void {
    this.leave(node);
    const interval = this.ctx.config.leaseRenewInterval;
    const phase = ((bootTime % interval) + interval) % interval;
    let g = this.groups.get(phase);
    if (!g) {
      const now = this.ctx.clock.now;
      const delay = (((phase - now) % interval) + interval) % interval || interval;
      const nodes = new Set<string>();
      const timer = this.ctx.clock.every(interval, delay, 'kubelet: renew node leases', () => {
        for (const n of [...nodes]) this.kubelets.get(n)?.renewLease();
      });
      g = { timer, nodes };
      this.groups.set(phase, g);
    }
    g.nodes.add(node);
    this.groupOf.set(node, phase);
  }

  leave(node: string): void {
    const phase = this.groupOf.get(node);
    if (phase === undefined) return;
    this.groupOf.delete(node);
    const g = this.groups.get(phase)!;
    g.nodes.delete(node);
    if (g.nodes.size === 0) {
      this.ctx.clock.cancel(g.timer);
      this.groups.delete(phase);
    }
  }
}
