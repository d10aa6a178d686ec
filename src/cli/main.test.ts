import { describe, expect, it } from 'vitest';
import { cli, tempFiles } from './testing';

const file = tempFiles('podscape-cli-');

const CLUSTER = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata: {name: big, labels: {kubernetes.io/hostname: big}}
  status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}
- apiVersion: v1
  kind: Node
  metadata: {name: small, labels: {kubernetes.io/hostname: small}}
  status: {allocatable: {cpu: "1", memory: 2Gi, pods: "110"}}
- apiVersion: v1
  kind: Pod
  metadata: {name: web, namespace: default}
  spec:
    containers:
    - name: c
      image: nginx
      resources: {requests: {cpu: "2", memory: 1Gi}}
- apiVersion: v1
  kind: Pod
  metadata: {name: huge, namespace: default}
  spec:
    containers:
    - name: c
      resources: {requests: {cpu: "16"}}
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: cm}
`;

describe('podscape schedule', () => {
  const f = file('cluster.yaml', CLUSTER);
  it('prints one result per pending pod with upstream messages and explanations', () => {
    const r = cli('schedule', f, '--seed', '1');
    expect(r.code).toBe(0);
    expect(r.err).toContain('ignoring objects the scheduler does not read: 1 ConfigMap');
    const { pods } = JSON.parse(r.out);
    expect(pods.map((p: { name: string; nodeName: string }) => [p.name, p.nodeName])).toEqual([
      ['web', 'big'],
      ['huge', null],
    ]);
    expect(pods[1].message).toBe(
      // 16 cpu exceeds every node's whole allocatable: UnschedulableAndUnresolvable, so preemption cannot help.
      '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
    expect(pods[0].explain.filter.small.NodeResourcesFit).toEqual(['Insufficient cpu']);
    expect(pods[0].explain.selectedNode).toBe('big');
  });
  it('is byte-identical for the same seed', () => {
    expect(cli('schedule', f, '--seed', '9').out).toBe(cli('schedule', f, '--seed', '9').out);
  });
  it('honours a KubeSchedulerConfiguration that disables a score plugin', () => {
    const cfg = file(
      'ksc.yaml',
      `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
- schedulerName: default-scheduler
  plugins:
    score:
      disabled:
      - name: ImageLocality
`,
    );
    const r = cli('explain', f, '--pod', 'default/web', '--config', cfg, '--nodes', 'big,small');
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out);
    expect(Object.keys(e.score.big)).not.toContain('ImageLocality');
    expect(Object.keys(e.score.big)).toContain('NodeResourcesFit');
  });
});

describe('podscape errors', () => {
  it('names the file, line and field of a bad quantity, exit 2', () => {
    const f = file('bad.yaml', `kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: c
    resources:
      requests:
        cpu: -2
`);
    const r = cli('schedule', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml:8:\d+: spec\.containers\[0\]\.resources\.requests\.cpu: .*greater than or equal to 0/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
  it('names an unknown plugin in the config with its line', () => {
    const f = file('ok.yaml', CLUSTER);
    const cfg = file('bad-ksc.yaml', `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
- plugins:
    filter:
      enabled:
      - name: NoSuchPlugin
`);
    const r = cli('schedule', f, '--config', cfg);
    expect(r.code).toBe(2);
    expect(r.err).toContain('podscape: ' + `${cfg}:7:9: profiles[0].plugins.filter.enabled[0]: FilterPlugin "NoSuchPlugin" does not exist (in KubeSchedulerConfiguration)`);
  });
  it.each([
    [['schedule'], /exactly one FILE/],
    [['frobnicate', 'x'], /unknown command/],
    [['schedule', '/nonexistent.yaml'], /no such file/],
    [['schedule', 'x', '--seed', 'abc'], /--seed/],
    [['explain', 'x'], /./],
  ])('%j fails with exit 2', (argv, re) => {
    const r = cli(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(re);
  });
  it('a FILE that never ends (/dev/zero) is refused once it passes the size limit, not read for ever', () => {
    const r = cli('run', '/dev/zero');
    expect(r.code).toBe(2);
    expect(r.err).toBe('podscape: /dev/zero:1:1: input is more than 33554432 bytes; the limit is 33554432');
  });
  it('explain refuses an unknown pod', () => {
    const f = file('c2.yaml', CLUSTER);
    const r = cli('explain', f, '--pod', 'default/nope');
    expect(r.code).toBe(2);
    expect(r.err).toContain('pod default/nope not found');
  });
});

describe('hostile input: a clear, located error and exit 2, never a stack overflow or a number it cannot write back', () => {
  it('lists and mappings nested thousands of levels deep (YAML and JSON), with schedule and run alike', () => {
    const nesting = 'lists and mappings nested more than 100 levels deep; the limit is 100 (Kubernetes objects nest about a dozen levels)';
    const yaml = file('deep.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  x: ${'['.repeat(3000)}${']'.repeat(3000)}\n`);
    const json = file('deep.json', `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`);
    for (const [command, f] of [['schedule', yaml], ['run', yaml], ['run', json]]) {
      const r = cli(command, f);
      expect(r.code, `${command} ${f}`).toBe(2);
      expect(r.err).toMatch(new RegExp(`^podscape: ${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: ${nesting.replace(/[()]/g, '\\$&')}$`));
    }
  });
  it('a timeline time past the longest duration', () => {
    const f = file('far.yaml', `apiVersion: podscape.dev/v1alpha1\nkind: Scenario\nmetadata: {name: far}\nspec:\n  timeline:\n  - {at: 99999999999999999999999h, action: cordon, node: a}\n`);
    const r = cli('run', f);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`podscape: ${f}:6:10: spec.timeline[0].at: Invalid value: "99999999999999999999999h" is longer than the longest duration, 2562047h47m16.854s (in Scenario far)`);
  });
});

describe('podscape schedule checks kinds as the loader does', () => {
  it('a kind its apiVersion does not serve, and a custom resource named like a simulated kind, exit 2 naming the line', () => {
    const node = 'apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}\n---\n';
    const v2 = file('v2.yaml', `${node}apiVersion: apps/v2\nkind: Deployment\nmetadata: {name: a}\n`);
    const r = cli('schedule', v2);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`podscape: ${v2}:7:7: kind: Invalid value: "Deployment": no matches for kind "Deployment" in version "apps/v2" (in Deployment a)`);
    const cr = file('cr.yaml', `${node}apiVersion: example.com/v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: x}]}\n`);
    const p = cli('schedule', cr);
    expect(p.code).toBe(2);
    expect(p.err).toContain(`${cr}:7:7: kind: Invalid value: "Pod": this Pod of "example.com/v1" is a custom resource, not the v1 Pod that Podscape simulates`);
  });
});
