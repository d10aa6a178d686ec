/**
 * Held-out timelines (round 14), each a scenario in ./run-cases played through `podscape run FILE
 * --until T --output json` (or `events`) and checked against upstream (shared/reference/
 * lifecycle.md §n, and upstream source where the reference is silent, named in each fixture's
 * header).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { obj, pods, run, s } from './held-out';
import { cli, tempFiles } from './testing';

const fixture = (name: string) => fileURLToPath(new URL(`./run-cases/${name}`, import.meta.url));

describe('a value of the wrong JSON type fails its apply with the API server decode error (BadRequest), at its time', () => {
  const d = () => run('wrong-type-apply.yaml', '1m');
  const line = (t: number) => d().kubectl.filter((l) => l.time === s(t));
  const bad = (kind: string, err: string) => `Error from server (BadRequest): error when creating "STDIN": ${kind} in version "v1" cannot be handled as a ${kind}: json: cannot unmarshal ${err}`;

  it('prints the first mismatch in sorted key order, with the Go struct, the path without indexes and the Go type', () => {
    const cases: [number, string][] = [
      [10, bad('Deployment', 'string into Go struct field DeploymentSpec.spec.replicas of type int32')],
      [15, bad('Deployment', 'number into Go struct field ObjectMeta.metadata.labels of type string')],
      [20, bad('Deployment', 'object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container')],
      [25, bad('Pod', 'bool into Go struct field ObjectMeta.metadata.labels of type string')],
      [30, bad('Deployment', 'number 2.5 into Go struct field DeploymentSpec.spec.replicas of type int32')],
    ];
    for (const [t, text] of cases) expect(line(t), `at ${t}s`).toEqual([{ time: s(t), action: 'apply', stream: 'stderr', text }]);
    expect(obj(run('wrong-type-apply.yaml', '39s'), 'Deployment', 'api')).toBeUndefined();
    expect(obj(d(), 'Pod', 'debug')).toBeUndefined();
  });

  it('goes on: the valid apply at 40 s creates the Deployment; the refused update at 50 s changes nothing', () => {
    expect(line(40)).toEqual([{ time: s(40), action: 'apply', stream: 'stdout', text: 'deployment.apps/api created' }]);
    expect(line(50)).toEqual([
      {
        time: s(50),
        action: 'apply',
        stream: 'stderr',
        text: 'Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool',
      },
    ]);
    const api = obj(d(), 'Deployment', 'api') as unknown as { spec: { replicas: number; paused?: unknown } };
    expect(api.spec.replicas).toBe(2);
    expect(api.spec.paused).toBeUndefined();
    expect(pods(d()).filter((p) => p.metadata.name.startsWith('api-') && p.status?.phase === 'Running')).toHaveLength(2);
  });

  it('with --output events the run exits 0 and the refusal goes to stderr', () => {
    const r = cli('run', fixture('wrong-type-apply.yaml'), '--until', '45s', '--output', 'events');
    expect(r.code).toBe(0);
    expect(r.err).toContain(`podscape: warning: at 10s: apply: ${bad('Deployment', 'string into Go struct field DeploymentSpec.spec.replicas of type int32')}`);
  });

  it('an initial object of the wrong type is refused at load: file:line: field with list indexes, the decode text, exit 2', () => {
    const file = tempFiles('podscape-r14-')(
      'env.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers:\n        - name: c\n          image: c\n          env: [{name: PORT, value: 8080}]\n',
    );
    const r = cli('run', file, '--until', '1m');
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'env.yaml:12:37: spec.template.spec.containers[0].env[0].value: Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string',
    );
  });
});
