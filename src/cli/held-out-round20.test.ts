/**
 * Held-out timelines (round 20), each a scenario in ./run-cases played through `podscape run FILE
 * --until T --output json` and checked against upstream (the upstream source is named in each
 * fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, pods, run, s, ts, type Doc } from './held-out';

/** What kubectl drain prints (stderr, at second `t`) when its wait for `pod` on `node` ends in `err`. */
const gaveUp = (t: number, node: string, pod: string, err: string) => [
  `${t} stderr There are pending pods in node "${node}" when an error occurred: ${err}`,
  `${t} stderr pod/${pod}`,
  `${t} stderr error: unable to drain node "${node}" due to error: ${err}, continuing command...`,
  `${t} stderr There are pending nodes to be drained:`,
  `${t} stderr  ${node}`,
  `${t} stderr error: ${err}`,
];

describe("the kubelet's container events in v1.36 (container-events.yaml)", () => {
  const d = () => run('container-events.yaml', '60s');
  const rows = (pod: string, reason: string) =>
    events(d(), reason, `Pod/default/${pod}`).map((e) => [e.message, e.fieldPath, e.count, e.firstTime, e.source, e.type]);

  it('Pulled says the image can be accessed by the pod (KubeletEnsureSecretPulledImages, on since v1.35); one row a container, two for two containers of one image', () => {
    const msg = (image: string) => `Container image "${image}" already present on machine and can be accessed by the pod`;
    expect(rows('pair', 'Pulled')).toEqual([
      [msg('busybox'), 'spec.containers{app}', 1, s(1), 'kubelet', 'Normal'],
      [msg('busybox'), 'spec.containers{log}', 1, s(1), 'kubelet', 'Normal'],
    ]);
    expect(rows('solo', 'Pulled')).toEqual([[msg('nginx'), 'spec.containers{web}', 1, s(1), 'kubelet', 'Normal']]);
  });

  it('Created and Started carry no container name (kubernetes#134043); the fieldPath names the container', () => {
    expect(rows('pair', 'Created')).toEqual([
      ['Container created', 'spec.containers{app}', 1, s(1), 'kubelet', 'Normal'],
      ['Container created', 'spec.containers{log}', 1, s(1), 'kubelet', 'Normal'],
    ]);
    expect(rows('pair', 'Started')).toEqual([
      ['Container started', 'spec.containers{app}', 1, s(1), 'kubelet', 'Normal'],
      ['Container started', 'spec.containers{log}', 1, s(1), 'kubelet', 'Normal'],
    ]);
    expect(rows('solo', 'Started')).toEqual([['Container started', 'spec.containers{web}', 1, s(1), 'kubelet', 'Normal']]);
  });

  it('each container is pulled, created and started in turn (the rows in that order); Killing keeps its wording, one row a container', () => {
    const pair = d().events.filter((e) => e.object === 'Pod/default/pair' && e.source === 'kubelet');
    expect(pair.map((e) => `${e.reason} ${e.fieldPath}`)).toEqual([
      'Pulled spec.containers{app}',
      'Created spec.containers{app}',
      'Started spec.containers{app}',
      'Pulled spec.containers{log}',
      'Created spec.containers{log}',
      'Started spec.containers{log}',
      'Killing spec.containers{app}',
      'Killing spec.containers{log}',
    ]);
    expect(rows('pair', 'Killing')).toEqual([
      ['Stopping container app', 'spec.containers{app}', 1, s(20), 'kubelet', 'Normal'],
      ['Stopping container log', 'spec.containers{log}', 1, s(20), 'kubelet', 'Normal'],
    ]);
  });
});

