/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../engine/model/types';
import { cleanManifestObjects } from '../scenario/export/clean-manifests';
import { kwokNodeObjects, KWOK_TAINT } from '../scenario/export/kwok-nodes';
import { formatDuration } from '../scenario/export/scenario-export';
import kubectlGetAll from '../scenario/import/fixtures/kubectl-get-all.yaml?raw';
import { importScenario } from '../scenario/import/import';
import { parseManifests } from '../scenario/parse';
import { createEngineHost, createManualTicker } from './engine-host';

const docs = (text: string) => parseManifests(text).objects;
const host = (text = kubectlGetAll) => {
  const h = createEngineHost({ ticker: createManualTicker() });
  h.load(text, 'in.yaml');
  return h;
};
const podPlaces = (h: ReturnType<typeof host>) => h.snapshot()!.pods.map((p) => `${p.namespace}/${p.name}@${p.nodeName}:${p.phase}:${p.uid}`).sort();
/** Every key anywhere in a value. */
function keys(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => keys(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      keys(x, out);
    }
  }
  return out;
}

describe('import of kubectl output through the host', () => {
  it('loads with every pod where the dump had it, and keeps them there as the cluster settles', () => {
    const h = createEngineHost({ ticker: createManualTicker() });
    const { frame, scenario } = h.load(kubectlGetAll, 'dump.yaml');
    const dumped = importScenario(kubectlGetAll)
      .scenario.objects.filter((o) => o.kind === 'Pod')
      .map((o) => {
        const p = o as unknown as { metadata: { namespace: string; name: string; uid: string }; spec: { nodeName: string }; status: { phase: string } };
        return `${p.metadata.namespace}/${p.metadata.name}@${p.spec.nodeName}:${p.status.phase}:${p.metadata.uid}`;
      })
      .sort();
    expect(frame.nodes.map((n) => `${n.name} ${n.status}`)).toEqual(['cp-1 Ready', 'worker-a Ready', 'worker-b Ready']);
    expect(podPlaces(h)).toEqual(dumped);
    expect(scenario.unsupported?.map((u) => u.kind)).toEqual(['ConfigMap', 'Service', 'Ingress', 'Certificate']);
    h.step(10 * 60_000);
    expect(podPlaces(h)).toEqual(dumped);
    const state = h.exportState();
    expect(state.objects.filter((o) => o.kind === 'ReplicaSet').map((o) => o.metadata.name)).toEqual(['web-6f8b9d4c7', 'web-7c5ddbdf54']);
    // Kinds the engine does not model are carried along unchanged.
    const cert = state.objects.find((o) => o.kind === 'Certificate') as { status?: { notAfter?: string } } | undefined;
    expect(cert?.status?.notAfter).toBe('2026-02-18T08:13:39Z');
  });
});

describe('export as a scenario', () => {
  it('holds every object of the session (status and unmodelled kinds included) and loads back to the same cluster', () => {
    const a = host();
    a.dispatch({ action: 'cordon', node: 'worker-b' });
    a.step(90_000);
    const text = a.exportManifests('scenario');
    const written = docs(text);
    expect(written[0]).toMatchObject({ apiVersion: 'podscape.dev/v1alpha1', kind: 'Scenario' });
    const session = a
      .exportState()
      .objects.filter((o) => !(o.kind === 'Lease' && o.metadata.namespace === 'kube-node-lease'))
      .map((o) => ({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } }));
    expect(written.slice(1)).toEqual(session);
    expect(written.some((o) => o.kind === 'Certificate' && (o as { status?: unknown }).status)).toBe(true);

    const b = host(text);
    expect(podPlaces(b)).toEqual(podPlaces(a));
    expect(b.snapshot()!.nodes.find((n) => n.name === 'worker-b')!.unschedulable).toBe(true);
    // And again: the second export loads to the same cluster as the first.
    const c = host(b.exportManifests('scenario'));
    expect(podPlaces(c)).toEqual(podPlaces(a));
  });

  it('round-trips exactly: export, import, export writes the same text', () => {
    const first = host().exportManifests('scenario');
    expect(host(first).exportManifests('scenario')).toBe(first);
  });

  it('keeps the Scenario settings and what is left of the timeline, moved to start now', () => {
    const text = `apiVersion: podscape.dev/v1alpha1
kind: Scenario
metadata: { name: t }
spec:
  title: Timeline
  seed: 9
  controlPlane: { nodeMonitorGracePeriod: 20s }
  timeline:
    - { at: 10s, action: cordon, node: n1 }
    - { at: 90s, action: killNode, node: n1 }
---
apiVersion: v1
kind: Node
metadata: { name: n1 }
status: { allocatable: { cpu: "2", memory: 4Gi, pods: "110" } }
`;
    const h = host(text);
    h.step(30_000);
    const [scenario] = docs(h.exportManifests('scenario'));
    expect((scenario as unknown as { spec: unknown }).spec).toEqual({
      title: 'Timeline',
      seed: 9,
      controlPlane: { nodeMonitorGracePeriod: '20s' },
      timeline: [{ at: '60s', action: 'killNode', node: 'n1' }],
    });
    expect(formatDuration(1500)).toBe('1500ms');
    expect(formatDuration(0)).toBe('0s');
  });
});

