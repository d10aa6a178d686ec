/**
 * Held-out timelines (branch jobs13): the Job controller's fidelity. Each scenario in
 * ./run-cases is played through `podscape run FILE --until T --output json` and checked
 * against upstream: pkg/controller/job/job_controller.go and indexed_job_utils.go,
 * pkg/registry/batch/job/strategy.go, pkg/apis/batch/v1/defaults.go and
 * pkg/apis/batch/validation/validation.go (named in each fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, pods, run, s, ts, type Doc, type Obj } from './held-out';

const INDEX = 'batch.kubernetes.io/job-completion-index';
const UID_LABEL = 'batch.kubernetes.io/controller-uid';
const NAME_LABEL = 'batch.kubernetes.io/job-name';

type PodObj = Obj & {
  metadata: Obj['metadata'] & { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: NonNullable<Obj['spec']> & { hostname?: string; subdomain?: string; containers?: { name: string; env?: unknown[] }[] };
};
const jobPods = (d: Doc, job: string) => pods(d).filter((p) => p.metadata.ownerReferences?.some((r) => r.kind === 'Job' && r.name === job)) as PodObj[];
const indexOf = (p: PodObj) => Number(p.metadata.annotations?.[INDEX]);
const active = (d: Doc, job: string) => jobPods(d, job).filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
const created = (d: Doc, job: string) => events(d, 'SuccessfulCreate', `Job/default/${job}`);

describe('an Indexed Job: names, index annotation and label, hostname, completedIndexes, a failed index retried (indexed_job_utils.go)', () => {
  const at = (until: string) => run('job-indexed.yaml', until);

  it('the Job gets the generated selector and labels (strategy.go generateSelector) and its template labels as its own (SetDefaults_Job)', () => {
    const job = obj(at('5s'), 'Job', 'render')!;
    const uid = job.metadata.uid!;
    const spec = job.spec as { selector?: unknown; manualSelector?: boolean; template: { metadata: { labels: Record<string, string> } } };
    expect(spec.manualSelector).toBe(false);
    expect(spec.selector).toEqual({ matchLabels: { [UID_LABEL]: uid } });
    const labels = { [UID_LABEL]: uid, [NAME_LABEL]: 'render', 'controller-uid': uid, 'job-name': 'render' };
    expect(spec.template.metadata.labels).toEqual(labels);
    expect((job.metadata as { labels?: unknown }).labels).toEqual(labels);
  });

  it('creates indexes 0, 1 and 2 as <job>-<index>-<suffix>, each with its index annotation and label, hostname <job>-<index>, the subdomain and JOB_COMPLETION_INDEX', () => {
    const d = at('5s');
    const ps = jobPods(d, 'render').sort((a, b) => indexOf(a) - indexOf(b));
    expect(ps.map(indexOf)).toEqual([0, 1, 2]);
    const uid = obj(d, 'Job', 'render')!.metadata.uid!;
    for (const p of ps) {
      const i = indexOf(p);
      expect(p.metadata.name).toMatch(new RegExp(`^render-${i}-[a-z0-9]{5}$`));
      expect(p.metadata.labels).toMatchObject({ [INDEX]: String(i), [UID_LABEL]: uid, [NAME_LABEL]: 'render', 'controller-uid': uid, 'job-name': 'render' });
      expect(p.spec.hostname).toBe(`render-${i}`);
      expect(p.spec.subdomain).toBe('frames');
      expect(p.spec.containers?.[0].env).toEqual([{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.labels['${INDEX}']` } } }]);
    }
    const rows = created(d, 'render');
    expect(rows.map((e) => e.message).sort()).toEqual(ps.map((p) => `Created pod: ${p.metadata.name}`).sort());
    expect(rows.every((e) => e.firstTime === 0 && e.source === 'job-controller')).toBe(true);
  });

  it('a deleted pod counts as failed and its index (only) is created again after the 10 s backoff', () => {
    const d = at('25s');
    const rows = created(d, 'render');
    expect(rows).toHaveLength(4);
    const again = rows[3];
    expect(again.message).toMatch(/^Created pod: render-1-[a-z0-9]{5}$/);
    expect(again.firstTime).toBeGreaterThanOrEqual(s(20));
    expect(again.firstTime).toBeLessThanOrEqual(s(21));
    expect(obj(d, 'Job', 'render')?.status).toMatchObject({ failed: 1, succeeded: 0, active: 3 });
    expect(active(d, 'render').map(indexOf).sort()).toEqual([0, 1, 2]);
  });

  it('completedIndexes lists the succeeded indexes as intervals ("0,2" for two apart), succeeded counts them, and the next indexes start', () => {
    const d = at('45s');
    const status = obj(d, 'Job', 'render')?.status;
    expect(status).toMatchObject({ completedIndexes: '0,2', succeeded: 2, failed: 1, active: 3 });
    expect(active(d, 'render').map(indexOf).sort()).toEqual([1, 3, 4]);
    expect(condition(obj(d, 'Job', 'render'), 'Complete')).toBeUndefined();
  });

  it('completes with completedIndexes "0-4", succeeded 5, and never creates an index past completions', () => {
    const d = at('3m');
    const job = obj(d, 'Job', 'render')!;
    expect(job.status).toMatchObject({ completedIndexes: '0-4', succeeded: 5, failed: 1, active: 0 });
    expect(condition(job, 'Complete')).toMatchObject({ status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' });
    expect(events(d, 'Completed', 'Job/default/render')).toHaveLength(1);
    const rows = created(d, 'render');
    expect(rows).toHaveLength(6);
    expect(rows.map((e) => Number(/^Created pod: render-(\d+)-/.exec(e.message)?.[1])).sort()).toEqual([0, 1, 1, 2, 3, 4]);
  });
});

describe('a node lost under an Indexed Job: the index recreated, never two active pods for one index (job_controller.go, indexed_job_utils.go firstPendingIndexes)', () => {
  const at = (until: string) => run('job-indexed-dead-node.yaml', until);
  const lostIndex = (job: string) => indexOf(jobPods(at('6m'), job).find((p) => p.spec.nodeName === 'worker-2')!);

  it('before the eviction each Job has one pod per index and nothing replaced', () => {
    const d = at('6m');
    for (const job of ['spread', 'strict']) {
      expect(active(d, job).map(indexOf).sort()).toEqual([0, 1, 2]);
      expect(created(d, job)).toHaveLength(3);
    }
  });

  it('TerminatingOrFailed: at the taint manager\'s delete the pod counts as failed and its index is created again within the 1 s batch', () => {
    const d = at('8m');
    const i = lostIndex('spread');
    const eviction = events(d, 'TaintManagerEviction').find((e) => e.object.startsWith('Pod/default/spread-'))!;
    const rows = created(d, 'spread');
    expect(rows).toHaveLength(4);
    expect(rows[3].message).toMatch(new RegExp(`^Created pod: spread-${i}-[a-z0-9]{5}$`));
    expect(rows[3].firstTime).toBeGreaterThanOrEqual(eviction.firstTime);
    expect(rows[3].firstTime).toBeLessThanOrEqual(eviction.firstTime + s(2));
    expect(active(d, 'spread').map(indexOf).sort()).toEqual([0, 1, 2]);
    const old = jobPods(d, 'spread').filter((p) => p.metadata.deletionTimestamp);
    expect(old.map(indexOf)).toEqual([i]);
    expect(obj(d, 'Job', 'spread')?.status).toMatchObject({ active: 3, failed: 1, terminating: 1 });
  });

  it('Failed: the terminating pod keeps its index; no replacement while the node is dead', () => {
    const d = at('8m');
    expect(created(d, 'strict')).toHaveLength(3);
    expect(active(d, 'strict').map(indexOf).sort()).toEqual([0, 1, 2].filter((x) => x !== lostIndex('strict')));
    expect(obj(d, 'Job', 'strict')?.status).toMatchObject({ active: 2, failed: 0, terminating: 1 });
  });

  it('Failed: after the node\'s return the old pod goes, then its index is created again', () => {
    const d = at('12m');
    const i = lostIndex('strict');
    const rows = created(d, 'strict');
    expect(rows).toHaveLength(4);
    expect(rows[3].message).toMatch(new RegExp(`^Created pod: strict-${i}-[a-z0-9]{5}$`));
    expect(rows[3].firstTime).toBeGreaterThanOrEqual(s(600));
    expect(rows[3].firstTime).toBeLessThanOrEqual(s(620));
    expect(jobPods(d, 'strict').filter((p) => p.metadata.deletionTimestamp)).toEqual([]);
    expect(active(d, 'strict').map(indexOf).sort()).toEqual([0, 1, 2]);
    expect(obj(d, 'Job', 'strict')?.status).toMatchObject({ active: 3, failed: 1, terminating: 0 });
    const again = jobPods(d, 'strict').find((p) => `Created pod: ${p.metadata.name}` === rows[3].message)!;
    expect(ts(again.metadata.creationTimestamp)).toBe(rows[3].firstTime);
  });
});

describe('apply onto Jobs: ValidateJobSpecUpdate\'s refusals with kubectl\'s text, the state kept (pkg/apis/batch/validation)', () => {
  const d = () => run('job-apply.yaml', '70s');
  const line = (t: number) => d().kubectl.filter((l) => l.time === s(t));

  it('the manifest applied again is unchanged: the generated selector and labels stay', () => {
    expect(line(10)).toEqual([{ time: s(10), action: 'apply', stream: 'stdout', text: 'job.batch/batch unchanged' }]);
    const job = obj(d(), 'Job', 'batch')!;
    expect((job.spec as { selector?: unknown }).selector).toEqual({ matchLabels: { [UID_LABEL]: job.metadata.uid } });
  });

  it('refuses completions on a NonIndexed Job and a template change on a started Job, and keeps the Job', () => {
    expect(line(20)).toEqual([{ time: s(20), action: 'apply', stream: 'stderr', text: 'The Job "batch" is invalid: spec.completions: Invalid value: 5: field is immutable' }]);
    expect(line(25)).toHaveLength(1);
    expect(line(25)[0].stream).toBe('stderr');
    expect(line(25)[0].text).toMatch(/^The Job "batch" is invalid: spec\.template: Invalid value: .+: field is immutable$/);
    const spec = obj(run('job-apply.yaml', '29s'), 'Job', 'batch')!.spec as { completions: number; template: { spec: Record<string, unknown> } };
    expect(spec.completions).toBe(3);
    expect(spec.template.spec.nodeSelector).toBeUndefined();
  });

  it('takes parallelism at once, and a suspended never-started Job\'s nodeSelector', () => {
    expect(line(30)).toEqual([{ time: s(30), action: 'apply', stream: 'stdout', text: 'job.batch/batch configured' }]);
    expect(created(d(), 'batch').map((e) => e.firstTime)).toEqual([0, s(30)]);
    expect(line(40)).toEqual([{ time: s(40), action: 'apply', stream: 'stdout', text: 'job.batch/held configured' }]);
    expect((obj(d(), 'Job', 'held')!.spec as { template: { spec: { nodeSelector?: unknown } } }).template.spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'worker-1' });
  });

  it('an Indexed Job scales completions with parallelism (indexes 2 and 3 created), not without', () => {
    expect(line(50)).toEqual([{ time: s(50), action: 'apply', stream: 'stdout', text: 'job.batch/grid configured' }]);
    expect(active(d(), 'grid').map(indexOf).sort()).toEqual([0, 1, 2, 3]);
    expect(line(60)).toEqual([{ time: s(60), action: 'apply', stream: 'stderr', text: 'The Job "grid" is invalid: spec.completions: Invalid value: 5: can only be modified in tandem with spec.parallelism' }]);
    expect(obj(d(), 'Job', 'grid')!.spec).toMatchObject({ completions: 4, parallelism: 4 });
  });
});

describe('suspend and resume: the Suspended condition and the Suspended/Resumed events (job_controller.go syncJob)', () => {
  const d = () => run('job-apply.yaml', '70s');
  it('a Job created suspended records `Suspended` once; resumed, `Resumed`, the condition False/JobResumed and startTime reset', () => {
    expect(events(d(), 'Suspended', 'Job/default/held')).toEqual([expect.objectContaining({ type: 'Normal', message: 'Job suspended', firstTime: 0, count: 1, source: 'job-controller' })]);
    expect(events(d(), 'Resumed', 'Job/default/held')).toEqual([expect.objectContaining({ type: 'Normal', message: 'Job resumed', firstTime: s(45), count: 1 })]);
    const job = obj(d(), 'Job', 'held')!;
    expect(condition(job, 'Suspended')).toMatchObject({ status: 'False', reason: 'JobResumed', message: 'Job resumed' });
    expect(ts(condition(job, 'Suspended')!.lastTransitionTime)).toBe(s(45));
    expect(ts(job.status?.startTime as string)).toBe(s(45));
    const [p] = jobPods(d(), 'held');
    expect(p.spec.nodeName).toBe('worker-1');
    expect(ts(p.metadata.creationTimestamp)).toBe(s(45));
  });
});

describe('podFailurePolicy and a pod lost with its node (pod_failure_policy.go matchPodFailurePolicy)', () => {
  const d = () => run('job-pod-failure-policy.yaml', '12m');
  const before = () => run('job-pod-failure-policy.yaml', '9m');

  it('while the node is dead the evicted pods stay Terminating, uncounted and unreplaced (podReplacementPolicy Failed)', () => {
    for (const job of ['tolerant', 'counted', 'strict']) {
      expect(obj(before(), 'Job', job)?.status).toMatchObject({ active: 0, failed: 0, terminating: 1 });
      expect(created(before(), job)).toHaveLength(1);
      expect(condition(jobPods(before(), job)[0], 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager' });
    }
  });

  it('Ignore on DisruptionTarget: the failure is not counted (backoffLimit 0 not exceeded) and the pod is replaced', () => {
    const job = obj(d(), 'Job', 'tolerant')!;
    expect(job.status).toMatchObject({ failed: 0, active: 1 });
    expect(job.status?.conditions ?? []).toEqual([]);
    const rows = created(d(), 'tolerant');
    expect(rows).toHaveLength(2);
    expect(rows[1].firstTime).toBeGreaterThanOrEqual(s(600));
    expect(rows[1].firstTime).toBeLessThanOrEqual(s(605));
  });

  it('no matching rule: the failure counts, BackoffLimitExceeded', () => {
    const job = obj(d(), 'Job', 'counted')!;
    expect(job.status).toMatchObject({ failed: 1, active: 0 });
    expect(condition(job, 'Failed')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded' });
  });

  it('FailJob on DisruptionTarget: FailureTarget and Failed with reason PodFailurePolicy and the upstream message, a Warning event', () => {
    const job = obj(d(), 'Job', 'strict')!;
    const pod = /^Created pod: (.+)$/.exec(created(d(), 'strict')[0].message)![1];
    const message = `Pod default/${pod} has condition DisruptionTarget matching FailJob rule at index 0`;
    for (const type of ['FailureTarget', 'Failed']) expect(condition(job, type)).toMatchObject({ status: 'True', reason: 'PodFailurePolicy', message });
    expect(events(d(), 'PodFailurePolicy', 'Job/default/strict')).toEqual([expect.objectContaining({ type: 'Warning', message, source: 'job-controller' })]);
    expect(events(d(), 'BackoffLimitExceeded', 'Job/default/strict')).toEqual([]);
    expect(created(d(), 'strict')).toHaveLength(1);
  });
});

describe('ttlSecondsAfterFinished: the finished Job and its pods deleted at finish + TTL (pkg/controller/ttlafterfinished)', () => {
  const done = () => one2(run('job-ttl.yaml', '3m'), 'short');
  const one2 = (d: Doc, job: string) => events(d, 'Completed', `Job/default/${job}`)[0].firstTime;
  const at = (ms: number) => run('job-ttl.yaml', `${ms}ms`);

  it('keeps a finished Job until its TTL has passed, then removes it and its pod; a Job without TTL stays', () => {
    const finished = done();
    expect(finished).toBeGreaterThan(s(20));
    const still = at(finished + s(29));
    expect(obj(still, 'Job', 'short')).toBeDefined();
    expect(jobPods(still, 'short')).toHaveLength(1);
    const gone = at(finished + s(31));
    expect(obj(gone, 'Job', 'short')).toBeUndefined();
    expect(jobPods(gone, 'short')).toEqual([]);
    expect(obj(gone, 'Job', 'kept')).toBeDefined();
    expect(jobPods(gone, 'kept')).toHaveLength(1);
  });

  it('ttlSecondsAfterFinished 0: gone as soon as it has finished', () => {
    const d = run('job-ttl.yaml', '3m');
    const finished = one2(d, 'zero');
    expect(obj(at(finished + s(1)), 'Job', 'zero')).toBeUndefined();
    expect(jobPods(at(finished + s(1)), 'zero')).toEqual([]);
  });
});

describe('backoffLimitPerIndex and maxFailedIndexes (job_controller.go, indexed_job_utils.go isIndexFailed, backoff_utils.go getRemainingTimePerIndex)', () => {
  const d = () => run('job-backoff-per-index.yaml', '3m');
  const FAILURE_COUNT = 'batch.kubernetes.io/job-index-failure-count';

  it('defaults backoffLimit to MaxInt32 and writes failedIndexes "" from the start', () => {
    const early = run('job-backoff-per-index.yaml', '5s');
    expect(obj(early, 'Job', 'shard')?.spec).toMatchObject({ backoffLimit: 2147483647, backoffLimitPerIndex: 1 });
    expect(obj(early, 'Job', 'shard')?.status).toMatchObject({ failedIndexes: '', active: 3 });
    for (const p of jobPods(early, 'shard')) expect(p.metadata.annotations?.[FAILURE_COUNT]).toBe('0');
  });

  it('retries a failed index below the limit after the per-index backoff, counting its failures on the pod', () => {
    const rows = created(d(), 'shard');
    expect(rows).toHaveLength(4);
    expect(rows[3].message).toMatch(/^Created pod: shard-0-[a-z0-9]{5}$/);
    expect(rows[3].firstTime).toBeGreaterThanOrEqual(s(20));
    expect(rows[3].firstTime).toBeLessThanOrEqual(s(21));
    const retry = jobPods(run('job-backoff-per-index.yaml', '25s'), 'shard').find((p) => `Created pod: ${p.metadata.name}` === rows[3].message)!;
    expect(retry.metadata.annotations?.[FAILURE_COUNT]).toBe('1');
  });

  it('marks the index failed at the limit, never retries it, and fails the Job with FailedIndexes once every index has finished', () => {
    const job = obj(d(), 'Job', 'shard')!;
    expect(job.status).toMatchObject({ failedIndexes: '0', completedIndexes: '1,2', succeeded: 2, failed: 2, active: 0 });
    for (const type of ['FailureTarget', 'Failed']) expect(condition(job, type)).toMatchObject({ status: 'True', reason: 'FailedIndexes', message: 'Job has failed indexes' });
    expect(events(d(), 'FailedIndexes', 'Job/default/shard')).toEqual([expect.objectContaining({ type: 'Warning', message: 'Job has failed indexes' })]);
    const mid = obj(run('job-backoff-per-index.yaml', '45s'), 'Job', 'shard')!;
    expect(mid.status).toMatchObject({ failedIndexes: '0', failed: 2, active: 2 });
  });

  it('maxFailedIndexes exceeded: MaxFailedIndexesExceeded, the other indexes\' pods deleted', () => {
    const job = obj(d(), 'Job', 'capped')!;
    // The two pods the failing Job deletes count as failed (trackJobStatusAndRemoveFinalizers), their indexes do not fail.
    expect(job.status).toMatchObject({ failedIndexes: '1', failed: 3, active: 0, succeeded: 0 });
    const message = 'Job has exceeded the specified maximal number of failed indexes';
    for (const type of ['FailureTarget', 'Failed']) expect(condition(job, type)).toMatchObject({ status: 'True', reason: 'MaxFailedIndexesExceeded', message });
    expect(events(d(), 'MaxFailedIndexesExceeded', 'Job/default/capped')).toEqual([expect.objectContaining({ type: 'Warning', message })]);
    expect(created(d(), 'capped')).toHaveLength(3);
    const deleted = events(d(), 'SuccessfulDelete', 'Job/default/capped');
    expect(deleted).toHaveLength(2);
    for (const e of deleted) expect(e.firstTime).toBeLessThanOrEqual(s(12));
  });
});
