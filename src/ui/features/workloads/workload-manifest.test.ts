import { describe, expect, it } from 'vitest';
import { createInProcessClient, createManualTicker } from '../../bridge/in-process-client';
import { buildWorkloadManifest, containerName, CREATE_KINDS, DEFAULT_WORKLOAD, parseTolerations } from './workload-manifest';

const NODE = `apiVersion: v1
kind: Node
metadata: { name: w1, labels: { disktype: ssd } }
status: { allocatable: { cpu: "4", memory: 8Gi, pods: "110" } }
`;

describe('buildWorkloadManifest', () => {
  it('builds a Deployment selected by app=<name> with requests, nodeSelector and tolerations', () => {
    const d = buildWorkloadManifest({ ...DEFAULT_WORKLOAD, name: 'web', nodeSelector: 'disktype=ssd', tolerations: 'gpu=yes:NoSchedule, dedicated' });
    expect(d).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [{ name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: '250m', memory: '256Mi' } } }],
            nodeSelector: { disktype: 'ssd' },
            tolerations: [
              { key: 'gpu', operator: 'Equal', value: 'yes', effect: 'NoSchedule' },
              { key: 'dedicated', operator: 'Exists' },
            ],
          },
        },
      },
    });
  });

  it('gives a Job completions, parallelism and restartPolicy Never, and a bare Pod no controller fields', () => {
    const job = buildWorkloadManifest({ ...DEFAULT_WORKLOAD, kind: 'Job', name: 'batch', completions: 5, parallelism: 2, cpu: '', memory: '' });
    expect(job).toMatchObject({ apiVersion: 'batch/v1', spec: { completions: 5, parallelism: 2, template: { spec: { restartPolicy: 'Never' } } } });
    expect((job.spec as { template: { spec: { containers: object[] } } }).template.spec.containers[0]).toEqual({ name: 'nginx', image: 'nginx:1.27' });
    const pod = buildWorkloadManifest({ ...DEFAULT_WORKLOAD, kind: 'Pod', name: 'solo' });
    expect(pod).toMatchObject({ apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 'nginx' }] } });
    expect(pod.spec).not.toHaveProperty('replicas');
  });

  it('refuses missing names and malformed selectors or tolerations, naming the field', () => {
    expect(() => buildWorkloadManifest({ ...DEFAULT_WORKLOAD, name: ' ' })).toThrow('metadata.name: Required value');
    expect(() => buildWorkloadManifest({ ...DEFAULT_WORKLOAD, image: '' })).toThrow('image: Required value');
    expect(() => buildWorkloadManifest({ ...DEFAULT_WORKLOAD, nodeSelector: 'ssd' })).toThrow('nodeSelector: "ssd" is not key=value');
    expect(() => parseTolerations('a=b:Never')).toThrow(/^tolerations: "a=b:Never": effect must be/);
  });

  it('names the container after the image', () => {
    expect(containerName('ghcr.io/team/My_App:1.0')).toBe('my-app');
    expect(containerName('redis@sha256:abc')).toBe('redis');
  });

  it('produces manifests the engine accepts and runs, for every kind', async () => {
    const client = createInProcessClient({ ticker: createManualTicker() });
    await client.load(NODE);
    for (const kind of CREATE_KINDS) {
      const object = buildWorkloadManifest({ ...DEFAULT_WORKLOAD, kind, name: `x-${kind.toLowerCase()}`, replicas: 2, nodeSelector: 'disktype=ssd' });
      expect(await client.dispatch({ action: 'apply', object })).toMatchObject({ ok: true });
    }
    const frame = await client.step(30_000);
    const owners = new Set(frame.pods.map((p) => p.owner?.kind ?? 'bare'));
    expect(owners).toEqual(new Set(['ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'bare']));
    expect(frame.pods.every((p) => p.nodeName === 'w1')).toBe(true);
    expect(frame.workloads.map((w) => `${w.kind}/${w.name}`).sort()).toEqual(['DaemonSet/x-daemonset', 'Deployment/x-deployment', 'Job/x-job', 'StatefulSet/x-statefulset']);
    client.close();
  });
});
