/** mergeApplied: the selector of a Deployment, ReplicaSet or DaemonSet is immutable (apps/v1). */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/types';
import { mergeApplied } from './apply';

const rs = (selector: unknown, apiVersion = 'apps/v1'): KubeObject =>
  ({ apiVersion, kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 1, selector, template: { metadata: { labels: { app: 'web' } } } } }) as KubeObject;

describe('mergeApplied and spec.selector', () => {
  it('refuses a changed selector with the Invalid text kubectl prints', () => {
    expect(mergeApplied(rs({ matchLabels: { app: 'web' } }), rs({ matchLabels: { tier: 'x', app: 'web' } }))).toBe(
      'The ReplicaSet "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it('treats empty and missing lists and maps alike (apiequality.Semantic), and leaves the beta group/versions alone', () => {
    expect(typeof mergeApplied(rs({ matchLabels: { app: 'web' } }), rs({ matchLabels: { app: 'web' }, matchExpressions: [] }))).toBe('object');
    expect(typeof mergeApplied(rs({ matchLabels: { app: 'web' } }), rs({ matchLabels: { app: 'x' } }, 'extensions/v1beta1'))).toBe('object');
  });
});

describe('mergeApplied and a StatefulSet spec', () => {
  const sts = (spec: Record<string, unknown>): KubeObject =>
    ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } } }, ...spec } }) as KubeObject;
  const stored = sts({ replicas: 3, serviceName: 'db', podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate' } });
  const forbidden =
    "The StatefulSet \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

  it('refuses a change to serviceName, podManagementPolicy, the selector or the volume claim templates with the Forbidden text', () => {
    expect(mergeApplied(stored, sts({ replicas: 3, serviceName: 'db-headless' }))).toBe(forbidden);
    expect(mergeApplied(stored, sts({ replicas: 3, podManagementPolicy: 'Parallel' }))).toBe(forbidden);
    expect(mergeApplied(stored, { ...sts({ replicas: 3 }), spec: { ...(sts({}) as unknown as { spec: object }).spec, selector: { matchLabels: { app: 'db', tier: 'x' } } } } as KubeObject)).toBe(forbidden);
    expect(mergeApplied(stored, sts({ volumeClaimTemplates: [{ metadata: { name: 'data' } }] }))).toBe(forbidden);
  });

  it('takes replicas, template, updateStrategy, minReadySeconds and the other allowed fields, and an unchanged or left-out field', () => {
    const merged = mergeApplied(stored, sts({ replicas: 5, serviceName: 'db', minReadySeconds: 10, revisionHistoryLimit: 3, updateStrategy: { type: 'OnDelete' }, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' }, ordinals: { start: 1 } }));
    expect(typeof merged).toBe('object');
    expect((merged as unknown as { spec: { replicas: number; updateStrategy: unknown } }).spec).toMatchObject({ replicas: 5, updateStrategy: { type: 'OnDelete' } });
    // podManagementPolicy left out: the API server would default it to the stored OrderedReady.
    expect(typeof mergeApplied(stored, sts({ replicas: 4 }))).toBe('object');
    // Written out as its default over a StatefulSet stored without it: no change either.
    expect(typeof mergeApplied(sts({ replicas: 3, serviceName: 'db' }), sts({ replicas: 3, serviceName: 'db', podManagementPolicy: 'OrderedReady' }))).toBe('object');
    expect(mergeApplied(sts({ replicas: 3, serviceName: 'db' }), sts({ replicas: 3, serviceName: 'db', podManagementPolicy: 'Parallel' }))).toBe(forbidden);
  });
});
