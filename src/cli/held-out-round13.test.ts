/**
 * Held-out timelines (round 13), each a scenario in ./run-cases played through `podscape run FILE
 * --until T --output json` (or `events`) and checked against upstream (shared/reference/
 * lifecycle.md §n, and upstream source where the reference is silent, named in each fixture's
 * header).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { obj, pods, run, s } from './held-out';
import { cli, tempFiles } from './testing';

const fixture = (name: string) => fileURLToPath(new URL(`./run-cases/${name}`, import.meta.url));

describe('an API-invalid object in a timeline fails only its own apply, at its time', () => {
  const d = () => run('invalid-apply.yaml', '1m');
  const line = (t: number) => d().kubectl.filter((l) => l.time === s(t));

  it("prints kubectl's Invalid line with Go's %#v map, and changes nothing", () => {
    expect(line(10)).toEqual([
      {
        time: s(10),
        action: 'apply',
        stream: 'stderr',
        text: 'The Deployment "api" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other", "tier":"x"}: `selector` does not match template `labels`',
      },
    ]);
    expect(line(15)).toEqual([
      {
        time: s(15),
        action: 'apply',
        stream: 'stderr',
        text: 'The ReplicaSet "bare" is invalid: spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
      },
    ]);
    expect(line(20)).toEqual([
      { time: s(20), action: 'apply', stream: 'stderr', text: 'The Deployment "api" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0' },
    ]);
    expect(obj(run('invalid-apply.yaml', '25s'), 'Deployment', 'api')).toBeUndefined();
    expect(obj(d(), 'ReplicaSet', 'bare')).toBeUndefined();
  });

  it('goes on: the valid apply at 30 s creates the Deployment and its pods run', () => {
    expect(line(30)).toEqual([{ time: s(30), action: 'apply', stream: 'stdout', text: 'deployment.apps/api created' }]);
    const running = pods(d()).filter((p) => p.metadata.name.startsWith('api-') && p.status?.phase === 'Running');
    expect(running).toHaveLength(2);
  });

  it('with --output events the run exits 0 and the refusals go to stderr', () => {
    const r = cli('run', fixture('invalid-apply.yaml'), '--until', '1m', '--output', 'events');
    expect(r.code).toBe(0);
    expect(r.err).toContain('podscape: warning: at 10s: apply: The Deployment "api" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other", "tier":"x"}');
    expect(r.out).toContain('ScalingReplicaSet');
  });

  it('an invalid object among the initial objects is still refused at load: file:line: field, exit 2', () => {
    const file = tempFiles('podscape-r13-')(
      'bad.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: other}}\n    spec: {containers: [{name: c, image: c}]}\n',
    );
    const r = cli('run', file, '--until', '1m');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml:7:\d+: spec\.template\.metadata\.labels: Invalid value: map\[string\]string\{"app":"other"\}: `selector` does not match template `labels`/);
  });
});
