/**
 * kubectl apply's three-way merge for every kind (branch apply17): scenarios in ./run-cases played
 * through `podscape run FILE --until T --output json`; each fixture's header says what upstream does
 * and where (kubectl's apply package, apimachinery's strategicpatch, the API types' patch strategies).
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../engine/model/types';
import { createSimulation } from '../engine/sim/simulation';
import { exportCleanManifests } from '../scenario/export/clean-manifests';
import { exportScenario } from '../scenario/export/scenario-export';
import { parseManifests } from '../scenario/parse';
import { readScenario } from '../scenario/scenario';
import { events, obj, pods, run, s, type Obj } from './held-out';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
type Meta = { labels?: Record<string, string>; annotations?: Record<string, string>; generation?: number; resourceVersion?: string };
const meta = (o: Obj | undefined) => o?.metadata as Meta;
const lastApplied = (o: Obj | undefined) => {
  const raw = meta(o)?.annotations?.[LAST_APPLIED];
  return raw === undefined ? undefined : (JSON.parse(raw) as Record<string, unknown>);
};
const missing = (resource: string) =>
  `Warning: resource ${resource} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`;

describe('kubectl apply onto Deployments: the three-way merge with the last-applied annotation', () => {
  const at = (until: string) => run('apply-three-way-deployment.yaml', until);
  const dep = (until: string, name: string) => obj(at(until), 'Deployment', name);
  const replicaSets = (until: string, owner: string) => at(until).objects.filter((o) => o.kind === 'ReplicaSet' && o.metadata.name.startsWith(`${owner}-`));

  it("the scenario's objects are created as kubectl apply creates them: the annotation holds the manifest (namespace set, keys sorted); one exported from a cluster keeps its own annotations", () => {
    const raw = meta(dep('15s', 'web')).annotations![LAST_APPLIED];
    expect(raw).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"web","team":"a"},"name":"web","namespace":"default"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1","name":"nginx","resources":{"requests":{"cpu":"100m"}}}]}}}}\n',
    );
    expect(meta(dep('15s', 'legacy')).annotations).toEqual({ owner: 'ops', 'deployment.kubernetes.io/revision': '1' });
  });

  it('kubectl prints configured, unchanged, created, and the missing-annotation warning on stderr', () => {
    expect(at('60s').kubectl.filter((l) => l.action === 'apply').map((l) => [l.time, l.stream, l.text])).toEqual([
      [s(20), 'stdout', 'deployment.apps/web configured'],
      [s(20), 'stdout', 'deployment.apps/api configured'],
      [s(30), 'stdout', 'deployment.apps/web configured'],
      [s(40), 'stdout', 'deployment.apps/web unchanged'],
      [s(50), 'stderr', missing('deployments/legacy')],
      [s(50), 'stdout', 'deployment.apps/legacy configured'],
      [s(50), 'stdout', 'deployment.apps/extra created'],
    ]);
  });

  it('a label the previous manifest named goes; replicas, which no manifest named, keeps the scaled 3; the revision annotation stays; no generation bump, no rollout', () => {
    const before = dep('15s', 'web');
    const after = dep('25s', 'web');
    expect(before?.spec?.replicas).toBe(3);
    expect(meta(after).labels).toEqual({ app: 'web' });
    expect(after?.spec?.replicas).toBe(3);
    expect(meta(after).annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(meta(after).generation).toBe(meta(before).generation);
    expect(lastApplied(after)?.metadata).toEqual({ annotations: {}, labels: { app: 'web' }, name: 'web', namespace: 'default' });
    expect(replicaSets('25s', 'web')).toHaveLength(1);
    expect(pods(at('25s')).filter((p) => p.metadata.name.startsWith('web-'))).toHaveLength(3);
  });

  it('replicas named by the first manifest and left out of the next is deleted and defaulted to 1: the scale to 4 is undone', () => {
    expect(dep('25s', 'api')?.spec?.replicas).toBe(1);
    expect(events(at('25s'), 'ScalingReplicaSet', 'Deployment/default/api').map((e) => [e.time, e.message.replace(/api-[a-z0-9]+/, 'api-…')])).toEqual([
      [0, 'Scaled up replica set api-… from 0 to 2'],
      [s(10), 'Scaled up replica set api-… from 2 to 4'],
      [s(20), 'Scaled down replica set api-… from 4 to 1'],
    ]);
  });

  it('a new image rolls out once; the same manifest again is a no-op: no new resourceVersion or generation, no second rollout', () => {
    const rolled = dep('39s', 'web');
    expect(meta(rolled).annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(meta(rolled).generation).toBe(meta(dep('25s', 'web')).generation! + 1);
    const again = dep('60s', 'web');
    expect(meta(again).resourceVersion).toBe(meta(rolled).resourceVersion);
    expect(meta(again).generation).toBe(meta(rolled).generation);
    expect(replicaSets('60s', 'web')).toHaveLength(2);
  });

  it('an object created without apply: the patch adds the annotation and keeps what another client set', () => {
    const legacy = dep('60s', 'legacy');
    expect(meta(legacy).labels).toEqual({ app: 'legacy', tier: 'back' });
    expect(meta(legacy).annotations?.owner).toBe('ops');
    expect(lastApplied(legacy)?.metadata).toEqual({ annotations: {}, labels: { app: 'legacy', tier: 'back' }, name: 'legacy', namespace: 'default' });
    expect((lastApplied(dep('60s', 'extra'))?.spec as { template: unknown }).template).toEqual({ metadata: { labels: { app: 'extra' } }, spec: { containers: [{ image: 'extra:1', name: 'c', resources: { requests: { cpu: '100m' } } }] } });
  });
});

describe('kubectl apply and toleration lists (no patch strategy: replaced whole)', () => {
  const at = (until: string) => run('apply-three-way-tolerations.yaml', until);
  const keys = (o: Obj | undefined) => (o?.spec?.tolerations ?? []).map((t) => t.key);

  it("a Pod's shortened list is refused (only additions), a longer one is taken; the Deployment's shortened list is the new template", () => {
    expect(at('60s').kubectl.filter((l) => l.action === 'apply').map((l) => [l.time, l.stream, l.text])).toEqual([
      [s(20), 'stderr', 'The Pod "solo" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds'],
      [s(25), 'stdout', 'pod/solo configured'],
      [s(30), 'stdout', 'deployment.apps/batch configured'],
      [s(40), 'stdout', 'deployment.apps/batch unchanged'],
    ]);
    const admitted = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];
    expect(keys(obj(at('22s'), 'Pod', 'solo'))).toEqual(['dedicated', 'team', ...admitted]);
    expect(keys(obj(at('60s'), 'Pod', 'solo'))).toEqual(['dedicated', 'team', 'gpu', ...admitted]);
  });

  it('one rollout: the new pods, without the dedicated toleration, all land on the untainted worker-2', () => {
    const d = at('60s');
    const tpl = (obj(d, 'Deployment', 'batch')?.spec?.template as { spec: { tolerations: unknown[] } }).spec;
    expect(tpl.tolerations).toEqual([{ key: 'team', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(d.objects.filter((o) => o.kind === 'ReplicaSet')).toHaveLength(2);
    const batch = pods(d).filter((p) => p.metadata.name.startsWith('batch-') && !p.metadata.deletionTimestamp);
    expect(batch.map((p) => p.spec?.nodeName)).toEqual(['worker-2', 'worker-2']);
    expect(events(d, 'ScalingReplicaSet').filter((e) => e.time >= s(40))).toEqual([]);
  });
});

describe('the last-applied annotation in the exports', () => {
  const manifest = (labels: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {${labels}}}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: "nginx:1"}]}\n`;
  const loaded = (text: string) => {
    const { objects } = readScenario(parseManifests(text, 'x.yaml'));
    const sim = createSimulation({ seed: 1 });
    sim.load(objects);
    sim.advanceBy(5000);
    return sim;
  };
  const web = (objects: readonly KubeObject[]) => objects.find((o) => o.kind === 'Deployment')!;

  it('clean manifests leave it out (kubectl apply writes its own); the scenario export keeps it, so a re-imported session still removes what only the old manifest named', () => {
    const sim = loaded(manifest('app: web, team: a'));
    expect(exportCleanManifests(sim.objects())).not.toContain(LAST_APPLIED);
    const exported = exportScenario({ objects: sim.objects(), time: sim.time });
    expect(exported).toContain(LAST_APPLIED);
    const again = loaded(exported);
    expect(meta(web(again.objects()) as Obj).annotations?.[LAST_APPLIED]).toBe(meta(web(sim.objects()) as Obj).annotations?.[LAST_APPLIED]);
    const { objects } = readScenario(parseManifests(manifest('app: web'), 'x.yaml'));
    expect(again.dispatch({ action: 'apply', object: objects[0] })).toEqual({ ok: true, messages: ['deployment.apps/web configured'] });
    expect(web(again.objects()).metadata.labels).toEqual({ app: 'web' });
  });
});

describe('a manifest that names only part of an existing object', () => {
  const deployment = (metadata: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, ${metadata}}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: "nginx:1"}]}\n`;
  const partial = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3 } } as unknown as KubeObject;
  const sim = (metadata: string) => {
    const x = createSimulation({ seed: 1 });
    x.load(readScenario(parseManifests(deployment(metadata), 'x.yaml')).objects);
    return x;
  };
  const spec = (x: ReturnType<typeof sim>) => (x.objects().find((o) => o.kind === 'Deployment') as unknown as { spec: { replicas: number; selector: unknown } }).spec;

  it('is validated as the API server validates the patched object: onto an object created without apply, the live selector and template stay', () => {
    const x = sim('namespace: default, uid: 0d9c6a8e-0000-4000-8000-000000000017');
    expect(x.dispatch({ action: 'apply', object: partial })).toEqual({ ok: true, messages: [missing('deployments/web'), 'deployment.apps/web configured'] });
    expect(spec(x)).toMatchObject({ replicas: 3, selector: { matchLabels: { app: 'web' } } });
  });

  it('onto an applied object the merge deletes the selector and template the previous manifest named: refused, nothing changes', () => {
    const x = sim('labels: {app: web}');
    const r = x.dispatch({ action: 'apply', object: partial });
    expect(r.ok).toBe(false);
    // The causes are the merged object's (ValidateDeployment on the patched object), not the manifest's.
    expect(!r.ok && r.error.split('\n').slice(0, 2)).toEqual(['The Deployment "web" is invalid: ', '* spec.selector: Required value']);
    expect(spec(x).replicas).toBe(1);
  });
});
