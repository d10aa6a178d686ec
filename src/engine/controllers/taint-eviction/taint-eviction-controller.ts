/**
 * The taint eviction controller (kubernetes/kubernetes
 * pkg/controller/tainteviction/taint_eviction.go and timed_workers.go), on the
 * virtual clock. For every pod bound to a node with NoExecute taints:
 * - a taint the pod does not tolerate → delete now;
 * - all tolerated, none of the matching tolerations has tolerationSeconds → keep forever
 *   (and cancel a pending deletion);
 * - otherwise delete at now + the smallest matching tolerationSeconds (≤ 0: now),
 *   "now" being when the controller handled the pod/taint pair; a later update never
 *   pushes an already scheduled deletion back.
 * A deletion records `TaintManagerEviction` `Marking for deletion Pod <ns>/<name>`, sets
 * the pod condition DisruptionTarget=True (`DeletionByTaintManager`) and deletes the pod
 * with its own grace period. When the taints go (or the pod goes) before that, the
 * pending deletion is cancelled with `Cancelling deletion of Pod <ns>/<name>`.
 *
 * Simplifications: the 8 sharded workers become one deferred queue that handles node
 * changes before pod changes (as upstream's workers prefer node updates); deletions never
 * fail, so there are no retries. Where upstream compares two instants that in real time
 * always differ (a pod handled twice "now"), the discrete clock keeps the existing work
 * rather than cancelling and re-adding it with a spurious cancellation event.
 */
import type { Node, Pod, Taint, Toleration } from '../../model/types';
import { deletePod } from '../../sim/api';
import type { Component, SimContext, TimerHandle, WatchEvent } from '../../sim/contracts';
import { Change } from '../../store/watch-interest';

/** Pod events onWatch acts on: an update that keeps the spec object keeps nodeName and tolerations, and returns at once. */
export const TAINT_EVICTION_INTEREST = { Pod: { changes: Change.ADDED | Change.DELETED | Change.SPEC } };
import { updatePodCondition } from '../node-lifecycle/pod-conditions';
import { EVICTION_LANE, EvictionLane } from './eviction-lane';
import { getMatchingTolerations, minTolerationTime } from './tolerations';

export const TAINT_EVICTION_CONTROLLER = 'taint-eviction-controller';

/** A pending deletion: in the eviction lane (or, without lanes, behind a clock timer). */
interface Work {
  createdAt: number;
  fireAt: number;
  /** The clock timer when the clock has no lanes; null in the lane. */
  timer: TimerHandle | null;
  cancelled: boolean;
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
}

interface PodItem {
  namespace: string;
  name: string;
  nodeName: string;
}

export function createTaintEvictionController(): Component {
  return new TaintEvictionController();
}

export { getMatchingTolerations, minTolerationTime } from './tolerations';

/** Tests turn off the reuse of the last toleration verdict to compare with one computed per pod. */
export const REUSE_VERDICT = { enabled: true };

/** A verdict: some taint is not tolerated (delete now). */
const NOT_TOLERATED = -2;

