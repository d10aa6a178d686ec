import { describe, expect, it } from 'vitest';
import type { KubeObject } from './types';
import { validateObjects } from './validate';

const deployment = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: '100m' } } }] } },
    ...spec,
  },
});

describe('validateObjects', () => {
  it('accepts a well-formed Deployment', () => {
    expect(validateObjects([deployment({ replicas: 3 })])).toEqual([]);
  });
  it.each([['four'], [-1], [1.5]])('refuses replicas %j with its field path', (replicas) => {
    const [e] = validateObjects([deployment({ replicas })]);
    expect(e.field).toBe('spec.replicas');
    // A value of the wrong JSON type fails decoding (a 400) before validation; -1 decodes and is Invalid.
    const decode = { four: 'string', 1.5: 'number 1.5' }[String(replicas)];
    expect(e.message).toBe(
      replicas === -1 ? 'Invalid value: -1: must be greater than or equal to 0' : `Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal ${decode} into Go struct field DeploymentSpec.spec.replicas of type int32`,
    );
    expect(e.badRequest).toBe(replicas === -1 ? undefined : true);
  });
  it('checks the pod template like a pod, with the template path', () => {
    const bad = deployment({});
    (bad.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers = [
      { name: 'c', resources: { requests: { cpu: 'lots' } } },
    ];
    const [e] = validateObjects([bad]);
    expect(e.field).toBe('spec.template.spec.containers[0].resources.requests.cpu');
  });
  it('a container that is not a mapping is refused for that alone, with no JavaScript error in the message', () => {
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [null, { name: 'c', image: 'i' }] } };
    expect(validateObjects([pod]).map((e) => `${e.field}: ${e.message}`)).toEqual(['spec.containers[0]: Invalid value: must be a mapping']);
  });
  it('needs a selector', () => {
    const d = deployment({});
    delete (d.spec as Record<string, unknown>).selector;
    expect(validateObjects([d])[0].field).toBe('spec.selector');
  });
  it('says a non-list containers field is not a list', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: 5 } } as unknown as KubeObject;
    expect(validateObjects([pod])[0]).toMatchObject({
      field: 'spec.containers',
      message: 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field PodSpec.spec.containers of type []v1.Container',
    });
  });

  it('refuses a selector that is not a label map, or that misses the template labels (a controller would create pods for ever)', () => {
    const ds = (matchLabels: unknown) =>
      ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd' }, spec: { selector: { matchLabels }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c' }] } } } }) as unknown as KubeObject;
    expect(validateObjects([ds('-1')])[0]).toMatchObject({ field: 'spec.selector.matchLabels' });
    expect(validateObjects([ds({ app: 'b' })])[0]).toMatchObject({ field: 'spec.template.metadata.labels', message: 'Invalid value: {"app":"a"}: `selector` does not match template `labels`' });
    expect(validateObjects([ds({ app: 'a' })])).toEqual([]);
  });

  it('refuses shapes the components cannot read: non-list conditions, non-mapping owner references, non-string images', () => {
    const node = { kind: 'Node', metadata: { name: 'n' }, status: { conditions: 0, images: [{ names: [1] }] } } as unknown as KubeObject;
    expect(validateObjects([node]).map((e) => e.field)).toEqual(['status.conditions', 'status.images[0].names']);
    const pod = { kind: 'Pod', metadata: { name: 'p', ownerReferences: ['x'] }, spec: { containers: [{ name: 'c', image: {} }] } } as unknown as KubeObject;
    // Decoding stops the request at its first mismatch (metadata sorts before spec).
    expect(validateObjects([pod]).map((e) => e.field)).toEqual(['metadata.ownerReferences[0]']);
    const image = { kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: {} }] } } as unknown as KubeObject;
    expect(validateObjects([image]).map((e) => e.field)).toEqual(['spec.containers[0].image']);
  });
});

