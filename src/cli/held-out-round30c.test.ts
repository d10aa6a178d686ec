/**
 * Held-out timelines (round 30, third part): which toleration decides on a dead node, a node
 * flapping while the NoExecute tainting is rate limited, and PodGC's terminated-pod
 * threshold; each a scenario in ./run-cases played through `podscape run FILE --until T
 * --output json` and checked against upstream (sources in each fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { events, obj, one, pods, run, s, ts, type Doc, type Obj } from './held-out';

const marks = (d: Doc) => events(d, 'TaintManagerEviction').filter((e) => e.message.startsWith('Marking for deletion'));
const noExecute = (n: Obj | undefined) => n?.spec?.taints?.find((t) => t.effect === 'NoExecute');
const names = (d: Doc) => pods(d).map((p) => p.metadata.name).sort();

describe('which toleration decides on a dead node (toleration-matching.yaml)', () => {
  const d = () => run('toleration-matching.yaml', '500s');
  const keys = (name: string) => obj(d(), 'Pod', name)?.spec?.tolerations?.map((t) => `${String(t.key)}:${String(t.tolerationSeconds)}`);

  it('admission adds only the default whose key and effect no toleration names, whatever the operator', () => {
    expect(keys('equal')).toEqual(['node.kubernetes.io/unreachable:undefined', 'node.kubernetes.io/not-ready:300']);
    expect(keys('neg')).toEqual(['node.kubernetes.io/unreachable:-5', 'node.kubernetes.io/not-ready:300']);
    expect(keys('two')).toHaveLength(2);
    expect(keys('noseconds')).toHaveLength(2);
  });

  it('the first matching toleration sets the time: -5 s and an untolerating Equal at once, 60 s before a later 30 s, none never', () => {
    const taint = ts(noExecute(obj(d(), 'Node', 'worker-2'))?.timeAdded);
    expect(taint).toBe(s(75));
    expect(marks(d()).map((e) => [e.time, e.object])).toEqual([
      [s(75.1), 'Pod/default/equal'],
      [s(75.1), 'Pod/default/neg'],
      [s(135.1), 'Pod/default/two'],
    ]);
    expect(obj(d(), 'Pod', 'noseconds')?.metadata.deletionTimestamp).toBeUndefined();
  });
});

describe('a node flapping while a three-node loss is tainted at the rate limit (flap-during-rate-limit.yaml)', () => {
  const d = () => run('flap-during-rate-limit.yaml', '500s');
  const taintAt = (n: string) => ts(noExecute(obj(d(), 'Node', n))?.timeAdded);
  const podOn = (n: string) => pods(d()).find((p) => p.spec?.nodeName === n && ts(p.metadata.creationTimestamp) === 0)!;

  it('n-02 and n-03 are tainted 10 s apart after n-01 took the first token; n-01 came back and its deletion was cancelled', () => {
    expect(taintAt('n-02')).toBe(s(85));
    expect(taintAt('n-03')).toBe(s(95));
    const rows = events(d(), 'TaintManagerEviction', `Pod/default/${podOn('n-01').metadata.name}`).map((e) => [e.time, e.message]);
    expect(rows).toEqual([
      [s(80), `Cancelling deletion of Pod default/${podOn('n-01').metadata.name}`],
      [s(455.1), `Marking for deletion Pod default/${podOn('n-01').metadata.name}`],
    ]);
  });

  it('lost again at 100 s: NotReady a second time at 150 s, tainted anew at 155 s, deleted 300 s later', () => {
    expect(one(d(), 'NodeNotReady', 'Node//n-01')).toMatchObject({ count: 2, firstTime: s(70), lastTime: s(150) });
    expect(taintAt('n-01')).toBe(s(155));
    expect(marks(d()).map((e) => e.time)).toEqual([s(385.1), s(395.1), s(455.1)]);
  });
});

describe("PodGC's terminated-pod threshold lowered to 3 (terminated-pod-gc.yaml)", () => {
  const at20 = () => run('terminated-pod-gc.yaml', '21s');
  const at40 = () => run('terminated-pod-gc.yaml', '41s');

  it('at the 20 s pass three pods are terminated: none deleted', () => {
    const terminated = pods(at20()).filter((p) => p.status?.phase === 'Succeeded');
    expect(terminated).toHaveLength(3);
    expect(names(at20())).toContain('once');
  });

  it('at the 40 s pass seven are: the four oldest go (creation time, then name), Running pods stay; no event', () => {
    const before = pods(run('terminated-pod-gc.yaml', '39s')).filter((p) => p.status?.phase === 'Succeeded');
    expect(before).toHaveLength(7);
    const expected = [...before]
      .sort((a, b) => ts(a.metadata.creationTimestamp) - ts(b.metadata.creationTimestamp) || (a.metadata.name < b.metadata.name ? -1 : 1))
      .slice(4)
      .map((p) => p.metadata.name);
    expect(pods(at40()).filter((p) => p.status?.phase === 'Succeeded').map((p) => p.metadata.name).sort()).toEqual(expected.sort());
    expect(names(at40())).toContain('server');
    expect(names(at40())).not.toContain('once');
    expect(events(at40(), 'Killing')).toEqual([]);
  });

  it('the Job had counted every pod: Complete with succeeded 6 although three pods are left', () => {
    expect(obj(at40(), 'Job', 'batch')?.status).toMatchObject({ succeeded: 6, active: 0, failed: 0 });
    expect(pods(at40()).filter((p) => p.metadata.name.startsWith('batch-'))).toHaveLength(3);
  });
});

describe('a drain of a dead node under two minAvailable "67%" budgets (pdb-percent-dead-node-drain.yaml)', () => {
  const early = () => run('pdb-percent-dead-node-drain.yaml', '60s');
  const d = () => run('pdb-percent-dead-node-drain.yaml', '170s');
  const budget = (doc: Doc, name: string) => obj(doc, 'PodDisruptionBudget', name)?.status;
  const onDead = (doc: Doc, prefix: string) => pods(doc).find((p) => p.spec?.nodeName === 'worker-3' && p.metadata.name.startsWith(prefix))!;

  it('67% of 3 rounds up to 3: nothing allowed even while all are healthy', () => {
    for (const name of ['strict', 'loose']) {
      expect(budget(early(), name)).toMatchObject({ expectedPods: 3, desiredHealthy: 3, currentHealthy: 3, disruptionsAllowed: 0 });
    }
  });

  it('AlwaysAllow evicts the NotReady pod; IfHealthyBudget (2 healthy < 3) refuses every 5 s until the timeout', () => {
    const loose = onDead(d(), 'loose-');
    expect(loose.metadata.deletionTimestamp).toBeDefined();
    expect(loose.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ reason: 'EvictionByEvictionAPI' });
    const strict = onDead(d(), 'strict-');
    expect(strict.metadata.deletionTimestamp).toBeUndefined();
    const refusals = d().kubectl.filter((l) => l.text.includes(`error when evicting pods/"${strict.metadata.name}"`) && l.text.includes('(will retry after 5s)'));
    expect(refusals.map((l) => l.time)).toEqual(Array.from({ length: 12 }, (_, i) => s(100 + 5 * i)));
    expect(d().kubectl.some((l) => l.time === s(160) && l.text === `error when evicting pods/"${strict.metadata.name}" -n "default": global timeout reached: 1m0s`)).toBe(true);
    expect(budget(d(), 'strict')).toMatchObject({ currentHealthy: 2, desiredHealthy: 3, disruptionsAllowed: 0 });
    expect(budget(d(), 'loose')).toMatchObject({ currentHealthy: 3, desiredHealthy: 3 });
  });
});
