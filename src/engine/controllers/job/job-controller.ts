/**
 * Mirrors upstream's Job controller (pkg/controller/job): completions/parallelism, NonIndexed and Indexed completion modes
 * (indexed.ts), backoffLimitPerIndex and maxFailedIndexes (per-index.ts), podReplacementPolicy, podFailurePolicy rules
 * (pod-failure-policy.ts), backoffLimit with exponential backoff, activeDeadlineSeconds, suspend, the
 * SuccessCriteriaMet/Complete and FailureTarget/Failed conditions, and ttlSecondsAfterFinished (the TTL-after-finished
 * controller's deletion), and with restartPolicy OnFailure the restarts counted for backoffLimit (pastBackoffLimitOnFailure).
 * Simplified: pods run for their `podscape.dev/run-duration` annotation and exit with `podscape.dev/exit-code` (read by
 * the kubelet, see kubelet/exit-annotations.ts);
 * no tracking finalizers (the counts are kept in memory), no FailIndex action or successPolicy.
 */
import { fromTimestamp } from '../../clock/time';
import type { KubeObject, LabelSelector, Pod, PodTemplateSpec } from '../../model/types';
import type { Component, SimContext, WatchEvent } from '../../sim/contracts';
import { Controller } from '../../store/watch-interest';
import { deleteWithDependents } from '../../sim/garbage-collect';

/** Pod events onPod acts on: of pods whose controller is a Job. */
export const JOB_INTEREST = { Pod: { controllers: Controller.JOB } };
import { deepEqual } from '../../store/clone';
import { controllerRef, newControllerRef, ownedObjects, refersTo } from '../workload/owners';
import { isPodActive, isPodReady, isPodTerminating, keyOf, splitKey } from '../workload/pods';
import { finishedTime, newTracking, remainingBackoff, updateBackoff, type Tracking } from './backoff';
import { createPod, deleteOwnedPod, slowStartBatch } from '../workload/pod-control';
import { SyncQueue } from '../workload/sync-queue';
import { podFromTemplate } from '../workload/template';
import { matchPodFailurePolicy } from './pod-failure-policy';
import { failureCountAnnotations, noteIndexFailure, remainingForIndex } from './per-index';
import { byActivePods, COMPLETION_INDEX_KEY, completionIndex, duplicatedForRemoval, firstPending, format, generateNameWithIndex, merge, parse, total, withIndexEnv, withIndexes, type Intervals } from './indexed';

export const JOB_CONTROLLER = 'job-controller';
/** Pod events are batched: a Job syncs at most once per second for them (syncJobBatchPeriod). */
export const SYNC_JOB_BATCH_PERIOD = 1000;
/** MaxPodCreateDeletePerSync. */
const MAX_PODS_PER_SYNC = 500;

export interface JobCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface JobStatus {
  conditions?: JobCondition[];
  startTime?: string;
  completionTime?: string;
  active: number;
  succeeded: number;
  failed: number;
  terminating: number;
  ready: number;
  [k: string]: unknown;
}

export interface Job extends KubeObject {
  spec: {
    parallelism?: number;
    completions?: number | null;
    backoffLimit?: number;
    activeDeadlineSeconds?: number;
    backoffLimitPerIndex?: number;
    maxFailedIndexes?: number;
    ttlSecondsAfterFinished?: number;
    podReplacementPolicy?: 'TerminatingOrFailed' | 'Failed';
    podFailurePolicy?: unknown;
    suspend?: boolean;
    completionMode?: 'NonIndexed' | 'Indexed';
    selector?: LabelSelector;
    template?: PodTemplateSpec;
    [k: string]: unknown;
  };
  status?: JobStatus;
}

const isFinishedCondition = (c: JobCondition) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True';
const hasTrue = (s: JobStatus | undefined, type: string) => !!s?.conditions?.some((c) => c.type === type && c.status === 'True');

/** Completions and parallelism after API defaulting: both unset → 1/1; parallelism alone → a work queue (no completions). */
function counts(job: Job): { completions: number | undefined; parallelism: number } {
  const parallelism = job.spec.parallelism ?? 1;
  if (job.spec.completions === undefined && job.spec.parallelism === undefined) return { completions: 1, parallelism };
  return { completions: job.spec.completions ?? undefined, parallelism };
}

