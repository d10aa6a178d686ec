import { describe, expect, it } from 'vitest';
import { createPodscapeStore } from '../../store/podscape-store';
import { requestApplyYaml, yamlRequests } from './yaml-requests';

describe('Open in Apply YAML requests', () => {
  it('holds the latest text per page, each request a new one even for the same text', () => {
    const page = createPodscapeStore();
    const other = createPodscapeStore();
    expect(yamlRequests(page).getState()).toBeNull();
    requestApplyYaml(page, '{ apiVersion: v1, kind: Pod }');
    requestApplyYaml(page, '{ apiVersion: v1, kind: Pod }');
    expect(yamlRequests(page).getState()).toEqual({ text: '{ apiVersion: v1, kind: Pod }', seq: 2 });
    expect(yamlRequests(other).getState()).toBeNull();
  });
});
