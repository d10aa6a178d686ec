import { describe, expect, it } from 'vitest';
import type { KubeObject } from './types';
import { validateObjects } from './validate';

const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

const obj = (apiVersion: string, kind: string, metadata: Record<string, unknown>, rest: Record<string, unknown> = {}) => ({ apiVersion, kind, metadata, ...rest }) as unknown as KubeObject;
const first = (o: KubeObject) => validateObjects([o])[0];

describe('labels and annotations as ValidateObjectMeta checks them (apimachinery ValidateLabels, ValidateAnnotations)', () => {
  it('a label value: at most 63 bytes, alphanumerics with - _ . inside', () => {
    expect(first(obj('v1', 'Pod', { name: 'p', labels: { app: 'a'.repeat(64) } }))).toEqual({ index: 0, field: 'metadata.labels', message: `Invalid value: "${'a'.repeat(64)}": must be no more than 63 bytes` });
    expect(first(obj('v1', 'Node', { name: 'n', labels: { app: 'web server' } }))).toEqual({ index: 0, field: 'metadata.labels', message: `Invalid value: "web server": ${LABEL_VALUE}` });
    expect(first(obj('v1', 'Node', { name: 'n', labels: { app: '', tier: 'A.b_c-1', 'example.com/x': 'y' } }))).toBeUndefined();
  });

  it('a label key: a qualified name (a name part of at most 63 bytes, an optional DNS subdomain prefix)', () => {
    expect(first(obj('v1', 'Pod', { name: 'p', labels: { ['k'.repeat(64)]: 'x' } }))?.message).toBe(`Invalid value: "${'k'.repeat(64)}": name part must be no more than 63 bytes`);
    expect(first(obj('v1', 'Pod', { name: 'p', labels: { 'bad key!': 'x' } }))?.message).toBe(`Invalid value: "bad key!": ${NAME_PART}`);
  });

  it('annotations: keys are qualified names in any case; all keys and values together at most 256 KiB', () => {
    expect(first(obj('v1', 'ConfigMap', { name: 'c', annotations: { 'Example.COM/Note': 'fine' } }))).toBeUndefined();
    expect(first(obj('v1', 'Pod', { name: 'p', annotations: { 'a b': 'x' } }))).toEqual({ index: 0, field: 'metadata.annotations', message: `Invalid value: "a b": ${NAME_PART}` });
    const big = { note: 'x'.repeat(256 * 1024 - 4) };
    expect(first(obj('v1', 'ConfigMap', { name: 'c', annotations: big }))).toBeUndefined();
    expect(first(obj('v1', 'ConfigMap', { name: 'c', annotations: { ...big, n: '' } }))).toEqual({ index: 0, field: 'metadata.annotations', message: 'Too long: must have at most 262144 bytes' });
  });

  it('a pod template\'s labels too, at spec.template.metadata.labels', () => {
    const d = obj('apps/v1', 'Deployment', { name: 'web' }, {
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', version: 'v1.0!' } }, spec: { containers: [{ name: 'c' }] } } },
    });
    expect(first(d)).toEqual({ index: 0, field: 'spec.template.metadata.labels', message: `Invalid value: "v1.0!": ${LABEL_VALUE}` });
  });
});
