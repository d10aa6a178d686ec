/**
 * kubectl patch, label and annotate through the simulation: kubectl's lines, the update path
 * (validation, immutable fields, controllers reacting) and the state kept on every error.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../commands';
import type { KubeObject, Pod } from '../model/types';
import { createSimulation, type Simulation } from './simulation';
import { LAST_APPLIED } from './apply';

const worker = (name: string, labels: Record<string, string> = {}): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' }, allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
  }) as unknown as KubeObject;

const web = (): KubeObject =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }], tolerations: [{ key: 'a', operator: 'Exists' }] } },
    },
  }) as unknown as KubeObject;

function start(objects: KubeObject[] = [worker('worker-1'), web()]): Simulation {
  const sim = createSimulation({ seed: 7 });
  sim.load(objects);
  sim.advanceBy(30_000);
  return sim;
}

const get = (sim: Simulation, kind: string, name: string, namespace: string | undefined = 'default') => sim.store.get(kind, kind === 'Node' ? undefined : namespace, name) as KubeObject & { spec: Spec };
type Spec = { replicas?: number; template: { spec: { containers: Record<string, unknown>[]; tolerations?: unknown[] } } };

function unchangedOnError(sim: Simulation, command: Command): string {
  const before = JSON.stringify(sim.objects());
  const r = sim.dispatch(command);
  expect(r.ok).toBe(false);
  expect(JSON.stringify(sim.objects())).toBe(before);
  return r.ok ? '' : r.error;
}

const patch = (p: unknown, type?: 'strategic' | 'merge' | 'json', name = 'web', kind = 'Deployment'): Command =>
  ({ action: 'patch', kind, namespace: 'default', name, patch: p as Record<string, unknown>, ...(type ? { type } : {}) }) as Command;

describe('kubectl patch', () => {
  it('patches a Deployment image (strategic, containers merged by name) and the controller rolls out a new ReplicaSet', () => {
    const sim = start();
    const r = sim.dispatch(patch('{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:1.26"}]}}}}'));
    expect(r).toEqual({ ok: true, messages: ['deployment.apps/web patched'] });
    const d = get(sim, 'Deployment', 'web');
    expect(d.spec.template.spec.containers).toEqual([{ name: 'app', image: 'nginx:1.26', ...pick(d.spec.template.spec.containers[0]) }]);
    // The toleration list (no merge key) was not named: kept.
    expect(d.spec.template.spec.tolerations).toEqual([{ key: 'a', operator: 'Exists' }]);
    sim.advanceBy(5_000);
    const sets = sim.objects().filter((o) => o.kind === 'ReplicaSet');
    expect(sets).toHaveLength(2);
  });

  it('answers "patched (no change)" for a patch that changes nothing, and leaves last-applied alone', () => {
    const sim = start();
    const before = get(sim, 'Deployment', 'web').metadata.annotations?.[LAST_APPLIED];
    expect(before).toBeDefined();
    expect(sim.dispatch(patch({ spec: { replicas: 2 } }))).toEqual({ ok: true, messages: ['deployment.apps/web patched (no change)'] });
    expect(sim.dispatch(patch({ spec: { replicas: 3 } }, 'merge'))).toEqual({ ok: true, messages: ['deployment.apps/web patched'] });
    expect(get(sim, 'Deployment', 'web').metadata.annotations?.[LAST_APPLIED]).toBe(before);
    expect(get(sim, 'Deployment', 'web').spec.replicas).toBe(3);
  });

  it('replaces a list without a merge key and merges by name with --type strategic; replaces the containers with --type merge', () => {
    const sim = start();
    sim.dispatch(patch({ spec: { template: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }], containers: [{ name: 'side', image: 'busybox' }] } } } }));
    let spec = get(sim, 'Deployment', 'web').spec.template.spec;
    expect(spec.tolerations).toEqual([{ key: 'b', operator: 'Exists' }]);
    // A new container goes before the stored ones (normalizeElementOrder), the stored one kept.
    expect(spec.containers.map((c) => c.name)).toEqual(['side', 'app']);
    sim.dispatch(patch({ spec: { template: { spec: { containers: [{ name: 'only', image: 'busybox' }] } } } }, 'merge'));
    spec = get(sim, 'Deployment', 'web').spec.template.spec;
    expect(spec.containers.map((c) => c.name)).toEqual(['only']);
  });

  it('applies a JSON patch, and a failed test fails it whole with kubectl\'s Invalid line', () => {
    const sim = start();
    expect(sim.dispatch(patch([{ op: 'test', path: '/spec/replicas', value: 2 }, { op: 'replace', path: '/spec/replicas', value: 4 }], 'json')).ok).toBe(true);
    expect(get(sim, 'Deployment', 'web').spec.replicas).toBe(4);
    const err = unchangedOnError(sim, patch([{ op: 'replace', path: '/spec/replicas', value: 1 }, { op: 'test', path: '/spec/replicas', value: 9 }], 'json'));
    expect(err).toBe('The request is invalid: the server rejected our request due to an error in our request');
    expect(unchangedOnError(sim, patch({ op: 'add' }, 'json'))).toBe('Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  });

  it('refuses an unknown object, an unparsable patch, an invalid result and a changed selector, the state kept', () => {
    const sim = start();
    expect(unchangedOnError(sim, patch({ spec: { replicas: 1 } }, undefined, 'nope'))).toBe('Error from server (NotFound): deployments.apps "nope" not found');
    expect(unchangedOnError(sim, patch('{"spec":'))).toMatch(/^error: unable to parse "\{\\"spec\\":": /);
    expect(unchangedOnError(sim, patch({ spec: { replicas: -1 } }))).toBe('The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(unchangedOnError(sim, patch({ spec: { selector: { matchLabels: { app: 'web', tier: 'x' } }, template: { metadata: { labels: { tier: 'x' } } } } }))).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"x"}}: field is immutable',
    );
    expect(unchangedOnError(sim, patch({ metadata: { name: 'other' } }))).toBe('Error from server (BadRequest): the name of the object (other) does not match the name on the URL (web)');
    expect(unchangedOnError(sim, patch([1], 'merge'))).toBe('Error from server (BadRequest): error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}');
    expect(unchangedOnError(sim, patch({ spec: {} }, undefined, 'web', 'Widget'))).toBe('error: the server doesn\'t have a resource type "widgets"');
  });
});

describe('kubectl label and annotate', () => {
  it('labels a node, then a pending pod with that nodeSelector is scheduled', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'fast', namespace: 'default' }, spec: { nodeSelector: { disktype: 'ssd' }, containers: [{ name: 'c', image: 'nginx' }] } } as unknown as KubeObject;
    const sim = start([worker('worker-1'), pod]);
    expect((get(sim, 'Pod', 'fast') as unknown as Pod).spec.nodeName).toBeUndefined();
    expect(sim.dispatch({ action: 'label', kind: 'Node', namespace: 'default', name: 'worker-1', changes: ['disktype=ssd'] })).toEqual({ ok: true, messages: ['node/worker-1 labeled'] });
    sim.advanceBy(15_000);
    expect((get(sim, 'Pod', 'fast') as unknown as Pod).spec.nodeName).toBe('worker-1');
  });

  it('refuses an existing key without --overwrite, overwrites with it, removes with key-', () => {
    const sim = start([worker('worker-1', { disktype: 'hdd' })]);
    const label = (changes: string[], overwrite?: boolean): Command => ({ action: 'label', kind: 'Node', namespace: 'default', name: 'worker-1', changes, ...(overwrite ? { overwrite } : {}) });
    expect(unchangedOnError(sim, label(['disktype=ssd']))).toBe("error: 'disktype' already has a value (hdd), and --overwrite is false");
    expect(sim.dispatch(label(['disktype=ssd'], true))).toEqual({ ok: true, messages: ['node/worker-1 labeled'] });
    expect(get(sim, 'Node', 'worker-1').metadata.labels?.disktype).toBe('ssd');
    expect(sim.dispatch(label(['disktype-']))).toEqual({ ok: true, messages: ['node/worker-1 unlabeled'] });
    expect(get(sim, 'Node', 'worker-1').metadata.labels?.disktype).toBeUndefined();
    expect(sim.dispatch(label(['disktype-']))).toEqual({ ok: true, messages: ['label "disktype" not found.', 'node/worker-1 not labeled'] });
    expect(unchangedOnError(sim, label(['disk type=ssd']))).toMatch(/^The Node "worker-1" is invalid: metadata.labels: Invalid value: "disk type": name part must consist of/);
    expect(unchangedOnError(sim, label(['a=b=c']))).toBe('error: invalid label spec: a=b=c');
    expect(unchangedOnError(sim, label(['a=-x']))).toMatch(/^error: invalid label value: "a=-x": a valid label must be/);
    expect(unchangedOnError(sim, label(['a=b', 'a-']))).toBe('error: can not both modify and remove a label in the same command');
    expect(unchangedOnError(sim, label(['plain']))).toBe('error: unknown label spec: plain');
  });

  it('annotates a pod, and refuses an existing annotation without --overwrite', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', namespace: 'default', annotations: { team: 'a' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } as unknown as KubeObject;
    const sim = start([worker('worker-1'), pod]);
    const annotate = (changes: string[], overwrite?: boolean): Command => ({ action: 'annotate', kind: 'Pod', namespace: 'default', name: 'x', changes, ...(overwrite ? { overwrite } : {}) });
    expect(sim.dispatch(annotate(['note=hello world']))).toEqual({ ok: true, messages: ['pod/x annotated'] });
    expect(get(sim, 'Pod', 'x').metadata.annotations?.note).toBe('hello world');
    expect(unchangedOnError(sim, annotate(['team=b']))).toBe("error: --overwrite is false but found the following declared annotation(s): 'team' already has a value (a)");
    expect(sim.dispatch(annotate(['team=b'], true)).ok).toBe(true);
  });
});

function pick(c: Record<string, unknown>): Record<string, unknown> {
  const { name: _n, image: _i, ...rest } = c;
  return rest;
}
