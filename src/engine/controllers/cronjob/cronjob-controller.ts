/**
 * Mirrors upstream's CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go): at each
 * time `spec.schedule` names it creates a Job from `spec.jobTemplate`, named
 * `<cronjob>-<scheduled time in minutes since the Unix epoch>`, controlled by the CronJob and
 * annotated with `batch.kubernetes.io/cronjob-scheduled-timestamp`; the Job controller runs it
 * like any Job. It honours concurrencyPolicy (Allow, Forbid, Replace), suspend,
 * startingDeadlineSeconds and the history limits (3 successful, 1 failed by default), keeps
 * status.active, lastScheduleTime and lastSuccessfulTime, and requeues itself for 100 ms after the
 * next schedule time on the virtual clock (no polling).
 *
 * Simplified: the API server's defaults (concurrencyPolicy, suspend, the history limits) are
 * applied when read, not written into the stored object; every schedule runs in UTC.
 */
import { EPOCH_MS, fromTimestamp } from '../../clock/time';
import type { KubeObject, OwnerReference } from '../../model/types';
import type { Component, SimContext, WatchEvent } from '../../sim/contracts';
import { deleteWithDependents } from '../../sim/garbage-collect';
import { deepClone, deepEqual } from '../../store/clone';
import { controllerRef, newControllerRef, refersTo } from '../workload/owners';
import { keyOf, splitKey } from '../workload/pods';
import { SyncQueue } from '../workload/sync-queue';
import type { Job } from '../job/job-controller';
import { CronParseError, parseSchedule, type CronSchedule } from './schedule';
import { mostRecentScheduleTime, nextScheduleDelay, rfc1123z, rfc3339, type CronTimes } from './schedule-times';

export const CRONJOB_CONTROLLER = 'cronjob-controller';
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
}

export interface CronJobStatus {
  active?: ObjectReference[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
  [k: string]: unknown;
}

export interface CronJob extends KubeObject {
  spec: {
    schedule: string;
    timeZone?: string;
    startingDeadlineSeconds?: number;
    concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
    suspend?: boolean;
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
    jobTemplate: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown }; spec?: Job['spec'] };
    [k: string]: unknown;
  };
  status?: CronJobStatus;
}

/** The Job's Complete or Failed condition type, when it has finished. */
export function finishedType(j: Job): 'Complete' | 'Failed' | undefined {
  const c = j.status?.conditions?.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return c?.type as 'Complete' | 'Failed' | undefined;
}

/** getJobName: the scheduled time in minutes since the Unix epoch. */
export function jobName(cronJob: string, scheduledUnixMs: number): string {
  return `${cronJob}-${Math.floor(scheduledUnixMs / 60_000)}`;
}

const unixOf = (ts: string | undefined) => {
  const v = fromTimestamp(ts);
  return v === undefined ? undefined : v + EPOCH_MS;
};

/** byJobStartTime: started first (unstarted last), then by name. */
function byStartTime(a: Job, b: Job): number {
  const sa = unixOf(a.status?.startTime);
  const sb = unixOf(b.status?.startTime);
  if (sa === undefined && sb !== undefined) return 1;
  if (sa !== undefined && sb === undefined) return -1;
  if (sa === sb) return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0;
  return sa! - sb!;
}