describe('workload selectors select their own template', () => {
  const rs = (selector: unknown, kind = 'ReplicaSet') =>
    ({ apiVersion: 'apps/v1', kind, metadata: { name: 'r' }, spec: { selector, template: { metadata: { labels: { app: 'a', tier: 'web' } }, spec: { containers: [{ name: 'c' }] } } } }) as unknown as KubeObject;
  const problems = (o: KubeObject) => validateObjects([o]).map((e) => `${e.field}: ${e.message}`);

  it('evaluates matchExpressions against the template labels (a DoesNotExist on a template label would make the controller create pods for ever)', () => {
    expect(problems(rs({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }))).toEqual(['spec.template.metadata.labels: Invalid value: {"app":"a","tier":"web"}: `selector` does not match template `labels`']);
    expect(problems(rs({ matchLabels: { app: 'a' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }] }))).toHaveLength(1);
    expect(problems(rs({ matchLabels: { app: 'a' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] }))).toEqual([]);
  });

  it('refuses malformed matchExpressions with their path', () => {
    expect(problems(rs({ matchExpressions: 'app' }))).toEqual([
      'spec.selector.matchExpressions: ReplicaSet in version "v1" cannot be handled as a ReplicaSet: json: cannot unmarshal string into Go struct field LabelSelector.spec.selector.matchExpressions of type []v1.LabelSelectorRequirement',
    ]);
    expect(problems(rs({ matchExpressions: [{ key: 'app', operator: 'In', values: 5 }] }))).toEqual([
      'spec.selector.matchExpressions[0].values: ReplicaSet in version "v1" cannot be handled as a ReplicaSet: json: cannot unmarshal number into Go struct field LabelSelectorRequirement.spec.selector.matchExpressions.values of type []string',
    ]);
    expect(problems(rs({ matchExpressions: [{ key: 'app', operator: 'In' }] }))).toEqual(["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]);
    expect(problems(rs({ matchExpressions: [{ key: 'app', operator: 'Near' }] }))).toEqual(['spec.selector.matchExpressions[0].operator: Unsupported value: "Near"']);
  });

  it('checks a ReplicationController selector as a plain label map', () => {
    expect(problems(rs({ app: 'a' }, 'ReplicationController'))).toEqual([]);
    expect(problems(rs({ app: 'b' }, 'ReplicationController'))).toEqual(['spec.template.metadata.labels: Invalid value: {"app":"a","tier":"web"}: `selector` does not match template `labels`']);
    expect(problems(rs({ app: 1 }, 'ReplicationController'))).toEqual(['spec.selector: Invalid value: {"app":1}: must be a map of label keys to string values']);
  });
});

describe('durations the controllers compute timers from', () => {
  it('refuses a non-integer progressDeadlineSeconds (fast-check seed 2: the Deployment controller scheduled a timer at NaN)', () => {
    expect(validateObjects([deployment({ progressDeadlineSeconds: 'worker-a' })]).map((e) => `${e.field}: ${e.message}`)).toEqual([
      'spec.progressDeadlineSeconds: Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.progressDeadlineSeconds of type int32',
    ]);
    expect(validateObjects([deployment({ progressDeadlineSeconds: 3600000, revisionHistoryLimit: 10 })])).toEqual([]);
  });
  it('refuses a negative terminationGracePeriodSeconds in a pod and in a template, with its path', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }], terminationGracePeriodSeconds: -5 } } as unknown as KubeObject;
    expect(validateObjects([pod]).map((e) => e.field)).toEqual(['spec.terminationGracePeriodSeconds']);
    const d = deployment({});
    (d.spec as { template: { spec: Record<string, unknown> } }).template.spec.activeDeadlineSeconds = '1h';
    expect(validateObjects([d]).map((e) => e.field)).toEqual(['spec.template.spec.activeDeadlineSeconds']);
  });
});

describe('validateObjects: Job create checks (pkg/apis/batch/validation validateJobSpec, ValidateJob)', () => {
  const job = (spec: Record<string, unknown>, name = 'render'): KubeObject => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c' }] } }, ...spec },
  });
  it('accepts an Indexed Job with completions, and a Job without a selector (it is generated)', () => {
    expect(validateObjects([job({ completionMode: 'Indexed', completions: 3 }), job({})])).toEqual([]);
  });
  it('needs completions with completionMode Indexed', () => {
    expect(validateObjects([job({ completionMode: 'Indexed', parallelism: 2 })])).toEqual([{ index: 0, field: 'spec.completions', message: 'Required value: when completion mode is Indexed' }]);
  });
  it('refuses an unknown completionMode', () => {
    expect(validateObjects([job({ completionMode: 'Ordered', completions: 1 })])).toEqual([
      { index: 0, field: 'spec.completionMode', message: 'Unsupported value: "Ordered": supported values: "NonIndexed", "Indexed"' },
    ]);
  });
  it('needs a selector with manualSelector: true', () => {
    expect(validateObjects([job({ manualSelector: true })])).toEqual([{ index: 0, field: 'spec.selector', message: 'Required value' }]);
  });
  it('refuses an Indexed Job whose last pod hostname would not be a DNS label', () => {
    const name = 'x'.repeat(62);
    expect(validateObjects([job({ completionMode: 'Indexed', completions: 10 }, name)])).toEqual([
      { index: 0, field: 'metadata.name', message: `Invalid value: "${name}": will not able to create pod with invalid DNS label: ${name}-9` },
    ]);
  });
  it('refuses backoffLimitPerIndex and maxFailedIndexes on a NonIndexed Job', () => {
    expect(validateObjects([job({ backoffLimitPerIndex: 1 })])).toEqual([{ index: 0, field: 'spec.backoffLimitPerIndex', message: 'Invalid value: 1: requires indexed completion mode' }]);
  });
});

