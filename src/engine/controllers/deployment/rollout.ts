/**
 * The Deployment strategies and status, after upstream's rolling.go,
 * recreate.go, sync.go (scale, calculateStatus) and progress.go.
 */
import { parsedTimestamp } from '../workload/timestamps';
import type { Pod } from '../../model/types';
import type { ReplicaSet } from '../replicaset/replicaset-controller';
import type { DeploymentRun } from './replica-sets';
import { newRSNewReplicas, SHALLOW_STATUS } from './replica-sets';
import {
  activeReplicaSets,
  byCreation,
  bySizeNewer,
  bySizeOlder,
  deploymentComplete,
  deploymentProgressing,
  desiredReplicasAnnotation,
  findActiveOrLatest,
  getCondition,
  getProportion,
  hasProgressDeadline,
  isRollingUpdate,
  isSaturated,
  maxSurge,
  maxUnavailable,
  MINIMUM_REPLICAS_AVAILABLE,
  MINIMUM_REPLICAS_UNAVAILABLE,
  newCondition,
  NEW_RS_AVAILABLE,
  PAUSED,
  progressDeadlineSeconds,
  removeCondition,
  REPLICASET_UPDATED,
  replicasOf,
  RESUMED,
  rsReplicas,
  setCondition,
  setNewCondition,
  sumActualReplicas,
  sumAvailableReplicas,
  sumReadyReplicas,
  sumSpecReplicas,
  sumTerminatingReplicas,
  TIMED_OUT,
  type DeploymentCondition,
  type DeploymentStatus,
} from './util';

// ---- rolling update (rolling.go) ----

/** Tests turn off reusing `curWith` while no ReplicaSet was written, to compare against building it each time. */
export const REUSE_CUR_WITH = { enabled: true };

export function rolloutRolling(run: DeploymentRun): void {
  const { newRS, oldRSs } = run.allReplicaSets(true);
  if (run.retry || !newRS) return;
  // run.curWith(oldRSs, newRS) is built again only once a ReplicaSet was written or dropped (the
  // consumers only read it); a steady sync writes none and builds it once instead of three times.
  let all = run.curWith(oldRSs, newRS);
  let at = run.changes;
  if (reconcileNewReplicaSet(run, all, newRS)) return syncRolloutStatus(run, run.curWith(oldRSs, newRS), run.cur(newRS));
  if (run.changes !== at || !REUSE_CUR_WITH.enabled) {
    all = run.curWith(oldRSs, newRS);
    at = run.changes;
  }
  if (reconcileOldReplicaSets(run, all, oldRSs.length === 0 ? [] : activeReplicaSets(run.curAll(oldRSs)), run.cur(newRS))) {
    return syncRolloutStatus(run, run.curWith(oldRSs, newRS), run.cur(newRS));
  }
  const wasComplete = deploymentComplete(run.d, run.status);
  if (wasComplete) run.cleanup(oldRSs);
  if (run.changes !== at || !REUSE_CUR_WITH.enabled) all = run.curWith(oldRSs, newRS);
  syncRolloutStatus(run, all, run.cur(newRS));
  // The status write that makes it complete re-queues the Deployment upstream (its own update
  // event), and that sync runs cleanupDeployment: do it when there is history to delete.
  if (!wasComplete && run.requeueAfter === undefined && deploymentComplete(run.d, run.status) && run.cleanupDue(oldRSs)) run.requeueAfter = 0;
}

function reconcileNewReplicaSet(run: DeploymentRun, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet): boolean {
  const want = replicasOf(run.d);
  const have = rsReplicas(run.cur(newRS));
  if (have === want) return false;
  if (have > want) return run.scaleAndRecord(newRS, want).scaled;
  return run.scaleAndRecord(newRS, newRSNewReplicas(run.d, allRSs, run.cur(newRS))).scaled;
}

