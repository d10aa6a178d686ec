/**
 * The statefulset-storage preset checked claim by claim against the engine: StatefulSet claims,
 * the PV controller and the scheduler's VolumeBinding together, as a timeline.
 */
import { describe, expect, it } from 'vitest';
import { livePodsOf as of, startPreset as start } from './lesson-play';

type Obj = { metadata: { name: string; annotations?: Record<string, string> }; spec: Record<string, unknown>; status?: { phase?: string } };

describe('statefulset-storage preset', () => {
  it('claims bind to the chosen node\'s local volume; db-0 waits Pending (volume node affinity conflict) while its node is down and returns to it', () => {
    const { host } = start('statefulset-storage');
    let f = host.step(10_000);
    const db = of(f, 'db');
    expect(db.map((p) => [p.name, p.phase])).toEqual([['db-0', 'Running'], ['db-1', 'Running']]);
    const claim = (n: string) => host.getObject('PersistentVolumeClaim', 'default', n) as unknown as Obj;
    const c0 = claim('data-db-0');
    const node0 = db[0].nodeName!;
    expect(c0.status?.phase).toBe('Bound');
    // The claim bound to the volume pinned to db-0's node.
    expect(c0.spec.volumeName).toBe(`local-pv-${node0.slice(-1)}`);
    const pv = host.getObject('PersistentVolume', '', c0.spec.volumeName as string) as unknown as Obj;
    expect(pv.status?.phase).toBe('Bound');
    expect(claim('data-db-1').spec.volumeName).toBe(`local-pv-${db[1].nodeName!.slice(-1)}`);

    host.dispatch({ action: 'killNode', node: node0 });
    f = host.step(120_000);
    expect(f.pods.find((p) => p.name === 'db-0')).toMatchObject({ nodeName: node0, deletionTimestamp: expect.any(String) });
    const current = f.nodes.find((n) => n.name === node0)!.taints.map(({ key, effect }) => ({ key, effect }));
    host.dispatch({ action: 'apply', object: { apiVersion: 'v1', kind: 'Node', metadata: { name: node0 }, spec: { taints: [...current, { key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] } } });
    f = host.step(30_000);
    const again = f.pods.find((p) => p.name === 'db-0')!;
    expect(again).toMatchObject({ nodeName: null, phase: 'Pending', deletionTimestamp: null });
    const failed = host.snapshot()!.events.filter((e) => e.reason === 'FailedScheduling' && e.object === 'Pod/default/db-0');
    expect(failed.at(-1)!.message).toContain('2 node(s) had volume node affinity conflict');
    expect(failed.at(-1)!.message).toMatch(/^0\/3 nodes are available: /);
    // The claim and its binding outlived the pod.
    expect(claim('data-db-0').spec.volumeName).toBe(c0.spec.volumeName);

    host.dispatch({ action: 'restoreNode', node: node0 });
    host.step(10_000);
    host.dispatch({ action: 'apply', object: { apiVersion: 'v1', kind: 'Node', metadata: { name: node0 }, spec: { taints: [] } } });
    f = host.step(20_000);
    expect(f.pods.find((p) => p.name === 'db-0')).toMatchObject({ nodeName: node0, phase: 'Running' });
  });
});
