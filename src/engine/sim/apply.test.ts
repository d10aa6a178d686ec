/** mergeApplied: the selector of a Deployment, ReplicaSet or DaemonSet is immutable (apps/v1). */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/types';
import { mergeApplied, withLastApplied } from './apply';

const rs = (selector: unknown, apiVersion = 'apps/v1'): KubeObject =>
  ({ apiVersion, kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 1, selector, template: { metadata: { labels: { app: 'web' } } } } }) as KubeObject;

describe('mergeApplied and spec.selector', () => {
  it('refuses a changed selector with the Invalid text kubectl prints', () => {
    expect(mergeApplied(rs({ matchLabels: { app: 'web' } }), rs({ matchLabels: { tier: 'x', app: 'web' } }))).toBe(
      'The ReplicaSet "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"x"}}: field is immutable',
    );
  });

  it('treats empty and missing lists and maps alike (apiequality.Semantic), and leaves the beta group/versions alone', () => {
    expect(typeof mergeApplied(rs({ matchLabels: { app: 'web' } }), rs({ matchLabels: { app: 'web' }, matchExpressions: [] }))).toBe('object');
    expect(typeof mergeApplied(rs({ matchLabels: { app: 'web' } }), rs({ matchLabels: { app: 'x' } }, 'extensions/v1beta1'))).toBe('object');
  });
});