describe("kubectl drain's --timeout, --disable-eviction and --pod-selector (drain-flags.yaml)", () => {
  const d = () => run('drain-flags.yaml', '120s');
  /** The Deployments pinned to each node. */
  const apps: Record<string, string[]> = { 'worker-1': ['guarded'], 'worker-2': ['plain'], 'worker-3': ['stuck'], 'worker-4': ['lost'], 'worker-5': ['web', 'cache'] };
  /** kubectl's lines about one node's drain, as `<time s> <stream> <text>` with pod names' suffixes cut. */
  const lines = (doc: Doc, node: string, from: number) => {
    const others = (text: string) => Object.entries(apps).some(([n, list]) => n !== node && list.some((a) => new RegExp(`\\b${a}-`).test(text)));
    const mine = (text: string) => text.includes(node) || apps[node].some((a) => new RegExp(`\\b${a}-`).test(text));
    // The instants of this drain's failure: every line then is its (no other drain prints at them).
    const failed = new Set(doc.kubectl.filter((l) => l.text.startsWith(`error: unable to drain node "${node}"`)).map((l) => l.time));
    return doc.kubectl
      .filter((l) => l.action === 'drain' && l.time >= s(from) && (mine(l.text) || (failed.has(l.time) && !others(l.text))))
      .map((l) => `${l.time / 1000} ${l.stream} ${l.text.replace(/-[a-z0-9]{8,10}-[a-z0-9]{5}\b/g, '-x')}`);
  };

  it('--timeout=60s with a budget that refuses: 429 retries every 5 s until 90 s, where the retry prints its line and gives up with "global timeout reached: 1m0s"; the pods stay, the node stays cordoned', () => {
    const got = lines(d(), 'worker-1', 30);
    const retries = got.filter((l) => l.endsWith('evicting pod default/guarded-x'));
    // 30, 35, …, 85 s and the last at 90 s, for each of the two pods.
    expect(retries.map((l) => Number(l.split(' ')[0]))).toEqual([30, 30, 35, 35, 40, 40, 45, 45, 50, 50, 55, 55, 60, 60, 65, 65, 70, 70, 75, 75, 80, 80, 85, 85, 90, 90]);
    const timeout = 'error when evicting pods/"guarded-x" -n "default": global timeout reached: 1m0s';
    expect(got.filter((l) => !l.includes('evicting pod default/') && !l.includes('will retry after 5s'))).toEqual([
      '30 stdout node/worker-1 cordoned',
      `90 stderr There are pending pods in node "worker-1" when an error occurred: [${timeout}, ${timeout}]`,
      '90 stderr pod/guarded-x',
      '90 stderr pod/guarded-x',
      `90 stderr error: unable to drain node "worker-1" due to error: [${timeout}, ${timeout}], continuing command...`,
      '90 stderr There are pending nodes to be drained:',
      '90 stderr  worker-1',
      `90 stderr ${timeout}`,
      `90 stderr ${timeout}`,
    ]);
    expect(pods(d()).filter((p) => p.spec?.nodeName === 'worker-1' && !p.metadata.deletionTimestamp)).toHaveLength(2);
    expect(obj(d(), 'Node', 'worker-1')?.spec?.unschedulable).toBe(true);
    // After the timeout nothing more is tried.
    expect(d().kubectl.filter((l) => l.time > s(90) && l.text.includes('guarded'))).toEqual([]);
  });

  it('--disable-eviction: a plain delete that the budget does not stop, no DisruptionTarget; "pod/<p> deleted" once it is gone, then drained', () => {
    const got = lines(d(), 'worker-2', 30);
    expect(got[0]).toBe('30 stdout node/worker-2 cordoned');
    expect(got.slice(1).map((l) => l.replace(/^\d+ /, ''))).toEqual(['stdout pod/plain-x deleted', 'stdout node/worker-2 drained']);
    expect(got.some((l) => l.includes('evicting'))).toBe(false);
    expect(events(d(), 'Killing').filter((e) => e.object.startsWith('Pod/default/plain-')).map((e) => e.firstTime)).toEqual([s(30)]);
  });

  it('--disable-eviction --timeout=20s on a dead node: deleted at 30 s, the wait itself times out at 50 s ("timed out waiting for the condition"), the Terminating pod listed', () => {
    const got = lines(d(), 'worker-3', 30);
    const err = 'timed out waiting for the condition';
    expect(got).toEqual(['30 stdout node/worker-3 cordoned', ...gaveUp(50, 'worker-3', 'stuck-x', err)]);
    const stuck = pods(d()).find((p) => p.metadata.name.startsWith('stuck-') && p.spec?.nodeName === 'worker-3');
    expect(stuck?.metadata.deletionTimestamp).toBeDefined();
    expect(stuck?.status?.conditions?.some((c) => c.type === 'DisruptionTarget')).toBe(false);
  });

  it('--timeout=30s with an accepted eviction on a dead node: the wait for the pod ends at 60 s, "error when waiting for pod … to terminate: global timeout reached: 30s"', () => {
    const got = lines(d(), 'worker-4', 30);
    const err = 'error when waiting for pod "lost-x" in namespace "default" to terminate: global timeout reached: 30s';
    expect(got).toEqual(['30 stdout node/worker-4 cordoned', '30 stdout evicting pod default/lost-x', ...gaveUp(60, 'worker-4', 'lost-x', err)]);
  });

  it('--pod-selector: an invalid one is refused before the cordon; app=cache evicts only the cache pod and drains', () => {
    const doc = d();
    const refused = doc.kubectl.filter((l) => l.time === s(20));
    expect(refused.map((l) => [l.stream, l.text])).toEqual([['stderr', 'error: --pod-selector=<pod_selector> must be a valid label selector']]);
    expect(run('drain-flags.yaml', '25s').objects.find((o) => o.kind === 'Node' && o.metadata.name === 'worker-5')?.spec?.unschedulable).toBeUndefined();
    const got = lines(doc, 'worker-5', 30).map((l) => l.replace(/^\d+ /, ''));
    expect(got).toEqual(['stdout node/worker-5 cordoned', 'stdout evicting pod default/cache-x', 'stdout pod/cache-x evicted', 'stdout node/worker-5 drained']);
    const left = pods(doc).filter((p) => p.spec?.nodeName === 'worker-5');
    expect(left.map((p) => p.metadata.name.replace(/-.*/, ''))).toEqual(['web']);
  });
});

