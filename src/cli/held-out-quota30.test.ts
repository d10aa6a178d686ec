/**
 * Held-out timelines (round 30): namespace lifecycle, ResourceQuota and LimitRange admission, played through
 * `podscape run run-cases/{resource-quota,limit-range}.yaml --output json` (upstream sources in their headers).
 */
import { describe, expect, it } from 'vitest';
import { events, obj, pods, run, s } from './held-out';

const EXCEEDED_CPU = (used: string) => `exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=${used}, limited: requests.cpu=2`;
const web = (d: ReturnType<typeof run>) => pods(d).filter((p) => p.metadata.name.startsWith('web-'));

describe('namespaces and ResourceQuota (resource-quota.yaml)', () => {
  const early = () => run('resource-quota.yaml', '5s');
  const mid = () => run('resource-quota.yaml', '45s');
  const end = () => run('resource-quota.yaml', '5m');

  it('creates the namespace the scenario uses without a Namespace object, and the controller fills the quota status', () => {
    expect(obj(early(), 'Namespace', 'team')).toMatchObject({ metadata: { labels: { 'kubernetes.io/metadata.name': 'team' } }, status: { phase: 'Active' } });
    expect(obj(early(), 'Namespace', 'default')).toBeUndefined();
    expect(obj(early(), 'ResourceQuota', 'compute')?.status).toEqual({
      hard: { 'count/deployments.apps': '1', 'count/pods': '20', pods: '10', 'requests.cpu': '2' },
      used: { 'count/deployments.apps': '0', 'count/pods': '2', pods: '2', 'requests.cpu': '300m' },
    });
  });

  it('refuses the ReplicaSet pod past requests.cpu with FailedCreate, and keeps the pods it did create', () => {
    expect(web(mid())).toHaveLength(3);
    const failed = events(mid(), 'FailedCreate', 'ReplicaSet/team/' + web(mid())[0].metadata.ownerReferences![0].name);
    expect(failed.length).toBeGreaterThan(0);
    // While the Job's pod runs: 200m (old) + 100m (the Job's) + 3 × 500m.
    expect(failed[0]).toMatchObject({ time: s(10), type: 'Warning' });
    expect(failed[0].message).toMatch(/^Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: /);
    expect(failed[0].message).toContain(EXCEEDED_CPU('1800m'));
  });

  it('prints kubectl refusals for a missing request, a missing namespace and a count quota', () => {
    const lines = mid().kubectl.filter((k) => k.stream === 'stderr').map((k) => [k.time, k.text]);
    expect(lines).toEqual([
      [s(20), 'Error from server (Forbidden): error when creating "STDIN": pods "bare" is forbidden: failed quota: compute: must specify requests.cpu for: app'],
      [s(25), 'Error from server (NotFound): error when creating "STDIN": namespaces "nowhere" not found'],
      [s(30), 'Error from server (Forbidden): error when creating "STDIN": deployments.apps "api" is forbidden: exceeded quota: compute, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1'],
    ]);
    expect(obj(mid(), 'Pod', 'bare')).toBeUndefined();
    expect(obj(mid(), 'Deployment', 'api')).toBeUndefined();
  });

  it('stops charging the Job pod once it Succeeded (count/pods still counts it)', () => {
    expect(pods(mid()).find((p) => p.metadata.name.startsWith('batch-'))?.status?.phase).toBe('Succeeded');
    expect(obj(mid(), 'ResourceQuota', 'compute')?.status?.used).toEqual({ 'count/deployments.apps': '1', 'count/pods': '5', pods: '4', 'requests.cpu': '1700m' });
  });

  it('after `old` is deleted, the freed 500m lets the ReplicaSet retry create a 4th pod; the 5th stays refused', () => {
    expect(web(end())).toHaveLength(4);
    expect(obj(end(), 'ResourceQuota', 'compute')?.status?.used).toEqual({ 'count/deployments.apps': '1', 'count/pods': '5', pods: '4', 'requests.cpu': '2' });
    const last = events(end(), 'FailedCreate').at(-1)!;
    expect(last.message).toContain(EXCEEDED_CPU('2'));
  });
});

describe('LimitRange (limit-range.yaml)', () => {
  const d = () => run('limit-range.yaml', '1m');

  it('fills a pod without resources from default and defaultRequest, and says so in its annotation', () => {
    const plain = obj(d(), 'Pod', 'plain')!;
    const containers = (plain.spec as unknown as { containers: { resources: unknown }[] }).containers;
    expect(containers.map((c) => c.resources)).toEqual([
      { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '256Mi' } },
      { requests: { cpu: '50m', memory: '256Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    ]);
    expect((plain.metadata as { annotations?: Record<string, string> }).annotations?.['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app; memory request for container side; cpu, memory limit for container side',
    );
  });

  it('refuses a controller pod over max (FailedCreate, generated name) and a bare pod under min (kubectl Forbidden)', () => {
    const failed = events(d(), 'FailedCreate');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].message).toMatch(/^Error creating: pods "big-[a-z0-9]+-[a-z0-9]{5}" is forbidden: maximum cpu usage per Container is 1, but limit is 2$/);
    expect(pods(d()).filter((p) => p.metadata.name.startsWith('big-'))).toEqual([]);
    expect(d().kubectl.filter((k) => k.stream === 'stderr').map((k) => k.text)).toEqual([
      'Error from server (Forbidden): error when creating "STDIN": pods "tiny" is forbidden: minimum cpu usage per Container is 50m, but request is 10m',
    ]);
  });
});