describe('mergeApplied and a StatefulSet spec', () => {
  const sts = (spec: Record<string, unknown>): KubeObject =>
    ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } } }, ...spec } }) as KubeObject;
  const stored = sts({ replicas: 3, serviceName: 'db', podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate' } });
  const forbidden =
    "The StatefulSet \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

  it('refuses a change to serviceName, podManagementPolicy, the selector or the volume claim templates with the Forbidden text', () => {
    expect(mergeApplied(stored, sts({ replicas: 3, serviceName: 'db-headless' }))).toBe(forbidden);
    expect(mergeApplied(stored, sts({ replicas: 3, podManagementPolicy: 'Parallel' }))).toBe(forbidden);
    expect(mergeApplied(stored, { ...sts({ replicas: 3 }), spec: { ...(sts({}) as unknown as { spec: object }).spec, selector: { matchLabels: { app: 'db', tier: 'x' } } } } as KubeObject)).toBe(forbidden);
    expect(mergeApplied(stored, sts({ volumeClaimTemplates: [{ metadata: { name: 'data' } }] }))).toBe(forbidden);
  });

  it('takes replicas, template, updateStrategy, minReadySeconds and the other allowed fields, and an unchanged or left-out field', () => {
    const merged = mergeApplied(stored, sts({ replicas: 5, serviceName: 'db', minReadySeconds: 10, revisionHistoryLimit: 3, updateStrategy: { type: 'OnDelete' }, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' }, ordinals: { start: 1 } }));
    expect(typeof merged).toBe('object');
    expect((merged as unknown as { spec: { replicas: number; updateStrategy: unknown } }).spec).toMatchObject({ replicas: 5, updateStrategy: { type: 'OnDelete' } });
    // podManagementPolicy left out: the API server would default it to the stored OrderedReady.
    expect(typeof mergeApplied(stored, sts({ replicas: 4 }))).toBe('object');
    // Written out as its default over a StatefulSet stored without it: no change either.
    expect(typeof mergeApplied(sts({ replicas: 3, serviceName: 'db' }), sts({ replicas: 3, serviceName: 'db', podManagementPolicy: 'OrderedReady' }))).toBe('object');
    expect(mergeApplied(sts({ replicas: 3, serviceName: 'db' }), sts({ replicas: 3, serviceName: 'db', podManagementPolicy: 'Parallel' }))).toBe(forbidden);
  });
});

describe('mergeApplied and a Job spec (ValidateJobSpecUpdate, pkg/apis/batch/validation)', () => {
  const uid = 'u-1';
  const generated = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'batch', 'controller-uid': uid, 'job-name': 'batch' };
  const template = (extra: Record<string, unknown> = {}, labels: Record<string, string> = { app: 'batch' }) => ({ metadata: { labels }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }], ...extra } });
  // As the store keeps it: defaulted, with the generated selector and labels.
  const stored = (spec: Record<string, unknown> = {}, status: Record<string, unknown> = { startTime: '2026-01-01T00:00:00Z' }): KubeObject =>
    ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'batch', namespace: 'default', uid },
      spec: { completions: 3, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed', manualSelector: false, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } }, template: template({}, { app: 'batch', ...generated }), ...spec },
      status,
    }) as KubeObject;
  // As the user writes it: no selector, no generated labels.
  const applied = (spec: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'batch', namespace: 'default' }, spec: { completions: 3, template: template(), ...spec } }) as KubeObject;
  const specOf = (o: KubeObject | string) => (o as unknown as { spec: Record<string, unknown> & { template: { metadata: { labels: Record<string, string> } } } }).spec;
  // kubectl's MultilineError (cmd/util/helpers.go): one cause on the line, several as '* ' lines under it.
  const invalid = (...errs: string[]) => (errs.length === 1 ? `The Job "batch" is invalid: ${errs[0]}` : ['The Job "batch" is invalid: ', ...errs.map((e) => `* ${e}`)].join('\n'));

  it('keeps the generated selector and template labels the manifest leaves out (a re-apply changes nothing)', () => {
    const merged = mergeApplied(stored(), applied());
    expect(typeof merged).toBe('object');
    expect(specOf(merged).selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    expect(specOf(merged).template.metadata.labels).toEqual({ app: 'batch', ...generated });
  });

  it('refuses a changed completions on a NonIndexed Job as immutable', () => {
    expect(mergeApplied(stored(), applied({ completions: 5 }))).toBe(invalid('spec.completions: Invalid value: 5: field is immutable'));
  });

  it('lets an Indexed Job change completions only in tandem with parallelism (ElasticIndexedJob)', () => {
    const idx = stored({ completionMode: 'Indexed', completions: 3, parallelism: 3 });
    expect(mergeApplied(idx, applied({ completionMode: 'Indexed', completions: 5, parallelism: 3 }))).toBe(invalid('spec.completions: Invalid value: 5: can only be modified in tandem with spec.parallelism'));
    expect(specOf(mergeApplied(idx, applied({ completionMode: 'Indexed', completions: 5, parallelism: 5 })))).toMatchObject({ completions: 5, parallelism: 5 });
  });

  it('refuses a changed completionMode, and a selector that is changed and not the generated one', () => {
    expect(mergeApplied(stored(), applied({ completionMode: 'Indexed' }))).toBe(invalid('spec.completionMode: Invalid value: "Indexed": field is immutable'));
    // The manifest's matchLabels are merged into the stored ones (a map in a strategic-merge patch; the stored
    // Job has no last-applied annotation), so the refused selector keeps the generated label (apply17).
    const sel = '{"matchLabels":{"app":"batch","batch.kubernetes.io/controller-uid":"u-1"}}';
    expect(mergeApplied(stored(), applied({ selector: { matchLabels: { app: 'batch' } } }))).toBe(invalid(`spec.selector: Invalid value: ${sel}: \`selector\` not auto-generated`, `spec.selector: Invalid value: ${sel}: field is immutable`));
  });

  it('refuses a template change on a started Job, and allows a suspended, never-started Job its scheduling directives only', () => {
    const refused = mergeApplied(stored(), applied({ template: template({ nodeSelector: { disk: 'ssd' } }) }));
    expect(refused).toMatch(/^The Job "batch" is invalid: spec\.template: Invalid value: core\.PodTemplateSpec\{.*\}: field is immutable$/);
    const held = stored({ suspend: true }, {});
    const moved = mergeApplied(held, applied({ suspend: true, template: template({ nodeSelector: { disk: 'ssd' }, tolerations: [{ key: 'k', operator: 'Exists' }] }, { app: 'batch', tier: 'x' }) }));
    expect(specOf(moved).template).toMatchObject({ metadata: { labels: { app: 'batch', tier: 'x', ...generated } }, spec: { nodeSelector: { disk: 'ssd' } } });
    expect(mergeApplied(held, applied({ suspend: true, template: { ...template(), spec: { ...template().spec, containers: [{ name: 'c', image: 'alpine' }] } } }))).toMatch(/spec\.template: Invalid value: .*: field is immutable$/);
  });

  it('takes parallelism, suspend, activeDeadlineSeconds and backoffLimit changes', () => {
    expect(specOf(mergeApplied(stored(), applied({ parallelism: 2, activeDeadlineSeconds: 60, backoffLimit: 1, suspend: true })))).toMatchObject({ parallelism: 2, activeDeadlineSeconds: 60, backoffLimit: 1, suspend: true });
  });
});

