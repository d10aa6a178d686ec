/**
 * The playground's limit on stored pods (robustness round 22): a share link or a file can hold
 * valid-looking workloads whose pods together would exhaust the worker's memory (each object is
 * capped at 100,000 replicas, but not their sum). Past MAX_PLAYGROUND_PODS a pod create is
 * refused as a quota would refuse it: the controllers record FailedCreate and retry with back-off,
 * a bare pod's load or apply is refused with the same words, and the engine keeps running.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod, Workload } from '../model/types';
import { POD_LIMIT } from '../store/object-store';
import { createSimulation } from './simulation';

const node = (name: string): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { allocatable: { cpu: '100', memory: '400Gi', pods: '1000' } } });
const deployment = (name: string, replicas: number): Workload => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});
const pod = (name: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

describe('the playground pod limit', () => {
  const saved = POD_LIMIT.max;
  beforeEach(() => {
    POD_LIMIT.max = 40;
  });
  afterEach(() => {
    POD_LIMIT.max = saved;
  });

  it('workloads that together want more pods than the limit get FailedCreate past it, and time moves on', () => {
    const s = createSimulation({ seed: 1 });
    s.load([node('n1'), deployment('a', 30), deployment('b', 30)]);
    s.advanceTo(120_000);
    const pods = s.objects().filter((o) => o.kind === 'Pod');
    expect(pods).toHaveLength(40);
    const refused = s.events().filter((e) => e.reason === 'FailedCreate');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0].message).toMatch(/^Error creating: pods "[ab]-[a-z0-9]+-[a-z0-9]{5}" is forbidden: the playground holds at most 40 pods$/);
    expect(s.time).toBe(120_000);
    // Scaling one down frees room for the other.
    expect(s.dispatch({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'a', replicas: 0 }).ok).toBe(true);
    s.advanceTo(300_000);
    const byOwner = (app: string) => s.objects().filter((o) => o.kind === 'Pod' && (o as Pod).metadata.labels?.app === app && !(o as Pod).metadata.deletionTimestamp).length;
    expect(byOwner('a')).toBe(0);
    expect(byOwner('b')).toBe(30);
  });

  it('a bare pod past the limit is refused at load and on apply, naming the pod', () => {
    const objects: KubeObject[] = [node('n1'), ...Array.from({ length: 41 }, (_, i) => pod(`p${i}`))];
    expect(() => createSimulation({ seed: 1 }).load(objects)).toThrow('pods "p40" is forbidden: the playground holds at most 40 pods');
    const s = createSimulation({ seed: 1 });
    s.load(objects.slice(0, 41));
    const r = s.dispatch({ action: 'apply', object: pod('extra') });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toContain('pods "extra" is forbidden: the playground holds at most 40 pods');
  });
});