const isIndexed = (job: Job) => job.spec.completionMode === 'Indexed';
/** hasBackoffLimitPerIndex. */
const perIndexLimit = (job: Job) => (isIndexed(job) && typeof job.spec.backoffLimitPerIndex === 'number' ? job.spec.backoffLimitPerIndex : undefined);

/** onlyReplaceFailedPods: podReplacementPolicy Failed, or any podFailurePolicy. */
const onlyReplaceFailed = (job: Job) => job.spec.podReplacementPolicy === 'Failed' || job.spec.podFailurePolicy !== undefined;

/** isPodFailed: Failed, or (TerminatingOrFailed) being deleted without having succeeded. */
function isPodFailed(p: Pod, job: Job): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (onlyReplaceFailed(job)) return false;
  return !!p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded';
}

/**
 * pastBackoffLimitOnFailure: with restartPolicy OnFailure the pods' containers restart in place, so
 * the Job counts their restarts: the sum of restartCount over the containers (and init containers)
 * of its Pending and Running pods reaches backoffLimit (for backoffLimit 0: any restart).
 */
export function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[], backoffLimit: number): boolean {
  if (job.spec.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const list of [p.status.initContainerStatuses, p.status.containerStatuses]) {
      if (!Array.isArray(list)) continue;
      for (const s of list as { restartCount?: unknown }[]) if (typeof s?.restartCount === 'number') restarts += s.restartCount;
    }
  }
  return backoffLimit === 0 ? restarts > 0 : restarts >= backoffLimit;
}