describe('matchLabelKeys / mismatchLabelKeys validation (label-keys-validation.yaml)', () => {
  const d = () => run('label-keys-validation.yaml', '80s');
  const said = (t: number) => d().kubectl.filter((l) => l.time === s(t)).map((l) => [l.stream, l.text]);
  const term = 'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]';

  it('a key the selector names and the pod carries: refused after the merge, at the term path with the index appended', () => {
    expect(said(10)).toEqual([['stderr', `The Pod "dup" is invalid: ${term}[0]: Invalid value: "app": exists in both matchLabelKeys and labelSelector`]]);
  });

  it('the same term on a pod without that label merges nothing and is created; a Deployment template is never merged and is created', () => {
    expect(said(20)).toEqual([['stdout', 'pod/nolabel created']]);
    expect(said(70)).toEqual([['stdout', 'deployment.apps/web created']]);
  });

  it('a key in both lists; keys without a labelSelector; a key that is not a label name', () => {
    expect(said(30)).toEqual([['stderr', `The Pod "both" is invalid: ${term}.matchLabelKeys[0]: Invalid value: "tier": exists in both matchLabelKeys and mismatchLabelKeys`]]);
    expect(said(40)).toEqual([['stderr', `The Pod "noselector" is invalid: ${term}.matchLabelKeys: Forbidden: must not be specified when labelSelector is not set`]]);
    expect(said(50)).toEqual([
      [
        'stderr',
        'The Pod "badkey" is invalid: spec.topologySpreadConstraints[0].matchLabelKeys[0]: Invalid value: "Bad Key": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')',
      ],
    ]);
  });

  it('a spread constraint whose key its selector names, on a pod with the label: refused like the affinity term; the refused pods are not stored', () => {
    expect(said(60)).toEqual([['stderr', 'The Pod "spread-dup" is invalid: spec.topologySpreadConstraints[0][0]: Invalid value: "app": exists in both matchLabelKeys and labelSelector']]);
    expect(pods(d()).map((p) => p.metadata.name).sort()).toEqual(['nolabel']);
  });
});

