import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from './default-scenario';
import { loadScenario } from './load-scenario';

describe('the load summary names the fields a real cluster would refuse', () => {
  it('a typo in a Deployment: loaded (the field kept), and the summary says where and what was meant', () => {
    const text = `apiVersion: v1
kind: Node
metadata: {name: worker-a}
status: {allocatable: {cpu: "4", memory: 16Gi, pods: "110"}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replica: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx}]}
`;
    const loaded = loadScenario(text, 'web.yaml');
    expect(loaded.summary.unknownFields).toEqual([{ field: 'spec.replica', line: 10, column: 3, object: 'Deployment web', suggestion: 'spec.replicas' }]);
    // Loaded as kubectl's defaults read it without the field: one replica.
    expect(loaded.sim.ctx.store.list('Pod').length).toBe(1);
  });

  it('past the 100 it lists, the summary counts them all (the notice says 150 fields, not 100)', () => {
    const typos = Array.from({ length: 150 }, (_, i) => `  extra${i}: 1`).join('\n');
    const loaded = loadScenario(`apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nspec:\n${typos}\nstatus: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}\n`, 'n.yaml');
    expect(loaded.summary.unknownFields).toHaveLength(100);
    expect(loaded.summary.unknownFieldCount).toBe(150);
  });

  it('the default scenario has none', () => {
    expect(loadScenario(DEFAULT_SCENARIO.text, DEFAULT_SCENARIO.file).summary.unknownFields).toBeUndefined();
  });
});
