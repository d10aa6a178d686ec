/** The workload kinds' spec defaults (apps/v1 and batch/v1 SetDefaults_*), on create and update. */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/virtual-clock';
import type { KubeObject } from '../model/types';
import { Rng } from '../random/rng';
import { defaultControlPlaneConfig } from '../sim/config';
import { ObjectStore } from './object-store';

const store = () => new ObjectStore({ clock: new VirtualClock(), rng: new Rng(1), config: defaultControlPlaneConfig() });
const template = { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'i' }] } };
const make = (kind: string, spec: Record<string, unknown>, apiVersion = 'apps/v1'): KubeObject =>
  ({ apiVersion, kind, metadata: { name: 'a', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'a' } }, template, ...spec } }) as KubeObject;
const specOf = (o: KubeObject) => (o as unknown as { spec: Record<string, unknown> }).spec;

describe('workload spec defaults', () => {
  it('Deployment: replicas 1, RollingUpdate 25 %/25 %, revisionHistoryLimit 10, progressDeadlineSeconds 600', () => {
    expect(specOf(store().create(make('Deployment', {})))).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    // Given values stay; Recreate gets no rollingUpdate; a half-given rollingUpdate is completed.
    const recreate = specOf(store().create(make('Deployment', { replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 2 })));
    expect(recreate).toMatchObject({ replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 2 });
    expect(recreate.strategy).not.toHaveProperty('rollingUpdate');
    expect(specOf(store().create(make('Deployment', { strategy: { rollingUpdate: { maxSurge: 2 } } }))).strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: '25%' } });
  });

  it('ReplicaSet and DaemonSet', () => {
    expect(specOf(store().create(make('ReplicaSet', {}))).replicas).toBe(1);
    expect(specOf(store().create(make('DaemonSet', {})))).toMatchObject({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 });
    expect(specOf(store().create(make('DaemonSet', { updateStrategy: { type: 'OnDelete' } }))).updateStrategy).toEqual({ type: 'OnDelete' });
  });

  it('StatefulSet: OrderedReady, RollingUpdate with partition 0, Retain/Retain, replicas 1, revisionHistoryLimit 10', () => {
    expect(specOf(store().create(make('StatefulSet', { serviceName: 's' })))).toMatchObject({
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      replicas: 1,
      revisionHistoryLimit: 10,
    });
    // A RollingUpdate type given without rollingUpdate keeps none (upstream fills it only for an unset type).
    expect(specOf(store().create(make('StatefulSet', { updateStrategy: { type: 'RollingUpdate' } }))).updateStrategy).toEqual({ type: 'RollingUpdate' });
  });

  it('Job: completions and parallelism 1 when both are unset, parallelism 1 alone otherwise, backoffLimit 6, NonIndexed, not suspended, TerminatingOrFailed', () => {
    const job = (spec: Record<string, unknown>) => specOf(store().create(make('Job', spec, 'batch/v1')));
    expect(job({})).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed' });
    const queue = job({ parallelism: 3 });
    expect(queue.parallelism).toBe(3);
    expect(queue).not.toHaveProperty('completions');
    expect(job({ completions: 5 })).toMatchObject({ completions: 5, parallelism: 1 });
    expect(job({ podFailurePolicy: { rules: [] } }).podReplacementPolicy).toBe('Failed');
  });

  it('Job: manualSelector false; the generated selector and template labels (strategy.go generateSelector), the Job labels from the template (SetDefaults_Job)', () => {
    const s = store();
    const tpl = { metadata: { labels: { app: 'a' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } };
    const job = s.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default' }, spec: { template: tpl } } as KubeObject);
    const uid = job.metadata.uid!;
    const spec = specOf(job) as { manualSelector?: boolean; selector?: unknown; template: { metadata: { labels: Record<string, string> } } };
    expect(spec.manualSelector).toBe(false);
    expect(spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    const labels = { app: 'a', 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' };
    expect(spec.template.metadata.labels).toEqual(labels);
    expect(job.metadata.labels).toEqual(labels);
    // The input is not written in place.
    expect(tpl.metadata.labels).toEqual({ app: 'a' });
    // A given selector gets the uid label added; Job labels given stay.
    const withSel = s.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'q', namespace: 'default', labels: { team: 't' } }, spec: { selector: { matchLabels: { app: 'a' } }, template: tpl } } as KubeObject);
    expect(specOf(withSel).selector).toEqual({ matchLabels: { app: 'a', 'batch.kubernetes.io/controller-uid': withSel.metadata.uid } });
    expect(withSel.metadata.labels).toEqual({ team: 't' });
    // manualSelector: true leaves selector and template alone.
    const manual = s.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'm', namespace: 'default' }, spec: { manualSelector: true, selector: { matchLabels: { app: 'a' } }, template: tpl } } as KubeObject);
    expect(specOf(manual).selector).toEqual({ matchLabels: { app: 'a' } });
    expect((specOf(manual).template as typeof tpl).metadata.labels).toEqual({ app: 'a' });
  });

  it('on update: an applied spec without the defaults gets them again, and one equal to the stored spec once defaulted is the stored object', () => {
    const s = store();
    const d = s.create(make('Deployment', { replicas: 2 }));
    const same = s.update({ ...make('Deployment', { replicas: 2 }), metadata: d.metadata });
    expect(specOf(same)).toBe(specOf(d));
    expect(same.metadata.generation).toBe(d.metadata.generation);
    const scaled = s.update({ ...make('Deployment', { replicas: 4 }), metadata: same.metadata });
    expect(specOf(scaled)).toMatchObject({ replicas: 4, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, strategy: { type: 'RollingUpdate' } });
    expect(scaled.metadata.generation).toBe((d.metadata.generation as number) + 1);
  });
});