function reconcileOldReplicaSets(run: DeploymentRun, allRSs: (ReplicaSet | undefined)[], oldRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
  if (sumSpecReplicas(oldRSs) === 0) return false;
  const d = run.d;
  const allPods = sumSpecReplicas(allRSs);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = rsReplicas(newRS) - ((newRS.status?.availableReplicas as number | undefined) ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  // Clean up unhealthy replicas first, otherwise they block the rollout (kubernetes#16737).
  const cleaned = cleanupUnhealthyReplicas(run, oldRSs, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(run, [...run.curAll(oldRSs), run.cur(newRS)], run.curAll(oldRSs) as ReplicaSet[]);
  return cleaned + scaledDown > 0;
}

function cleanupUnhealthyReplicas(run: DeploymentRun, oldRSs: ReplicaSet[], maxCleanup: number): number {
  let total = 0;
  for (const rs0 of [...oldRSs].sort(byCreation)) {
    if (total >= maxCleanup) break;
    const rs = run.cur(rs0);
    const replicas = rsReplicas(rs);
    const available = (rs.status?.availableReplicas as number | undefined) ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const down = Math.min(maxCleanup - total, replicas - available);
    run.scaleAndRecord(rs, replicas - down);
    total += down;
  }
  return total;
}

function scaleDownOldReplicaSetsForRollingUpdate(run: DeploymentRun, allRSs: (ReplicaSet | undefined)[], oldRSs: ReplicaSet[]): number {
  const d = run.d;
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const available = sumAvailableReplicas(allRSs);
  if (available <= minAvailable) return 0;
  const toScaleDown = available - minAvailable;
  let total = 0;
  for (const rs0 of [...oldRSs].sort(byCreation)) {
    if (total >= toScaleDown) break;
    const rs = run.cur(rs0);
    if (rsReplicas(rs) === 0) continue;
    const down = Math.min(rsReplicas(rs), toScaleDown - total);
    run.scaleAndRecord(rs, rsReplicas(rs) - down);
    total += down;
  }
  return total;
}

// ---- recreate (recreate.go) ----

export function rolloutRecreate(run: DeploymentRun, podsOf: (rs: ReplicaSet) => Pod[]): void {
  let { newRS, oldRSs } = run.allReplicaSets(false);
  let scaledDown = false;
  for (const rs of activeReplicaSets(run.curAll(oldRSs))) if (run.scaleAndRecord(rs, 0).scaled) scaledDown = true;
  if (scaledDown) return syncRolloutStatus(run, run.curWith(oldRSs, newRS), run.cur(newRS));
  // Do not start the new pods while any old pod still runs (or is still terminating).
  if (oldPodsRunning(run, newRS, oldRSs, podsOf)) return syncRolloutStatus(run, run.curWith(oldRSs, newRS), run.cur(newRS));
  if (!newRS) {
    ({ newRS, oldRSs } = run.allReplicaSets(true));
    if (run.retry || !newRS) return;
  }
  run.scaleAndRecord(newRS, replicasOf(run.d));
  if (deploymentComplete(run.d, run.status)) run.cleanup(oldRSs);
  syncRolloutStatus(run, run.curWith(oldRSs, newRS), run.cur(newRS));
}

function oldPodsRunning(run: DeploymentRun, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], podsOf: (rs: ReplicaSet) => Pod[]): boolean {
  if (sumActualReplicas(run.curAll(oldRSs)) > 0) return true;
  for (const rs of run.list()) {
    if (newRS && rs.metadata.uid === newRS.metadata.uid) continue;
    for (const p of podsOf(rs)) {
      const phase = p.status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}

// ---- scaling events and paused deployments (sync.go) ----

/** isScalingEvent: an active ReplicaSet was sized for a different replica count. */
export function isScalingEvent(run: DeploymentRun): boolean {
  const { newRS, oldRSs } = run.allReplicaSets(false);
  const want = replicasOf(run.d);
  for (const rs of oldRSs) if (sizedForOther(run.cur(rs), want)) return true;
  return newRS !== undefined && sizedForOther(run.cur(newRS), want);
}

/** An active ReplicaSet whose desired-replicas annotation names another size than `want`. */
function sizedForOther(rs: ReplicaSet, want: number): boolean {
  if (rsReplicas(rs) <= 0) return false;
  const desired = desiredReplicasAnnotation(rs);
  return desired !== undefined && desired !== want;
}

/** dc.sync: proportional scaling of every ReplicaSet, then status. */
export function syncScaling(run: DeploymentRun): void {
  const { newRS, oldRSs } = run.allReplicaSets(false);
  scale(run, newRS, oldRSs);
  if (run.d.spec.paused) run.cleanup(oldRSs);
  syncDeploymentStatus(run, run.curAll([...oldRSs, newRS]), run.cur(newRS));
}

export function syncStatusOnly(run: DeploymentRun): void {
  const { newRS, oldRSs } = run.allReplicaSets(false);
  syncDeploymentStatus(run, run.curAll([...oldRSs, newRS]), run.cur(newRS));
}

function scale(run: DeploymentRun, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const d = run.d;
  const want = replicasOf(d);
  const only = findActiveOrLatest(run.cur(newRS), run.curAll(oldRSs) as ReplicaSet[]);
  if (only) {
    if (rsReplicas(run.cur(only)) !== want) run.scaleAndRecord(only, want);
    return;
  }
  if (isSaturated(d, run.cur(newRS))) {
    for (const old of activeReplicaSets(run.curAll(oldRSs))) run.scaleAndRecord(old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = activeReplicaSets(run.curAll([...oldRSs, newRS]));
  const allowed = want > 0 ? want + maxSurge(d) : 0;
  const toAdd = allowed - sumSpecReplicas(all);
  let operation = '';
  if (toAdd > 0) {
    all.sort(bySizeNewer);
    operation = 'up';
  } else if (toAdd < 0) {
    all.sort(bySizeOlder);
    operation = 'down';
  }
  let added = 0;
  const sizes = new Map<ReplicaSet, number>();
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = getProportion(rs, d, toAdd, added);
      sizes.set(rs, rsReplicas(rs) + p);
      added += p;
    } else sizes.set(rs, rsReplicas(rs));
  }
  all.forEach((rs, i) => {
    // Leftovers go to the largest ReplicaSet.
    if (i === 0 && toAdd !== 0) sizes.set(rs, Math.max(0, sizes.get(rs)! + toAdd - added));
    run.scaleReplicaSet(rs, sizes.get(rs)!, operation);
  });
}

// ---- status (sync.go calculateStatus, progress.go) ----

export function checkPausedConditions(run: DeploymentRun): void {
  const d = run.d;
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(run.status, 'Progressing');
  if (cond?.reason === TIMED_OUT) return;
  const pausedCondExists = cond?.reason === PAUSED;
  if (d.spec.paused && !pausedCondExists) {
    setCondition(run.status, newCondition('Progressing', 'Unknown', PAUSED, 'Deployment is paused', run.ctx.timestamp()));
  } else if (!d.spec.paused && pausedCondExists) {
    setCondition(run.status, newCondition('Progressing', 'Unknown', RESUMED, 'Deployment is resumed', run.ctx.timestamp()));
  }
}

function calculateStatus(run: DeploymentRun, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentStatus {
  const d = run.d;
  const available = sumAvailableReplicas(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: sumActualReplicas(allRSs),
    updatedReplicas: sumActualReplicas([newRS]),
    readyReplicas: sumReadyReplicas(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sumSpecReplicas(allRSs) - available),
    terminatingReplicas: sumTerminatingReplicas(allRSs),
  };
  if (run.status.collisionCount !== undefined) status.collisionCount = run.status.collisionCount;
  // Shared: conditions are replaced, never written in place (see DeploymentRun.status).
  if (run.status.conditions) status.conditions = SHALLOW_STATUS.enabled ? run.status.conditions : copyConditions(run.status.conditions);
  const now = run.ctx.timestamp();
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setNewCondition(status, 'Available', 'True', MINIMUM_REPLICAS_AVAILABLE, 'Deployment has minimum availability.', now);
  } else {
    setNewCondition(status, 'Available', 'False', MINIMUM_REPLICAS_UNAVAILABLE, 'Deployment does not have minimum availability.', now);
  }
  return status;
}

function copyConditions(cs: DeploymentCondition[]): DeploymentCondition[] {
  const out = new Array<DeploymentCondition>(cs.length);
  for (let i = 0; i < cs.length; i++) out[i] = { ...cs[i] };
  return out;
}

const subjectOf = (d: DeploymentRun['d'], newRS: ReplicaSet | undefined) => (newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`);

function syncDeploymentStatus(run: DeploymentRun, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
  run.status = calculateStatus(run, allRSs, newRS);
}

/** syncRolloutStatus: status plus the Progressing condition, and a resync at the progress deadline. */
function syncRolloutStatus(run: DeploymentRun, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
  const d = run.d;
  const next = calculateStatus(run, allRSs, newRS);
  if (!hasProgressDeadline(d)) removeCondition(next, 'Progressing');
  const current = getCondition(run.status, 'Progressing');
  const isComplete = next.replicas === next.updatedReplicas && current?.reason === NEW_RS_AVAILABLE;
  const now = run.ctx.timestamp();
  if (hasProgressDeadline(d) && !isComplete) {
    if (deploymentComplete(d, next)) {
      setNewCondition(next, 'Progressing', 'True', NEW_RS_AVAILABLE, `${subjectOf(d, newRS)} has successfully progressed.`, now);
    } else if (deploymentProgressing(run.status, next)) {
      const c = newCondition('Progressing', 'True', REPLICASET_UPDATED, `${subjectOf(d, newRS)} is progressing.`, now);
      if (current) {
        if (current.status === 'True') c.lastTransitionTime = current.lastTransitionTime;
        removeCondition(next, 'Progressing');
      }
      setCondition(next, c);
    } else if (timedOut(run, next)) {
      setCondition(next, newCondition('Progressing', 'False', TIMED_OUT, `${subjectOf(d, newRS)} has timed out progressing.`, now));
    }
  }
  // getReplicaFailures: the new ReplicaSet's ReplicaFailure before any old one's, copied
  // (ReplicaSetToDeploymentCondition: lastUpdateTime is the ReplicaSet condition's lastTransitionTime).
  const failure = replicaFailure(newRS) ?? allRSs.map(replicaFailure).find((c) => c !== undefined);
  if (failure) {
    setCondition(next, {
      type: 'ReplicaFailure',
      status: failure.status,
      lastUpdateTime: failure.lastTransitionTime,
      lastTransitionTime: failure.lastTransitionTime,
      reason: failure.reason,
      message: failure.message,
    } as DeploymentCondition);
  } else if (getCondition(next, 'ReplicaFailure')) removeCondition(next, 'ReplicaFailure');
  // Upstream requeues a stuck Deployment on the sync after its status write; ours skips that echo, so do it now.
  requeueStuckDeployment(run, next);
  run.status = next;
}

/** A ReplicaSet's ReplicaFailure condition, if it has one. */
function replicaFailure(rs: ReplicaSet | undefined): { status: string; lastTransitionTime: string; reason: string; message: string } | undefined {
  const cs = rs?.status?.conditions;
  if (!Array.isArray(cs)) return undefined;
  return cs.find((c) => (c as { type?: string })?.type === 'ReplicaFailure') as { status: string; lastTransitionTime: string; reason: string; message: string } | undefined;
}

function timedOut(run: DeploymentRun, s: DeploymentStatus): boolean {
  const c = getCondition(s, 'Progressing');
  if (!c || c.reason === NEW_RS_AVAILABLE) return false;
  if (c.reason === TIMED_OUT) return true;
  const from = parsedTimestamp(c.lastUpdateTime);
  return from !== undefined && from + progressDeadlineSeconds(run.d) * 1000 < run.now;
}


/** requeueStuckDeployment: resync just after the Progressing condition would time out. */
function requeueStuckDeployment(run: DeploymentRun, next: DeploymentStatus): void {
  const current = getCondition(next, 'Progressing');
  if (!hasProgressDeadline(run.d) || !current) return;
  if (deploymentComplete(run.d, next) || current.reason === TIMED_OUT) return;
  const from = parsedTimestamp(current.lastUpdateTime);
  if (from === undefined) return;
  const after = from + progressDeadlineSeconds(run.d) * 1000 - run.now;
  // Less than a second left (or past it, e.g. a completed rollout that lost pods):
  // upstream re-queues rate-limited rather than every second.
  if (after < 1000) run.requeueRateLimited = true;
  else run.requeueAfter = after + 1000;
}