export function createJobController(): Component {
  let ctx!: SimContext;
  let queue!: SyncQueue;
  const tracking = new Map<string, Tracking>();

  function trackingOf(job: Job): Tracking {
    const uid = job.metadata.uid ?? keyOf(job);
    let t = tracking.get(uid);
    if (!t) tracking.set(uid, (t = newTracking()));
    return t;
  }

  /**
   * Creates up to n pods (one per index of `indexes` for an Indexed Job) in slowStartBatch's batches; false when the
   * API server refused one (the rest of that batch is still tried, the later batches are not). An indexed pod gets the index annotation and label, the hostname `<job>-<index>`,
   * the generateName `<job>-<index>-` and JOB_COMPLETION_INDEX in each container (manageJob, indexed_job_utils.go).
   */
  function createPods(job: Job, n: number, indexes?: number[], t?: Tracking): boolean {
    const name = job.metadata.name ?? '';
    return !slowStartBatch(n, (i) => {
      const pod = podFromTemplate(job.spec.template, job, newControllerRef(job, 'batch/v1', 'Job'));
      pod.metadata.generateName = `${name}-`;
      const ix = indexes?.[i];
      if (ix !== undefined) {
        pod.metadata.annotations = { ...pod.metadata.annotations, [COMPLETION_INDEX_KEY]: String(ix) };
        if (t && perIndexLimit(job) !== undefined) Object.assign(pod.metadata.annotations, failureCountAnnotations(t.lastFailedPerIndex.get(ix)));
        pod.metadata.labels = { ...pod.metadata.labels, [COMPLETION_INDEX_KEY]: String(ix) };
        pod.spec.hostname = `${name}-${ix}`;
        pod.metadata.generateName = generateNameWithIndex(name, ix);
        if (Array.isArray(pod.spec.initContainers)) pod.spec.initContainers = pod.spec.initContainers.map(withIndexEnv) as typeof pod.spec.initContainers;
        pod.spec.containers = (pod.spec.containers ?? []).map(withIndexEnv) as typeof pod.spec.containers;
      }
      return createPod(ctx, job, pod, JOB_CONTROLLER) !== undefined;
    }).failed;
  }

  function deletePods(job: Job, pods: Pod[]): void {
    for (const p of pods.slice(0, MAX_PODS_PER_SYNC)) deleteOwnedPod(ctx, job, p, JOB_CONTROLLER);
  }

  /** A failed pod judged once: the podFailurePolicy, then (backoffLimitPerIndex) its index. False when an Ignore rule matched. */
  function judgeFailed(job: Job, t: Tracking, p: Pod, finished: number): boolean {
    const m = matchPodFailurePolicy(job.spec.podFailurePolicy, p);
    if (m.failJob !== undefined) t.failJobMessage ??= m.failJob;
    const limit = perIndexLimit(job);
    // The pods a finishing Job deletes count as failed, but their indexes do not fail (their finalizers go in that sync).
    if (limit !== undefined && !t.finishing) {
      const ix = noteIndexFailure(t.lastFailedPerIndex, limit, p, m.count, finished);
      if (ix >= 0) t.pendingFailedIndexes.push(ix);
    }
    return m.count;
  }

  function newCondition(type: string, status: JobCondition['status'], reason: string, message: string): JobCondition {
    const now = ctx.timestamp();
    return { type, status, lastProbeTime: now, lastTransitionTime: now, reason, message };
  }

  /** ensureJobConditionStatus; true when the list changed. */
  function ensureCondition(s: JobStatus, c: JobCondition): boolean {
    const list = s.conditions ?? [];
    const i = list.findIndex((x) => x.type === c.type);
    if (i < 0) {
      s.conditions = [...list, c];
      return true;
    }
    const cur = list[i];
    if (cur.status === c.status && cur.reason === c.reason && cur.message === c.message) return false;
    const next = [...list];
    next[i] = { ...c, lastTransitionTime: cur.status === c.status ? cur.lastTransitionTime : c.lastTransitionTime };
    s.conditions = next;
    return true;
  }

  function sync(key: string): void {
    const [ns, name] = splitKey(key);
    const job = ctx.store.get<Job>('Job', ns, name);
    if (!job) return;
    if (job.status?.conditions?.some(isFinishedCondition)) return expireFinished(job, key);
    const t = trackingOf(job);
    const now = ctx.clock.now;
    const pods = ownedObjects<Pod>(ctx, 'Pod', job, 'Job');
    const { completions, parallelism } = counts(job);

    // Newly finished pods, each counted once.
    const newSucceeded: number[] = t.pendingSucceeded.splice(0);
    const newFailed: number[] = t.pendingFailed.splice(0);
    const newIndexes: number[] = t.pendingIndexes.splice(0);
    // Failures a podFailurePolicy Ignore rule leaves out of status.failed (nonIgnoredFailedPodsCount); all count for the backoff.
    let ignored = t.pendingIgnored;
    t.pendingIgnored = 0;
    for (const p of pods) {
      const uid = p.metadata.uid ?? '';
      if (t.counted.has(uid)) continue;
      if (p.status?.phase === 'Succeeded') {
        newSucceeded.push(finishedTime(p));
        newIndexes.push(completionIndex(p));
      } else if (isPodFailed(p, job)) {
        const at = finishedTime(p);
        newFailed.push(at);
        if (!judgeFailed(job, t, p, at)) ignored++;
      } else continue;
      t.counted.add(uid);
    }
    const status: JobStatus = {
      ...(job.status ?? {}),
      active: 0,
      succeeded: (job.status?.succeeded ?? 0) + newSucceeded.length,
      failed: (job.status?.failed ?? 0) + newFailed.length - ignored,
      terminating: 0,
      ready: 0,
      // syncJob: `if job.Status.UncountedTerminatedPods == nil { … = &batch.UncountedTerminatedPods{} }`.
      uncountedTerminatedPods: job.status?.uncountedTerminatedPods ?? {},
    };
    // Indexed: succeeded counts the succeeded indexes below completions (calculateSucceededIndexes), listed in completedIndexes.
    let succeededIndexes: Intervals | undefined;
    if (isIndexed(job) && completions !== undefined) {
      succeededIndexes = withIndexes(
        parse(job.status?.completedIndexes as string | undefined, completions),
        newIndexes.filter((i) => i >= 0 && i < completions),
      );
      status.succeeded = total(succeededIndexes);
      if (succeededIndexes.length > 0) status.completedIndexes = format(succeededIndexes);
      else delete status.completedIndexes;
    }
    // backoffLimitPerIndex: failedIndexes (calculateFailedIndexes), written even when empty.
    let failedIndexes: Intervals | undefined;
    if (succeededIndexes && completions !== undefined && perIndexLimit(job) !== undefined) {
      failedIndexes = withIndexes(parse(job.status?.failedIndexes as string | undefined, completions), t.pendingFailedIndexes.splice(0).filter((i) => i < completions));
      status.failedIndexes = format(failedIndexes);
    }
    if (!status.startTime && !job.spec.suspend) status.startTime = ctx.timestamp();
    updateBackoff(t, newSucceeded, newFailed);

    let active = pods.filter(isPodActive);
    const backoffLimit = job.spec.backoffLimit ?? 6;
    let finished: JobCondition | undefined;
    if (hasTrue(status, 'FailureTarget')) {
      const ft = status.conditions!.find((c) => c.type === 'FailureTarget')!;
      finished = newCondition('Failed', 'True', ft.reason ?? '', ft.message ?? '');
    } else if (hasTrue(status, 'SuccessCriteriaMet')) {
      finished = newCondition('Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods');
    } else if (t.failJobMessage !== undefined) {
      // getFailJobMessage: a failed pod matched a FailJob rule.
      finished = newCondition('FailureTarget', 'True', 'PodFailurePolicy', t.failJobMessage);
    } else if (status.failed > backoffLimit || pastBackoffLimitOnFailure(job, pods, backoffLimit)) {
      finished = newCondition('FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
    } else if (pastActiveDeadline(job, status)) {
      finished = newCondition('FailureTarget', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline');
    } else if (job.spec.activeDeadlineSeconds !== undefined && !job.spec.suspend && status.startTime) {
      const deadline = fromTimestamp(status.startTime)! + job.spec.activeDeadlineSeconds * 1000;
      queue.enqueue(key, deadline - now);
    }
    if (!finished && failedIndexes && succeededIndexes && completions !== undefined) {
      const failedCount = total(failedIndexes);
      if (typeof job.spec.maxFailedIndexes === 'number' && failedCount > job.spec.maxFailedIndexes) {
        finished = newCondition('FailureTarget', 'True', 'MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes');
      } else if (failedCount > 0 && failedCount + total(succeededIndexes) >= completions) {
        finished = newCondition('FailureTarget', 'True', 'FailedIndexes', 'Job has failed indexes');
      }
    }

    if (finished) {
      // Stop everything still running.
      t.finishing = true;
      deletePods(job, active);
      if (finished.type === 'FailureTarget') {
        ensureCondition(status, finished);
        finished = newCondition('Failed', 'True', finished.reason ?? '', finished.message ?? '');
      }
    } else {
      if (job.spec.suspend) {
        // Pods stopped by a suspension do not count as failures.
        for (const p of active) t.counted.add(p.metadata.uid ?? '');
        deletePods(job, active);
        active = [];
        if (ensureCondition(status, newCondition('Suspended', 'True', 'JobSuspended', 'Job suspended'))) {
          ctx.recorder.event(job, 'Normal', 'Suspended', 'Job suspended', JOB_CONTROLLER);
        }
      } else {
        if (hasTrue(status, 'Suspended') && ensureCondition(status, newCondition('Suspended', 'False', 'JobResumed', 'Job resumed'))) {
          ctx.recorder.event(job, 'Normal', 'Resumed', 'Job resumed', JOB_CONTROLLER);
          // A resumed Job's activeDeadlineSeconds counts from now.
          status.startTime = ctx.timestamp();
        }
        // syncJob runs manageJob only for a Job that is not being deleted (`job.DeletionTimestamp == nil`): a Job in
        // foreground deletion gets no replacement for the pods the garbage collector deletes.
        if (!job.metadata.deletionTimestamp) active = manage(job, t, key, active, pods, status.succeeded, completions, parallelism, succeededIndexes, failedIndexes);
      }
      const complete = completions === undefined ? status.succeeded > 0 && active.length === 0 : status.succeeded >= completions && active.length === 0;
      if (complete) {
        ensureCondition(status, newCondition('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'));
        finished = newCondition('Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods');
      }
    }

    // Counts from the store as it is after this sync's creates and deletes.
    const after = ownedObjects<Pod>(ctx, 'Pod', job, 'Job');
    status.active = after.filter(isPodActive).length;
    status.ready = after.filter((p) => isPodActive(p) && isPodReady(p)).length;
    status.terminating = after.filter(isPodTerminating).length;
    let jobFinished = false;
    // The terminal condition waits until no pod is still terminating (JobPodReplacementPolicy / JobManagedBy).
    if (finished && status.terminating === 0 && status.active === 0) {
      ensureCondition(status, finished);
      if (finished.type === 'Complete') status.completionTime = ctx.timestamp();
      jobFinished = true;
    }
    const cur = ctx.store.get<Job>('Job', ns, name) ?? job;
    if (!deepEqual(cur.status, status)) ctx.store.update<Job>({ ...cur, status });
    if (jobFinished) queue.enqueue(key);
    if (jobFinished) {
      if (finished!.type === 'Complete') {
        if (completions !== undefined && status.succeeded > completions) {
          ctx.recorder.event(job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached', JOB_CONTROLLER);
        }
        ctx.recorder.event(job, 'Normal', 'Completed', 'Job completed', JOB_CONTROLLER);
      } else {
        ctx.recorder.event(job, 'Warning', finished!.reason ?? '', finished!.message ?? '', JOB_CONTROLLER);
      }
    }
  }

  /**
   * The TTL-after-finished controller (pkg/controller/ttlafterfinished): a Job finished at its Complete/Failed condition's
   * lastTransitionTime is deleted, with its pods, once ttlSecondsAfterFinished has passed (simplified: background rather than
   * foreground propagation; the finished pods are terminal and go at once either way).
   */
  function expireFinished(job: Job, key: string): void {
    const ttl = job.spec.ttlSecondsAfterFinished;
    if (typeof ttl !== 'number' || job.metadata.deletionTimestamp) return;
    const at = fromTimestamp(job.status?.conditions?.find(isFinishedCondition)?.lastTransitionTime);
    if (at === undefined) return;
    const left = at + ttl * 1000 - ctx.clock.now;
    if (left > 0) queue.enqueue(key, left);
    else deleteWithDependents(ctx, job);
  }

  function pastActiveDeadline(job: Job, s: JobStatus): boolean {
    if (job.spec.activeDeadlineSeconds === undefined || !s.startTime || job.spec.suspend) return false;
    return ctx.clock.now - fromTimestamp(s.startTime)! >= job.spec.activeDeadlineSeconds * 1000;
  }

  /**
   * manageJob: delete surplus active pods (for an Indexed Job also those of a repeated or out-of-range index), or
   * create missing ones once the backoff allows (for an Indexed Job the lowest pending indexes).
   */
  function manage(job: Job, t: Tracking, key: string, active: Pod[], pods: Pod[], succeeded: number, completions: number | undefined, parallelism: number, succeededIndexes?: Intervals, failedIndexes?: Intervals): Pod[] {
    let want: number;
    if (completions === undefined) want = succeeded > 0 ? active.length : parallelism;
    else want = Math.max(0, Math.min(completions - succeeded, parallelism));
    const terminatingPods = onlyReplaceFailed(job) ? pods.filter(isPodTerminating) : [];
    const surplus = Math.max(0, active.length - want);
    // activePodsForRemoval: an Indexed Job's repeated and invalid indexes first, then not-ready, then newest pods.
    const [dups, left] = succeededIndexes && completions !== undefined ? duplicatedForRemoval(active, completions, byActivePods) : [[], active];
    let gone = dups;
    if (gone.length < surplus) gone = [...gone, ...[...left].sort(byActivePods).slice(0, surplus - gone.length)];
    gone = gone.slice(0, MAX_PODS_PER_SYNC);
    if (gone.length > 0) {
      deletePods(job, gone);
      return active.filter((p) => !gone.includes(p));
    }
    let diff = Math.min(want - terminatingPods.length - active.length, MAX_PODS_PER_SYNC);
    if (diff > 0) {
      // With backoffLimitPerIndex each index waits for its own backoff instead.
      const wait = failedIndexes ? 0 : remainingBackoff(t, ctx.clock.now, ctx.config.jobBackoffBase, ctx.config.jobBackoffMax);
      if (wait > 0) {
        queue.enqueue(key, wait);
        return active;
      }
      let indexes: number[] | undefined;
      if (succeededIndexes && completions !== undefined) {
        // firstPendingIndexes: not succeeded, not held by an active pod (nor, when only failed pods are replaced, a terminating one).
        let busy = withIndexes(succeededIndexes, [...active, ...terminatingPods].map(completionIndex).filter((i) => i >= 0));
        if (failedIndexes) busy = merge(busy, failedIndexes);
        indexes = firstPending(busy, diff, completions);
        if (failedIndexes) {
          // getPodCreationInfoForIndependentIndexes: the indexes whose backoff is over, else a sync when the first one's is.
          const waits = indexes.map((ix) => remainingForIndex(t.lastFailedPerIndex.get(ix), ctx.clock.now, ctx.config.jobBackoffBase, ctx.config.jobBackoffMax));
          const ready = indexes.filter((_, i) => waits[i] === 0);
          if (ready.length === 0 && indexes.length > 0) {
            queue.enqueue(key, Math.min(...waits));
            return active;
          }
          indexes = ready;
        }
        diff = indexes.length;
      }
      if (diff > 0 && createPods(job, diff, indexes, t)) queue.forget(key);
      else if (diff > 0) queue.retry(key);
    }
    return active;
  }

  function onPod(e: WatchEvent): void {
    const pod = e.object as Pod;
    const ref = controllerRef(pod);
    if (ref?.kind !== 'Job') return;
    const ns = pod.metadata.namespace ?? 'default';
    const key = `${ns}/${ref.name}`;
    const job = ctx.store.get<Job>('Job', ns, ref.name);
    if (job && refersTo(ref, job, 'Job')) {
      const t = trackingOf(job);
      const uid = pod.metadata.uid ?? '';
      const phase = pod.status?.phase;
      const terminal = phase === 'Succeeded' || phase === 'Failed';
      if (!t.counted.has(uid)) {
        if (e.type === 'DELETED') {
          // A pod removed before it was counted still finished; a force delete leaves no deletionTimestamp: it finished now.
          t.counted.add(uid);
          const at = pod.metadata.deletionTimestamp || terminal ? finishedTime(pod) : ctx.clock.now;
          if (phase === 'Succeeded') {
            t.pendingSucceeded.push(at);
            t.pendingIndexes.push(completionIndex(pod));
          } else {
            t.pendingFailed.push(at);
            // Upstream's tracking finalizer keeps the failed pod until the controller has judged it; judge it now.
            if (!judgeFailed(job, t, pod, at)) t.pendingIgnored++;
          }
        } else if (pod.metadata.deletionTimestamp && !terminal && !onlyReplaceFailed(job)) {
          // TerminatingOrFailed: a pod being deleted has failed, whatever exit code its containers give on SIGTERM.
          t.counted.add(uid);
          const at = finishedTime(pod);
          t.pendingFailed.push(at);
          if (!judgeFailed(job, t, pod, at)) t.pendingIgnored++;
        }
      }
    }
    if (queue.isSyncing(key)) return;
    queue.enqueue(key, SYNC_JOB_BATCH_PERIOD);
  }

  function onEvent(e: WatchEvent): void {
    if (e.kind === 'Pod') return onPod(e);
    if (e.kind !== 'Job') return;
    if (e.type === 'DELETED') {
      tracking.delete(e.object.metadata.uid ?? keyOf(e.object));
      return;
    }
    const key = keyOf(e.object);
    if (queue.isSyncing(key) && e.old && deepEqual((e.old as Job).spec, (e.object as Job).spec)) return;
    queue.enqueue(key);
  }

  return {
    name: JOB_CONTROLLER,
    start(c: SimContext): void {
      ctx = c;
      queue = new SyncQueue(ctx.clock, JOB_CONTROLLER, sync);
      for (const j of ctx.store.list<Job>('Job')) queue.enqueue(keyOf(j));
      ctx.store.watch(onEvent, ['Pod', 'Job'], JOB_INTEREST);
    },
  };
}