const noExecuteTaints = (node: Node | undefined): Taint[] => (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');

class TaintEvictionController implements Component {
  readonly name = TAINT_EVICTION_CONTROLLER;
  private ctx!: SimContext;
  /** node → its NoExecute taints (only nodes that have some). */
  private readonly taintedNodes = new Map<string, Taint[]>();
  private readonly work = new Map<string, Work>();
  /** Pod name → how many entries of `work` have it (any namespace): most pod events need no `namespace/name` key. */
  private readonly workNames = new Map<string, number>();
  private readonly nodeQueue = new Set<string>();
  private readonly podQueue = new Map<string, PodItem>();
  private timer: TimerHandle | null = null;
  /** The pending deletions' timers, one clock lane for all of them (undefined: a clock timer each). */
  private lane: EvictionLane<Work> | undefined = undefined;
  /** The last verdict's lists (see `verdict`). */
  private lastTaints: Taint[] | undefined = undefined;
  private lastTolerations: Toleration[] | undefined = undefined;
  private lastVerdict = 0;

  start(ctx: SimContext): void {
    this.ctx = ctx;
    const { addLane, takeSeq } = ctx.clock;
    if (EVICTION_LANE.enabled && addLane !== undefined && takeSeq !== undefined) {
      this.lane = new EvictionLane<Work>(ctx.clock as typeof ctx.clock & Required<Pick<typeof ctx.clock, 'addLane' | 'takeSeq'>>, 'taint-eviction: delete pod', (w) => this.fire(w));
    }
    for (const node of ctx.store.list<Node>('Node')) {
      if (noExecuteTaints(node).length > 0) this.enqueueNode(node.metadata.name ?? '');
    }
    ctx.store.watch((e) => this.onWatch(e), ['Node', 'Pod'], TAINT_EVICTION_INTEREST);
  }

  /** When this controller will delete the pod (a pending taint-based eviction), or undefined. */
  evictionAt(namespace: string, name: string): number | undefined {
    return this.work.get(`${namespace}/${name}`)?.fireAt;
  }

  /** Every pending taint-based eviction: `namespace/name` → when (virtual ms). Few entries: only pods on NoExecute-tainted nodes. */
  pendingEvictions(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [key, w] of this.work) out.set(key, w.fireAt);
    return out;
  }

  private onWatch(e: WatchEvent): void {
    if (e.kind === 'Node') {
      const name = e.object.metadata.name ?? '';
      const before = e.type === 'ADDED' ? [] : noExecuteTaints((e.type === 'DELETED' ? e.object : e.old) as Node);
      const after = e.type === 'DELETED' ? [] : noExecuteTaints(e.object as Node);
      if (e.type === 'MODIFIED' && JSON.stringify(before) === JSON.stringify(after)) return;
      if (e.type === 'ADDED' && after.length === 0) return;
      this.enqueueNode(name);
    } else if (e.kind === 'Pod') {
      const pod = e.object as Pod;
      const namespace = pod.metadata.namespace ?? '';
      const name = pod.metadata.name ?? '';
      const nodeName = pod.spec?.nodeName ?? '';
      // Nothing to do for a pod on an untainted node without pending work (the common case).
      if (!this.taintedNodes.has(nodeName) && this.nodeQueue.size === 0 && !this.workNames.has(name)) return;
      const old = e.old as Pod | undefined;
      // An update that keeps the node and the tolerations needs nothing either (tested before the
      // key is built: the evicted pods' status, condition and deletion writes all end here).
      if (
        e.type === 'MODIFIED' &&
        old &&
        old.spec.nodeName === pod.spec.nodeName &&
        // Most updates keep the spec's tolerations list itself (status and metadata writes).
        (old.spec.tolerations === pod.spec.tolerations || JSON.stringify(old.spec.tolerations ?? []) === JSON.stringify(pod.spec.tolerations ?? []))
      ) {
        return;
      }
      const key = `${namespace}/${name}`;
      if (!this.taintedNodes.has(nodeName) && this.nodeQueue.size === 0 && !this.work.has(key)) return;
      this.podQueue.set(key, { namespace, name, nodeName });
      this.schedule();
    }
  }

  private enqueueNode(name: string): void {
    this.nodeQueue.add(name);
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= this.ctx.clock.after(0, 'taint-eviction: process updates', () => this.process());
  }

  private process(): void {
    this.timer = null;
    while (this.nodeQueue.size > 0 || this.podQueue.size > 0) {
      if (this.nodeQueue.size > 0) {
        const [name] = this.nodeQueue;
        this.nodeQueue.delete(name);
        this.handleNodeUpdate(name);
        continue;
      }
      const [[key, item]] = this.podQueue;
      this.podQueue.delete(key);
      this.handlePodUpdate(item);
    }
  }

  private handleNodeUpdate(name: string): void {
    const node = this.ctx.store.get<Node>('Node', undefined, name);
    if (!node) {
      this.taintedNodes.delete(name);
      return;
    }
    const taints = noExecuteTaints(node);
    if (taints.length === 0) this.taintedNodes.delete(name);
    else this.taintedNodes.set(name, taints);
    const pods = this.ctx.store.podsOnNode(name) as Pod[];
    if (pods.length === 0) return;
    if (taints.length === 0) {
      for (const p of pods) this.cancelWorkWithEvent(p.metadata.namespace ?? '', p.metadata.name ?? '');
      return;
    }
    const now = this.ctx.clock.now;
    for (const p of pods) this.processPodOnNode(p.metadata.namespace ?? '', p.metadata.name ?? '', p.spec.tolerations, taints, now);
  }

  /**
   * The verdict for a pod's tolerations against a node's NoExecute taints: whether all are
   * tolerated, and getMinTolerationTime of the matching tolerations (ms; -1 forever). The last
   * verdict is kept by the identity of both lists (stored objects are read-only, and the
   * taints list is the one recorded for the node): the pods of a node mostly share one list
   * (the admission's default tolerations), so a node's pass computes it once, not per pod.
   */
  private verdict(taints: Taint[], tolerations: Toleration[] | undefined): number {
    if (taints === this.lastTaints && tolerations === this.lastTolerations && tolerations !== undefined && REUSE_VERDICT.enabled) return this.lastVerdict;
    const { all, used } = getMatchingTolerations(taints, tolerations);
    const v = all ? minTolerationTime(used) : NOT_TOLERATED;
    this.lastTaints = taints;
    this.lastTolerations = tolerations;
    this.lastVerdict = v;
    return v;
  }

  private handlePodUpdate(item: PodItem): void {
    const pod = this.ctx.store.get<Pod>('Pod', item.namespace, item.name);
    if (!pod) {
      this.cancelWorkWithEvent(item.namespace, item.name);
      return;
    }
    const nodeName = pod.spec.nodeName ?? '';
    if (nodeName !== item.nodeName || nodeName === '') return;
    const taints = this.taintedNodes.get(nodeName);
    if (!taints) return;
    this.processPodOnNode(item.namespace, item.name, pod.spec.tolerations, taints, this.ctx.clock.now);
  }

  private processPodOnNode(namespace: string, name: string, tolerations: Toleration[] | undefined, taints: Taint[], now: number): void {
    // The `namespace/name` key is built once here for every lookup of this pod.
    const key = `${namespace}/${name}`;
    if (taints.length === 0) this.cancelWork(key, namespace, name);
    const min = this.verdict(taints, tolerations);
    if (min === NOT_TOLERATED) {
      this.cancelWork(key, namespace, name);
      this.addWork(key, namespace, name, now, now);
      return;
    }
    if (min < 0) {
      this.cancelWork(key, namespace, name);
      return;
    }
    let start = now;
    const trigger = now + min;
    const existing = this.work.get(key);
    if (existing) {
      start = existing.createdAt;
      if (start + min <= trigger) return;
      this.cancelWork(key, namespace, name);
    }
    this.addWork(key, namespace, name, start, trigger);
  }

  private addWork(key: string, namespace: string, name: string, createdAt: number, fireAt: number): void {
    if (this.work.has(key)) return;
    if (fireAt <= this.ctx.clock.now) {
      this.deletePod(namespace, name);
      return;
    }
    const w: Work = { createdAt, fireAt, timer: null, cancelled: false, key, namespace, name };
    if (this.lane !== undefined) this.lane.at(fireAt, w);
    else w.timer = this.ctx.clock.at(fireAt, `taint-eviction: delete pod ${key}`, () => this.fire(w));
    this.work.set(key, w);
    this.workNames.set(name, (this.workNames.get(name) ?? 0) + 1);
  }

  /** A pending deletion's time has come. */
  private fire(w: Work): void {
    this.dropWork(w.key, w.name);
    this.deletePod(w.namespace, w.name);
  }

  private cancelWorkWithEvent(namespace: string, name: string): void {
    this.cancelWork(`${namespace}/${name}`, namespace, name);
  }

  /** cancelWorkWithEvent with the pod's key already built. */
  private cancelWork(key: string, namespace: string, name: string): void {
    const w = this.work.get(key);
    if (!w) return;
    w.cancelled = true;
    this.ctx.clock.cancel(w.timer);
    this.dropWork(key, name);
    this.podEvent(namespace, name, `Cancelling deletion of Pod ${key}`);
  }

  private dropWork(key: string, name: string): void {
    if (!this.work.delete(key)) return;
    const n = this.workNames.get(name) ?? 0;
    if (n <= 1) this.workNames.delete(name);
    else this.workNames.set(name, n - 1);
  }

  /** deletePodHandler + addConditionAndDeletePod. */
  private deletePod(namespace: string, name: string): void {
    let pod = this.ctx.store.get<Pod>('Pod', namespace, name);
    // The stored pod names the involved object as a reference built here would (kind, namespace, name): no object built per eviction.
    const involved = pod !== undefined && pod.metadata.namespace === namespace && pod.kind === 'Pod' ? pod : podRef(namespace, name);
    this.ctx.recorder.event(involved, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${namespace}/${name}`, TAINT_EVICTION_CONTROLLER);
    if (!pod) return;
    const r = updatePodCondition(
      pod.status?.conditions,
      { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' },
      this.ctx.timestamp(this.ctx.clock.now),
    );
    // Top level and metadata built fresh for the write: the store keeps them instead of copying.
    if (r.changed) pod = this.ctx.store.update<Pod>({ ...pod, metadata: { ...pod.metadata }, status: { ...(pod.status ?? {}), conditions: r.conditions } }, { take: true });
    deletePod(this.ctx, pod);
  }

  private podEvent(namespace: string, name: string, message: string): void {
    this.ctx.recorder.event(podRef(namespace, name), 'Normal', 'TaintManagerEviction', message, TAINT_EVICTION_CONTROLLER);
  }
}

/** An event's involved pod, by namespace and name. */
const podRef = (namespace: string, name: string) => ({ kind: 'Pod', metadata: { namespace, name } });
