/**
 * Mirrors upstream's Deployment controller (pkg/controller/deployment): ReplicaSets `<name>-<pod-template-hash>`, RollingUpdate
 * (maxSurge/maxUnavailable) and Recreate, proportional scaling, and the Available/Progressing conditions.
 * Simplified: no rollbackTo or ReplicaSet failure conditions; the hash is of canonical JSON, not of Go's printed struct.
 */
import type { Pod } from '../../model/types';
import type { Component, Recorder, SimContext, WatchEvent } from '../../sim/contracts';
import { deepEqual } from '../../store/clone';
import { compileSelector, type ReplicaSet } from '../replicaset/replicaset-controller';
import { claim, controllerRef, OrphanIndex, ownedObjects } from '../workload/owners';
import { keyOf, splitKey } from '../workload/pods';
import { SLOT_OBJECTS, SyncQueue } from '../workload/sync-queue';
import { DeploymentRun, DEPLOYMENT_CONTROLLER } from './replica-sets';
import { checkPausedConditions, isScalingEvent, rolloutRecreate, rolloutRolling, syncScaling, syncStatusOnly } from './rollout';
import { getCondition, isRollingUpdate, NEW_RS_AVAILABLE, type Deployment } from './util';
import { QuietResyncs } from './quiet-resyncs';
import { SteadyClaims } from './steady-claims';

export { DEPLOYMENT_CONTROLLER };
export type { Deployment };

const NONE: readonly unknown[] = [];

/**
 * Tests turn off skipping the two lookups of a deleted pod's ReplicaSet and Deployment while no
 * stored Deployment is anything but a rolling update (counted from the watch events, trusted
 * only while every write has been seen): only a Recreate Deployment is woken by its pods going.
 */
export const COUNT_RECREATES = { enabled: true };

/** Whether `o` has an enumerable key (`Object.keys(o).length > 0` without the array, for plain objects). */
function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