describe('export as clean manifests', () => {
  const clean = () => cleanManifestObjects(host().exportState().objects);

  it('leaves out server fields, status, nodes and what controllers create', () => {
    const out = clean();
    const found = keys(out);
    for (const k of ['status', 'managedFields', 'uid', 'resourceVersion', 'creationTimestamp', 'ownerReferences', 'nodeName', 'generation']) expect(found.has(k), k).toBe(false);
    const names = out.map((o) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`);
    expect(names).toEqual([
      'Namespace monitoring',
      'Namespace shop',
      'ConfigMap shop/web-config',
      'Service shop/web',
      'Certificate shop/shop-example-com-tls',
      'DaemonSet monitoring/node-exporter',
      'Deployment shop/web',
      'Ingress shop/web',
      'Job shop/nightly-report-29406840',
      'PodDisruptionBudget shop/web-pdb',
      'StatefulSet shop/db',
    ]);
  });

  it('drops what a new cluster assigns: Service IPs, the Job selector and its uid labels, kubectl and controller annotations', () => {
    const out = clean();
    const svc = out.find((o) => o.kind === 'Service') as unknown as { spec: Record<string, unknown> };
    expect(svc.spec.clusterIP).toBeUndefined();
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }]);
    const job = out.find((o) => o.kind === 'Job') as unknown as { metadata: { labels: Record<string, string> }; spec: { selector?: unknown; template: { metadata: { labels: Record<string, string> } } } };
    expect(job.spec.selector).toBeUndefined();
    expect(job.metadata.labels).toEqual({ 'batch.kubernetes.io/job-name': 'nightly-report-29406840', 'job-name': 'nightly-report-29406840' });
    expect(job.spec.template.metadata.labels).toEqual(job.metadata.labels);
    const deploy = out.find((o) => o.kind === 'Deployment')!;
    expect(deploy.metadata.annotations).toBeUndefined();
    expect(out.find((o) => o.kind === 'Ingress')!.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
  });

  it('keeps a bare pod without its node, and strips the service-account token volume', () => {
    const objects: KubeObject[] = [
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'debug', namespace: 'default', uid: 'u' },
        spec: {
          nodeName: 'n1',
          containers: [{ name: 'c', image: 'busybox', volumeMounts: [{ name: 'kube-api-access-abcde', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }, { name: 'data', mountPath: '/data' }] }],
          volumes: [{ name: 'kube-api-access-abcde', projected: {} }, { name: 'data', emptyDir: {} }],
        },
        status: { phase: 'Running' },
      } as unknown as KubeObject,
    ];
    expect(cleanManifestObjects(objects)).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'debug', namespace: 'default' },
        spec: { containers: [{ name: 'c', image: 'busybox', volumeMounts: [{ name: 'data', mountPath: '/data' }] }], volumes: [{ name: 'data', emptyDir: {} }] },
      },
    ]);
  });

  it('is a YAML stream of valid objects that loads back into Podscape', () => {
    const h = host();
    const text = h.exportManifests('clean');
    expect(text.startsWith('# Clean manifests')).toBe(true);
    const objects = docs(text);
    for (const o of objects) {
      expect(typeof o.apiVersion).toBe('string');
      expect(typeof o.kind).toBe('string');
      expect(typeof o.metadata.name).toBe('string');
    }
    expect(() => importScenario(text)).not.toThrow();
  });
});

describe('export as KWOK fake nodes', () => {
  it('writes every node as KWOK documents it, keeping names, labels, taints and resources', () => {
    const h = host();
    const nodes = kwokNodeObjects(h.exportState().objects);
    expect(nodes.map((n) => n.metadata.name)).toEqual(['cp-1', 'worker-a', 'worker-b']);
    const [cp, a] = nodes;
    for (const n of nodes) {
      expect(n.metadata.annotations).toEqual({ 'node.alpha.kubernetes.io/ttl': '0', 'kwok.x-k8s.io/node': 'fake' });
      expect(n.metadata.labels).toMatchObject({ type: 'kwok', 'kubernetes.io/hostname': n.metadata.name });
      expect(n.spec?.taints?.at(-1)).toEqual(KWOK_TAINT);
      expect(n.status).toMatchObject({ phase: 'Running', nodeInfo: { kubeletVersion: 'fake', kubeProxyVersion: 'fake' } });
    }
    expect(cp.spec?.taints?.[0]).toEqual({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
    expect(cp.metadata.labels?.['node-role.kubernetes.io/agent']).toBeUndefined();
    expect(a.metadata.labels).toMatchObject({ 'node-role.kubernetes.io/agent': '', 'kubernetes.io/role': 'agent', 'topology.kubernetes.io/zone': 'eu-west-1a' });
    expect(a.status?.allocatable).toEqual({ cpu: '3920m', 'ephemeral-storage': '93270357275', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '14950332Ki', pods: '110' });
    expect(a.status?.capacity?.cpu).toBe('4');
    const text = h.exportManifests('kwok');
    expect(docs(text)).toEqual(nodes);
  });
});

describe('export as a scenario: what it cannot carry is said in the file', () => {
  it('names the cluster time of the export and the machines that were powered off, which load back at 0:00 with power', () => {
    const a = host();
    a.dispatch({ action: 'killNode', node: 'worker-b' });
    a.step(75_000);
    const text = a.exportManifests('scenario');
    expect(text.startsWith('# Exported at cluster time 00:01:15.')).toBe(true);
    expect(text.split('\n').filter((l) => l.startsWith('#')).join(' ')).toContain('powered off then: worker-b');
    // A comment only: the file loads as before.
    expect(docs(text)[0]).toMatchObject({ kind: 'Scenario' });
  });

  it('says nothing at time 0 with every machine on (nothing is lost)', () => {
    expect(host().exportManifests('scenario').startsWith('# Exported at')).toBe(false);
  });
});
