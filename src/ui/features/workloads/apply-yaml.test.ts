import { describe, expect, it } from 'vitest';
import { createInProcessClient, createManualTicker } from '../../bridge/in-process-client';
import { applyYaml, fieldOfApplyError, MAX_EDITOR_CHARS } from './apply-yaml';

const NODE = 'apiVersion: v1\nkind: Node\nmetadata: { name: w1 }\nstatus: { allocatable: { cpu: "4", memory: 8Gi, pods: "110" } }\n';
const deployment = (replicas: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: hello }
  template:
    metadata:
      labels: { app: hello }
    spec:
      containers:
        - name: hello
          image: nginx
`;

async function engine() {
  const client = createInProcessClient({ ticker: createManualTicker() });
  await client.load(NODE);
  return client;
}

describe('applyYaml', () => {
  it('applies every document through the engine and reports what kubectl would print', async () => {
    const client = await engine();
    const outcome = await applyYaml(`${deployment('2')}---\napiVersion: v1\nkind: Pod\nmetadata: { name: solo }\nspec: { containers: [{ name: c, image: busybox }] }\n`, client.dispatch);
    expect(outcome).toEqual({ ok: true, messages: ['deployment.apps/hello created', 'pod/solo created'] });
    const frame = await client.step(10_000);
    expect(frame.workloads.map((w) => `${w.kind}/${w.name}:${w.desired}`)).toEqual(['Deployment/hello:2']);
    expect(await applyYaml(deployment('2'), client.dispatch)).toEqual({ ok: true, messages: ['deployment.apps/hello unchanged'] });
  });

  it("puts the engine's refusal on the line of the field at fault, changing nothing", async () => {
    const client = await engine();
    const outcome = await applyYaml(deployment('-1'), client.dispatch);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toMatch(/^editor\.yaml:6:\d+: The Deployment "hello" is invalid: spec\.replicas: Invalid value: -1: must be greater than or equal to 0$/);
    expect((await client.snapshot())!.workloads).toEqual([]);
  });

  it('reports a YAML syntax error with its line before sending anything', async () => {
    const client = await engine();
    const outcome = await applyYaml('kind: Pod\nmetadata: [unclosed', client.dispatch);
    expect(!outcome.ok && outcome.error).toMatch(/^editor\.yaml:2:\d+: YAML syntax error/);
    expect(await applyYaml('   \n', client.dispatch)).toEqual({ ok: false, error: 'editor.yaml: no object to apply' });
  });

  it('refuses a kind no API server serves before applying anything (kubectl: no matches for kind)', async () => {
    const client = await engine();
    const outcome = await applyYaml(`${deployment('2')}---\napiVersion: v1\nkind: Deployment\nmetadata: { name: wrong-group }\n`, client.dispatch);
    expect(outcome).toEqual({ ok: false, error: expect.stringMatching(/^editor\.yaml:\d+:\d+: kind: Invalid value: "Deployment": no matches for kind "Deployment" in version "v1"/) });
    // The first document, valid on its own, was not applied either.
    expect((await client.snapshot())!.workloads).toEqual([]);
  });

  it('applies an object with a field the API schema does not have, and warns about it, located, as the import does', async () => {
    const client = await engine();
    const outcome = await applyYaml(deployment('2').replace('  selector:', '  replica: 3\n  selector:'), client.dispatch);
    expect(outcome).toEqual({
      ok: true,
      messages: ['deployment.apps/hello created'],
      warnings: [
        'editor.yaml:7:3: spec.replica: unknown field "spec.replica" (in Deployment hello); did you mean "replicas"? (Podscape keeps the field; kubectl apply refuses the object: Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica")',
      ],
    });
    const frame = await client.step(10_000);
    expect(frame.workloads.map((w) => `${w.kind}/${w.name}:${w.desired}`)).toEqual(['Deployment/hello:2']);
  });

  it('past the 100 fields it lists, the last warning says how many more there are', async () => {
    const client = await engine();
    const typos = Array.from({ length: 101 }, (_, i) => `  extra${i}: 1`).join('\n');
    const outcome = await applyYaml(`apiVersion: v1\nkind: Node\nmetadata: { name: w2 }\nspec:\n${typos}\n`, client.dispatch);
    expect(outcome.ok && outcome.warnings?.length).toBe(101);
    expect(outcome.ok && outcome.warnings?.[100]).toBe('editor.yaml: and 1 more unknown field (the first 100 are listed)');
  });

  it('a refused apply names the unknown fields of the refused object, as the import does (kubectl refuses those first)', async () => {
    const client = await engine();
    // `matchLabel` is not a LabelSelector field, so the selector is empty and the engine refuses the object.
    const outcome = await applyYaml(deployment('2').replace('matchLabels:', 'matchLabel:'), client.dispatch);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toBe(
      'editor.yaml:8:5: The Deployment "hello" is invalid: spec.selector: Required value; this object also has a field the API schema does not have, and kubectl apply refuses it for that first: unknown field "spec.selector.matchLabel" at line 8 (did you mean "matchLabels"?)',
    );
    expect((await client.snapshot())!.workloads).toEqual([]);
  });

  it('a refusal after earlier objects were applied still reports what was applied and their unknown fields', async () => {
    const client = await engine();
    const first = 'apiVersion: v1\nkind: Pod\nmetadata: { name: solo }\nspec:\n  containers: [{ name: c, image: busybox }]\n  nodeSelektor: { a: b }\n';
    const outcome = await applyYaml(`${first}---\n${deployment('-1')}`, client.dispatch);
    expect(outcome).toEqual({
      ok: false,
      error: expect.stringMatching(/^editor\.yaml:13:\d+: The Deployment "hello" is invalid: spec\.replicas: Invalid value: -1: must be greater than or equal to 0$/),
      messages: ['pod/solo created'],
      warnings: [expect.stringMatching(/^editor\.yaml:6:3: spec\.nodeSelektor: unknown field "spec\.nodeSelektor" \(in Pod solo\); did you mean "nodeSelector"\?/)],
    });
  });

  it('finds the field in an engine error', () => {
    expect(fieldOfApplyError('The Deployment "web" is invalid: spec.template.spec.containers[0].image: Required value')).toBe('spec.template.spec.containers[0].image');
    expect(fieldOfApplyError('The Deployment "web" is invalid:\n* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n* spec.selector: Required value')).toBe('spec.replicas');
    expect(fieldOfApplyError('apply: a Scenario cannot be applied to the cluster; load it with the scenario')).toBeNull();
  });

  it('refuses text past MAX_EDITOR_CHARS before reading it, applying nothing (robustness round 22)', async () => {
    const client = await engine();
    let dispatched = 0;
    const padding = `# ${'x'.repeat(MAX_EDITOR_CHARS)}\n`;
    const outcome = await applyYaml(`${deployment('2')}${padding}`, async (command) => {
      dispatched++;
      return client.dispatch(command);
    });
    expect(outcome).toEqual({
      ok: false,
      error: `editor.yaml: the text is ${deployment('2').length + padding.length} characters; the YAML editor reads at most ${MAX_EDITOR_CHARS} (1 MiB) at once, on the page itself: apply it in parts`,
    });
    expect(dispatched).toBe(0);
    // At the limit, it applies.
    const fits = await applyYaml(`${deployment('2')}# ${'x'.repeat(MAX_EDITOR_CHARS - deployment('2').length - 3)}\n`, (command) => client.dispatch(command));
    expect(fits.ok).toBe(true);
  });
});
