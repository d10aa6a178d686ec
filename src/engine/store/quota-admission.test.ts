import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../model/types';
import { admitQuota, type ResourceQuota } from './quota-admission';

const quota = (name: string, hard: Record<string, string>, used: Record<string, string> | undefined, spec: ResourceQuota['spec'] = {}): ResourceQuota => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name, namespace: 'team' },
  spec: { hard, ...spec },
  status: used === undefined ? undefined : { hard, used },
});

const pod = (name: string, containers: { name: string; requests?: Record<string, string>; limits?: Record<string, string> }[], extra: Partial<Pod['spec']> = {}): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'team' },
    spec: { containers: containers.map((c) => ({ name: c.name, image: 'x', resources: { requests: c.requests, limits: c.limits } })), ...extra },
  }) as Pod;

describe('ResourceQuota admission on create', () => {
  it('charges a pod that fits: the quota status.used grows by its requests and one pod', () => {
    const q = quota('compute', { pods: '3', 'requests.cpu': '2' }, { pods: '1', 'requests.cpu': '500m' });
    const [next] = admitQuota([q], 'Pod', pod('a', [{ name: 'c', requests: { cpu: '700m' } }, { name: 'd', requests: { cpu: '300m' } }]), 0);
    expect(next.status?.used).toEqual({ pods: '2', 'requests.cpu': '1500m' });
  });

  it('refuses past a hard limit, naming only the exceeded resources', () => {
    const q = quota('compute', { pods: '3', 'requests.cpu': '2' }, { pods: '1', 'requests.cpu': '1800m' });
    expect(() => admitQuota([q], 'Pod', pod('web-x2k9p', [{ name: 'c', requests: { cpu: '500m' } }]), 0)).toThrow(
      'pods "web-x2k9p" is forbidden: exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=1800m, limited: requests.cpu=2',
    );
  });

  it('lists several exceeded resources sorted by name, memory in its binary form', () => {
    const q = quota('mem', { 'limits.memory': '1Gi', pods: '1' }, { 'limits.memory': '768Mi', pods: '1' });
    expect(() => admitQuota([q], 'Pod', pod('p', [{ name: 'c', limits: { memory: '512Mi' } }]), 0)).toThrow(
      'pods "p" is forbidden: exceeded quota: mem, requested: limits.memory=512Mi,pods=1, used: limits.memory=768Mi,pods=1, limited: limits.memory=1Gi,pods=1',
    );
  });

  it('demands every cpu/memory resource the quota tracks, per container', () => {
    const q = quota('compute', { 'limits.cpu': '4', 'requests.cpu': '2', pods: '5' }, { 'limits.cpu': '0', 'requests.cpu': '0', pods: '0' });
    const p = pod('p', [{ name: 'app', requests: { cpu: '100m' } }, { name: 'log' }]);
    expect(() => admitQuota([q], 'Pod', p, 0)).toThrow('pods "p" is forbidden: failed quota: compute: must specify limits.cpu for: app,log; requests.cpu for: log');
  });

  it('refuses while the controller has not counted a tracked resource yet', () => {
    const q = quota('compute', { pods: '5', 'requests.cpu': '2' }, { pods: '0' });
    expect(() => admitQuota([q], 'Pod', pod('p', [{ name: 'c', requests: { cpu: '1' } }]), 0)).toThrow('pods "p" is forbidden: status unknown for quota: compute, resources: pods,requests.cpu');
  });

  it('ignores a quota with no status yet, a quota that tracks nothing of the kind, and an unmatched scope', () => {
    const p = pod('p', [{ name: 'c' }]);
    expect(admitQuota([quota('fresh', { pods: '0' }, undefined)], 'Pod', p, 0)).toEqual([]);
    expect(admitQuota([quota('deploys', { 'count/deployments.apps': '0' }, { 'count/deployments.apps': '0' })], 'Pod', p, 0)).toEqual([]);
    expect(admitQuota([quota('slow', { pods: '0' }, { pods: '0' }, { scopes: ['NotBestEffort'] })], 'Pod', p, 0)).toEqual([]);
    expect(() => admitQuota([quota('be', { pods: '0' }, { pods: '0' }, { scopes: ['BestEffort'] })], 'Pod', p, 0)).toThrow('exceeded quota: be, requested: pods=1, used: pods=0, limited: pods=0');
  });

  it('counts other kinds by count/<resource>.<group>', () => {
    const q = quota('objects', { 'count/deployments.apps': '1' }, { 'count/deployments.apps': '1' });
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'team' } } as KubeObject;
    expect(() => admitQuota([q], 'Deployment', d, 0)).toThrow(
      'deployments.apps "api" is forbidden: exceeded quota: objects, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
    );
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team' } } as KubeObject;
    expect(admitQuota([quota('cms', { configmaps: '2' }, { configmaps: '1' })], 'ConfigMap', cm, 0)[0].status?.used).toEqual({ configmaps: '2' });
  });

  it('charges nothing when one of two quotas refuses', () => {
    const roomy = quota('a-roomy', { pods: '10' }, { pods: '0' });
    const tight = quota('b-tight', { pods: '1' }, { pods: '1' });
    expect(() => admitQuota([tight, roomy], 'Pod', pod('p', [{ name: 'c' }]), 0)).toThrow('exceeded quota: b-tight');
    expect(roomy.status?.used).toEqual({ pods: '0' });
  });
});
