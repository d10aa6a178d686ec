/**
 * The disruption controller of kube-controller-manager
 * (kubernetes/kubernetes pkg/controller/disruption/disruption.go): keeps each
 * PodDisruptionBudget's status current.
 * - expectedPods / desiredHealthy: `minAvailable: N` → N of the matching pods;
 *   a percentage or any `maxUnavailable` → scaled from the owning controllers'
 *   spec.replicas (Deployment through its ReplicaSet, ReplicaSet,
 *   ReplicationController, StatefulSet), percentages rounded up;
 * - currentHealthy: matching pods that are Ready, not terminating and not in
 *   disruptedPods; disruptionsAllowed = max(0, currentHealthy − desiredHealthy)
 *   (0 while expectedPods is 0);
 * - disruptedPods entries (written by the Eviction API) are dropped when the pod
 *   is gone or terminating, or 2 minutes after the eviction (Warning
 *   `NotDeleted` on the pod), and the PDB is re-checked then;
 * - the DisruptionAllowed condition; on a failure (a pod whose controller has
 *   no scale) the fail-safe status: disruptionsAllowed 0, reason SyncFailed.
 * - selectors as policy/v1 reads them here: `{}` selects every pod of the namespace, a nil
 *   selector none (the Eviction API and preemption skip both; see pdb.ts).
 * Events: `NoPods`, `UnmanagedPods`, `CalculateExpectedPodCountFailed`, `NotDeleted`, and
 * `MultiplePodDisruptionBudgets` on a pod that several budgets select.
 *
 * Simplifications: no stale DisruptionTarget cleanup; an entry whose 2 minutes
 * end exactly now counts as expired (upstream compares nanosecond instants that
 * never tie, and re-checks then); syncs are deferred to the same virtual instant.
 */
import type { KubeObject, Pod, PodDisruptionBudget, Workload } from '../../model/types';
import { fromTimestamp } from '../../clock/time';
import { isPodReady, ownerRefOf } from '../../sim/api';
import type { Component, SimContext, TimerHandle, WatchEvent } from '../../sim/contracts';
import { controllerSelector, DELETION_TIMEOUT, disruptionAllowedCondition, formatLabelSelector, scaledValue, type PdbCondition } from './pdb';

export const DISRUPTION_CONTROLLER = 'controllermanager';

export function createDisruptionController(): Component {
  return new DisruptionController();
}

/** Built-in controllers of pods that have no scale subresource, as GroupResource.String() names them. */
const NO_SCALE: Record<string, string> = { DaemonSet: 'daemonsets.apps', Job: 'jobs.batch' };

const replicasOf = (o: Workload) => (typeof o.spec?.replicas === 'number' ? o.spec.replicas : 1);

class DisruptionController implements Component {
  readonly name = 'disruption-controller';
  private ctx!: SimContext;
  /** namespace → PDB names, to find the budgets a pod event touches. */
  private readonly byNamespace = new Map<string, Set<string>>();
  private readonly queue = new Set<string>();
  private timer: TimerHandle | null = null;
  private readonly rechecks = new Map<string, { at: number; timer: TimerHandle }>();

  start(ctx: SimContext): void {
    this.ctx = ctx;
    for (const pdb of ctx.store.list<PodDisruptionBudget>('PodDisruptionBudget')) this.track(pdb, true);
    // Upstream has event handlers for pods and budgets only; the workloads are listers (read at
    // sync), so a change of replicas shows when the pods it makes or removes do.
    ctx.store.watch((e) => this.onWatch(e), ['PodDisruptionBudget', 'Pod']);
  }

  private track(pdb: KubeObject, present: boolean): void {
    const ns = pdb.metadata.namespace ?? '';
    const name = pdb.metadata.name ?? '';
    let set = this.byNamespace.get(ns);
    if (present) {
      if (!set) this.byNamespace.set(ns, (set = new Set()));
      set.add(name);
      this.enqueue(`${ns}/${name}`);
    } else {
      set?.delete(name);
      const r = this.rechecks.get(`${ns}/${name}`);
      if (r) this.ctx.clock.cancel(r.timer);
      this.rechecks.delete(`${ns}/${name}`);
    }
  }

  private onWatch(e: WatchEvent): void {
    if (e.kind === 'PodDisruptionBudget') {
      this.track(e.object, e.type !== 'DELETED');
      return;
    }
    if (e.kind !== 'Pod') return;
    const ns = e.object.metadata.namespace ?? '';
    const names = this.byNamespace.get(ns);
    if (!names || names.size === 0) return;
    const labels = e.object.metadata.labels ?? {};
    const oldLabels = e.old?.metadata.labels;
    let matching: string[] | undefined;
    for (const name of names) {
      const pdb = this.ctx.store.get<PodDisruptionBudget>('PodDisruptionBudget', ns, name);
      const sel = pdb && controllerSelector(pdb);
      if (!sel) continue;
      if (sel.matches(labels)) (matching ??= []).push(name);
      else if (!oldLabels || !sel.matches(oldLabels)) continue;
      this.enqueue(`${ns}/${name}`);
    }
    if (matching && matching.length > 1) this.multipleBudgets(e.object, matching);
  }