describe('pods created with spec.nodeName (nodename-direct.yaml)', () => {
  const at = (until: string) => run('nodename-direct.yaml', until);

  it('on a cordoned node: no scheduler events, admitted by the kubelet and Running at 31 s; PodScheduled True from the kubelet', () => {
    const d = at('120s');
    expect(d.events.filter((e) => e.object === 'Pod/default/on-cordoned' && e.source === 'default-scheduler')).toEqual([]);
    const p = obj(d, 'Pod', 'on-cordoned')!;
    expect(p.status?.phase).toBe('Running');
    expect(ts(p.status?.startTime as string)).toBe(s(30));
    expect(ts(condition(p, 'PodScheduled')?.lastTransitionTime)).toBe(s(31));
    expect(ts(condition(p, 'Ready')?.lastTransitionTime)).toBe(s(31));
    expect(events(d, 'Started', 'Pod/default/on-cordoned').map((e) => e.firstTime)).toEqual([s(31)]);
  });

  it('on a dead node: Pending with no condition; the taint manager marks it for deletion 300 s after it first saw it (400 s), not after the taint (370 s)', () => {
    const before = obj(at('399s'), 'Pod', 'on-dead')!;
    expect(before.status?.conditions ?? []).toEqual([]);
    expect(before.metadata.deletionTimestamp).toBeUndefined();
    const d = at('450s');
    expect(events(d, 'TaintManagerEviction', 'Pod/default/on-dead').map((e) => [e.firstTime, e.message, e.source])).toEqual([[s(400), 'Marking for deletion Pod default/on-dead', 'taint-eviction-controller']]);
    const p = obj(d, 'Pod', 'on-dead')!;
    expect(condition(p, 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    expect(ts(p.metadata.deletionTimestamp)).toBe(s(430));
    expect(p.status?.phase).toBe('Pending');
  });

  it('on a node that does not exist: PodGC force-deletes it at its 80 s pass (40 s quarantine from the 40 s pass), with no event', () => {
    expect(obj(at('79s'), 'Pod', 'lost')?.status?.phase).toBe('Pending');
    expect(obj(at('80s'), 'Pod', 'lost')).toBeUndefined();
    expect(at('120s').events.filter((e) => e.object === 'Pod/default/lost')).toEqual([]);
  });
});

describe('preemption with a PodDisruptionBudget, and preemptionPolicy Never (preemption-pdb-never.yaml)', () => {
  const d = () => run('preemption-pdb-never.yaml', '60s');

  it('preemptionPolicy Never: FailedScheduling says it is not eligible; it stays Pending, also when room appears for the nominated pod', () => {
    const rows = events(d(), 'FailedScheduling', 'Pod/default/polite');
    expect(rows.map((e) => [e.firstTime, e.message])).toEqual([
      [s(10), '0/2 nodes are available: 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.'],
      [s(21), '0/2 nodes are available: 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.'],
    ]);
    expect(obj(d(), 'Pod', 'polite')?.spec?.nodeName).toBeUndefined();
  });

  it('the victim is taken where no budget is violated: a free pod on worker-2; the guarded pods are untouched; urgent binds to worker-2 at 21 s', () => {
    const urgent = obj(d(), 'Pod', 'urgent')!;
    const preempted = events(d(), 'Preempted');
    expect(preempted.map((e) => [e.object.replace(/-[a-z0-9]+-[a-z0-9]{5}$/, ''), e.message, e.firstTime])).toEqual([
      ['Pod/default/free', `Preempted by pod ${urgent.metadata.uid} on node worker-2`, s(20)],
    ]);
    expect(events(d(), 'Scheduled', 'Pod/default/urgent').map((e) => [e.firstTime, e.message])).toEqual([[s(21), 'Successfully assigned default/urgent to worker-2']]);
    const guarded = pods(d()).filter((p) => p.metadata.name.startsWith('guarded-'));
    expect(guarded.map((p) => [p.spec?.nodeName, p.metadata.deletionTimestamp, p.status?.phase])).toEqual([
      ['worker-1', undefined, 'Running'],
      ['worker-1', undefined, 'Running'],
    ]);
  });
});

describe('kubectl drain --skip-wait-for-delete-timeout on a dead node (drain-skip-deleted.yaml)', () => {
  const d = () => run('drain-skip-deleted.yaml', '500s');

  it('the pod deleted long ago is not listed; the evicted one is given up 6 s after its deletionTimestamp with kubectl\'s skip line; then drained', () => {
    const web = pods(d()).find((p) => p.metadata.name.startsWith('web-') && p.spec?.nodeName === 'worker-2')!;
    const slow = pods(d()).find((p) => p.metadata.name.startsWith('slow-') && p.spec?.nodeName === 'worker-2')!;
    expect(ts(web.metadata.deletionTimestamp)).toBe(s(395));
    expect(ts(slow.metadata.deletionTimestamp)).toBe(s(440));
    expect(d().kubectl.filter((l) => l.action === 'drain').map((l) => [l.time / 1000, l.stream, l.text])).toEqual([
      [410, 'stdout', 'node/worker-2 cordoned'],
      [410, 'stdout', `evicting pod default/${slow.metadata.name}`],
      [446, 'stdout', `pod "${slow.metadata.name}" has DeletionTimestamp older than 5 seconds, skipping`],
      [446, 'stdout', 'node/worker-2 drained'],
    ]);
  });
});

describe('kubectl drain --grace-period (drain-grace-period.yaml)', () => {
  const d = () => run('drain-grace-period.yaml', '60s');

  it('--grace-period=0: the evicted pod on a dead node is removed at once; evicted and drained in the same instant', () => {
    const quick = d().kubectl.find((l) => l.text.startsWith('evicting pod default/quick-'))!.text.replace('evicting pod default/', '');
    expect(d().kubectl.filter((l) => l.action === 'drain' && (l.text.includes('worker-2') || l.text.includes(quick))).map((l) => [l.time / 1000, l.text])).toEqual([
      [30, 'node/worker-2 cordoned'],
      [30, `evicting pod default/${quick}`],
      [30, `pod/${quick} evicted`],
      [30, 'node/worker-2 drained'],
    ]);
    expect(obj(d(), 'Pod', quick)).toBeUndefined();
  });

  it('--grace-period=120: the eviction\'s grace replaces the pod\'s 30 s', () => {
    const slow = pods(d()).find((p) => p.metadata.name.startsWith('slow-') && p.spec?.nodeName === 'worker-3')!;
    expect(ts(slow.metadata.deletionTimestamp)).toBe(s(150));
    expect(slow.metadata.deletionGracePeriodSeconds).toBe(120);
    expect(d().kubectl.filter((l) => l.text.startsWith('error: unable to drain node "worker-3"')).map((l) => l.time)).toEqual([s(40)]);
  });
});
