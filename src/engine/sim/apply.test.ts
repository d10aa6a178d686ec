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
