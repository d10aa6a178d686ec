import { describe, expect, it } from 'vitest';
import { parseManifests } from '../parse';
import { toYamlStream } from './yaml-out';

describe('YAML output reads back as the same objects', () => {
  it('a literal "<<" key (a custom resource may hold one) is quoted, so the reader does not take it for a merge key', () => {
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { '<<': { a: 1 }, b: 2, list: [{ '<<': 'x' }] } };
    const text = toYamlStream([widget]);
    expect(text).toContain('"<<":');
    expect(parseManifests(text, 'w.yaml').objects).toEqual([widget]);
  });
});
