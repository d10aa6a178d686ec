import { describe, expect, it } from 'vitest';
import type { Pod } from '../../model/types';
import { deletePod } from '../../sim/api';
import { FAIL_AFTER_ANNOTATION, Harness, podTemplate, RUN_DURATION_ANNOTATION } from '../workload/testing';
import { createJobController, type Job } from './job-controller';

function job(name: string, spec: Partial<Job['spec']> = {}, annotations: Record<string, string> = { [RUN_DURATION_ANNOTATION]: '30s' }): Job {
  const template = podTemplate({ app: name }, 'busybox', annotations);
  (template.spec as Record<string, unknown>).restartPolicy = 'Never';
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'default' }, spec: { template, ...spec } };
}

function setup(nodes = ['n1', 'n2'], config?: { jobBackoffBase?: number; jobBackoffMax?: number }) {
  return new Harness({ nodes, config, components: [createJobController()] });
}

const status = (h: Harness, name = 'pi') => h.get<Job>('Job', name).status!;
const createdAt = (h: Harness) => h.events({ reason: 'SuccessfulCreate' }).map((e) => e.firstTime);
const condition = (h: Harness, type: string, name = 'pi') => status(h, name).conditions?.find((c) => c.type === type);

describe('Job controller', () => {
  it('creates in slowStartBatch batches: a batch with a refused create is finished, the later ones are skipped', () => {
    const h = setup();
    // Quota admission reads status: room for 3 pods. Batches for parallelism 8: 1, 2, 4, 1.
    h.create({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default' }, spec: { hard: { pods: '3' } }, status: { hard: { pods: '3' }, used: { pods: '0' } } });
    h.create(job('pi', { completions: 8, parallelism: 8 }));
    h.advance(0);
    expect(h.pods()).toHaveLength(3);
    // Batch 3 is refused four times and batch 4 is not tried (stopping at the first refusal would give one).
    const refused = h.events({ reason: 'FailedCreate' }).filter((e) => e.firstTime === 0);
    expect(refused).toHaveLength(4);
    for (const e of refused) expect(e.message).toMatch(/^Error creating: pods "pi-[a-z0-9]{5}" is forbidden: exceeded quota: q, requested: pods=1, used: pods=3, limited: pods=3$/);
  });

  it('runs completions with parallelism, pods finishing after their run-duration, then Complete', () => {
    const h = setup();
    h.create(job('pi', { completions: 3, parallelism: 2 }));
    h.advance(0);
    const pods = h.pods();
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels).toMatchObject({ app: 'pi', 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi' });
      expect(p.metadata.ownerReferences?.[0]).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', controller: true });
      expect(p.metadata.annotations?.[RUN_DURATION_ANNOTATION]).toBe('30s');
    }
    const created = h.events({ reason: 'SuccessfulCreate' });
    expect(created.map((e) => e.message).sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
    expect(created[0]).toMatchObject({ type: 'Normal', source: 'job-controller', object: 'Job/default/pi' });
    expect(status(h)).toMatchObject({ active: 2, succeeded: 0, failed: 0, terminating: 0, startTime: '2026-01-01T00:00:00Z' });
    h.advance(31_000); // both Succeeded at 31 s; the pod events are batched by 1 s
    expect(h.pods()).toHaveLength(2);
    h.advance(1000);
    expect(h.pods()).toHaveLength(3);
    expect(status(h)).toMatchObject({ active: 1, succeeded: 2, failed: 0 });
    expect(condition(h, 'Complete')).toBeUndefined();
    h.advance(32_000); // the third pod succeeds at 63 s, seen at 64 s
    expect(status(h)).toMatchObject({ active: 0, succeeded: 3, failed: 0, terminating: 0, ready: 0, completionTime: h.ctx.timestamp(64_000) });
    expect(condition(h, 'SuccessCriteriaMet')).toMatchObject({ status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' });
    expect(condition(h, 'Complete')).toMatchObject({ status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' });
    expect(h.events({ reason: 'Completed' })).toEqual([expect.objectContaining({ type: 'Normal', message: 'Job completed', firstTime: 64_000 })]);
    h.advance(100_000);
    expect(h.pods()).toHaveLength(3);
  });

  it('retries failed pods with exponential backoff from 10 s, then fails with BackoffLimitExceeded', () => {
    const h = setup();
    h.create(job('pi', { backoffLimit: 3 }, { [FAIL_AFTER_ANNOTATION]: '0ms' }));
    h.advance(600_000);
    // Pod n fails 1 s after creation; the retry waits 10 s, 20 s, 40 s after that failure.
    expect(createdAt(h)).toEqual([0, 11_000, 32_000, 73_000]);
    expect(status(h)).toMatchObject({ active: 0, failed: 4, succeeded: 0 });
    expect(condition(h, 'FailureTarget')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    expect(condition(h, 'Failed')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    expect(h.events({ reason: 'BackoffLimitExceeded' })).toEqual([
      expect.objectContaining({ type: 'Warning', message: 'Job has reached the specified backoff limit', firstTime: 75_000 }),
    ]);
  });

  it('caps the backoff at config.jobBackoffMax', () => {
    const h = setup(['n1'], { jobBackoffBase: 1000, jobBackoffMax: 4000 });
    h.create(job('pi', { backoffLimit: 10 }, { [FAIL_AFTER_ANNOTATION]: '0ms' }));
    h.advance(60_000);
    const t = createdAt(h);
    const gaps = t.slice(1).map((x, i) => x - t[i] - 1000); // minus the 1 s each pod runs
    expect(gaps.slice(0, 6)).toEqual([1000, 2000, 4000, 4000, 4000, 4000]);
  });

  it('TerminatingOrFailed: a pod deleted on a dead node counts as failed and is replaced while it is still Terminating', () => {
    const h = setup(['n1', 'n2']);
    h.create(job('pi', {}, { [RUN_DURATION_ANNOTATION]: '1h' }));
    h.advance(2000);
    const [p] = h.pods();
    h.killNode(p.spec.nodeName!);
    h.advance(50_000);
    h.markNotReady(p); // ≈ t 52 s: the node lifecycle controller marks it NotReady
    h.advance(305_000);
    deletePod(h.ctx, p); // ≈ t 357 s: the taint manager evicts it; it hangs in Terminating
    h.advance(0);
    expect(h.pods()).toHaveLength(1);
    h.advance(1000); // the pod event reaches the Job after the 1 s batch; the 10 s backoff ran out long ago
    expect(h.pods()).toHaveLength(2);
    expect(createdAt(h)).toEqual([0, 358_000]);
    expect(status(h)).toMatchObject({ active: 1, failed: 1, terminating: 1 });
  });

  it('podReplacementPolicy Failed waits for the terminating pod to be gone', () => {
    const h = setup(['n1', 'n2']);
    h.create(job('pi', { podReplacementPolicy: 'Failed' }, { [RUN_DURATION_ANNOTATION]: '1h' }));
    h.advance(2000);
    const [p] = h.pods();
    h.killNode(p.spec.nodeName!);
    h.markNotReady(p);
    h.advance(60_000);
    deletePod(h.ctx, p);
    h.advance(10_000);
    expect(h.pods()).toHaveLength(1);
    expect(status(h)).toMatchObject({ active: 0, failed: 0, terminating: 1 });
    deletePod(h.ctx, h.get<Pod>('Pod', p.metadata.name!), { gracePeriodSeconds: 0 });
    h.advance(1000);
    expect(h.pods()).toHaveLength(1);
    expect(h.pods()[0].metadata.uid).not.toBe(p.metadata.uid);
    expect(status(h)).toMatchObject({ active: 1, failed: 1, terminating: 0 });
  });

  it('counts a force-deleted pod as failed and replaces it after the backoff', () => {
    const h = setup();
    h.create(job('pi', {}, { [RUN_DURATION_ANNOTATION]: '1h' }));
    h.advance(5000);
    deletePod(h.ctx, h.pods()[0], { gracePeriodSeconds: 0 });
    h.advance(1000);
    expect(status(h)).toMatchObject({ failed: 1, active: 0 });
    h.advance(10_000);
    expect(createdAt(h)).toEqual([0, 15_000]);
    expect(status(h)).toMatchObject({ failed: 1, active: 1 });
  });

  it('fails with DeadlineExceeded after activeDeadlineSeconds, stopping its pods', () => {
    const h = setup();
    h.create(job('pi', { activeDeadlineSeconds: 10, parallelism: 2, completions: 2 }, { [RUN_DURATION_ANNOTATION]: '100s' }));
    h.advance(10_000);
    expect(condition(h, 'FailureTarget')).toMatchObject({ reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
    expect(condition(h, 'Failed')).toBeUndefined();
    expect(h.events({ reason: 'SuccessfulDelete' })).toHaveLength(2);
    h.advance(2000);
    expect(condition(h, 'Failed')).toMatchObject({ status: 'True', reason: 'DeadlineExceeded' });
    expect(h.events({ reason: 'DeadlineExceeded' })).toEqual([expect.objectContaining({ type: 'Warning', message: 'Job was active longer than specified deadline' })]);
    expect(h.pods()).toHaveLength(0);
  });

  it('completes a work-queue Job (parallelism, no completions) once a pod succeeded and none is active', () => {
    const h = setup();
    h.create(job('pi', { parallelism: 2 }, { [RUN_DURATION_ANNOTATION]: '5s' }));
    h.advance(10_000);
    expect(condition(h, 'Complete')?.status).toBe('True');
    expect(status(h)).toMatchObject({ succeeded: 2, active: 0 });
    expect(createdAt(h)).toEqual([0, 0]);
  });

  it('suspends (deleting active pods) and resumes', () => {
    const h = setup();
    h.create(job('pi', { parallelism: 2, completions: 4 }));
    h.advance(2000);
    const cur = h.get<Job>('Job', 'pi');
    h.store.update<Job>({ ...cur, spec: { ...cur.spec, suspend: true } });
    h.advance(0);
    expect(condition(h, 'Suspended')).toMatchObject({ status: 'True', reason: 'JobSuspended', message: 'Job suspended' });
    h.advance(5000);
    expect(h.pods()).toHaveLength(0);
    const cur2 = h.get<Job>('Job', 'pi');
    h.store.update<Job>({ ...cur2, spec: { ...cur2.spec, suspend: false } });
    h.advance(0);
    expect(condition(h, 'Suspended')).toMatchObject({ status: 'False', reason: 'JobResumed', message: 'Job resumed' });
    expect(h.pods()).toHaveLength(2);
  });
});
