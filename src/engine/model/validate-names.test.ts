import { describe, expect, it } from 'vitest';
import type { KubeObject } from './types';
import { validateObjects } from './validate';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

const obj = (apiVersion: string, kind: string, metadata: Record<string, unknown>) => ({ apiVersion, kind, metadata }) as unknown as KubeObject;
const first = (o: KubeObject) => validateObjects([o])[0];

describe('object names and namespaces (ValidateObjectMeta with each resource\'s name rule)', () => {
  it('most kinds: a DNS-1123 subdomain of at most 253 bytes', () => {
    expect(first(obj('v1', 'Pod', { name: 'Bad_Name' }))).toEqual({ index: 0, field: 'metadata.name', message: `Invalid value: "Bad_Name": ${SUBDOMAIN}` });
    expect(first(obj('v1', 'Node', { name: 'a/b' }))).toEqual({ index: 0, field: 'metadata.name', message: `Invalid value: "a/b": ${SUBDOMAIN}` });
    expect(first(obj('apps/v1', 'Deployment', { name: 'x'.repeat(254) }))).toEqual({ index: 0, field: 'metadata.name', message: `Invalid value: "${'x'.repeat(254)}": must be no more than 253 bytes` });
    expect(first(obj('v1', 'ConfigMap', { name: 'kube-root-ca.crt' }))).toBeUndefined();
  });

  it('a StatefulSet: a DNS-1123 label (ValidateStatefulSetName is NameIsDNSLabel: its pods carry the name in labels)', () => {
    const sts = (name: string) => obj('apps/v1', 'StatefulSet', { name });
    expect(first(sts('x'.repeat(64)))).toEqual({ index: 0, field: 'metadata.name', message: `Invalid value: "${'x'.repeat(64)}": must be no more than 63 bytes` });
    expect(first(sts('db.eu'))).toEqual({ index: 0, field: 'metadata.name', message: 'Invalid value: "db.eu": must not contain dots' });
    expect(first(sts('x'.repeat(63)))?.field).not.toBe('metadata.name');
    // A Deployment keeps the subdomain rule: dots and 64 characters pass the name check.
    expect(first(obj('apps/v1', 'Deployment', { name: 'x'.repeat(64) }))?.field).not.toBe('metadata.name');
    expect(first(obj('apps/v1', 'Deployment', { name: 'db.eu' }))?.field).not.toBe('metadata.name');
  });

  it('a Namespace: a DNS-1123 label; a Service: a DNS-1035 label', () => {
    expect(first(obj('v1', 'Namespace', { name: 'team.a' }))).toEqual({ index: 0, field: 'metadata.name', message: 'Invalid value: "team.a": must not contain dots' });
    expect(first(obj('v1', 'Namespace', { name: 'Team' }))?.message).toBe(`Invalid value: "Team": ${LABEL}`);
    expect(first(obj('v1', 'Service', { name: '1web' }))?.message).toBe(`Invalid value: "1web": ${DNS1035}`);
  });

  it('metadata.namespace of a namespaced object: a DNS-1123 label', () => {
    expect(first(obj('v1', 'Pod', { name: 'p', namespace: 'My_NS' }))).toEqual({ index: 0, field: 'metadata.namespace', message: `Invalid value: "My_NS": ${LABEL}` });
    expect(first(obj('v1', 'Pod', { name: 'p', namespace: 'x'.repeat(64) }))?.message).toBe(`Invalid value: "${'x'.repeat(64)}": must be no more than 63 bytes`);
  });

  it('RBAC objects and custom resources: only a valid path segment (system:… names pass)', () => {
    expect(first(obj('rbac.authorization.k8s.io/v1', 'ClusterRole', { name: 'system:aggregate-to-admin' }))).toBeUndefined();
    expect(first(obj('example.com/v1', 'Widget', { name: 'Mixed_Case' }))).toBeUndefined();
    expect(first(obj('example.com/v1', 'Widget', { name: '..' }))?.message).toBe(`Invalid value: "..": may not be '..'`);
    expect(first(obj('rbac.authorization.k8s.io/v1', 'Role', { name: 'a%2F' }))?.message).toBe(`Invalid value: "a%2F": may not contain '%'`);
  });
});
