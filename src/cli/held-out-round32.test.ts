/**
 * Held-out timelines (round 32, life32): round 31's CronJobs and image pulls meeting node
 * failures, drains, deletes and quota; each a scenario in ./run-cases played through
 * `podscape run FILE --until T --output json` and checked against upstream (sources and the
 * derivation in each fixture's header). Memory, OOM and probes: held-out-round32b.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, one, pods, run, s, type Doc, type Obj } from './held-out';

const owned = (d: Doc, prefix: string) => pods(d).filter((p) => p.metadata.name.startsWith(prefix));
const at = (d: Doc, reason: string, object: string) => events(d, reason, object).map((e) => [e.time, e.message]);
type CS = { restartCount: number; state: Record<string, Record<string, unknown>>; lastState: Record<string, Record<string, unknown>> };
const cs = (p: Obj | undefined) => (p?.status?.containerStatuses as CS[] | undefined)?.[0];
const cronStatus = (d: Doc, name: string) => obj(d, 'CronJob', name)?.status as { active?: { name: string }[]; lastScheduleTime?: string; lastSuccessfulTime?: string } | undefined;
const jobStatus = (d: Doc, name: string) => obj(d, 'Job', name)?.status as Record<string, unknown> | undefined;
const kubectl = (d: Doc) => d.kubectl.map((k) => [k.time, k.text]);

describe('a Replace CronJob whose Job pod is on a node that loses power (cronjob-replace-node-loss.yaml)', () => {
  const d = () => run('cronjob-replace-node-loss.yaml', '380s');
  const mid = () => run('cronjob-replace-node-loss.yaml', '300s');

  it('creates a Job every 2 minutes and deletes the active one first, even with its pod on a dead node', () => {
    expect(at(d(), 'SuccessfulCreate', 'CronJob/default/report')).toEqual([
      [s(120.1), 'Created job report-29453762'],
      [s(240.1), 'Created job report-29453764'],
      [s(360.1), 'Created job report-29453766'],
    ]);
    expect(at(d(), 'SuccessfulDelete', 'CronJob/default/report')).toEqual([
      [s(240.1), 'Deleted job report-29453762'],
      [s(360.1), 'Deleted job report-29453764'],
    ]);
    expect(one(d(), 'NodeNotReady', 'Node//worker-1').time).toBe(s(180));
  });

  it('the deleted Job\'s pod stays Terminating on the dead node; the new Job runs on worker-2', () => {
    expect(obj(mid(), 'Job', 'report-29453762')).toBeUndefined();
    const [old] = owned(mid(), 'report-29453762-');
    expect([old.spec?.nodeName, old.metadata.deletionTimestamp, old.metadata.deletionGracePeriodSeconds, old.status?.phase]).toEqual(['worker-1', '2026-01-01T00:04:30Z', 30, 'Running']);
    expect(condition(old, 'Ready')?.status).toBe('False');
    expect(owned(mid(), 'report-29453764-').map((p) => [p.spec?.nodeName, p.status?.phase])).toEqual([['worker-2', 'Running']]);
    expect(cronStatus(mid(), 'report')?.active?.map((r) => r.name)).toEqual(['report-29453764']);
  });

  it('on a live node Replace stops the old pod (Killing); on the dead node nothing could', () => {
    const [replaced] = owned(run('cronjob-replace-node-loss.yaml', '300s'), 'report-29453764-');
    expect(at(d(), 'Killing', `Pod/default/${replaced.metadata.name}`)).toEqual([[s(360.1), 'Stopping container app']]);
    const [old] = owned(mid(), 'report-29453762-');
    expect(events(d(), 'Killing', `Pod/default/${old.metadata.name}`)).toEqual([]);
  });
});

describe('a Forbid CronJob blocked by a Job whose pod is on a dead node (cronjob-forbid-node-loss.yaml)', () => {
  const d = () => run('cronjob-forbid-node-loss.yaml', '700s');

  it('never starts a second Job: JobAlreadyActive from 120.1 s on, at every schedule', () => {
    expect(at(d(), 'SuccessfulCreate', 'CronJob/default/nightly')).toEqual([[s(60.1), 'Created job nightly-29453761']]);
    const row = one(d(), 'JobAlreadyActive', 'CronJob/default/nightly');
    expect([row.type, row.message, row.firstTime]).toEqual(['Normal', 'Not starting job because prior execution is running and concurrency policy is Forbid', s(120.1)]);
    expect(row.lastTime).toBeGreaterThanOrEqual(s(660.1));
    expect(row.count).toBeGreaterThanOrEqual(10); // 2m … 11m, and more syncs on Job updates
    expect(cronStatus(d(), 'nightly')).toMatchObject({ lastScheduleTime: '2026-01-01T00:01:00Z', active: [{ name: 'nightly-29453761' }] });
    expect(cronStatus(d(), 'nightly')?.lastSuccessfulTime).toBeUndefined();
  });

  it('the evicted pod counts as failed and is replaced at once (its Ready went False at 120 s)', () => {
    const [first] = owned(run('cronjob-forbid-node-loss.yaml', '100s'), 'nightly-');
    expect(one(d(), 'TaintManagerEviction', `Pod/default/${first.metadata.name}`).time).toBe(s(425.1));
    const creates = events(d(), 'SuccessfulCreate', 'Job/default/nightly-29453761');
    expect(creates.map((e) => e.time)).toEqual([s(60.1), s(426.1)]);
    const second = owned(d(), 'nightly-').find((p) => p.metadata.name !== first.metadata.name)!;
    expect([second.spec?.nodeName, second.status?.phase]).toEqual(['worker-2', 'Succeeded']);
  });

  it('the Job meets its success criteria but is never Complete while the old pod is terminating', () => {
    expect(jobStatus(d(), 'nightly-29453761')).toMatchObject({ active: 0, succeeded: 1, failed: 1, terminating: 1 });
    const job = obj(d(), 'Job', 'nightly-29453761');
    expect(job?.status?.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([['SuccessCriteriaMet', 'True', 'CompletionsReached']]);
    expect(events(d(), 'SawCompletedJob')).toEqual([]);
    const old = owned(d(), 'nightly-').find((p) => p.metadata.deletionTimestamp)!;
    expect([old.spec?.nodeName, old.status?.phase]).toEqual(['worker-1', 'Running']);
  });
});

describe('a Forbid CronJob with startingDeadlineSeconds whose pod is drained (cronjob-deadline-drain.yaml)', () => {
  const d = () => run('cronjob-deadline-drain.yaml', '400s');

  it('the drained pod is replaced 10 s after its eviction; the Job completes at 167 s', () => {
    const pod = owned(run('cronjob-deadline-drain.yaml', '70s'), 'sweep-')[0].metadata.name;
    expect(kubectl(d())).toEqual([
      [s(80), 'node/worker-1 cordoned'],
      [s(80), `evicting pod default/${pod}`],
      [s(82), `pod/${pod} evicted`],
      [s(82), 'node/worker-1 drained'],
    ]);
    expect(events(d(), 'SuccessfulCreate', 'Job/default/sweep-29453761').map((e) => e.time)).toEqual([s(60.1), s(90)]);
    expect(one(d(), 'Completed', 'Job/default/sweep-29453761').time).toBe(s(167));
  });

  it('a missed time inside the deadline starts late (240 s at 257 s); outside it is skipped without an event (120 s, 300 s)', () => {
    expect(at(d(), 'SuccessfulCreate', 'CronJob/default/sweep')).toEqual([
      [s(60.1), 'Created job sweep-29453761'],
      [s(180.1), 'Created job sweep-29453763'],
      [s(257.1), 'Created job sweep-29453764'],
      [s(360.1), 'Created job sweep-29453766'],
    ]);
    const blocked = one(d(), 'JobAlreadyActive', 'CronJob/default/sweep');
    expect([blocked.count, blocked.firstTime, blocked.lastTime]).toEqual([3, s(120.1), s(300.1)]);
    expect(events(d(), 'MissSchedule')).toEqual([]);
    expect(cronStatus(run('cronjob-deadline-drain.yaml', '300s'), 'sweep')?.lastScheduleTime).toBe('2026-01-01T00:04:00Z');
  });

  it('lastSuccessfulTime is the last Job\'s completionTime, whole seconds on the wire', () => {
    const status = cronStatus(run('cronjob-deadline-drain.yaml', '340s'), 'sweep');
    expect(status?.lastSuccessfulTime).toBe('2026-01-01T00:05:34Z');
    expect(status?.lastSuccessfulTime).toBe(jobStatus(run('cronjob-deadline-drain.yaml', '340s'), 'sweep-29453764')?.completionTime);
  });
});

describe('image pulls on a node that reboots (image-pull-restore.yaml)', () => {
  const d = () => run('image-pull-restore.yaml', '120s');

  it('serial pulls before the power loss: the second waits for the first', () => {
    expect(at(d(), 'Pulled', 'Pod/default/latest')[0]).toEqual([s(41), expect.stringMatching(/^Successfully pulled image "tools:latest" in 20s \(40s including waiting\)\. Image size: \d+ bytes\.$/)]);
  });

  it('after the reboot IfNotPresent finds its image on disk; Always pulls again', () => {
    expect(events(d(), 'NodeNotReady')).toEqual([]);
    expect(at(d(), 'Pulling', 'Pod/default/cached')).toEqual([[s(1), 'Pulling image "shop:2"']]);
    expect(at(d(), 'Pulled', 'Pod/default/cached')[1]).toEqual([s(91), 'Container image "shop:2" already present on machine and can be accessed by the pod']);
    expect(events(d(), 'Pulling', 'Pod/default/latest').map((e) => e.time)).toEqual([s(1), s(91)]);
    for (const p of ['cached', 'latest']) {
      expect(one(d(), 'SandboxChanged', `Pod/default/${p}`).time).toBe(s(90));
      expect(cs(obj(d(), 'Pod', p))).toMatchObject({ restartCount: 1, state: { running: { startedAt: '2026-01-01T00:01:31Z' } } });
    }
  });
});

describe('a drain of a node with a pod in image back-off and a pod mid-pull (image-pull-drain-backoff.yaml)', () => {
  const d = () => run('image-pull-drain-backoff.yaml', '200s');
  const first = (prefix: string) => owned(run('image-pull-drain-backoff.yaml', '39s'), prefix)[0].metadata.name;
  const fresh = (prefix: string) => owned(d(), prefix)[0].metadata.name;

  it('before the drain the failing pull\'s retry waits behind the 60 s pull: one failure only', () => {
    const typo = `Pod/default/${first('typo-')}`;
    expect(one(d(), 'Pulling', typo)).toMatchObject({ count: 2, firstTime: s(1), lastTime: s(11) });
    expect(events(d(), 'Failed', typo).map((e) => [e.count, e.time])).toEqual([[1, s(1)], [1, s(1)]]);
    expect(events(d(), 'BackOff', typo)).toEqual([]);
  });

  it('both pods go at once (nothing runs: no Killing); the replacements are on worker-2', () => {
    expect(kubectl(d()).filter(([, t]) => String(t).startsWith('pod/') || String(t).startsWith('node/'))).toEqual([
      [s(40), 'node/worker-1 cordoned'],
      [s(42), `pod/${first('slow-')} evicted`],
      [s(42), `pod/${first('typo-')} evicted`],
      [s(42), 'node/worker-1 drained'],
    ]);
    expect(events(d(), 'Killing')).toEqual([]);
    expect(pods(d()).map((p) => p.spec?.nodeName)).toEqual(['worker-2', 'worker-2']);
  });

  it('the new typo pod has no back-off (new UID) but its pull waits for big:1: first failure at 101 s', () => {
    const typo = `Pod/default/${fresh('typo-')}`;
    expect(events(d(), 'Pulling', typo)[0].firstTime).toBe(s(41));
    expect(events(d(), 'Failed', typo).map((e) => e.firstTime)).toEqual([s(101), s(101), s(121)]);
    expect(events(d(), 'BackOff', typo)[0].firstTime).toBe(s(121));
    expect(at(d(), 'Pulled', `Pod/default/${fresh('slow-')}`)).toEqual([[s(101), expect.stringMatching(/^Successfully pulled image "big:1" in 1m0s \(1m0s including waiting\)\./)]]);
    expect(cs(obj(run('image-pull-drain-backoff.yaml', '100s'), 'Pod', fresh('typo-')))?.state.waiting).toEqual({ reason: 'ContainerCreating' });
  });
});

describe('ResourceQuota counts pods still pulling their images (image-pull-quota.yaml)', () => {
  const d = () => run('image-pull-quota.yaml', '100s');
  const web = () => owned(d(), 'web-').sort((a, b) => ts0(a) - ts0(b));
  const ts0 = (p: Obj) => Date.parse(p.metadata.creationTimestamp!) - Date.parse('2026-01-01T00:00:00Z');

  it('with solo and two web pods ContainerCreating, the third is refused: used pods=3', () => {
    const early = run('image-pull-quota.yaml', '5s');
    expect(owned(early, 'web-').map((p) => cs(p)?.state.waiting?.reason)).toEqual(['ContainerCreating', 'ContainerCreating']);
    expect(obj(early, 'ResourceQuota', 'pods')?.status).toMatchObject({ used: { pods: '3' } });
    expect(events(d(), 'FailedCreate')[0].message).toMatch(/^Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=3, limited: pods=3$/);
    expect(events(d(), 'FailedCreate')[0].time).toBe(0);
  });

  it('solo, deleted mid-pull, goes at once; the third web pod is created only after', () => {
    expect(obj(run('image-pull-quota.yaml', '11s'), 'Pod', 'solo')).toBeUndefined();
    expect(web().map(ts0)[2]).toBeGreaterThan(s(10));
    expect(web().map(ts0)[2]).toBeLessThan(s(30));
  });

  it('worker-2 finishes solo\'s pull first; the web pods queued behind the first shop:3 pull take 0 s', () => {
    const pulled = web().map((p) => one(d(), 'Pulled', `Pod/default/${p.metadata.name}`));
    expect(pulled.map((e) => e.time)).toEqual([s(61), s(61), s(61)]);
    const msgs = pulled.map((e) => e.message.replace(/ Image size: \d+ bytes\.$/, ''));
    expect(msgs.filter((m) => m === 'Successfully pulled image "shop:3" in 30s (1m0s including waiting).')).toHaveLength(1);
    expect(msgs.filter((m) => m === 'Successfully pulled image "shop:3" in 0s (1m0s including waiting).')).toHaveLength(1);
    const third = web()[2];
    expect(msgs[2]).toBe(`Successfully pulled image "shop:3" in 0s (${(s(61) - one(d(), 'Pulling', `Pod/default/${third.metadata.name}`).time) / 1000}s including waiting).`);
  });
});
