/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { importScenario } from '../import/import';
import kubectlGetAll from '../import/fixtures/kubectl-get-all.yaml?raw';
import { PRESETS } from '../presets';
import { parseManifests } from '../parse';
import { MAX_UNKNOWN_FIELDS, unknownFields } from './unknown-fields';

const fields = (text: string) => importScenario(text, 'web.yaml').unknownFields;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replica: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: c
        image: nginx
        resource:
          requests: {cpu: 100m}
`;

describe('fields the real API schema does not have (kubectl apply --validate=strict)', () => {
  it('names each one, located at its key, with the field meant and kubectl\'s refusal; the import still loads, the field kept', () => {
    const { unknownFields: found, scenario } = importScenario(DEPLOYMENT, 'web.yaml');
    expect(found.map((f) => [f.field, f.line, f.column, f.suggestion])).toEqual([
      ['spec.replica', 7, 3, 'spec.replicas'],
      ['spec.template.spec.containers[0].resource', 17, 9, 'spec.template.spec.containers[0].resources'],
    ]);
    expect(found[0].message).toBe(
      'web.yaml:7:3: spec.replica: unknown field "spec.replica" (in Deployment shop/web); did you mean "replicas"? (Podscape keeps the field; kubectl apply refuses the object: Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica", unknown field "spec.template.spec.containers[0].resource")',
    );
    expect((scenario.objects[0].spec as Record<string, unknown>).replica).toBe(3);
  });

  it('suggests a field in another case, one further out, or one further in', () => {
    const job = `apiVersion: batch/v1
kind: Job
metadata: {name: batch}
spec:
  Parallelism: 2
  template:
    spec:
      backoffLimit: 2
      restartPolicy: Never
      containers:
      - name: c
        claims: [{name: gpu}]
        ports: [{containerPort: 80, nodeport: 30080}]
`;
    expect(fields(job).map((f) => [f.field, f.suggestion])).toEqual([
      ['spec.Parallelism', 'spec.parallelism'],
      ['spec.template.spec.backoffLimit', 'spec.backoffLimit'],
      ['spec.template.spec.containers[0].claims', 'spec.template.spec.containers[0].resources.claims'],
      ['spec.template.spec.containers[0].ports[0].nodeport', ''],
    ]);
    expect(fields(job)[1].message).toContain('did you mean "spec.backoffLimit"?');
  });

  it('checks every simulated kind: Pod, Node, ReplicaSet, DaemonSet, StatefulSet, PDB, PriorityClass', () => {
    const text = [
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, lables: {a: b}}\nspec:\n  containers: [{name: c}]\n  tolerations: [{key: k, efect: NoSchedule}]\n',
      'apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nspec: {unschedulabe: true}\n',
      'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec: {replicas: 1, minReadySecond: 0, selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c}]}}}\n',
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec: {selector: {matchLabels: {a: b}}, updateStrategy: {rollingUpdate: {maxUnavailble: 1}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c}]}}}\n',
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec: {serviceName: db, selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c}]}}, volumeClaimTemplates: [{metadata: {name: data}, spec: {accessModes: [ReadWriteOnce], resources: {request: {storage: 1Gi}}}}]}\n',
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: pdb}\nspec: {minAvaliable: 1, selector: {matchLabels: {a: b}}}\n',
      'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000\nglobalDefualt: false\n',
    ].join('---\n');
    expect(fields(text).map((f) => [f.object, f.field, f.suggestion])).toEqual([
      ['Pod p', 'metadata.lables', 'metadata.labels'],
      ['Pod p', 'spec.tolerations[0].efect', 'spec.tolerations[0].effect'],
      ['Node n1', 'spec.unschedulabe', 'spec.unschedulable'],
      ['ReplicaSet rs', 'spec.minReadySecond', 'spec.minReadySeconds'],
      ['DaemonSet ds', 'spec.updateStrategy.rollingUpdate.maxUnavailble', 'spec.updateStrategy.rollingUpdate.maxUnavailable'],
      ['StatefulSet db', 'spec.volumeClaimTemplates[0].spec.resources.request', 'spec.volumeClaimTemplates[0].spec.resources.requests'],
      ['PodDisruptionBudget pdb', 'spec.minAvaliable', 'spec.minAvailable'],
      ['PriorityClass high', 'globalDefualt', 'globalDefault'],
    ]);
  });

  it('when the object is refused for a problem its unknown field caused, the refusal names that field too (kubectl would name it first)', () => {
    const text = 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec:\n  selector: {matchLabel: {a: b}}\n  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c}]}}\n';
    expect(() => importScenario(text, 'rs.yaml')).toThrow(
      'rs.yaml:5:13: spec.selector: Required value (in ReplicaSet rs); this object also has a field the API schema does not have, and kubectl apply refuses it for that first: unknown field "spec.selector.matchLabel" at line 5 (did you mean "matchLabels"?)',
    );
  });

  it('kubectl get -o yaml output (managedFields, status, annotations, every kind) and every preset: not one warning', () => {
    expect(fields(kubectlGetAll)).toEqual([]);
    for (const p of PRESETS) expect(unknownFields(parseManifests(p.text, p.file)), p.id).toEqual([]);
  });

  it('leaves alone kinds it does not simulate, custom resources, free-form maps and the structs it does not open', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data: {anything: goes}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec: {replica: 3}
---
apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {replica: "3"}
  annotations: {example.com/anything: x}
spec:
  nodeSelector: {replica: "3"}
  containers:
  - name: c
    resources: {limits: {example.com/gpu: 1}}
  volumes:
  - name: v
    csi: {driver: d, volumeAtributes: {a: b}}
status: {phaze: Running}
`;
    expect(fields(text)).toEqual([]);
  });

  it('reports at most MAX_UNKNOWN_FIELDS, however many there are', () => {
    const typos = Array.from({ length: 150 }, (_, i) => `  extra${i}: 1`).join('\n');
    const tally = { total: 0 };
    const found = unknownFields(parseManifests(`apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nspec:\n${typos}\n`, 'n.yaml'), tally);
    expect(found).toHaveLength(MAX_UNKNOWN_FIELDS);
    expect(found[99].field).toBe('spec.extra99');
    expect(tally.total).toBe(150);
  });

  it('checks the objects a timeline applies, located at their line inside the entry', () => {
    const text = `apiVersion: podscape.dev/v1alpha1
kind: Scenario
metadata: {name: s}
spec:
  timeline:
  - at: 10s
    action: apply
    object:
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop}
      spec:
        replica: 3
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: c, image: nginx}]
  - at: 20s
    action: addNode
    object:
      apiVersion: v1
      kind: Node
      metadata: {name: n2}
      spec: {unschedulabel: true}
`;
    const found = fields(text);
    expect(found.map((f) => [f.field, f.line, f.column, f.object, f.suggestion])).toEqual([
      ['spec.replica', 13, 9, 'Deployment shop/web at spec.timeline[0].object', 'spec.replicas'],
      ['spec.unschedulabel', 25, 14, 'Node n2 at spec.timeline[1].object', 'spec.unschedulable'],
    ]);
    expect(found[0].message).toBe(
      'web.yaml:13:9: spec.replica: unknown field "spec.replica" (in Deployment shop/web at spec.timeline[0].object); did you mean "replicas"? (Podscape keeps the field; kubectl apply refuses the object: Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica")',
    );
  });
});