export function createDeploymentController(): Component {
  let ctx!: SimContext;
  let queue!: SyncQueue;
  const orphans = new OrphanIndex('ReplicaSet');
  const quiet = new QuietResyncs();
  const steady = new SteadyClaims();
  /** Events this controller recorded (a quiet sync records none). */
  let eventsRecorded = 0;
  /** Stored Deployments that are not rolling updates, from the watch events (NaN once an update came without its old version). */
  let recreates = 0;
  // (One without a spec counts too, so that the lookups below still meet it.)
  const notRolling = (d: WatchEvent['object'] | undefined) => (d !== undefined && ((d as Deployment).spec === undefined || !isRollingUpdate(d as Deployment)) ? 1 : 0);

  function countRecreates(e: WatchEvent): void {
    if (e.type === 'ADDED') recreates += notRolling(e.object);
    else if (e.type === 'DELETED') recreates -= notRolling(e.object);
    else if (e.old === undefined) recreates = NaN;
    else recreates += notRolling(e.object) - notRolling(e.old);
  }

  const selectorOf = (d: Deployment) => compileSelector(d.spec.selector);

  const progressingReason = (d: Deployment) => getCondition(d.status, 'Progressing')?.reason;

  function claimReplicaSets(d: Deployment): ReplicaSet[] {
    return claim<ReplicaSet>(ctx, {
      kind: 'ReplicaSet',
      owner: d,
      ownerApiVersion: 'apps/v1',
      ownerKind: 'Deployment',
      selector: selectorOf(d),
      orphans,
    });
  }

  /** Watch events seen against the store's writes (each bumps its resourceVersion once): equal when none is held back. */
  let seen = 0;
  let rv0 = 0;
  const seenAll = () => rv0 + seen === Number(ctx.store.resourceVersion);

  /** A quiet sync noted for `key`, and every write seen since: the sync would only re-queue. */
  const quietNoted = (key: string) => quiet.has(key) && seenAll();

  function sync(key: string): void {
    if (quietNoted(key)) {
      // The quiet path below, without fetching the Deployment it would find unchanged.
      // (The same test lets the queue run such syncs without a clock step: SyncQueue's `quiet`.)
      queue.forget(key);
      queue.enqueueRateLimited(key);
      return;
    }
    const [ns, name] = splitKey(key);
    // Its slot remembers it from the watch events; that is the stored version while every write has been seen.
    const remembered = SLOT_OBJECTS.enabled && seenAll() ? (queue.currentLatest() as Deployment | undefined) : undefined;
    const d = remembered ?? ctx.store.get<Deployment>('Deployment', ns, name);
    if (!d) return;
    // A rate-limited resync that is known to change nothing only re-queues itself (quiet-resyncs.ts).
    // (Only a sync past the selector check below is ever noted quiet, so this comes first.)
    if (quiet.isQuiet(key, d)) {
      queue.forget(key);
      queue.enqueueRateLimited(key);
      return;
    }
    const sel = d.spec.selector;
    if (!sel || (!hasKeys(sel.matchLabels ?? {}) && (sel.matchExpressions ?? NONE).length === 0)) {
      ctx.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.', DEPLOYMENT_CONTROLLER);
      const run = new DeploymentRun(ctx, d, []);
      if ((run.status.observedGeneration ?? 0) < (d.metadata.generation ?? 1)) run.status.observedGeneration = d.metadata.generation ?? 1;
      flush(run);
      return;
    }
    quiet.forget(key);
    const rv = ctx.store.resourceVersion;
    const recorded = eventsRecorded;
    // The claim of the last steady sync, when nothing it read has changed (steady-claims.ts).
    const kept = seenAll() ? steady.replicaSetFor(key, d, ctx.store) : undefined;
    const claimed = kept !== undefined ? [kept] : claimReplicaSets(d);
    const run = new DeploymentRun(ctx, d, claimed);
    let rolling = false;
    if (d.metadata.deletionTimestamp) syncStatusOnly(run);
    else {
      checkPausedConditions(run);
      if (d.spec.paused || (kept === undefined && isScalingEvent(run))) syncScaling(run);
      else if (isRollingUpdate(d)) {
        rolling = true;
        rolloutRolling(run);
      } else rolloutRecreate(run, (rs) => ownedObjects<Pod>(ctx, 'Pod', rs, 'ReplicaSet'));
    }
    const written = flush(run);
    // Steady: one ReplicaSet claimed, no scaling event, no write but the Deployment's own status, no event.
    if (rolling && claimed.length === 1 && !run.retry && eventsRecorded === recorded && Number(ctx.store.resourceVersion) - Number(rv) === (written !== undefined ? 1 : 0)) {
      steady.note(key, d, claimed[0]);
    } else steady.forget(key);
    // A sync that went through resets the per-item backoff, as upstream's handleErr(nil) → Forget.
    if (!run.retry) queue.forget(key);
    if (run.retry) queue.enqueue(key);
    else if (run.requeueRateLimited) queue.enqueueRateLimited(key);
    else if (run.requeueAfter !== undefined) queue.enqueue(key, run.requeueAfter);
    if (run.retry || !run.requeueRateLimited || !isRollingUpdate(d) || eventsRecorded !== recorded) return;
    if (ctx.store.resourceVersion === rv) {
      if (progressingReason(d) === NEW_RS_AVAILABLE) quiet.note(key, d);
    } else if (written !== undefined && quiet.afterOwnWrite(Number(rv), Number(ctx.store.resourceVersion)) && progressingReason(written) === NEW_RS_AVAILABLE) {
      // Its only write was this status: a sync over what it wrote would write it again, i.e. nothing (quiet-resyncs.ts).
      if (ctx.store.get<Deployment>('Deployment', d.metadata.namespace, d.metadata.name ?? '') === written && seenAll()) quiet.note(key, written);
    }
  }

  /** Writes the Deployment's revision annotation and status when they changed; returns what it stored. */
  function flush(run: DeploymentRun): Deployment | undefined {
    // Its slot remembers the stored version while every write has been seen (as at the sync's start).
    const remembered = SLOT_OBJECTS.enabled && seenAll() ? (queue.currentLatest() as Deployment | undefined) : undefined;
    const d = remembered ?? ctx.store.get<Deployment>('Deployment', run.d.metadata.namespace, run.d.metadata.name ?? '');
    if (!d) return undefined;
    const annotations = hasKeys(run.annotations) ? run.annotations : undefined;
    if (deepEqual(d.status, run.status) && deepEqual(d.metadata.annotations, annotations)) return undefined;
    return ctx.store.update<Deployment>({ ...d, metadata: { ...d.metadata, annotations }, status: run.status });
  }

  function enqueueOwnerOf(obj: { metadata: { namespace?: string } } & Parameters<typeof controllerRef>[0]): void {
    const ref = controllerRef(obj);
    if (ref?.kind !== 'Deployment') return;
    const key = `${obj.metadata.namespace ?? 'default'}/${ref.name}`;
    // A sync's own ReplicaSet writes need no second look.
    if (!queue.isSyncing(key)) queue.enqueue(key);
  }

  function onReplicaSet(e: WatchEvent): void {
    orphans.observe(e);
    steady.observe(e);
    const rs = e.object as ReplicaSet;
    enqueueOwnerOf(rs);
    if (e.type === 'MODIFIED' && e.old) {
      const oldRef = controllerRef(e.old);
      if (oldRef?.kind === 'Deployment' && oldRef.name !== controllerRef(rs)?.name) enqueueOwnerOf(e.old);
    }
    if (!controllerRef(rs) && e.type !== 'DELETED' && !rs.metadata.deletionTimestamp) {
      for (const d of ctx.store.list<Deployment>('Deployment', rs.metadata.namespace ?? 'default')) {
        if (selectorOf(d).matches(rs.metadata.labels)) queue.enqueue(keyOf(d));
      }
    }
  }

  /** Recreate waits for old pods to be gone: their removal wakes the Deployment. */
  function onPodDeleted(pod: Pod): void {
    const ref = controllerRef(pod);
    if (ref?.kind !== 'ReplicaSet') return;
    // No Recreate Deployment is stored: none would be queued below.
    if (recreates === 0 && COUNT_RECREATES.enabled && seenAll()) return;
    const rs = ctx.store.get<ReplicaSet>('ReplicaSet', pod.metadata.namespace, ref.name);
    const dref = rs && controllerRef(rs);
    if (dref?.kind !== 'Deployment') return;
    const d = ctx.store.get<Deployment>('Deployment', pod.metadata.namespace, dref.name);
    if (d && !isRollingUpdate(d)) queue.enqueue(keyOf(d));
  }

  /** What can make a quiet resync act again: the Deployment or a ReplicaSet it owns or could adopt. */
  function unquiet(e: WatchEvent): void {
    if (e.kind === 'Deployment') quiet.forget(keyOf(e.object));
    else if (e.kind === 'ReplicaSet') {
      unquietOwner(e.object);
      if (e.old) unquietOwner(e.old);
    }
  }

  function unquietOwner(rs: WatchEvent['object']): void {
    const ref = controllerRef(rs);
    if (ref?.kind === 'Deployment') quiet.forget(`${rs.metadata.namespace ?? 'default'}/${ref.name}`);
    else quiet.forgetAll();
  }

  function onEvent(e: WatchEvent): void {
    seen++;
    unquiet(e);
    switch (e.kind) {
      case 'Deployment': {
        countRecreates(e);
        const key = keyOf(e.object);
        if (queue.follow(key, e) === 'deleted') steady.forget(key);
        return;
      }
      case 'ReplicaSet':
        onReplicaSet(e);
        return;
      case 'Pod':
        if (e.type === 'DELETED') onPodDeleted(e.object as Pod);
        return;
    }
  }

  return {
    name: DEPLOYMENT_CONTROLLER,
    start(c: SimContext): void {
      // The same context, with a recorder that counts this controller's events.
      const recorder: Recorder = {
        event(...args: Parameters<Recorder['event']>) {
          eventsRecorded++;
          c.recorder.event(...args);
        },
        all: () => c.recorder.all(),
      };
      ctx = Object.create(c, { recorder: { value: recorder } }) as SimContext;
      queue = new SyncQueue(ctx.clock, DEPLOYMENT_CONTROLLER, sync, quietNoted);
      for (const rs of ctx.store.list<ReplicaSet>('ReplicaSet')) orphans.observe({ type: 'ADDED', kind: 'ReplicaSet', object: rs });
      for (const d of ctx.store.list<Deployment>('Deployment')) {
        queue.enqueueLatest(keyOf(d), d);
        recreates += notRolling(d);
      }
      rv0 = Number(ctx.store.resourceVersion);
      ctx.store.watch(onEvent);
    },
  };
}