describe('mergeApplied and a gated pod (ValidatePodUpdate: schedulingGates, nodeSelector while gated)', () => {
  const pod = (spec: Record<string, unknown>): KubeObject =>
    ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'c' }], ...spec } }) as KubeObject;
  // Created by kubectl apply (apply17): its last-applied annotation names the gates and the selector, so a
  // manifest that leaves them out removes them (without it, the three-way merge would keep them).
  const stored = withLastApplied(pod({ schedulingGates: [{ name: 'a' }, { name: 'b' }], nodeSelector: { disk: 'ssd' } }));
  const spec = (o: KubeObject | string) => (typeof o === 'string' ? o : (o as unknown as { spec: Record<string, unknown> }).spec);

  it('takes the removal of gates (and an empty list drops the field) and a nodeSelector that only grows', () => {
    expect(spec(mergeApplied(stored, pod({ schedulingGates: [{ name: 'b' }], nodeSelector: { disk: 'ssd', zone: 'a' } })))).toMatchObject({ schedulingGates: [{ name: 'b' }], nodeSelector: { disk: 'ssd', zone: 'a' } });
    expect(spec(mergeApplied(stored, pod({ schedulingGates: [] })))).not.toHaveProperty('schedulingGates');
  });

  it('names each new gate with its index, and a changed nodeSelector with its new value as JSON, before the general Forbidden', () => {
    expect(mergeApplied(stored, pod({ schedulingGates: [{ name: 'x' }, { name: 'a' }, { name: 'y' }], nodeSelector: { disk: 'ssd' } }))).toBe(
      [
        'The Pod "p" is invalid: ',
        "* spec.schedulingGates[0].name: Forbidden: only deletion is allowed, but found new scheduling gate 'x'",
        "* spec.schedulingGates[2].name: Forbidden: only deletion is allowed, but found new scheduling gate 'y'",
      ].join('\n'),
    );
    expect(mergeApplied(stored, pod({ nodeSelector: { disk: 'hdd' } }))).toBe('The Pod "p" is invalid: spec.nodeSelector: Invalid value: {"disk":"hdd"}: only additions to spec.nodeSelector are allowed (no mutations or deletions)');
    const both = mergeApplied(stored, pod({ nodeSelector: {}, hostname: 'h' }));
    expect(typeof both === 'string' && both.split('\n').map((l) => l.slice(0, 40))).toEqual(['The Pod "p" is invalid: ', '* spec.nodeSelector: Invalid value: {}: ', '* spec: Forbidden: pod updates may not c']);
  });

  it('an ungated pod keeps its nodeSelector immutable', () => {
    expect(String(mergeApplied(pod({ nodeSelector: { disk: 'ssd' } }), pod({ nodeSelector: { disk: 'ssd', zone: 'a' } })))).toMatch(/^The Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than/);
  });
});