describe('validateObjects: a Job template\'s restartPolicy (validateJobSpec)', () => {
  const job = (restartPolicy: unknown, spec: Record<string, unknown> = {}): KubeObject => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default' },
    spec: { template: { spec: { ...(restartPolicy === undefined ? {} : { restartPolicy }), containers: [{ name: 'c' }] } }, ...spec },
  });
  it('needs OnFailure or Never (unset defaults to Always)', () => {
    const required = { index: 0, field: 'spec.template.spec.restartPolicy', message: 'Required value: valid values: "OnFailure", "Never"' };
    expect(validateObjects([job(undefined)])).toEqual([required]);
    expect(validateObjects([job('Always')])).toEqual([required]);
    expect(validateObjects([job('Sometimes')])).toEqual([{ index: 0, field: 'spec.template.spec.restartPolicy', message: 'Unsupported value: "Sometimes": supported values: "OnFailure", "Never"' }]);
    expect(validateObjects([job('OnFailure'), job('Never')])).toEqual([]);
  });
  it('only Never with a podFailurePolicy', () => {
    expect(validateObjects([job('OnFailure', { podFailurePolicy: { rules: [] } })])).toEqual([
      { index: 0, field: 'spec.template.spec.restartPolicy', message: 'Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified' },
    ]);
  });
});

describe('apps/v1 strategies the API server refuses (validation.go: ValidateDeploymentStrategy, ValidateDaemonSetUpdateStrategy, ValidateStatefulSetSpec, ValidateDeploymentSpec)', () => {
  const workload = (kind: string, spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'apps/v1',
    kind,
    metadata: { name: 'w', namespace: 'default' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'w' } }, template: { metadata: { labels: { app: 'w' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, ...spec },
  });
  const errors = (o: KubeObject, gates = {}) => validateObjects([o], gates).map((e) => `${e.field}: ${e.message}`);

  it('an unknown strategy type: NotSupported with the internal struct and the supported values (Deployment, DaemonSet), Invalid for a StatefulSet', () => {
    expect(errors(workload('Deployment', { strategy: { type: 'BlueGreen' } }))).toEqual(['spec.strategy: Unsupported value: {"Type":"BlueGreen","RollingUpdate":null}: supported values: "Recreate", "RollingUpdate"']);
    expect(errors(workload('DaemonSet', { updateStrategy: { type: 'Surge', rollingUpdate: { maxSurge: 1 } } }))).toEqual([
      'spec.updateStrategy: Unsupported value: {"Type":"Surge","RollingUpdate":{"MaxUnavailable":0,"MaxSurge":1}}: supported values: "RollingUpdate", "OnDelete"',
    ]);
    expect(errors(workload('StatefulSet', { serviceName: 'w', updateStrategy: { type: 'Recreate' } }))).toEqual(["spec.updateStrategy: Invalid value: {\"Type\":\"Recreate\",\"RollingUpdate\":null}: must be 'RollingUpdate' or 'OnDelete'"]);
  });

  it("a StatefulSet's OnDelete takes no rollingUpdate (maxUnavailable shown only with its gate on); a DaemonSet's OnDelete is not checked", () => {
    const sts = workload('StatefulSet', { serviceName: 'w', updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 2, maxUnavailable: 2 } } });
    expect(errors(sts)).toEqual(["spec.updateStrategy.rollingUpdate: Invalid value: {\"Partition\":2,\"MaxUnavailable\":null}: only allowed for updateStrategy 'RollingUpdate'"]);
    expect(errors(sts, { maxUnavailableStatefulSet: true })).toEqual(["spec.updateStrategy.rollingUpdate: Invalid value: {\"Partition\":2,\"MaxUnavailable\":2}: only allowed for updateStrategy 'RollingUpdate'"]);
    expect(errors(workload('StatefulSet', { serviceName: 'w', updateStrategy: { type: 'OnDelete' } }))).toEqual([]);
    expect(errors(workload('DaemonSet', { updateStrategy: { type: 'OnDelete', rollingUpdate: { maxUnavailable: 1 } } }))).toEqual([]);
  });

  it("a Deployment's progressDeadlineSeconds (600 when unset) must be greater than minReadySeconds", () => {
    expect(errors(workload('Deployment', { minReadySeconds: 600 }))).toEqual(['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds']);
    expect(errors(workload('Deployment', { minReadySeconds: 599 }))).toEqual([]);
    expect(errors(workload('Deployment', { minReadySeconds: 30, progressDeadlineSeconds: 30 }))).toEqual(['spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds']);
    expect(errors(workload('Deployment', { progressDeadlineSeconds: -1 }))).toEqual([
      'spec.progressDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.progressDeadlineSeconds: Invalid value: -1: must be greater than minReadySeconds',
    ]);
  });
});
