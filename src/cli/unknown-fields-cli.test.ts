import { describe, expect, it } from 'vitest';
import { cli, tempFiles } from './testing';

const file = tempFiles('podscape-fields-');

const NODE = `apiVersion: v1
kind: Node
metadata: {name: worker-a}
status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}
`;

describe('podscape run: fields the real API schema does not have, and YAML 1.1 scalars', () => {
  it('prints a located warning per unknown field on stderr (with the field meant and kubectl\'s refusal), runs, and exits 0', () => {
    const f = file(
      'web.yaml',
      `${NODE}---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replica: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: c
        resource: {requests: {cpu: 100m}}
`,
    );
    const r = cli('run', f, '--until', '1s');
    expect(r.code).toBe(0);
    const lines = r.err.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      `podscape: warning: ${f}:10:3: spec.replica: unknown field "spec.replica" (in Deployment web); did you mean "replicas"? (Podscape keeps the field; kubectl apply refuses the object: Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica", unknown field "spec.template.spec.containers[0].resource")`,
    );
    expect(lines[1]).toContain(`${f}:17:9: spec.template.spec.containers[0].resource: unknown field`);
    expect(lines[1]).toContain('did you mean "resources"?');
    expect(r.out).toContain('Scaled up replica set');
  });

  it('a refusal caused by a misspelt field names it; an unquoted yes in an env value is refused with how kubectl read it', () => {
    const selector = file('rs.yaml', `${NODE}---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec:\n  selector: {matchLabel: {a: b}}\n  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c}]}}\n`);
    const r = cli('run', selector);
    expect(r.code).toBe(2);
    expect(r.err.split('\n').pop()).toBe(
      `podscape: ${selector}:10:13: spec.selector: Required value (in ReplicaSet rs); this object also has a field the API schema does not have, and kubectl apply refuses it for that first: unknown field "spec.selector.matchLabel" at line 10 (did you mean "matchLabels"?)`,
    );
    const env = file('env.yaml', `${NODE}---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    env: [{name: DEBUG, value: on}]\n`);
    const e = cli('run', env);
    expect(e.code).toBe(2);
    expect(e.err).toContain('json: cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string (in Pod p); kubectl reads YAML 1.1, where the unquoted on is the boolean true: write "on" in quotes for the string');
  });

  it('warns about an unknown field of an object the timeline applies, located inside the entry, and runs', () => {
    const f = file(
      'timeline.yaml',
      `${NODE}---
apiVersion: podscape.dev/v1alpha1
kind: Scenario
metadata: {name: s}
spec:
  timeline:
  - at: 5s
    action: apply
    object:
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: [{name: c, image: nginx}]
        nodeSelecter: {disk: ssd}
`,
    );
    const r = cli('run', f, '--until', '10s');
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      `podscape: warning: ${f}:19:9: spec.nodeSelecter: unknown field "spec.nodeSelecter" (in Pod p at spec.timeline[0].object); did you mean "nodeSelector"? (Podscape keeps the field; kubectl apply refuses the object: Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.nodeSelecter")`,
    );
  });

  it('past the 100 fields it lists, says how many more there are', () => {
    const typos = Array.from({ length: 103 }, (_, i) => `  extra${i}: 1`).join('\n');
    const f = file('many.yaml', `apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nspec:\n${typos}\nstatus: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}\n`);
    const r = cli('run', f, '--until', '1s');
    expect(r.code).toBe(0);
    const lines = r.err.split('\n');
    expect(lines).toHaveLength(101);
    expect(lines[100]).toBe(`podscape: warning: ${f}: and 3 more unknown fields (the first 100 are listed)`);
  });
});