export function createCronJobController(): Component {
  let ctx!: SimContext;
  let queue!: SyncQueue;

  const event = (cj: CronJob, type: 'Normal' | 'Warning', reason: string, message: string) => ctx.recorder.event(cj, type, reason, message, CRONJOB_CONTROLLER);

  /** getJobsToBeReconciled: the Jobs this CronJob controls. */
  function jobsOf(cj: CronJob): Job[] {
    const uid = cj.metadata.uid;
    if (!uid) return [];
    return (ctx.store.ownedBy(uid) as Job[]).filter((j) => j.kind === 'Job' && refersTo(controllerRef(j), cj, 'CronJob'));
  }

  /** deleteJob: the Job (background propagation: its pods go with it) and its active entry. */
  function deleteJob(cj: CronJob, status: CronJobStatus, j: Job): void {
    const cur = ctx.store.get<Job>('Job', j.metadata.namespace, j.metadata.name ?? '');
    if (cur) deleteWithDependents(ctx, cur);
    status.active = (status.active ?? []).filter((r) => r.uid !== j.metadata.uid);
    event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`);
  }

  /** cleanupFinishedJobs: the oldest finished Jobs past each history limit. */
  function cleanup(cj: CronJob, status: CronJobStatus, jobs: Job[]): void {
    const limits = { Complete: cj.spec.successfulJobsHistoryLimit ?? 3, Failed: cj.spec.failedJobsHistoryLimit ?? 1 };
    for (const type of ['Complete', 'Failed'] as const) {
      const done = jobs.filter((j) => finishedType(j) === type).sort(byStartTime);
      for (const j of done.slice(0, Math.max(0, done.length - limits[type]))) deleteJob(cj, status, j);
    }
  }

  /** getJobFromTemplate2. */
  function jobFor(cj: CronJob, scheduled: number): Job {
    const tpl = cj.spec.jobTemplate ?? {};
    return {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobName(cj.metadata.name ?? '', scheduled),
        namespace: cj.metadata.namespace ?? 'default',
        labels: { ...(tpl.metadata?.labels ?? {}) },
        annotations: { ...(tpl.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339(scheduled) },
        ownerReferences: [newControllerRef(cj, 'batch/v1', 'CronJob') as OwnerReference],
      },
      spec: deepClone(tpl.spec ?? {}),
    };
  }

  /** syncCronJob; returns the delay of the next sync, if one is due. */
  function syncCronJob(cj: CronJob, status: CronJobStatus, jobs: Job[]): number | undefined {
    const now = ctx.clock.now + EPOCH_MS;
    const active = () => status.active ?? [];
    const children = new Set<string>();
    for (const j of jobs) {
      children.add(j.metadata.uid ?? '');
      const found = active().some((r) => r.uid === j.metadata.uid);
      const done = finishedType(j);
      if (!found && !done) {
        event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
      } else if (done) {
        if (found) {
          status.active = active().filter((r) => r.uid !== j.metadata.uid);
          event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${done}`);
        }
        const completed = unixOf(j.status?.completionTime);
        const last = unixOf(status.lastSuccessfulTime);
        if (done === 'Complete' && completed !== undefined && (last === undefined || completed > last)) status.lastSuccessfulTime = j.status?.completionTime;
      }
    }
    // An active entry whose Job is gone.
    for (const r of active()) {
      if (children.has(r.uid ?? '')) continue;
      if (ctx.store.get('Job', r.namespace, r.name ?? '')) continue;
      event(cj, 'Normal', 'MissingJob', `Active job went missing: ${r.name}`);
      status.active = active().filter((x) => x.uid !== r.uid);
    }
    if (cj.metadata.deletionTimestamp) return undefined;
    if (cj.spec.suspend === true) return undefined;
    let sched: CronSchedule;
    try {
      sched = parseSchedule(cj.spec.schedule);
    } catch (e) {
      if (!(e instanceof CronParseError)) throw e;
      event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec.schedule)} : ${e.message}`);
      return undefined;
    }
    const times: CronTimes = {
      created: unixOf(cj.metadata.creationTimestamp) ?? EPOCH_MS,
      lastSchedule: unixOf(status.lastScheduleTime),
      startingDeadlineSeconds: cj.spec.startingDeadlineSeconds,
    };
    const next = () => nextScheduleDelay(times, now, sched);
    // nextScheduleTime.
    const m = mostRecentScheduleTime(times, now, sched, true);
    if (m.recent !== undefined && m.missed === 'many') {
      event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    }
    if (m.error !== undefined) {
      event(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec.schedule} : ${m.error}`);
      return undefined;
    }
    const scheduled = m.recent;
    if (scheduled === undefined) return next();
    const deadline = cj.spec.startingDeadlineSeconds;
    if (deadline !== undefined && scheduled + deadline * 1000 < now) {
      event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      return next();
    }
    const name = jobName(cj.metadata.name ?? '', scheduled);
    if (active().some((r) => r.name === name) || unixOf(status.lastScheduleTime) === scheduled) return next();
    const policy = cj.spec.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && active().length > 0) {
      event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return next();
    }
    if (policy === 'Replace') {
      for (const r of active()) {
        const j = ctx.store.get<Job>('Job', r.namespace, r.name ?? '');
        if (j) deleteJob(cj, status, j);
        else status.active = active().filter((x) => x.uid !== r.uid);
      }
    }
    const ns = cj.metadata.namespace ?? 'default';
    let job = ctx.store.get<Job>('Job', ns, name);
    if (job) {
      // Made by someone else, or by us before a status write that did not happen.
      if (!refersTo(controllerRef(job), cj, 'CronJob')) return undefined;
      if (active().some((r) => r.uid === job!.metadata.uid)) return undefined;
    } else {
      try {
        job = ctx.store.create<Job>(jobFor(cj, scheduled), { take: true });
      } catch (e) {
        event(cj, 'Warning', 'FailedCreate', `Error creating job: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
      event(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`);
    }
    status.active = [...active(), { apiVersion: 'batch/v1', kind: 'Job', namespace: ns, name, uid: job.metadata.uid, resourceVersion: job.metadata.resourceVersion }];
    status.lastScheduleTime = rfc3339(scheduled);
    times.lastSchedule = scheduled;
    return next();
  }

  function sync(key: string): void {
    const [ns, name] = splitKey(key);
    const cj = ctx.store.get<CronJob>('CronJob', ns, name);
    if (!cj) return;
    const jobs = jobsOf(cj);
    const status: CronJobStatus = { ...(cj.status ?? {}) };
    if (cj.status?.active) status.active = [...cj.status.active];
    cleanup(cj, status, jobs);
    const delay = syncCronJob(cj, status, jobs);
    if (status.active?.length === 0) delete status.active;
    const cur = ctx.store.get<CronJob>('CronJob', ns, name);
    if (cur && !deepEqual(cur.status ?? {}, status)) ctx.store.update<CronJob>({ ...cur, status });
    if (delay !== undefined) queue.enqueue(key, Math.max(0, delay));
  }

  function onEvent(e: WatchEvent): void {
    if (e.kind === 'CronJob') {
      if (e.type === 'DELETED') return;
      const key = keyOf(e.object);
      // Its own status writes need no second look.
      if (queue.isSyncing(key) && e.old && deepEqual((e.old as CronJob).spec, (e.object as CronJob).spec)) return;
      queue.enqueue(key);
      return;
    }
    const ref = controllerRef(e.object);
    if (ref?.kind !== 'CronJob') return;
    const key = `${e.object.metadata.namespace ?? 'default'}/${ref.name}`;
    if (queue.isSyncing(key)) return;
    queue.enqueue(key);
  }

  return {
    name: CRONJOB_CONTROLLER,
    start(c: SimContext): void {
      ctx = c;
      queue = new SyncQueue(ctx.clock, CRONJOB_CONTROLLER, sync);
      for (const cj of ctx.store.list<CronJob>('CronJob')) queue.enqueue(keyOf(cj));
      ctx.store.watch(onEvent, ['CronJob', 'Job']);
    },
  };
}
