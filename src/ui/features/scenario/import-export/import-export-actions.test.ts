import { describe, expect, it } from 'vitest';
import { createInProcessClient, createManualTicker } from '../../../bridge/in-process-client';
import { createPodscapeStore } from '../../../store/podscape-store';
import { exportYaml, importYaml, picture, readImportFile } from './import-export-actions';

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

  it('a file past the size limit is refused before it is read, and pasted text past it before it reaches the engine; the cluster is kept (robustness round 22)', async () => {
    const { client, store } = setup();
    await importYaml(store, client, LIST, 'list.yaml');
    const frame = store.getState().frame;
    let reads = 0;
    const big = { name: 'big.yaml', size: 50 * 1024 * 1024, text: async () => (reads++, NODE('other')) };
    await expect(readImportFile(store, big)).resolves.toBeNull();
    expect(reads).toBe(0);
    expect(store.getState().error).toBe('Could not import big.yaml: the file is 52428800 bytes; the limit is 33554432 (32 MiB)');
    const small = { name: 'small.yaml', size: 120, text: async () => (reads++, NODE('other')) };
    await expect(readImportFile(store, small)).resolves.toBe(NODE('other'));
    let loads = 0;
    const counting = { ...client, load: (text: string, file?: string) => (loads++, client.load(text, file)) };
    const pasted = `${NODE('other')}#${'x'.repeat(33 * 1024 * 1024)}\n`;
    await expect(importYaml(store, counting, pasted, 'pasted.yaml')).rejects.toThrow('the limit is 33554432');
    expect(loads).toBe(0);
    expect(store.getState().error).toBe(`Could not import pasted.yaml: the input is ${pasted.length} bytes (UTF-8); the limit is 33554432 (32 MiB)`);
    expect(store.getState().frame).toBe(frame);
    // Fewer characters than the limit, more bytes: 12 Mi euro signs are 36 MiB of UTF-8.
    const euros = `${NODE('other')}#${'€'.repeat(12 * 1024 * 1024)}\n`;
    await expect(importYaml(store, counting, euros, 'euros.yaml')).rejects.toThrow('the limit is 33554432');
    expect(loads).toBe(0);
    expect(store.getState().error).toBe(`Could not import euros.yaml: the input is ${new TextEncoder().encode(euros).length} bytes (UTF-8); the limit is 33554432 (32 MiB)`);
    expect(store.getState().frame).toBe(frame);
  });

  it('an import that outruns the load budget shows how far it got; the cluster and its frame are kept (robustness round 23)', async () => {
    // A fake wall clock: every reading is a second later, so the 5 s budget is spent while reading.
    let wall = 0;
    const client = createInProcessClient({ ticker: createManualTicker(), budget: { now: () => (wall += 1000), limitMs: 5000 } });
    const store = createPodscapeStore();
    await importYaml(store, client, LIST, 'list.yaml');
    const frame = store.getState().frame;
    const scenario = store.getState().scenario;
    const big = Array.from({ length: 400 }, (_, i) => NODE(`node-${i}`)).join('---\n');
    await expect(importYaml(store, client, big, 'big.yaml')).rejects.toThrow('stopped after');
    expect(store.getState().error).toMatch(
      /^Could not import big\.yaml: loading this scenario stopped after 5 s of work, while reading its YAML \(\d+ % read\), past the 5 s a load may take; the current cluster is kept$/,
    );
    expect(store.getState().frame).toBe(frame);
    expect(store.getState().scenario).toBe(scenario);
    expect((await client.snapshot())!.nodes.map((n) => n.name)).toEqual(['worker-1']);
  });
});