  /**
   * getPdbForPod, on every add, update and delete of a pod that more than one budget selects:
   * upstream names the lister's first (Go map order, so arbitrary); the engine names the first
   * by name. (Upstream then enqueues only that one; the engine syncs every matching budget.)
   */
  private multipleBudgets(pod: KubeObject, matching: string[]): void {
    const chosen = [...matching].sort()[0];
    const msg = `Pod "${pod.metadata.namespace ?? ''}"/"${pod.metadata.name ?? ''}" matches multiple PodDisruptionBudgets.  Chose "${chosen}" arbitrarily.`;
    this.ctx.recorder.event(pod, 'Warning', 'MultiplePodDisruptionBudgets', msg, DISRUPTION_CONTROLLER);
  }

  private enqueue(key: string): void {
    this.queue.add(key);
    this.timer ??= this.ctx.clock.after(0, 'disruption: sync budgets', () => this.process());
  }

  private process(): void {
    this.timer = null;
    while (this.queue.size > 0) {
      const [key] = this.queue;
      this.queue.delete(key);
      const i = key.indexOf('/');
      const pdb = this.ctx.store.get<PodDisruptionBudget>('PodDisruptionBudget', key.slice(0, i), key.slice(i + 1));
      if (pdb) this.sync(pdb);
    }
  }

  private sync(pdb: PodDisruptionBudget): void {
    try {
      this.trySync(pdb);
    } catch (err) {
      if (!(err instanceof SyncError)) throw err;
      this.failSafe(pdb, err.message);
    }
  }

