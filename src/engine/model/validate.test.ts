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
    expect(e.message).toMatch(/must be a non-negative integer/);
  });
  it('checks the pod template like a pod, with the template path', () => {
    const bad = deployment({});
    (bad.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers = [
      { name: 'c', resources: { requests: { cpu: 'lots' } } },
    ];
    const [e] = validateObjects([bad]);
    expect(e.field).toBe('spec.template.spec.containers[0].resources.requests.cpu');
  });
  it('needs a selector', () => {
    const d = deployment({});
    delete (d.spec as Record<string, unknown>).selector;
    expect(validateObjects([d])[0].field).toBe('spec.selector');
  });
  it('says a non-list containers field is not a list', () => {
    const pod = { kind: 'Pod', metadata: { name: 'p' }, spec: { containers: 5 } } as unknown as KubeObject;
    expect(validateObjects([pod])[0]).toMatchObject({ field: 'spec.containers', message: 'Invalid value: 5: must be a list of containers' });
  });

  it('refuses a selector that is not a label map, or that misses the template labels (a controller would create pods for ever)', () => {
    const ds = (matchLabels: unknown) =>
      ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd' }, spec: { selector: { matchLabels }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c' }] } } } }) as unknown as KubeObject;
    expect(validateObjects([ds('-1')])[0]).toMatchObject({ field: 'spec.selector.matchLabels' });
    expect(validateObjects([ds({ app: 'b' })])[0]).toMatchObject({ field: 'spec.template.metadata.labels', message: 'Invalid value: map[app:a]: `selector` does not match template `labels`' });
    expect(validateObjects([ds({ app: 'a' })])).toEqual([]);
  });

  it('refuses shapes the components cannot read: non-list conditions, non-mapping owner references, non-string images', () => {
    const node = { kind: 'Node', metadata: { name: 'n' }, status: { conditions: 0, images: [{ names: [1] }] } } as unknown as KubeObject;
    expect(validateObjects([node]).map((e) => e.field)).toEqual(['status.conditions', 'status.images[0].names']);
    const pod = { kind: 'Pod', metadata: { name: 'p', ownerReferences: ['x'] }, spec: { containers: [{ name: 'c', image: {} }] } } as unknown as KubeObject;
    expect(validateObjects([pod]).map((e) => e.field)).toEqual(['metadata.ownerReferences[0]', 'spec.containers[0].image']);
  });
});
