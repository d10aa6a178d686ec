/**
 * One Deployment sync's view of its ReplicaSets and the writes it makes to
 * them, after upstream's sync.go: finding or creating the new ReplicaSet
 * (named `<deployment>-<pod-template-hash>`), scaling with ScalingReplicaSet
 * events, revisions, and history cleanup.
 */
import type { SimContext } from '../../sim/contracts';
import type { LabelSelector } from '../../model/types';
import { StoreError } from '../../store/object-store';
import { deepClone } from '../../store/clone';
import { controllerRef, newControllerRef, refersTo } from '../workload/owners';
import { generationOf } from '../workload/pods';
import { computeHash } from '../workload/template';
import type { ReplicaSet } from '../replicaset/replicaset-controller';
import {
  ANNOTATIONS_TO_SKIP,
  byRevision,
  DESIRED_REPLICAS_ANNOTATION,
  equalIgnoreHash,
  findNewReplicaSet,
  FOUND_NEW_REPLICASET,
  getCondition,
  hasProgressDeadline,
  MAX_REPLICAS_ANNOTATION,
  maxSurge,
  newCondition,
  NEW_REPLICASET_CREATED,
  POD_TEMPLATE_HASH_LABEL,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  revisionHistoryLimit,
  revisionOf,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  rsReplicas,
  setCondition,
  sumSpecReplicas,
  type Deployment,
  type DeploymentStatus,
} from './util';

export const DEPLOYMENT_CONTROLLER = 'deployment-controller';

/** Tests turn off the shallow status copy (and the shared conditions) to compare against deep copies. */
export const SHALLOW_STATUS = { enabled: true };

const idOf = (r: ReplicaSet): string => r.metadata.uid ?? r.metadata.name ?? '';

/** The state of one sync: the Deployment as read, its working status and annotations, its ReplicaSets as last written. */
export class DeploymentRun {
  /**
   * The working status: a shallow copy of the Deployment's. Nothing below writes into a
   * condition or the conditions list in place (setCondition and removeCondition replace
   * the list), so both stay shared with the stored object until the sync replaces them.
   */
  status: DeploymentStatus;
  annotations: Record<string, string>;
  /** The latest version of each claimed ReplicaSet, in claim order, with its id (uid) beside it (a Map's order, for 1–3 entries). */
  private readonly ids: string[] = [];
  private readonly objs: ReplicaSet[] = [];
  /** Counts changes to the ReplicaSets' latest versions (remember/forget after construction): equal counts, equal `cur` answers. */
  changes = 0;
  /** Set when the sync must stop and retry (a hash collision). */
  retry = false;
  /** Set to resync this long from now (the progress deadline). */
  requeueAfter: number | undefined;
  /** Re-queue through the shared rate limiter (upstream's enqueueRateLimited). */
  requeueRateLimited?: boolean;

  constructor(
    readonly ctx: SimContext,
    readonly d: Deployment,
    rsList: ReplicaSet[],
  ) {
    this.status = SHALLOW_STATUS.enabled ? { ...(d.status ?? {}) } : deepClone(d.status ?? {});
    this.annotations = { ...(d.metadata.annotations ?? {}) };
    for (let i = 0; i < rsList.length; i++) this.remember(rsList[i]);
    this.changes = 0;
  }

  get now(): number {
    return this.ctx.clock.now;
  }

  list(): ReplicaSet[] {
    return this.objs.slice();
  }

  private indexOf(id: string): number {
    const ids = this.ids;
    for (let i = 0; i < ids.length; i++) if (ids[i] === id) return i;
    return -1;
  }

  /** The latest version of a ReplicaSet this sync has seen or written. */
  cur(r: ReplicaSet): ReplicaSet;
  cur(r: ReplicaSet | undefined): ReplicaSet | undefined;
  cur(r: ReplicaSet | undefined): ReplicaSet | undefined {
    if (!r) return undefined;
    const i = this.indexOf(idOf(r));
    return i < 0 ? r : this.objs[i];
  }

  curAll(rss: (ReplicaSet | undefined)[]): (ReplicaSet | undefined)[] {
    const out = new Array<ReplicaSet | undefined>(rss.length);
    for (let i = 0; i < rss.length; i++) out[i] = this.cur(rss[i]);
    return out;
  }

  /** `curAll([...oldRSs, newRS])`. */
  curWith(oldRSs: ReplicaSet[], newRS: ReplicaSet | undefined): (ReplicaSet | undefined)[] {
    const out = new Array<ReplicaSet | undefined>(oldRSs.length + 1);
    for (let i = 0; i < oldRSs.length; i++) out[i] = this.cur(oldRSs[i]);
    out[oldRSs.length] = this.cur(newRS);
    return out;
  }

  /** Map.set: a known id keeps its place. */
  private remember(r: ReplicaSet): ReplicaSet {
    this.changes++;
    const id = idOf(r);
    const i = this.indexOf(id);
    if (i >= 0) this.objs[i] = r;
    else {
      this.ids.push(id);
      this.objs.push(r);
    }
    return r;
  }