  private trySync(pdb: PodDisruptionBudget): void {
    const { ctx } = this;
    const ns = pdb.metadata.namespace ?? '';
    const sel = controllerSelector(pdb);
    const pods = sel ? ctx.store.list<Pod>('Pod', ns).filter((p) => sel.matches(p.metadata.labels)) : [];
    if (pods.length === 0) this.event(pdb, 'Normal', 'NoPods', 'No matching pods found');
    let counts: { expected: number; desired: number; unmanaged: string[] };
    try {
      counts = this.expectedPodCount(pdb, pods);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${message}`);
      throw new SyncError(message);
    }
    if (counts.unmanaged.length > 0) {
      this.event(
        pdb,
        'Warning',
        'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${formatLabelSelector(pdb.spec.selector)}) were found to be unmanaged. ` +
          'As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. ' +
          'To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
      );
    }
    const now = ctx.clock.now;
    const { disrupted, recheck } = this.buildDisruptedPodMap(pods, pdb, now);
    let healthy = 0;
    for (const p of pods) {
      if (p.metadata.deletionTimestamp) continue;
      const at = disrupted[p.metadata.name ?? ''];
      if (at !== undefined && (fromTimestamp(at) ?? 0) + DELETION_TIMEOUT > now) continue;
      if (isPodReady(p)) healthy++;
    }
    this.updateStatus(pdb, healthy, counts.desired, counts.expected, disrupted);
    if (recheck !== undefined) this.scheduleRecheck(pdb, recheck);
  }

  /** getExpectedPodCount. */
  private expectedPodCount(pdb: PodDisruptionBudget, pods: Pod[]): { expected: number; desired: number; unmanaged: string[] } {
    const { maxUnavailable, minAvailable } = pdb.spec;
    if (maxUnavailable !== undefined && maxUnavailable !== null) {
      const { expected, unmanaged } = this.expectedScale(pdb, pods);
      return { expected, desired: Math.max(0, expected - scaledValue(maxUnavailable, expected)), unmanaged };
    }
    if (minAvailable !== undefined && minAvailable !== null) {
      if (typeof minAvailable === 'number') return { expected: pods.length, desired: minAvailable, unmanaged: [] };
      const { expected, unmanaged } = this.expectedScale(pdb, pods);
      return { expected, desired: scaledValue(minAvailable, expected), unmanaged };
    }
    return { expected: 0, desired: 0, unmanaged: [] };
  }

  /** getExpectedScale: the sum of the scales of the pods' controllers. */
  private expectedScale(pdb: PodDisruptionBudget, pods: Pod[]): { expected: number; unmanaged: string[] } {
    const ns = pdb.metadata.namespace ?? '';
    const scales = new Map<string, number>();
    const unmanaged: string[] = [];
    for (const pod of pods) {
      const ref = ownerRefOf(pod);
      if (!ref) {
        unmanaged.push(pod.metadata.name ?? '');
        continue;
      }
      if (ref.uid && scales.has(ref.uid)) continue;
      const found = this.findScale(ref.kind, ref.name, ref.uid, ns);
      if (!found) {
        // getScaleController: a kind without a scale subresource fails through discovery.
        const noScale = NO_SCALE[ref.kind];
        throw new Error(noScale ? `${noScale} does not implement the scale subresource` : `found no controllers for pod "${pod.metadata.name ?? ''}"`);
      }
      scales.set(found.uid, found.scale);
    }
    let expected = 0;
    for (const s of scales.values()) expected += s;
    return { expected, unmanaged };
  }

  /** The finders: ReplicationController, Deployment (through its ReplicaSet), ReplicaSet, StatefulSet. */
  private findScale(kind: string, name: string, uid: string | undefined, ns: string): { uid: string; scale: number } | undefined {
    const get = (k: string, n: string) => this.ctx.store.get<Workload>(k, ns, n);
    const matches = (o: Workload | undefined, u: string | undefined): o is Workload => !!o && (!u || o.metadata.uid === u);
    if (kind === 'ReplicationController' || kind === 'StatefulSet') {
      const o = get(kind, name);
      return matches(o, uid) ? { uid: o.metadata.uid ?? `${kind}/${name}`, scale: replicasOf(o) } : undefined;
    }
    if (kind !== 'ReplicaSet') return undefined;
    const rs = get('ReplicaSet', name);
    if (!matches(rs, uid)) return undefined;
    const depRef = ownerRefOf(rs);
    if (depRef && depRef.kind === 'Deployment') {
      const dep = get('Deployment', depRef.name);
      return matches(dep, depRef.uid) ? { uid: dep.metadata.uid ?? `Deployment/${depRef.name}`, scale: replicasOf(dep) } : undefined;
    }
    return { uid: rs.metadata.uid ?? `ReplicaSet/${name}`, scale: replicasOf(rs) };
  }

  /** buildDisruptedPodMap: entries still pending, and when the next one expires. */
  private buildDisruptedPodMap(pods: Pod[], pdb: PodDisruptionBudget, now: number): { disrupted: Record<string, string>; recheck?: number } {
    const given = pdb.status?.disruptedPods ?? {};
    const disrupted: Record<string, string> = {};
    let recheck: number | undefined;
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      const name = pod.metadata.name ?? '';
      const at = given[name];
      if (at === undefined) continue;
      const expires = (fromTimestamp(at) ?? 0) + DELETION_TIMEOUT;
      if (expires <= now) {
        // Upstream prints the PDB's namespace twice here.
        this.ctx.recorder.event(pod, 'Warning', 'NotDeleted', `Pod was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.namespace} to be deleted but it wasn't`, DISRUPTION_CONTROLLER);
      } else {
        if (recheck === undefined || expires < recheck) recheck = expires;
        disrupted[name] = at;
      }
    }
    return { disrupted, recheck };
  }

  private updateStatus(pdb: PodDisruptionBudget, currentHealthy: number, desiredHealthy: number, expectedPods: number, disruptedPods: Record<string, string>): void {
    let allowed = currentHealthy - desiredHealthy;
    if (expectedPods <= 0 || allowed <= 0) allowed = 0;
    const generation = pdb.metadata.generation;
    const conditions = disruptionAllowedCondition(pdb.status?.conditions as PdbCondition[] | undefined, allowed, generation, this.ctx.timestamp(this.ctx.clock.now));
    const status: Record<string, unknown> = {
      ...(generation !== undefined ? { observedGeneration: generation } : {}),
      ...(Object.keys(disruptedPods).length > 0 ? { disruptedPods } : {}),
      disruptionsAllowed: allowed,
      currentHealthy,
      desiredHealthy,
      expectedPods,
      conditions,
    };
    this.writeStatus(pdb, status);
  }

  /** failSafe: disruptionsAllowed 0 and DisruptionAllowed=False (SyncFailed). */
  private failSafe(pdb: PodDisruptionBudget, message: string): void {
    const status = { ...(pdb.status ?? {}), disruptionsAllowed: 0 } as Record<string, unknown>;
    status.conditions = disruptionAllowedCondition(
      pdb.status?.conditions as PdbCondition[] | undefined,
      0,
      pdb.status?.observedGeneration as number | undefined,
      this.ctx.timestamp(this.ctx.clock.now),
      message,
    );
    this.writeStatus(pdb, status);
  }

  private writeStatus(pdb: PodDisruptionBudget, status: Record<string, unknown>): void {
    if (JSON.stringify(canonical(status)) === JSON.stringify(canonical(pdb.status ?? {}))) return;
    this.ctx.store.update<PodDisruptionBudget>({ ...pdb, status });
  }

  private scheduleRecheck(pdb: PodDisruptionBudget, at: number): void {
    const key = `${pdb.metadata.namespace ?? ''}/${pdb.metadata.name ?? ''}`;
    const existing = this.rechecks.get(key);
    if (existing && existing.at <= at) return;
    if (existing) this.ctx.clock.cancel(existing.timer);
    const timer = this.ctx.clock.at(at, `disruption: recheck ${key}`, () => {
      this.rechecks.delete(key);
      this.enqueue(key);
    });
    this.rechecks.set(key, { at, timer });
  }

  private event(pdb: PodDisruptionBudget, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.recorder.event(pdb, type, reason, message, DISRUPTION_CONTROLLER);
  }
}

class SyncError extends Error {}

/** Key-sorted copy, so that field order does not make equal statuses differ. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = canonical(x);
    }
    return out;
  }
  return v;
}
