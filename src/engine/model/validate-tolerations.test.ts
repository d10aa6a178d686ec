import { describe, expect, it } from 'vitest';
import type { KubeObject } from './types';
import { validateObjects } from './validate';
import { validateTolerations } from './validate-tolerations';

const pod = (tolerations: unknown): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }], tolerations } }) as unknown as KubeObject;
const problems = (t: unknown) => validateObjects([pod([t])]).map((e) => `${e.field}: ${e.message}`);

describe('toleration validation', () => {
  it('accepts what the API server accepts', () => {
    const ok = [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
      { key: 'dedicated', value: 'gpu' },
      { operator: 'Exists' },
      { key: 'k', operator: 'Exists', effect: 'PreferNoSchedule' },
    ];
    expect(validateObjects([pod(ok)])).toEqual([]);
    expect(validateObjects([pod(undefined)])).toEqual([]);
  });

  it('refuses an unknown operator', () => {
    expect(problems({ key: 'k', operator: 'Foo', effect: 'NoSchedule' })).toEqual(['spec.tolerations[0].operator: Unsupported value: "Foo": supported values: "Equal", "Exists"']);
  });

  it('refuses an unknown effect', () => {
    expect(problems({ key: 'k', operator: 'Exists', effect: 'NoWay' })).toEqual(['spec.tolerations[0].effect: Unsupported value: "NoWay": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']);
  });

  it('refuses a value with operator Exists', () => {
    expect(problems({ key: 'k', operator: 'Exists', value: 'v' })).toEqual(["spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'"]);
  });

  it('refuses an empty key unless the operator is Exists', () => {
    expect(problems({ operator: 'Equal', value: 'v' })).toEqual(['spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"']);
  });

  it('refuses tolerationSeconds without effect NoExecute, and a non-integer tolerationSeconds', () => {
    expect(problems({ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 20 })).toEqual(["spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"]);
    expect(problems({ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 'soon' })).toEqual([
      // The API server fails to decode the body before it validates (the first mismatch, as sigs.k8s.io/json reports it).
      'spec.tolerations[0].tolerationSeconds: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field Toleration.spec.tolerations.tolerationSeconds of type int64',
    ]);
  });

  it('refuses an Equal value that is not a label value', () => {
    expect(problems({ key: 'k', value: 'a b' })[0]).toMatch(/^spec\.tolerations\[0\]\.operator: Invalid value: "a b": a valid label must be an empty string/);
    expect(problems({ key: 'k', value: 'x'.repeat(64) })[0]).toMatch(/must be no more than 63 characters$/);
  });

  it('refuses shapes the matcher cannot read: a non-list, a non-mapping entry, non-string fields', () => {
    expect(validateObjects([pod('all')]).map((e) => e.field)).toEqual(['spec.tolerations']);
    expect(validateObjects([pod([5])]).map((e) => `${e.field}: ${e.message}`)).toEqual(['spec.tolerations[0]: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field PodSpec.spec.tolerations of type v1.Toleration']);
    expect(problems({ key: 'k', operator: 1, effect: {} })).toEqual([
      // Only the first mismatch, in the sorted key order kubectl sends: effect before operator.
      'spec.tolerations[0].effect: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go struct field Toleration.spec.tolerations.effect of type v1.TaintEffect',
    ]);
  });

  it('checks pod templates with the template path', () => {
    const ds = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'd' },
      spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c' }], tolerations: [{ key: 'k', operator: 'Foo' }] } } },
    } as unknown as KubeObject;
    expect(validateObjects([ds]).map((e) => `${e.field}: ${e.message}`)).toEqual(['spec.template.spec.tolerations[0].operator: Unsupported value: "Foo": supported values: "Equal", "Exists"']);
  });

  it('reports every bad toleration in the list, each under its own index', () => {
    expect(validateTolerations([{ operator: 'Exists' }, { key: 'k', operator: 'In' }, { key: 'k', effect: 'X' }], 't').map((p) => p.field)).toEqual(['t[1].operator', 't[2].effect']);
  });
});

describe('node taint validation', () => {
  const node = (taints: unknown): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { taints } }) as unknown as KubeObject;
  const taintProblems = (taints: unknown) => validateObjects([node(taints)]).map((e) => `${e.field}: ${e.message}`);

  it('accepts the three effects', () => {
    expect(taintProblems([{ key: 'a', effect: 'NoSchedule' }, { key: 'a', effect: 'NoExecute' }, { key: 'b', value: 'v', effect: 'PreferNoSchedule' }])).toEqual([]);
  });
  it('takes a null list as no taints (Go decodes it to nil; an apply\'s null deletes the field), and refuses a string', () => {
    expect(taintProblems(null)).toEqual([]);
    expect(taintProblems('a')).toEqual(['spec.taints: Node in version "v1" cannot be handled as a Node: json: cannot unmarshal string into Go struct field NodeSpec.spec.taints of type []v1.Taint']);
  });
  it('requires a key and an effect', () => {
    expect(taintProblems([{ effect: 'NoSchedule' }])).toEqual(['spec.taints[0].key: Required value']);
    expect(taintProblems([{ key: 'a' }])).toEqual(['spec.taints[0].effect: Required value']);
  });
  it('refuses an unknown effect, a non-mapping taint and a duplicate key and effect pair', () => {
    expect(taintProblems([{ key: 'a', effect: 'NoAdmit' }])).toEqual(['spec.taints[0].effect: Unsupported value: "NoAdmit": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']);
    expect(taintProblems(['a'])).toEqual(['spec.taints[0]: Node in version "v1" cannot be handled as a Node: json: cannot unmarshal string into Go struct field NodeSpec.spec.taints of type v1.Taint']);
    expect(taintProblems([{ key: 'a', effect: 'NoSchedule' }, { key: 'a', value: 'x', effect: 'NoSchedule' }])).toEqual([
      'spec.taints[1]: Duplicate value: {"key":"a","value":"x","effect":"NoSchedule"}: taints must be unique by key and effect pair',
    ]);
  });
});
