import { describe, expect, it } from 'vitest';
import { createInProcessClient, createManualTicker } from '../../../bridge/in-process-client';
import { createPodscapeStore } from '../../../store/podscape-store';
import { exportYaml, importYaml, picture } from './import-export-actions';

const NODE = (name: string) => `apiVersion: v1
kind: Node
metadata: { name: ${name} }
status: { allocatable: { cpu: "2", memory: 4Gi, pods: "110" } }
`;
const LIST = `apiVersion: v1
kind: List
items:
- ${NODE('worker-1').replace(/\n(?=.)/g, '\n  ')}- apiVersion: v1
  kind: ConfigMap
  metadata: { name: settings, namespace: shop }
  data: { mode: demo }
`;

function setup() {
  const client = createInProcessClient({ ticker: createManualTicker() });
  const store = createPodscapeStore();
  return { client, store };
}

describe('import and export actions', () => {
  it('an import replaces the cluster and reports the kinds kept without simulation', async () => {
    const { client, store } = setup();
    await importYaml(store, client, LIST, 'list.yaml');
    const s = store.getState();
    expect(s.frame?.nodes.map((n) => n.name)).toEqual(['worker-1']);
    expect(s.scenario?.unsupported).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', names: ['shop/settings'] }]);
    expect(s.error).toBeNull();
    const exported = await exportYaml(store, client, 'scenario');
    expect(exported.name).toBe('cluster-scenario.yaml');
    expect(exported.data).toContain('kind: ConfigMap');
    expect((await picture(store)).svg).toContain('data-node="worker-1"');
  });

  it('a refused import names the document and line, and keeps the cluster', async () => {
    const { client, store } = setup();
    await importYaml(store, client, NODE('before'), 'first.yaml');
    const frame = store.getState().frame;
    const bad = `${NODE('a')}---\n${NODE('b').replace('cpu: "2"', 'cpu: two')}`;
    await expect(importYaml(store, client, bad, 'bad.yaml')).rejects.toThrow();
    const s = store.getState();
    expect(s.frame).toBe(frame);
    expect(s.error).toMatch(/^Could not import bad\.yaml: document 2, line 9, column \d+: status\.allocatable\.cpu: Invalid value: "two"/);
    await expect(importYaml(store, client, '  \n', 'empty.yaml')).rejects.toThrow(/the input is empty/);
    expect(store.getState().frame).toBe(frame);
  });
});
