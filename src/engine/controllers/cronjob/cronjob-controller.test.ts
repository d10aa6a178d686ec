import { describe, expect, it } from 'vitest';
import { deepClone } from '../../store/clone';
import { FAIL_AFTER_ANNOTATION, Harness, podTemplate, RUN_DURATION_ANNOTATION } from '../workload/testing';
import { createJobController, type Job } from '../job/job-controller';
import { createCronJobController, type CronJob, jobName, SCHEDULED_TIMESTAMP_ANNOTATION } from './cronjob-controller';

const MIN = 60_000;
/** The minutes since the Unix epoch of virtual t=0 (2026-01-01T00:00:00Z). */
const T0_MINUTES = 29_453_760;

function cronJob(name: string, spec: Partial<CronJob['spec']> = {}, annotations: Record<string, string> = { [RUN_DURATION_ANNOTATION]: '20s' }): CronJob {
  const template = podTemplate({ app: name }, 'busybox', annotations);
  (template.spec as Record<string, unknown>).restartPolicy = 'Never';
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'default' },
    spec: { schedule: '* * * * *', jobTemplate: { metadata: { labels: { team: 'a' } }, spec: { backoffLimit: 0, template } }, ...spec },
  };
}

function setup(cj: CronJob): Harness {
  const h = new Harness({ nodes: ['n1'], components: [createJobController(), createCronJobController()] });
  h.create(cj);
  h.advance(0);
  return h;
}

const jobs = (h: Harness) => h.store.list<Job>('Job').map((j) => j.metadata.name);
const status = (h: Harness, name = 'c') => h.get<CronJob>('CronJob', name).status ?? {};
const reasons = (h: Harness) => h.events().filter((e) => e.source === 'cronjob-controller').map((e) => `${e.reason}: ${e.message}`);
const update = (h: Harness, name: string, edit: (cj: CronJob) => void) => {
  const cur = deepClone(h.get<CronJob>('CronJob', name));
  edit(cur);
  h.store.update(cur);
};