  private forget(r: ReplicaSet): void {
    const i = this.indexOf(idOf(r));
    if (i < 0) return;
    this.changes++;
    this.ids.splice(i, 1);
    this.objs.splice(i, 1);
  }

  event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.recorder.event(this.d, type, reason, message, DEPLOYMENT_CONTROLLER);
  }

  /** scaleReplicaSet: sets spec.replicas and the desired/max annotations; ScalingReplicaSet when the size changes. */
  scaleReplicaSet(rs0: ReplicaSet, newScale: number, operation: string): { scaled: boolean; rs: ReplicaSet } {
    const rs = this.cur(rs0);
    const d = this.d;
    const oldScale = rsReplicas(rs);
    const sizeNeedsUpdate = oldScale !== newScale;
    const desired = replicasOf(d);
    const max = desired + maxSurge(d);
    if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
    const updated = this.ctx.store.update<ReplicaSet>({
      ...rs,
      metadata: {
        ...rs.metadata,
        annotations: { ...(rs.metadata.annotations ?? {}), [DESIRED_REPLICAS_ANNOTATION]: String(desired), [MAX_REPLICAS_ANNOTATION]: String(max) },
      },
      spec: { ...rs.spec, replicas: newScale },
    });
    this.remember(updated);
    if (sizeNeedsUpdate) this.event('Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
    return { scaled: sizeNeedsUpdate, rs: updated };
  }

  /** scaleReplicaSetAndRecordEvent: scales only when the size differs. */
  scaleAndRecord(rs0: ReplicaSet, newScale: number): { scaled: boolean; rs: ReplicaSet } {
    const rs = this.cur(rs0);
    if (rsReplicas(rs) === newScale) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, newScale, rsReplicas(rs) < newScale ? 'up' : 'down');
  }

  /**
   * getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when
   * `create` and missing) and every old one.
   */
  allReplicaSets(create: boolean): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] } {
    const list = this.list();
    const existing = findNewReplicaSet(this.d, list);
    const oldRSs = list.filter((r) => r !== existing);
    const newRS = this.newReplicaSet(existing, oldRSs, create);
    return { newRS, oldRSs };
  }

  private newReplicaSet(existing: ReplicaSet | undefined, oldRSs: ReplicaSet[], create: boolean): ReplicaSet | undefined {
    const d = this.d;
    const maxOld = oldRSs.reduce((m, r) => Math.max(m, revisionOf(r)), 0);
    const newRevision = String(maxOld + 1);
    if (existing) {
      const minReady = d.spec.minReadySeconds ?? 0;
      // The copy below only when something would change (the usual sync finds the annotations set).
      const current = existing.metadata.annotations ?? {};
      const annotations = this.annotationsCurrent(current, newRevision) ? current : { ...current };
      const annotationsChanged = annotations !== current && this.setNewReplicaSetAnnotations(annotations, newRevision, true);
      if (annotationsChanged || (existing.spec.minReadySeconds ?? 0) !== minReady) {
        // Upstream returns right after this update; the Deployment's revision follows on the next sync.
        return this.remember(
          this.ctx.store.update<ReplicaSet>({ ...existing, metadata: { ...existing.metadata, annotations }, spec: { ...existing.spec, minReadySeconds: minReady } }),
        );
      }
      this.annotations[REVISION_ANNOTATION] = newRevision;
      if (hasProgressDeadline(d) && !getCondition(this.status, 'Progressing')) {
        setCondition(this.status, newCondition('Progressing', 'True', FOUND_NEW_REPLICASET, `Found new replica set "${existing.metadata.name}"`, this.ctx.timestamp()));
      }
      return existing;
    }
    if (!create) return undefined;

    const hash = computeHash(d.spec.template, this.status.collisionCount);
    const template = deepClone(d.spec.template ?? { spec: { containers: [] } });
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } };
    const selector: LabelSelector = { ...deepClone(d.spec.selector ?? {}), matchLabels: { ...(d.spec.selector?.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } };
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace ?? 'default',
        ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')],
        labels: { ...template.metadata.labels },
        annotations: {},
      },
      spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
    };
    const count = newRSNewReplicas(d, [...oldRSs, rs], rs);
    rs.spec.replicas = count;
    this.setNewReplicaSetAnnotations(rs.metadata.annotations!, newRevision, false);

    let created: ReplicaSet;
    let alreadyExists = false;
    try {
      created = this.ctx.store.create(rs);
    } catch (e) {
      if (!(e instanceof StoreError) || e.code !== 'AlreadyExists') throw e;
      const found = this.ctx.store.get<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name ?? '');
      if (found && refersTo(controllerRef(found), d, 'Deployment') && equalIgnoreHash(d.spec.template, found.spec.template)) {
        created = found;
        alreadyExists = true;
      } else {
        // A hash collision: bump collisionCount so the next sync computes another name.
        this.status.collisionCount = (this.status.collisionCount ?? 0) + 1;
        this.retry = true;
        return undefined;
      }
    }
    this.remember(created);
    if (!alreadyExists && count > 0) this.event('Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${count}`);
    this.annotations[REVISION_ANNOTATION] = newRevision;
    if (!alreadyExists && hasProgressDeadline(d)) {
      setCondition(this.status, newCondition('Progressing', 'True', NEW_REPLICASET_CREATED, `Created new replica set "${created.metadata.name}"`, this.ctx.timestamp()));
    }
    return created;
  }

  /** Whether setNewReplicaSetAnnotations(a, newRevision, true) would change nothing. */
  private annotationsCurrent(a: Record<string, string>, newRevision: string): boolean {
    const own = this.d.metadata.annotations;
    for (const k in own) {
      if (!ANNOTATIONS_TO_SKIP.has(k) && a[k] !== own[k]) return false;
    }
    const oldRevision = a[REVISION_ANNOTATION];
    const oldInt = oldRevision === undefined ? 0 : Number.parseInt(oldRevision, 10) || 0;
    return !(oldInt < Number(newRevision));
  }

  /** SetNewReplicaSetAnnotations: the Deployment's annotations, the revision (with history), and on create the replica annotations. */
  private setNewReplicaSetAnnotations(a: Record<string, string>, newRevision: string, exists: boolean): boolean {
    let changed = false;
    for (const [k, v] of Object.entries(this.d.metadata.annotations ?? {})) {
      if (ANNOTATIONS_TO_SKIP.has(k) || a[k] === v) continue;
      a[k] = v;
      changed = true;
    }
    const oldRevision = a[REVISION_ANNOTATION];
    const oldInt = oldRevision === undefined ? 0 : Number.parseInt(oldRevision, 10) || 0;
    if (oldInt < Number(newRevision)) {
      a[REVISION_ANNOTATION] = newRevision;
      changed = true;
      if (oldRevision !== undefined) {
        const history = a[REVISION_HISTORY_ANNOTATION];
        a[REVISION_HISTORY_ANNOTATION] = history ? `${history},${oldRevision}` : oldRevision;
      }
    }
    if (!exists) {
      const desired = replicasOf(this.d);
      a[DESIRED_REPLICAS_ANNOTATION] = String(desired);
      a[MAX_REPLICAS_ANNOTATION] = String(desired + maxSurge(this.d));
      changed = true;
    }
    return changed;
  }

  /** Whether more old ReplicaSets than revisionHistoryLimit remain (cleanup may have one to delete). */
  cleanupDue(oldRSs: ReplicaSet[]): boolean {
    const limit = revisionHistoryLimit(this.d);
    return limit !== 2147483647 && oldRSs.length > limit;
  }

  /** cleanupDeployment: deletes the oldest fully scaled-down ReplicaSets beyond revisionHistoryLimit. */
  cleanup(oldRSs: ReplicaSet[]): void {
    const limit = revisionHistoryLimit(this.d);
    if (limit === 2147483647) return;
    const cleanable = this.curAll(oldRSs).filter((r): r is ReplicaSet => !!r && !r.metadata.deletionTimestamp);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    cleanable.sort(byRevision);
    for (let i = 0; i < diff; i++) {
      const r = cleanable[i];
      const observed = (r.status?.observedGeneration as number | undefined) ?? 0;
      if ((r.status?.replicas ?? 0) !== 0 || rsReplicas(r) !== 0 || generationOf(r) > observed) continue;
      this.ctx.store.remove('ReplicaSet', r.metadata.namespace, r.metadata.name ?? '');
      this.forget(r);
    }
  }
}

/**
 * One run kept for the process's life, never read. V8 holds the hidden classes ("maps") a new
 * run moves through as its constructor defines its fields only weakly, and no run outlives its
 * sync: when none was alive across a full collection (the cluster between recoveries), the
 * collector dropped them and threw away the optimized code that embeds them (`cur`, `indexOf`:
 * "weak objects"), compiled again in the next recovery. A live instance keeps them. Its `ctx`
 * and `d` are placeholders: V8 generalizes those fields' types in place, the map stays one.
 */
export const KEEP_RUN_MAPS = new DeploymentRun({} as SimContext, { metadata: {}, spec: {} } as Deployment, []);

/** NewRSNewReplicas: how far the new ReplicaSet may grow now (surge-bounded for RollingUpdate). */
export function newRSNewReplicas(d: Deployment, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet): number {
  if ((d.spec.strategy?.type ?? 'RollingUpdate') === 'Recreate') return replicasOf(d);
  const current = sumSpecReplicas(allRSs);
  const maxTotal = replicasOf(d) + maxSurge(d);
  if (current >= maxTotal) return rsReplicas(newRS);
  const up = Math.min(maxTotal - current, replicasOf(d) - rsReplicas(newRS));
  return rsReplicas(newRS) + up;
}
