import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifests } from './parse';
import { readScenario } from './scenario';

const read = (text: string) => readScenario(parseManifests(text, 's.yaml'));
function fails(text: string): ManifestError {
  try {
    read(text);
  } catch (e) {
    if (e instanceof ManifestError) return e;
    throw e;
  }
  throw new Error('expected a ManifestError');
}

const NODES = `apiVersion: v1
kind: Node
metadata: {name: worker-1}
---
apiVersion: v1
kind: Node
metadata: {name: worker-2}
`;

const scenario = (spec: string) => `${NODES}---
apiVersion: podscape.dev/v1alpha1
kind: Scenario
metadata: {name: node-failure}
spec:
${spec}`;

describe('readScenario', () => {
  it('reads the DESIGN.md example', () => {
    const r = read(
      scenario(`  title: Kill a worker
  description: markdown shown in the app
  seed: 42
  speed: 10
  controlPlane:
    nodeMonitorGracePeriod: 50s
    defaultTolerationSeconds: 300
  schedulerConfiguration: {}
  timeline:
    - { at: 30s, action: killNode, node: worker-2 }
    - { at: 5m, action: scale, kind: Deployment, name: web, replicas: 3 }
    - { at: 0, action: addNode, object: { metadata: { name: worker-3 } } }
    - { at: 1m30s, action: deletePod, namespace: kube-system, name: dns, force: true }
`),
    );
    expect(r.objects.map((o) => o.metadata.name)).toEqual(['worker-1', 'worker-2']);
    expect(r.scenario).toEqual({
      name: 'node-failure',
      title: 'Kill a worker',
      description: 'markdown shown in the app',
      seed: 42,
      speed: 10,
      controlPlane: { nodeMonitorGracePeriod: 50_000, defaultTolerationSeconds: 300 },
      schedulerConfiguration: {},
    });
    expect(r.timeline).toEqual([
      { at: 30_000, action: 'killNode', node: 'worker-2' },
      { at: 300_000, action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 3 },
      { at: 0, action: 'addNode', object: { metadata: { name: 'worker-3' } } },
      { at: 90_000, action: 'deletePod', namespace: 'kube-system', name: 'dns', force: true },
    ]);
  });

  it('reads plain manifests without a Scenario, with defaults', () => {
    const r = read(NODES);
    expect(r.scenario).toEqual({ name: '', seed: 0, speed: 1, controlPlane: {} });
    expect(r.timeline).toEqual([]);
  });

  it('names the timeline entry and field at fault, with its line', () => {
    const unknown = fails(scenario(`  timeline:\n    - { at: 30s, action: killNode, node: worker-2 }\n    - { at: 40s, action: explode, node: worker-2 }\n`));
    expect(unknown.field).toBe('spec.timeline[1].action');
    expect(unknown.line).toBe(15);
    expect(unknown.message).toMatch(/^s\.yaml:15:\d+: spec\.timeline\[1\]\.action: Unsupported value: "explode": supported values: "killNode"/);

    const missing = fails(scenario(`  timeline:\n    - at: 30s\n      action: cordon\n`));
    expect(missing.field).toBe('spec.timeline[0].node');
    expect(missing.message).toContain('spec.timeline[0].node: Required value');

    expect(fails(scenario(`  timeline:\n    - { action: cordon, node: a }\n`)).message).toContain('spec.timeline[0].at: Required value');
    expect(fails(scenario(`  timeline:\n    - { at: 30, action: cordon, node: a }\n`)).message).toContain(
      'spec.timeline[0].at: Invalid value: 30: must be a duration from the start such as "90s" or "5m"',
    );
    expect(fails(scenario(`  timeline:\n    - { at: soon, action: cordon, node: a }\n`)).message).toContain('spec.timeline[0].at: Invalid value: "soon" is not a duration');
    expect(fails(scenario(`  timeline:\n    - { at: 1s, action: scale, kind: Deployment, name: web, replicas: many }\n`)).field).toBe('spec.timeline[0].replicas');
    expect(fails(scenario(`  timeline:\n    - { at: 1s, action: cordon, nod: a }\n`)).field).toBe('spec.timeline[0].nod');
    expect(fails(scenario(`  timeline:\n    - { at: 1s, action: drain, node: a, force: yes please }\n`)).field).toBe('spec.timeline[0].force');
    // An object the API server would refuse is not the file's fault: only that apply fails, at its time.
    const badObject = `  timeline:\n    - at: 1s\n      action: apply\n      object: {kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, resources: {requests: {cpu: lots}}}]}}\n`;
    expect(read(scenario(badObject)).timeline).toEqual([{ at: 1000, action: 'apply', object: { kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: 'lots' } } }] } } }]);
    // The entry's own shape still is: an apply without a kind, an object without a name.
    expect(fails(scenario(`  timeline:\n    - { at: 1s, action: apply, object: {metadata: {name: p}} }\n`)).field).toBe('spec.timeline[0].object.kind');
    expect(fails(scenario(`  timeline:\n    - { at: 1s, action: apply, object: {kind: Pod} }\n`)).field).toBe('spec.timeline[0].object.metadata.name');
    expect(fails(scenario(`  timeline: {at: 1s}\n`)).message).toContain('spec.timeline: Invalid value: must be a list of commands');
    // A time past Go's longest duration: refused here, not read as 1e+27 ms (which the export would write back as "1e+27ms").
    const far = fails(scenario(`  timeline:\n    - { at: 1000000000000000000000000s, action: cordon, node: a }\n`));
    expect(far.field).toBe('spec.timeline[0].at');
    expect(far.message).toContain('spec.timeline[0].at: Invalid value: "1000000000000000000000000s" is longer than the longest duration, 2562047h47m16.854s');
  });

  it('shows infinite and NaN numbers as Go prints them, not as JSON null (robustness round 22)', () => {
    expect(fails(scenario('  timeline:\n    - { at: .inf, action: cordon, node: a }\n')).message).toContain('spec.timeline[0].at: Invalid value: +Inf: must be a duration');
    expect(fails(scenario('  timeline:\n    - { at: 1s, action: scale, kind: Deployment, name: d, replicas: .nan }\n')).message).toContain('spec.timeline[0].replicas: Invalid value: NaN: must be a whole number');
    expect(fails(scenario('  timeline:\n    - { at: 1s, action: killNode, node: -.inf }\n')).message).toContain('spec.timeline[0].node: Invalid value: -Inf: must be a non-empty string');
    expect(fails(scenario('  seed: .inf\n')).message).toContain('spec.seed: Invalid value: +Inf: must be a whole number');
    expect(fails(scenario('  speed: -.inf\n')).message).toContain('spec.speed: Invalid value: -Inf: must be a number greater than 0');
  });

  it('validates the rest of the spec', () => {
    expect(fails(scenario('  seed: -1\n')).message).toContain('spec.seed: Invalid value: -1: must be a whole number from 0 to 4294967295');
    expect(fails(scenario('  speed: 0\n')).message).toContain('spec.speed: Invalid value: 0: must be a number greater than 0');
    expect(fails(scenario('  title: [a]\n')).field).toBe('spec.title');
    expect(fails(scenario('  tittle: x\n')).message).toContain('spec.tittle: unknown field "tittle"');
    const cp = fails(scenario('  controlPlane:\n    nodeMonitorGracePeriod: 50\n'));
    expect(cp.field).toBe('spec.controlPlane.nodeMonitorGracePeriod');
    expect(cp.line).toBe(14);
    expect(cp.message).toContain('must be a duration such as "50s"');
    const ksc = fails(scenario('  schedulerConfiguration:\n    percentageOfNodesToScore: 500\n'));
    expect(ksc.field).toBe('spec.schedulerConfiguration.percentageOfNodesToScore');
  });

  it('objects without a name: generateName is refused as kubectl apply refuses it; nameless objects are not "duplicates"', () => {
    const pod = (meta: string) => `apiVersion: v1\nkind: Pod\nmetadata: {${meta}}\nspec: {containers: [{name: c, image: nginx}]}\n`;
    const generated = fails(`${pod('generateName: web-')}---\n${pod('generateName: web-')}`);
    expect(generated.field).toBe('metadata.generateName');
    expect(generated.line).toBe(3);
    expect(generated.message).toBe(
      's.yaml:3:26: metadata.generateName: Invalid value: "web-": from web-: cannot use generate name with apply (a scenario\'s objects are created as kubectl apply creates them: give it a metadata.name) (in Pod)',
    );
    const nameless = fails(`${pod('namespace: default')}---\n${pod('namespace: default')}`);
    expect(nameless.message).toBe('s.yaml:3:11: metadata.name: Required value: name or generateName is required (in Pod default/)');
  });

  it('refuses a second Scenario, a wrong apiVersion and duplicate objects', () => {
    expect(fails(`${scenario('  seed: 1\n')}---\napiVersion: podscape.dev/v1alpha1\nkind: Scenario\nmetadata: {name: again}\n`).message).toContain(
      'a file holds at most one Scenario (the first is at line 10)',
    );
    expect(fails(`apiVersion: podscape.dev/v2\nkind: Scenario\nmetadata: {name: s}\n`).message).toContain('apiVersion: Unsupported value: "podscape.dev/v2"');
    const dup = fails(`${NODES}---\napiVersion: v1\nkind: Node\nmetadata: {name: worker-1}\n`);
    expect(dup.line).toBe(11);
    expect(dup.message).toContain('Duplicate value: "worker-1": another Node with this name is at line 3');
    // Same name in different namespaces, or of different kinds, is fine.
    expect(read(`apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec: {containers: [{name: c}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}]}\n`).objects).toHaveLength(2);
  });

  it('takes a KubeSchedulerConfiguration object from the file', () => {
    const r = read(`${NODES}---\napiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\npercentageOfNodesToScore: 50\n`);
    expect(r.scenario.schedulerConfiguration).toMatchObject({ percentageOfNodesToScore: 50 });
    expect(r.objects).toHaveLength(2);
    expect(fails(`${scenario('  schedulerConfiguration: {}\n')}---\napiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n`).field).toBe(
      'spec.schedulerConfiguration',
    );
  });

  it('checks a StatefulSet maxUnavailable only when the scenario turns the MaxUnavailableStatefulSet gate on', () => {
    const sts = `---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  updateStrategy: {rollingUpdate: {maxUnavailable: 0}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: c}]}\n`;
    const on = fails(`${scenario('  controlPlane: {maxUnavailableStatefulSet: true}\n')}${sts}`);
    expect(on.field).toBe('spec.updateStrategy.rollingUpdate.maxUnavailable');
    expect(on.message).toContain('spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0');
    // Off (v1.36): the registry drops the field before validation; the loader keeps the object as written.
    expect(read(`${scenario('  controlPlane: {maxUnavailableStatefulSet: false}\n')}${sts}`).objects).toHaveLength(3);
    expect(read(`${scenario('  seed: 1\n')}${sts}`).objects).toHaveLength(3);
  });
});