describe('CronJob controller', () => {
  it('creates the Job 100 ms after each scheduled minute, named by the minutes since the epoch, owned and annotated', () => {
    const h = setup(cronJob('c'));
    h.advance(MIN + 99);
    expect(jobs(h)).toEqual([]);
    h.advance(1);
    expect(jobs(h)).toEqual([`c-${T0_MINUTES + 1}`]);
    expect(jobName('c', Date.UTC(2026, 0, 1, 0, 1))).toBe(`c-${T0_MINUTES + 1}`);
    const job = h.get<Job>('Job', `c-${T0_MINUTES + 1}`);
    expect(job.metadata.creationTimestamp).toBe('2026-01-01T00:01:00.100Z');
    expect(job.metadata.labels).toMatchObject({ team: 'a' });
    expect(job.metadata.annotations).toEqual({ [SCHEDULED_TIMESTAMP_ANNOTATION]: '2026-01-01T00:01:00Z' });
    expect(job.metadata.ownerReferences).toEqual([expect.objectContaining({ apiVersion: 'batch/v1', kind: 'CronJob', name: 'c', controller: true, blockOwnerDeletion: true, uid: h.get<CronJob>('CronJob', 'c').metadata.uid })]);
    expect(status(h)).toEqual({
      active: [{ apiVersion: 'batch/v1', kind: 'Job', namespace: 'default', name: `c-${T0_MINUTES + 1}`, uid: job.metadata.uid, resourceVersion: expect.any(String) }],
      lastScheduleTime: '2026-01-01T00:01:00Z',
    });
    // The Job controller runs it as any Job: a pod, which succeeds after its 20 s.
    h.advance(1000);
    expect(h.pods().map((p) => p.metadata.ownerReferences?.[0].name)).toEqual([`c-${T0_MINUTES + 1}`]);
    h.advance(30_000);
    expect(status(h).active).toBeUndefined();
    expect(status(h).lastSuccessfulTime).toBe(h.get<Job>('Job', `c-${T0_MINUTES + 1}`).status?.completionTime);
    expect(reasons(h)).toEqual([`SuccessfulCreate: Created job c-${T0_MINUTES + 1}`, `SawCompletedJob: Saw completed job: c-${T0_MINUTES + 1}, condition: Complete`]);
  });

  it('Allow: runs the Jobs side by side', () => {
    const h = setup(cronJob('c', {}, { [RUN_DURATION_ANNOTATION]: '150s' }));
    h.advance(3 * MIN + 100);
    expect(status(h).active?.map((r) => r.name)).toEqual([1, 2, 3].map((m) => `c-${T0_MINUTES + m}`));
  });

  it('Forbid: skips a time while a Job is active, and starts the skipped one when it ends', () => {
    const h = setup(cronJob('c', { concurrencyPolicy: 'Forbid' }, { [RUN_DURATION_ANNOTATION]: '90s' }));
    h.advance(2 * MIN + 100);
    expect(jobs(h)).toEqual([`c-${T0_MINUTES + 1}`]);
    expect(h.events({ reason: 'JobAlreadyActive' })).toEqual([expect.objectContaining({ type: 'Normal', message: 'Not starting job because prior execution is running and concurrency policy is Forbid', firstTime: 2 * MIN + 100 })]);
    // The first Job ends at about 2m32s; the 00:02 time has no deadline, so it starts late.
    h.advance(40_000);
    expect(status(h).active?.map((r) => r.name)).toEqual([`c-${T0_MINUTES + 2}`]);
  });

  it('Replace: deletes the active Job (and its pod) for the new one', () => {
    const h = setup(cronJob('c', { concurrencyPolicy: 'Replace' }, { [RUN_DURATION_ANNOTATION]: '90s' }));
    h.advance(2 * MIN + 100);
    expect(jobs(h)).toEqual([`c-${T0_MINUTES + 2}`]);
    expect(status(h).active?.map((r) => r.name)).toEqual([`c-${T0_MINUTES + 2}`]);
    expect(reasons(h)).toEqual([`SuccessfulCreate: Created job c-${T0_MINUTES + 1}`, `SuccessfulDelete: Deleted job c-${T0_MINUTES + 1}`, `SuccessfulCreate: Created job c-${T0_MINUTES + 2}`]);
    expect(h.pods().find((p) => p.metadata.ownerReferences?.[0].name === `c-${T0_MINUTES + 1}`)?.metadata.deletionTimestamp).toBeDefined();
  });

  it('keeps 3 successful and 1 failed Jobs by default, deleting the oldest', () => {
    const h = setup(cronJob('c'));
    h.advance(6 * MIN);
    expect(jobs(h)).toEqual([3, 4, 5].map((m) => `c-${T0_MINUTES + m}`));
    expect(h.events({ reason: 'SuccessfulDelete' }).map((e) => e.message)).toEqual([`Deleted job c-${T0_MINUTES + 1}`, `Deleted job c-${T0_MINUTES + 2}`]);
    const f = setup(cronJob('c', { successfulJobsHistoryLimit: 0 }, { [FAIL_AFTER_ANNOTATION]: '5s' }));
    f.advance(4 * MIN);
    expect(jobs(f)).toEqual([`c-${T0_MINUTES + 3}`]);
    expect(f.get<Job>('Job', `c-${T0_MINUTES + 3}`).status?.conditions?.some((c) => c.type === 'Failed')).toBe(true);
    expect(status(f, 'c').lastSuccessfulTime).toBeUndefined();
  });

  it('suspend: creates nothing, and on resume starts only the most recent missed time', () => {
    const h = setup(cronJob('c', { suspend: true }));
    h.advance(5 * MIN + 30_000);
    expect(jobs(h)).toEqual([]);
    update(h, 'c', (cj) => (cj.spec.suspend = false));
    h.advance(0);
    expect(jobs(h)).toEqual([`c-${T0_MINUTES + 5}`]);
    expect(h.get<Job>('Job', `c-${T0_MINUTES + 5}`).metadata.creationTimestamp).toBe('2026-01-01T00:05:30Z');
    h.advance(30_100);
    expect(jobs(h)).toEqual([`c-${T0_MINUTES + 5}`, `c-${T0_MINUTES + 6}`]);
  });

  it('startingDeadlineSeconds: a time missed by more than the deadline is not started', () => {
    const late = setup(cronJob('c', { suspend: true, startingDeadlineSeconds: 20 }));
    late.advance(MIN + 30_000);
    update(late, 'c', (cj) => (cj.spec.suspend = false));
    late.advance(0);
    expect(jobs(late)).toEqual([]);
    late.advance(30_100);
    expect(jobs(late)).toEqual([`c-${T0_MINUTES + 2}`]);
    const inTime = setup(cronJob('c', { suspend: true, startingDeadlineSeconds: 40 }));
    inTime.advance(MIN + 30_000);
    update(inTime, 'c', (cj) => (cj.spec.suspend = false));
    inTime.advance(0);
    expect(jobs(inTime)).toEqual([`c-${T0_MINUTES + 1}`]);
  });

  it('warns after more than 100 missed times (TooManyMissedTimes), then starts the latest', () => {
    const h = setup(cronJob('c', { suspend: true }));
    h.advance(120 * MIN + 1000);
    update(h, 'c', (cj) => (cj.spec.suspend = false));
    h.advance(0);
    expect(h.events({ reason: 'TooManyMissedTimes' })).toEqual([expect.objectContaining({ type: 'Warning', message: 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew' })]);
    expect(jobs(h)).toEqual([`c-${T0_MINUTES + 120}`]);
  });

  it('follows an hourly schedule without syncing in between', () => {
    const h = setup(cronJob('c', { schedule: '@hourly' }));
    h.advance(59 * MIN);
    expect(jobs(h)).toEqual([]);
    h.advance(MIN + 100);
    expect(jobs(h)).toEqual([`c-${T0_MINUTES + 60}`]);
  });

  it('warns about a Job it controls but did not create (UnexpectedJob)', () => {
    const h = setup(cronJob('c', { schedule: '@hourly' }));
    const cj = h.get<CronJob>('CronJob', 'c');
    h.create<Job>({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'manual', namespace: 'default', ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'c', uid: cj.metadata.uid, controller: true }] },
      spec: deepClone(cj.spec.jobTemplate.spec!),
    });
    h.advance(0);
    expect(h.events({ reason: 'UnexpectedJob' })[0]?.message).toBe('Saw a job that the controller did not create or forgot: manual');
  });
});
