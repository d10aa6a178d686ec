/**
 * `kubectl rollout restart|pause|resume|undo`: client-side kubectl commands that patch a workload,
 * after which the controllers do the rest (a new ReplicaSet or revision, a rolling update).
 * Behaviour and words follow kubectl's `pkg/cmd/rollout` and `pkg/polymorphichelpers`
 * (objectrestarter.go, objectpauser.go, objectresumer.go, rollback.go):
 * - restart sets the pod template's `kubectl.kubernetes.io/restartedAt` annotation to the time in
 *   RFC 3339 (whole seconds); Deployments, DaemonSets and StatefulSets; a paused Deployment is refused.
 * - pause and resume set or clear a Deployment's `spec.paused`.
 * - undo restores an older pod template: for a Deployment, its ReplicaSet's (found by the
 *   `deployment.kubernetes.io/revision` annotation, the pod-template-hash label removed, the
 *   ReplicaSet's annotations copied onto the Deployment but for the controller's own); for a DaemonSet
 *   or StatefulSet, its ControllerRevision's. `toRevision` 0 (the default) is the one before the newest.
 * Simplified: one object per command (no selectors, files or `--dry-run`); `rollout history` and
 * `status` are not commands (the inspector shows the ReplicaSets with their revisions and the rollout
 * status).
 */
import type { Command, CommandResult } from '../commands';
import { toTimestamp } from '../clock/time';
import type { PodTemplateSpec, Workload } from '../model/types';
import { ANNOTATIONS_TO_SKIP, equalIgnoreHash, POD_TEMPLATE_HASH_LABEL, revisionOf } from '../controllers/deployment/util';
import { revisionsOf } from '../controllers/workload/controller-revisions';
import { canonicalJson } from '../controllers/workload/template';
import { deepClone } from '../store/clone';
import { kubectlRef, resourceOf } from '../store/resources';
import type { SimContext } from './contracts';

export type RolloutCommand = Extract<Command, { action: 'rollout' }>;
export type RolloutSubcommand = RolloutCommand['subcommand'];

/** The template annotation `kubectl rollout restart` sets. */
export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

/** The Kubernetes groups of the kinds a rollout names, as a GroupKind prints (`ReplicaSet.apps`). */
const GROUP_OF: Record<string, string> = { Deployment: 'apps', ReplicaSet: 'apps', StatefulSet: 'apps', DaemonSet: 'apps', Job: 'batch', CronJob: 'batch' };

/** The kinds kubectl restarts and rolls back (polymorphichelpers' restarter and RollbackerFor). */
const ROLLABLE = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);

const done = (...messages: string[]): CommandResult => ({ ok: true, messages });
/** kubectl's CheckErr prefix. */
const refused = (error: string): CommandResult => ({ ok: false, error: `error: ${error}` });

/** Runs one `kubectl rollout` subcommand; the object must exist (the caller answers NotFound). */
export function rollout(ctx: SimContext, c: RolloutCommand, object: Workload): CommandResult {
  const { kind, name } = c;
  // The patch helpers' refusals, as kubectl prints them: `error: deployments.apps "web" is already paused`.
  const patchError = (why: string) => refused(`${resourceOf(kind)} "${name}" ${why}`);
  const paused = object.spec?.paused === true;
  switch (c.subcommand) {
    case 'restart': {
      if (!ROLLABLE.has(kind)) return patchError('restarting is not supported');
      if (kind === 'Deployment' && paused) return patchError("can't restart paused deployment (run rollout resume first)");
      const next = deepClone(object);
      // Every Deployment, DaemonSet and StatefulSet has a template with labels (the selector must
      // select them): validation refuses one without on load, create and apply, and no command
      // removes it, so there is no template to make up here.
      const metadata = templateMetadata(next);
      // time.Now().Format(time.RFC3339): whole seconds.
      metadata.annotations = { ...(metadata.annotations ?? {}), [RESTARTED_AT_ANNOTATION]: toTimestamp(Math.floor(ctx.clock.now / 1000) * 1000) };
      ctx.store.update(next);
      return done(`${kubectlRef(kind, name)} restarted`);
    }
    case 'pause':
    case 'resume': {
      const pause = c.subcommand === 'pause';
      if (kind !== 'Deployment') return patchError(pause ? 'pausing is not supported' : 'resuming is not supported');
      if (paused === pause) return patchError(pause ? 'is already paused' : 'is not paused');
      const next = deepClone(object);
      if (pause) next.spec.paused = true;
      else delete next.spec.paused;
      ctx.store.update(next);
      return done(`${kubectlRef(kind, name)} ${pause ? 'paused' : 'resumed'}`);
    }
    case 'undo':
      return undo(ctx, c, object);
  }
}

