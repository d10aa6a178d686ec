/**
 * The quota controller and namespace lifecycle through a Simulation: status kept from the objects,
 * replenished on deletion and on a pod turning terminal, re-synced on a new spec.hard; creates
 * into a missing namespace refused; quotas do not refuse a scenario's own objects at load.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod } from '../../model/types';
import { createSimulation } from '../../sim/simulation';
import type { ResourceQuota } from '../../store/quota-admission';

const node = (name: string): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { allocatable: { cpu: '16', memory: '64Gi', pods: '110' } } });
const pod = (name: string, ns: string, cpu = '250m', annotations?: Record<string, string>): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, annotations },
  spec: { nodeName: 'n1', restartPolicy: 'Never', containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu } } }] },
});
const quota = (hard: Record<string, string>, ns = 'team'): ResourceQuota => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: ns }, spec: { hard } });
const used = (s: ReturnType<typeof createSimulation>, ns = 'team') => s.store.get<ResourceQuota>('ResourceQuota', ns, 'q')?.status?.used;

describe('resource quota controller', () => {
  it('loads pods past a quota (a dump) and counts them; deletion replenishes; a terminal pod stops counting', () => {
    const s = createSimulation({ seed: 1 });
    s.load([node('n1'), quota({ pods: '2', 'requests.cpu': '500m' }), pod('a', 'team'), pod('b', 'team'), pod('c', 'team', '250m', { 'podscape.dev/run-duration': '10s' })]);
    expect(s.store.list('Pod', 'team')).toHaveLength(3);
    expect(used(s)).toEqual({ pods: '3', 'requests.cpu': '750m' });
    s.advanceTo(5_000);
    expect(s.dispatch({ action: 'deletePod', namespace: 'team', name: 'a', force: true }).ok).toBe(true);
    expect(used(s)).toEqual({ pods: '2', 'requests.cpu': '500m' });
    s.advanceTo(30_000);
    expect(s.store.get<Pod>('Pod', 'team', 'c')?.status?.phase).toBe('Succeeded');
    expect(used(s)).toEqual({ pods: '1', 'requests.cpu': '250m' });
  });

  it('re-syncs status.hard when spec.hard changes, and admission then uses the new limit', () => {
    const s = createSimulation({ seed: 1 });
    s.load([node('n1'), quota({ pods: '1' }), pod('a', 'team')]);
    const refused = s.dispatch({ action: 'apply', object: pod('b', 'team') });
    expect(refused).toEqual({ ok: false, error: 'Error from server (Forbidden): error when creating "STDIN": pods "b" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1' });
    expect(s.dispatch({ action: 'apply', object: quota({ pods: '3' }) }).ok).toBe(true);
    expect(s.store.get<ResourceQuota>('ResourceQuota', 'team', 'q')?.status).toEqual({ hard: { pods: '3' }, used: { pods: '1' } });
    expect(s.dispatch({ action: 'apply', object: pod('b', 'team') })).toMatchObject({ ok: true });
    expect(used(s)).toEqual({ pods: '2' });
  });

  it('a quota in one namespace leaves another alone', () => {
    const s = createSimulation({ seed: 1 });
    s.load([node('n1'), quota({ pods: '0' }), pod('a', 'default')]);
    expect(s.dispatch({ action: 'apply', object: pod('b', 'default') }).ok).toBe(true);
    expect(used(s)).toEqual({ pods: '0' });
  });
});

describe('namespace lifecycle', () => {
  it('creates the namespaces a scenario uses without a Namespace object; the system ones exist unstored', () => {
    const s = createSimulation({ seed: 1 });
    const objects: KubeObject[] = [node('n1'), pod('a', 'shop'), pod('b', 'kube-system'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ops', labels: { team: 'x' } } }, pod('c', 'ops')];
    s.load(objects);
    expect(s.store.list('Namespace').map((n) => n.metadata.name)).toEqual(['ops', 'shop']);
    expect(s.store.get('Namespace', undefined, 'shop')).toMatchObject({ metadata: { labels: { 'kubernetes.io/metadata.name': 'shop' } }, status: { phase: 'Active' } });
    expect(s.store.get('Namespace', undefined, 'ops')?.metadata.labels).toEqual({ team: 'x' });
  });

  it('refuses a create into a namespace that does not exist, and accepts it once the Namespace is applied', () => {
    const s = createSimulation({ seed: 1 });
    s.load([node('n1')]);
    expect(s.dispatch({ action: 'apply', object: pod('a', 'shop') })).toEqual({ ok: false, error: 'Error from server (NotFound): error when creating "STDIN": namespaces "shop" not found' });
    expect(s.store.get('Pod', 'shop', 'a')).toBeUndefined();
    expect(s.dispatch({ action: 'apply', object: pod('a', 'kube-public') }).ok).toBe(true);
    expect(s.dispatch({ action: 'apply', object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } } }).ok).toBe(true);
    expect(s.dispatch({ action: 'apply', object: pod('a', 'shop') }).ok).toBe(true);
  });

  it('keeps the pod uids and names of a scenario in a custom namespace (the namespace uid is not drawn from the generator)', () => {
    const withNs = createSimulation({ seed: 7 });
    withNs.load([node('n1'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', uid: 'fixed' } }, pod('a', 'shop')]);
    const implied = createSimulation({ seed: 7 });
    implied.load([node('n1'), pod('a', 'shop')]);
    expect(implied.store.get('Pod', 'shop', 'a')?.metadata.uid).toBe(withNs.store.get('Pod', 'shop', 'a')?.metadata.uid);
  });
});
