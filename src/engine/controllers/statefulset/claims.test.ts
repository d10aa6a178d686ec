import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../../model/types';
import { deletePod } from '../../sim/api';
import { Harness, podTemplate } from '../workload/testing';
import { createStatefulSetController, type StatefulSet } from './statefulset-controller';

const template = { metadata: { name: 'data', labels: { tier: 'storage' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };

function sts(replicas: number, extra: Partial<StatefulSet['spec']> = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'default' },
    spec: { replicas, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: podTemplate({ app: 'db' }, 'postgres:16'), volumeClaimTemplates: [template], ...extra },
  };
}

const setup = () => new Harness({ nodes: ['worker-1'], components: [createStatefulSetController()] });
const claims = (h: Harness) => h.store.list<KubeObject>('PersistentVolumeClaim').map((c) => c.metadata.name);
const claim = (h: Harness, name: string) => h.store.get<KubeObject>('PersistentVolumeClaim', 'default', name);

function scale(h: Harness, replicas: number) {
  const cur = h.get<StatefulSet>('StatefulSet', 'db');
  h.store.update<StatefulSet>({ ...cur, spec: { ...cur.spec, replicas } });
}

describe('StatefulSet volumeClaimTemplates', () => {
  it('creates data-db-<ordinal> before each pod, with the selector labels, and points the pod volume at it', () => {
    const h = setup();
    h.create(sts(2));
    h.advance(0);
    expect(claims(h)).toEqual(['data-db-0']);
    const c = claim(h, 'data-db-0')!;
    expect(c.metadata.labels).toEqual({ tier: 'storage', app: 'db' });
    expect(c.metadata.ownerReferences).toBeUndefined();
    // The template's spec, with the API server's volumeMode default (storage-admission.ts).
    expect((c as unknown as { spec: unknown }).spec).toEqual({ ...template.spec, volumeMode: 'Filesystem' });
    expect(h.get<Pod>('Pod', 'db-0').spec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } }]);
    const msgs = h.events({ reason: 'SuccessfulCreate' }).map((e) => e.message);
    expect(msgs.slice(0, 2)).toEqual(['create Claim data-db-0 Pod db-0 in StatefulSet db success', 'create Pod db-0 in StatefulSet db successful']);
    h.advance(2000);
    expect(claims(h)).toEqual(['data-db-0', 'data-db-1']);
  });

  it('keeps the claim when its pod is deleted (Retain), and the recreated pod mounts the same claim', () => {
    const h = setup();
    h.create(sts(1));
    h.advance(1000);
    const uid = claim(h, 'data-db-0')!.metadata.uid;
    deletePod(h.ctx, h.get<Pod>('Pod', 'db-0'), { gracePeriodSeconds: 0 });
    h.advance(1000);
    expect(claim(h, 'data-db-0')!.metadata.uid).toBe(uid);
    expect(h.get<Pod>('Pod', 'db-0').spec.volumes?.[0]).toEqual({ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } });
    expect(h.events({ reason: 'SuccessfulCreate' }).filter((e) => e.message.startsWith('create Claim'))).toHaveLength(1);
  });

  it('whenDeleted: Delete makes the set an owner of each claim (not a controller)', () => {
    const h = setup();
    h.create(sts(1, { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } }));
    h.advance(0);
    const set = h.get<StatefulSet>('StatefulSet', 'db');
    expect(claim(h, 'data-db-0')!.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: set.metadata.uid }]);
  });

  it('whenScaled: Delete gives a condemned pod its claim, which goes with the pod; Retain keeps it', () => {
    const h = setup();
    h.create(sts(2, { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete' } }));
    h.advance(3000);
    expect(claims(h)).toEqual(['data-db-0', 'data-db-1']);
    scale(h, 1);
    h.advance(60_000);
    expect(h.pods().map((p) => p.metadata.name)).toEqual(['db-0']);
    expect(claims(h)).toEqual(['data-db-0']);

    const r = setup();
    r.create(sts(2));
    r.advance(3000);
    scale(r, 1);
    r.advance(60_000);
    expect(claims(r)).toEqual(['data-db-0', 'data-db-1']);
  });

  it('does not create the pod while its claim is being deleted (FailedCreate with upstream message)', () => {
    const h = setup();
    h.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data-db-0', namespace: 'default', finalizers: ['kubernetes.io/pvc-protection'] }, spec: {} } as KubeObject);
    const c = claim(h, 'data-db-0')!;
    h.store.update({ ...c, metadata: { ...c.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } });
    expect(claim(h, 'data-db-0')!.metadata.deletionTimestamp).toBeDefined();
    h.create(sts(1));
    h.advance(0);
    expect(h.pods()).toHaveLength(0);
    expect(h.events({ reason: 'FailedCreate' })[0]?.message).toBe('create Pod db-0 in StatefulSet db failed error: pvc data-db-0 is being deleted');
  });
});
