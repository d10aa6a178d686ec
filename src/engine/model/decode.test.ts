import { describe, expect, it } from 'vitest';
import { decodeError } from './decode';
import type { KubeObject } from './types';

const deployment = (spec: unknown, metadata: Record<string, unknown> = { name: 'api' }) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec }) as unknown as KubeObject;
const text = (o: KubeObject) => decodeError(o)?.message.replace(/^.*? cannot be handled as a \w+: /, '');

describe('decodeError: the API server decoding a body into the typed object (sigs.k8s.io/json)', () => {
  it('passes objects whose modelled fields have the right JSON types, nulls, unknown fields and self-decoding fields', () => {
    expect(decodeError(deployment({ replicas: 3, paused: null, somethingNew: { x: 1 }, strategy: { rollingUpdate: { maxSurge: '25%' } } }))).toBeUndefined();
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: 1, memory: '1Gi' } } }] } } as unknown as KubeObject;
    expect(decodeError(pod)).toBeUndefined();
    expect(decodeError({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: 5 } as unknown as KubeObject)).toBeUndefined();
  });

  it('names what arrived (string, number, number N, bool, array, object), the struct, the dotted path and the Go type', () => {
    expect(text(deployment({ replicas: 3000000000 }))).toBe('json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32');
    expect(text(deployment({ paused: 1 }))).toBe('json: cannot unmarshal number into Go struct field DeploymentSpec.spec.paused of type bool');
    expect(text(deployment([1]))).toBe('json: cannot unmarshal array into Go struct field Deployment.spec of type v1.DeploymentSpec');
    expect(text(deployment({ selector: { matchLabels: ['a'] } }))).toBe('json: cannot unmarshal array into Go struct field LabelSelector.spec.selector.matchLabels of type map[string]string');
    expect(text(deployment({ template: { spec: { tolerations: [{ tolerationSeconds: true }] } } }))).toBe(
      'json: cannot unmarshal bool into Go struct field Toleration.spec.template.spec.tolerations.tolerationSeconds of type int64',
    );
    expect(text(deployment({ template: { spec: { containers: [{ resources: { requests: ['cpu'] } }] } } }))).toBe(
      'json: cannot unmarshal array into Go struct field ResourceRequirements.spec.template.spec.containers.resources.requests of type v1.ResourceList',
    );
    expect(text({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: '1000' } as unknown as KubeObject)).toBe(
      'json: cannot unmarshal string into Go struct field PriorityClass.value of type int32',
    );
  });

  it('reports only the first mismatch, in sorted key order, and locates it with list indexes and map keys', () => {
    const e = decodeError(deployment({ template: { spec: { containers: [{ name: 'a' }, { name: 'b', ports: [{ containerPort: '80' }] }] } }, replicas: 'x' }, { name: 'api', labels: { b: 2, a: 'ok' } }));
    expect(e).toEqual({ field: 'metadata.labels.b', message: 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string' });
    expect(decodeError(deployment({ template: { spec: { containers: [{ name: 'a' }, { name: 'b', ports: [{ containerPort: '80' }] }] } }, replicas: 'x' }))?.field).toBe('spec.replicas');
    expect(decodeError(deployment({ template: { spec: { containers: [{ name: 'a' }, { name: 'b', ports: [{ containerPort: '80' }] }] } } }))).toEqual({
      field: 'spec.template.spec.containers[1].ports[0].containerPort',
      message: 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
    });
  });
});
