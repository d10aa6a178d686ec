/**
 * Regression inputs found by the load-path fuzzer (src/worker/import-fuzz.test.ts), minimised:
 * each once made the engine spin at one virtual instant; each must now be refused up front
 * with a ManifestError naming the field.
 */
import { describe, expect, it } from 'vitest';
import { ManifestError } from '../scenario/parse';
import { loadScenario } from './load-scenario';

const NODE = `apiVersion: v1
kind: Node
metadata:
  name: worker-a
status:
  allocatable: { cpu: "4", memory: 16Gi, pods: "110" }
`;

const daemonSet = (matchLabels: string, tolerations = '') => `${NODE}---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
  namespace: monitoring
spec:
  selector:
    matchLabels: ${matchLabels}
  template:
    metadata:
      labels: { app: node-exporter }
    spec:
      containers:
      - name: node-exporter
        image: quay.io/prometheus/node-exporter:v1.10.2${tolerations}
`;

function refusal(text: string): ManifestError {
  try {
    loadScenario(text, 'hang.yaml').sim.advanceTo(30_000);
  } catch (e) {
    if (e instanceof ManifestError) return e;
    throw e;
  }
  throw new Error('loaded without an error');
}

describe('load-path fuzzer regressions', () => {
  it('a DaemonSet whose selector is not a label map is refused (fast-check seed 1, run 28: its controller created pods for ever at 0 ms)', { timeout: 5_000 }, () => {
    const e = refusal(daemonSet('"-1"'));
    expect(e.field).toBe('spec.selector.matchLabels');
    expect(e.message).toBe(
      'hang.yaml:15:18: spec.selector.matchLabels: DaemonSet in version "v1" cannot be handled as a DaemonSet: json: cannot unmarshal string into Go struct field LabelSelector.spec.selector.matchLabels of type map[string]string (in DaemonSet monitoring/node-exporter)',
    );
  });

  it('a DaemonSet whose selector misses its template labels is refused', { timeout: 5_000 }, () => {
    expect(refusal(daemonSet('{ app: other }')).field).toBe('spec.template.metadata.labels');
  });

  it('a Deployment or DaemonSet whose matchExpressions exclude its own template is refused (it too created pods for ever)', { timeout: 5_000 }, () => {
    const e = refusal(daemonSet('{}\n    matchExpressions: [{ key: app, operator: DoesNotExist }]'));
    expect(e.message).toContain(': spec.template.metadata.labels: Invalid value: {"app":"node-exporter"}: `selector` does not match template `labels`');
    const deployment = daemonSet('{}\n    matchExpressions: [{ key: app, operator: NotIn, values: [node-exporter] }]').replace('kind: DaemonSet', 'kind: Deployment');
    expect(refusal(deployment).field).toBe('spec.template.metadata.labels');
  });

  it('a pod template with an unsupported toleration operator is refused, naming the field', { timeout: 5_000 }, () => {
    const e = refusal(daemonSet('{ app: node-exporter }', '\n      tolerations:\n      - { key: k, operator: Foo, effect: NoSchedule }'));
    expect(e.field).toBe('spec.template.spec.tolerations[0].operator');
    expect(e.message).toContain(': spec.template.spec.tolerations[0].operator: Unsupported value: "Foo": supported values: "Equal", "Exists"');
  });

  it('the same DaemonSet with a valid selector loads and runs', () => {
    const loaded = loadScenario(daemonSet('{ app: node-exporter }'), 'ok.yaml');
    loaded.sim.advanceTo(30_000);
    expect(loaded.sim.store.list('Pod').length).toBe(1);
  });
});
