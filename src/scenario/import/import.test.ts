/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { ManifestError } from '../parse';
import kubectlGetAll from './fixtures/kubectl-get-all.yaml?raw';
import { describeImportError, importScenario, locateInStream, unsupportedKinds } from './import';

describe('importing kubectl get -o yaml output', () => {
  it('reads a List with every kind, status and managedFields kept, and names the kinds it does not model', () => {
    const { scenario, unsupported } = importScenario(kubectlGetAll, 'dump.yaml');
    const kinds = scenario.objects.map((o) => o.kind);
    expect(kinds.filter((k) => k === 'Node')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'Pod')).toHaveLength(7);
    const web = scenario.objects.find((o) => o.kind === 'Pod' && o.metadata.name === 'web-7c5ddbdf54-4xk9p')!;
    expect(web.metadata.managedFields).toHaveLength(2);
    expect(web.metadata.uid).toBe('11c9e6b2-7a4d-4f1e-8c3b-5d7e9f1a3b25');
    expect(unsupported).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', names: ['shop/web-config'] },
      { apiVersion: 'v1', kind: 'Service', names: ['shop/web'] },
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', names: ['shop/web'] },
      { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', names: ['shop/shop-example-com-tls'] },
    ]);
  });

  it('groups unsupported objects by apiVersion and kind, cluster-scoped ones by name alone', () => {
    const u = unsupportedKinds([
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'x' } },
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'a', namespace: 'x' } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'view' } },
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'b', namespace: 'y' } },
    ]);
    expect(u).toEqual([
      { apiVersion: 'example.com/v1', kind: 'Widget', names: ['x/a', 'y/b'] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', names: ['view'] },
    ]);
  });

  it('reads the same objects from JSON (kubectl get -o json)', () => {
    const { scenario } = importScenario(kubectlGetAll);
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: scenario.objects, metadata: { resourceVersion: '' } }, null, 2);
    expect(importScenario(json, 'dump.json').scenario.objects).toEqual(scenario.objects);
  });
});

describe('import errors name the document, line and field', () => {
  it('a kind its apiVersion does not serve (as kubectl refuses it), while custom resources pass', () => {
    const text = `${kubectlGetAll}\n---\napiVersion: batch/v1\nkind: Deployment\nmetadata: {name: misplaced}\n`;
    expect(() => importScenario(text, 'dump.yaml')).toThrow(/dump\.yaml:\d+:\d+: kind: Invalid value: "Deployment": no matches for kind "Deployment" in version "batch\/v1"/);
    const crd = `${kubectlGetAll}\n---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: m}\n`;
    expect(importScenario(crd, 'dump.yaml').unsupported.map((u) => u.kind)).toContain('ServiceMonitor');
  });

  it('ResourceQuota and LimitRange are simulated (admission and the quota controller), so the notice does not call them kept-only', () => {
    const text = `${kubectlGetAll}\n---\napiVersion: v1\nkind: ResourceQuota\nmetadata: {name: compute, namespace: default}\nspec: {hard: {requests.cpu: "2"}}\n---\napiVersion: v1\nkind: LimitRange\nmetadata: {name: defaults, namespace: default}\nspec: {limits: [{type: Container, defaultRequest: {cpu: 100m}}]}\n`;
    const kinds = importScenario(text, 'dump.yaml').unsupported.map((u) => u.kind);
    expect(kinds).not.toContain('ResourceQuota');
    expect(kinds).not.toContain('LimitRange');
  });

  it('HorizontalPodAutoscaler and ReplicationController are simulated (round 32 controllers), so the notice does not call them kept-only', () => {
    const text = `${kubectlGetAll}\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: default}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, maxReplicas: 3}\n---\napiVersion: v1\nkind: ReplicationController\nmetadata: {name: old, namespace: default}\nspec: {replicas: 1, selector: {app: old}, template: {metadata: {labels: {app: old}}, spec: {containers: [{name: c, image: nginx}]}}}\n`;
    const kinds = importScenario(text, 'dump.yaml').unsupported.map((u) => u.kind);
    expect(kinds).not.toContain('HorizontalPodAutoscaler');
    expect(kinds).not.toContain('ReplicationController');
    expect(kinds).toContain('Service');
  });

  it('a custom resource named like a kind Podscape simulates (a Volcano Job) is refused, not simulated as the built-in one', () => {
    const volcano = `${kubectlGetAll}\n---\napiVersion: batch.volcano.sh/v1alpha1\nkind: Job\nmetadata: {name: train}\nspec: {minAvailable: 2, tasks: []}\n`;
    const line = volcano.split('\n').length - 3;
    expect(() => importScenario(volcano, 'dump.yaml')).toThrow(
      `dump.yaml:${line}:7: kind: Invalid value: "Job": this Job of "batch.volcano.sh/v1alpha1" is a custom resource, not the batch/v1 Job that Podscape simulates; Podscape tells objects apart by kind alone, so leave it out of the import (in Job train)`,
    );
    const node = `apiVersion: cluster.x-k8s.io/v1beta1\nkind: Node\nmetadata: {name: n}\n`;
    expect(() => importScenario(node, 'n.yaml')).toThrow('kind: Invalid value: "Node": this Node of "cluster.x-k8s.io/v1beta1" is a custom resource, not the v1 Node that Podscape simulates');
    // A custom kind named like one Podscape only carries along (a Knative Service) is carried, as before.
    const knative = `${kubectlGetAll}\n---\napiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: hello, namespace: default}\n`;
    expect(importScenario(knative, 'dump.yaml').unsupported.find((u) => u.apiVersion === 'serving.knative.dev/v1')?.names).toEqual(['default/hello']);
  });

  it('a bad quantity inside a List item', () => {
    const text = kubectlGetAll.replace('cpu: 500m\n          memory: 1Gi', 'cpu: lots\n          memory: 1Gi');
    expect(text).not.toBe(kubectlGetAll);
    const line = text.split('\n').findIndex((l) => l.includes('cpu: lots')) + 1;
    let error: unknown;
    try {
      importScenario(text, 'dump.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ManifestError);
    const e = error as ManifestError;
    expect(e.line).toBe(line);
    expect(e.field).toBe('spec.containers[0].resources.requests.cpu');
    expect(describeImportError(text, e.message)).toBe(`document 1 (items[8]), line ${line}, column 16: spec.containers[0].resources.requests.cpu: Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (in Pod shop/db-0)`);
  });

  it('a syntax error in the third document of a stream', () => {
    const text = 'apiVersion: v1\nkind: Node\nmetadata: { name: a }\n---\napiVersion: v1\nkind: Node\nmetadata: { name: b }\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: c\n   namespace: x\n';
    expect(() => importScenario(text)).toThrow(ManifestError);
    try {
      importScenario(text);
    } catch (e) {
      expect(describeImportError(text, (e as Error).message)).toMatch(/^document 3, line 13, column 4: YAML syntax error: this line is indented 3 spaces/);
    }
  });

  it('locates lines in streams and Lists', () => {
    const text = 'kind: List\napiVersion: v1\nitems:\n- kind: Node\n  metadata: { name: a }\n- kind: Node\n  metadata: { name: b }\n---\nkind: Pod\n';
    expect(locateInStream(text, 5)).toEqual({ document: 1, documents: 2, item: 0 });
    expect(locateInStream(text, 6)).toEqual({ document: 1, documents: 2, item: 1 });
    expect(locateInStream(text, 1)).toEqual({ document: 1, documents: 2, item: null });
    expect(locateInStream(text, 9)).toEqual({ document: 2, documents: 2, item: null });
    expect(describeImportError(text, 'no position here')).toBe('no position here');
  });
});