function undo(ctx: SimContext, c: RolloutCommand, object: Workload): CommandResult {
  const { kind, name } = c;
  const toRevision = c.toRevision ?? 0;
  if (!ROLLABLE.has(kind)) {
    return refused(`no rollbacker has been implemented for "${GROUP_OF[kind] ? `${kind}.${GROUP_OF[kind]}` : kind}"`);
  }
  const notFound = refused(`unable to find specified revision ${toRevision} in history`);
  if (toRevision < 0) return notFound;
  const skipped = done(`${kubectlRef(kind, name)} skipped rollback (current template already matches revision ${toRevision})`);
  const rolledBack = done(`${kubectlRef(kind, name)} rolled back`);

  if (kind === 'Deployment') {
    const target = deploymentRevision(ctx, object, toRevision);
    if (typeof target === 'string') return refused(target);
    if (object.spec.paused === true) {
      return refused(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again`);
    }
    if (equalIgnoreHash(target.spec.template, object.spec.template)) return skipped;
    const template = withoutHashLabel(target.spec.template as PodTemplateSpec);
    // The JSON patch kubectl sends: replace spec.template, and metadata.annotations with the
    // Deployment's own controller annotations plus the ReplicaSet's other annotations.
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(object.metadata.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
    for (const [k, v] of Object.entries(target.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
    const next = deepClone(object);
    next.spec.template = template;
    next.metadata.annotations = annotations;
    ctx.store.update(next);
    return rolledBack;
  }

  // DaemonSet and StatefulSet: the ControllerRevision history.
  const history = revisionsOf(ctx, object);
  if (toRevision === 0 && history.length <= 1) return refused('no last revision to roll back to');
  const target = toRevision === 0 ? history[history.length - 2] : history.find((r) => r.revision === toRevision);
  if (!target) return notFound;
  const { $patch: _replace, ...template } = target.data.spec.template;
  if (canonicalJson(template) === canonicalJson(object.spec.template ?? {})) return skipped;
  const next = deepClone(object);
  next.spec.template = deepClone(template) as unknown as PodTemplateSpec;
  ctx.store.update(next);
  return rolledBack;
}

/** deploymentRevision: the ReplicaSet of `toRevision`, or of the revision before the newest for 0; else kubectl's error. */
function deploymentRevision(ctx: SimContext, d: Workload, toRevision: number): Workload | string {
  const owned = (d.metadata.uid ? ctx.store.ownedBy(d.metadata.uid) : []).filter(
    (rs): rs is Workload => rs.kind === 'ReplicaSet' && (rs.metadata.ownerReferences ?? []).some((o) => o.controller === true && o.uid === d.metadata.uid),
  );
  let latest: Workload | undefined;
  let previous: Workload | undefined;
  for (const rs of owned) {
    const v = revisionOf(rs);
    if (toRevision > 0) {
      if (v === toRevision) return rs;
      continue;
    }
    if (latest === undefined || revisionOf(latest) < v) {
      previous = latest;
      latest = rs;
    } else if (previous === undefined || revisionOf(previous) < v) previous = rs;
  }
  if (toRevision > 0) return `unable to find specified revision ${toRevision} in history`;
  return previous ?? `no rollout history found for deployment "${d.metadata.name}"`;
}

/** The template's metadata of a validated workload (see restart). */
function templateMetadata(w: Workload): NonNullable<PodTemplateSpec['metadata']> {
  return (w.spec.template as PodTemplateSpec).metadata as NonNullable<PodTemplateSpec['metadata']>;
}

/** A template copy without the pod-template-hash label (kubectl removes it before patching back). */
function withoutHashLabel(t: PodTemplateSpec): PodTemplateSpec {
  const copy = deepClone(t);
  const labels = copy.metadata?.labels;
  if (labels && POD_TEMPLATE_HASH_LABEL in labels) delete labels[POD_TEMPLATE_HASH_LABEL];
  return copy;
}
