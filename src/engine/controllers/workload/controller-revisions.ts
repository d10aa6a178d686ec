/**
 * ControllerRevision objects (apps/v1), the history StatefulSets and DaemonSets keep of their pod
 * templates, stored as `kubectl get controllerrevisions` lists them:
 * - name `<owner>-<hash>`, the hash the pods carry (a StatefulSet's pods carry the whole name in
 *   `controller-revision-hash`, a DaemonSet's the hash alone);
 * - labels: the template's, plus `controller.kubernetes.io/hash: <hash>` for a StatefulSet
 *   (history.NewControllerRevision) or `controller-revision-hash: <hash>` for a DaemonSet
 *   (daemon update.go snapshot); annotations: the owner's;
 * - the owner as controller (blockOwnerDeletion), `revision` (1, then one more than the highest
 *   for each new template; a template that comes back renumbers its old revision, as a rollback
 *   does), and `data`: the patch `{"spec":{"template":{…,"$patch":"replace"}}}` (getPatch).
 * History is trimmed to spec.revisionHistoryLimit (default 10) revisions that are not live, the oldest
 * first (statefulset truncateHistory, daemon cleanupHistory).
 * Simplification: the hash is the engine's own template hash (computeHash), not a hash of the
 * revision's data.
 */
import type { KubeObject, PodTemplateSpec } from '../../model/types';
import type { SimContext } from '../../sim/contracts';
import { deepClone } from '../../store/clone';
import { newControllerRef } from './owners';

export const CONTROLLER_REVISION = 'ControllerRevision';
/** history.ControllerRevisionHashLabel. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';

export interface ControllerRevision extends KubeObject {
  data: { spec: { template: Record<string, unknown> } };
  revision: number;
}

export interface RevisionOwner {
  owner: KubeObject & { spec: { template?: PodTemplateSpec; revisionHistoryLimit?: number } };
  kind: 'StatefulSet' | 'DaemonSet';
  /** The revision's name: `<owner>-<hash>`. */
  name: string;
  /** The label (key, value) that carries the hash. */
  hashLabel: [string, string];
}

const controlledBy = (r: KubeObject, uid: string | undefined) => (r.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === uid);

/** The owner's revisions, oldest (lowest revision) first. */
export function revisionsOf(ctx: SimContext, owner: KubeObject): ControllerRevision[] {
  return ctx.store
    .list<ControllerRevision>(CONTROLLER_REVISION, owner.metadata.namespace)
    .filter((r) => controlledBy(r, owner.metadata.uid))
    .sort((a, b) => a.revision - b.revision || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
}

/** getPatch: the template only, replacing the whole template when applied. */
function patchOf(template: PodTemplateSpec | undefined): ControllerRevision['data'] {
  return { spec: { template: { ...deepClone((template ?? {}) as Record<string, unknown>), $patch: 'replace' } } };
}

/**
 * Makes sure the owner's current template has its revision: created with the next revision number, or an
 * existing one raised to it when it is not the newest (a rollback).
 */
export function ensureRevision(ctx: SimContext, o: RevisionOwner): void {
  const { owner } = o;
  if (!owner.metadata.uid) return;
  const all = revisionsOf(ctx, owner);
  const mine = all.find((r) => r.metadata.name === o.name);
  const others = all.filter((r) => r !== mine);
  const next = others.reduce((m, r) => Math.max(m, r.revision), 0) + 1;
  if (mine) {
    if (mine.revision < next) ctx.store.update<ControllerRevision>({ ...mine, revision: next });
    return;
  }
  const labels = { ...(owner.spec.template?.metadata?.labels ?? {}), [o.hashLabel[0]]: o.hashLabel[1] };
  const annotations = owner.metadata.annotations;
  const cr: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: CONTROLLER_REVISION,
    metadata: {
      name: o.name,
      namespace: owner.metadata.namespace,
      labels,
      ...(annotations && Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
      ownerReferences: [newControllerRef(owner, 'apps/v1', o.kind)],
    },
    data: patchOf(owner.spec.template),
    revision: next,
  };
  const clash = ctx.store.get<ControllerRevision>(CONTROLLER_REVISION, owner.metadata.namespace, o.name);
  // A same-named revision of another owner (a hash collision upstream resolves with collisionCount) is left alone.
  if (clash) return;
  ctx.store.create(cr);
}

/**
 * Deletes the oldest revisions beyond revisionHistoryLimit. `live` names the revisions in use; with
 * `countLive` (DaemonSet cleanupHistory) the limit counts every old revision and live ones are skipped,
 * without it (StatefulSet truncateHistory) only revisions that are not live count.
 */
export function trimHistory(ctx: SimContext, owner: RevisionOwner['owner'], current: string, live: ReadonlySet<string>, countLive: boolean): void {
  const limit = owner.spec.revisionHistoryLimit ?? 10;
  const old = revisionsOf(ctx, owner).filter((r) => r.metadata.name !== current && (countLive || !live.has(r.metadata.name ?? '')));
  let toKill = old.length - limit;
  for (const r of old) {
    if (toKill <= 0) break;
    if (live.has(r.metadata.name ?? '')) continue;
    ctx.store.remove(CONTROLLER_REVISION, r.metadata.namespace, r.metadata.name ?? '');
    toKill--;
  }
}