describe('mergeApplied onto a Node (kubectl apply three-way merge, the last-applied annotation as the original)', () => {
  const LAST = 'kubectl.kubernetes.io/last-applied-configuration';
  const live = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'w1', labels: { 'kubernetes.io/os': 'linux', 'kubernetes.io/hostname': 'w1' } },
    spec: { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] },
    status: { conditions: [{ type: 'Ready', status: 'Unknown' }] },
  } as unknown as KubeObject;
  const manifest = (labels: Record<string, string>, spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'w1', labels }, spec }) as unknown as KubeObject;

  it('first apply: keeps what the manifest does not name, adds the annotation; the next apply removes what only the previous manifest named', () => {
    const first = mergeApplied(live, manifest({ team: 'a' }, { unschedulable: true })) as KubeObject & { spec: Record<string, unknown>; status: unknown };
    expect(first.metadata.labels).toEqual({ 'kubernetes.io/os': 'linux', 'kubernetes.io/hostname': 'w1', team: 'a' });
    expect(first.spec).toEqual({ taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }], unschedulable: true });
    expect(first.status).toEqual({ conditions: [{ type: 'Ready', status: 'Unknown' }] });
    expect((first.metadata.annotations as Record<string, string>)[LAST]).toBe(
      '{"apiVersion":"v1","kind":"Node","metadata":{"annotations":{},"labels":{"team":"a"},"name":"w1"},"spec":{"unschedulable":true}}\n',
    );
    const second = mergeApplied(first, manifest({}, {})) as KubeObject & { spec: Record<string, unknown> };
    expect(second.metadata.labels).toEqual({ 'kubernetes.io/os': 'linux', 'kubernetes.io/hostname': 'w1' });
    expect(second.spec).toEqual({ taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] });
  });
});

describe('mergeApplied for every kind: the three-way merge with the last-applied annotation (apply17)', () => {
  const LAST = 'kubectl.kubernetes.io/last-applied-configuration';
  const manifest = (labels: Record<string, string>, spec: Record<string, unknown>) =>
    ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', labels }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } }, ...spec } }) as unknown as KubeObject;
  /** As the store holds it after `kubectl apply` of `m`, a scale to 5, the controller's annotation and `kubectl label … owner=ops`. */
  const live = (m: KubeObject) => {
    const o = withLastApplied(m) as KubeObject & { spec: Record<string, unknown> };
    o.metadata.labels = { ...o.metadata.labels, owner: 'ops' };
    o.metadata.annotations = { ...(o.metadata.annotations as Record<string, string>), 'deployment.kubernetes.io/revision': '3' };
    o.spec = { ...o.spec, replicas: 5, revisionHistoryLimit: 10 };
    return o;
  };
  const merged = (o: KubeObject | string) => o as KubeObject & { spec: Record<string, unknown> };

  it("keeps the controller's annotation, another client's label and a scaled replicas no manifest named; drops the label only the previous manifest named", () => {
    const out = merged(mergeApplied(live(manifest({ app: 'web', team: 'a' }, {})), manifest({ app: 'web' }, {})));
    expect(out.metadata.labels).toEqual({ app: 'web', owner: 'ops' });
    expect((out.metadata.annotations as Record<string, string>)['deployment.kubernetes.io/revision']).toBe('3');
    expect(JSON.parse((out.metadata.annotations as Record<string, string>)[LAST]).metadata.labels).toEqual({ app: 'web' });
    expect(out.spec.replicas).toBe(5);
    expect(out.spec.revisionHistoryLimit).toBe(10);
  });

  it('deletes replicas the previous manifest named and this one leaves out (the API server then defaults it to 1)', () => {
    const out = merged(mergeApplied(live(manifest({ app: 'web' }, { replicas: 2 })), manifest({ app: 'web' }, {})));
    expect(out.spec).not.toHaveProperty('replicas');
    // Named again: the manifest's value wins over the scaled one.
    expect(merged(mergeApplied(live(manifest({ app: 'web' }, { replicas: 2 })), manifest({ app: 'web' }, { replicas: 2 }))).spec.replicas).toBe(2);
  });

  it("merges the template's containers by name: fields the server defaulted stay, the image changes", () => {
    const stored = live(manifest({ app: 'web' }, {}));
    const tpl = (stored.spec.template as { spec: { containers: Record<string, unknown>[] } }).spec;
    tpl.containers = [{ ...tpl.containers[0], imagePullPolicy: 'IfNotPresent' }];
    const next = manifest({ app: 'web' }, {}) as KubeObject & { spec: { template: { spec: { containers: { image: string }[] } } } };
    next.spec.template.spec.containers[0].image = 'nginx:2';
    const out = merged(mergeApplied(stored, next));
    expect((out.spec.template as { spec: { containers: unknown[] } }).spec.containers).toEqual([{ name: 'c', image: 'nginx:2', imagePullPolicy: 'IfNotPresent' }]);
  });
});
