import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/types';
import type { PersistentVolume, PersistentVolumeClaim } from '../../model/volumes';
import { Harness } from '../workload/testing';
import { createPersistentVolumeController } from './pv-controller';
import { PROVISION_DELAY_MS } from './provisioner';

const setup = () => new Harness({ nodes: ['worker-1'], components: [createPersistentVolumeController()], fakeScheduler: false });

const pv = (name: string, storage: string, extra: Partial<PersistentVolume['spec']> = {}, labels?: Record<string, string>): PersistentVolume => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name, ...(labels ? { labels } : {}) },
  spec: { capacity: { storage }, accessModes: ['ReadWriteOnce'], hostPath: { path: `/data/${name}` }, ...extra },
});

const pvc = (name: string, storage: string, extra: Partial<PersistentVolumeClaim['spec']> = {}): PersistentVolumeClaim => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } }, ...extra },
});

const sc = (name: string, provisioner: string, extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner, ...extra }) as KubeObject;

const getPV = (h: Harness, n: string) => h.store.get<PersistentVolume>('PersistentVolume', undefined, n)!;
const getPVC = (h: Harness, n: string) => h.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', n)!;

describe('PersistentVolume controller', () => {
  it('binds a claim to the smallest Available volume that fits (capacity, access modes, class), both Bound with upstream annotations', () => {
    const h = setup();
    h.create(pv('big', '10Gi'));
    h.create(pv('small', '1Gi'));
    h.create(pv('mid', '5Gi'));
    h.create(pv('rwx', '2Gi', { accessModes: ['ReadWriteMany'] }));
    h.create(pv('classy', '3Gi', { storageClassName: 'fast' }));
    h.create(pvc('data', '2Gi'));
    h.advance(0);
    const c = getPVC(h, 'data');
    expect(c.spec.volumeName).toBe('mid');
    expect(c.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '5Gi' } });
    expect(c.metadata.annotations).toEqual({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    const v = getPV(h, 'mid');
    expect(v.status?.phase).toBe('Bound');
    expect(v.spec.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: c.metadata.uid });
    expect(v.metadata.annotations?.['pv.kubernetes.io/bound-by-controller']).toBe('yes');
    expect(['big', 'small', 'rwx', 'classy'].map((n) => getPV(h, n).status?.phase)).toEqual(['Available', 'Available', 'Available', 'Available']);
  });

  it('honours a selector and a claimRef pre-binding', () => {
    const h = setup();
    h.create(pv('a', '1Gi', {}, { tier: 'gold' }));
    h.create(pv('b', '1Gi'));
    h.create(pv('c', '8Gi', { claimRef: { namespace: 'default', name: 'mine' } }));
    h.create(pvc('gold', '1Gi', { selector: { matchLabels: { tier: 'gold' } } }));
    h.create(pvc('mine', '1Gi'));
    h.advance(0);
    expect(getPVC(h, 'gold').spec.volumeName).toBe('a');
    expect(getPVC(h, 'mine').spec.volumeName).toBe('c');
    // A user's pre-binding is not the controller's: no bound-by-controller on the volume.
    expect(getPV(h, 'c').metadata.annotations?.['pv.kubernetes.io/bound-by-controller']).toBeUndefined();
  });

  it('a claim without class and without a volume waits: FailedBinding (Normal) with upstream message, phase Pending', () => {
    const h = setup();
    h.create(pvc('data', '1Gi'));
    h.advance(0);
    expect(getPVC(h, 'data').status?.phase).toBe('Pending');
    expect(h.events({ reason: 'FailedBinding' }).map((e) => [e.type, e.message])).toEqual([['Normal', 'no persistent volumes available for this claim and no storage class is set']]);
  });

  it('the default StorageClass fills an empty class; a CSI class provisions pvc-<uid> after the delay, which binds', () => {
    const h = setup();
    h.create(sc('standard', 'ebs.csi.aws.com', { metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } }));
    h.create(pvc('data', '3Gi'));
    h.create(pvc('none', '3Gi', { storageClassName: '' }));
    h.advance(0);
    const c = getPVC(h, 'data');
    expect(c.spec.storageClassName).toBe('standard');
    expect(getPVC(h, 'none').spec.storageClassName).toBe('');
    expect(c.metadata.annotations?.['volume.kubernetes.io/storage-provisioner']).toBe('ebs.csi.aws.com');
    expect(h.events({ reason: 'ExternalProvisioning' })[0]?.message).toBe(
      "Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
    expect(h.events({ reason: 'Provisioning' })[0]?.message).toBe('External provisioner is provisioning volume for claim "default/data"');
    h.advance(PROVISION_DELAY_MS - 1);
    expect(h.store.list('PersistentVolume')).toHaveLength(0);
    h.advance(1);
    const name = `pvc-${c.metadata.uid}`;
    const v = getPV(h, name);
    expect(v.spec).toMatchObject({ capacity: { storage: '3Gi' }, storageClassName: 'standard', persistentVolumeReclaimPolicy: 'Delete' });
    expect(v.metadata.annotations?.['pv.kubernetes.io/provisioned-by']).toBe('ebs.csi.aws.com');
    expect(getPVC(h, 'data').status?.phase).toBe('Bound');
    expect(v.status?.phase).toBe('Bound');
    expect(h.events({ reason: 'ProvisioningSucceeded' })[0]?.message).toBe(`Successfully provisioned volume ${name}`);
    // Deleting the claim releases the volume; reclaimPolicy Delete removes it.
    h.store.remove('PersistentVolumeClaim', 'default', 'data');
    h.advance(0);
    expect(h.store.get('PersistentVolume', undefined, name)).toBeUndefined();
  });

  it('WaitForFirstConsumer: no binding and no provisioning before a node is selected; Retain keeps a Released volume', () => {
    const h = setup();
    h.create(sc('local', 'kubernetes.io/no-provisioner', { volumeBindingMode: 'WaitForFirstConsumer' }));
    h.create(pv('local-1', '1Gi', { storageClassName: 'local', persistentVolumeReclaimPolicy: 'Retain' }));
    h.create(pvc('data', '1Gi', { storageClassName: 'local' }));
    h.advance(0);
    expect(getPVC(h, 'data').status?.phase).toBe('Pending');
    expect(h.events({ reason: 'WaitForFirstConsumer' }).map((e) => e.message)).toEqual(['waiting for first consumer to be created before binding']);
    // The scheduler's binding: claimRef on the volume; the controller completes it.
    const c = getPVC(h, 'data');
    const v = getPV(h, 'local-1');
    h.store.update({ ...v, metadata: { ...v.metadata, annotations: { 'pv.kubernetes.io/bound-by-controller': 'yes' } }, spec: { ...v.spec, claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: c.metadata.uid } } });
    h.advance(0);
    expect(getPVC(h, 'data').status?.phase).toBe('Bound');
    h.store.remove('PersistentVolumeClaim', 'default', 'data');
    h.advance(0);
    expect(getPV(h, 'local-1').status?.phase).toBe('Released');
  });

  it('a bound claim whose volume is deleted is Lost (ClaimLost)', () => {
    const h = setup();
    h.create(pv('v', '1Gi'));
    h.create(pvc('data', '1Gi'));
    h.advance(0);
    h.store.remove('PersistentVolume', undefined, 'v');
    h.advance(0);
    expect(getPVC(h, 'data').status?.phase).toBe('Lost');
    expect(h.events({ reason: 'ClaimLost' }).map((e) => [e.type, e.message])).toEqual([['Warning', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!']]);
  });
});
