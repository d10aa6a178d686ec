import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeEvent } from '../engine/sim/contracts';
import { cli, tempFiles } from './testing';
import { apiTimes, eventTable, runJson, withProbeTimes } from './run';

const file = tempFiles('podscape-run-');

const SCENARIO = `apiVersion: podscape.dev/v1alpha1
kind: Scenario
metadata: {name: t}
spec:
  seed: 3
  timeline:
    - { at: 30s, action: cordon, node: worker-1 }
    - { at: 40s, action: killNode, node: ghost }
---
apiVersion: v1
kind: Node
metadata: {name: worker-1}
status: {allocatable: {cpu: "2", memory: 4Gi, pods: "110"}}
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: default}
spec:
  nodeName: worker-1
  containers: [{name: c, image: nginx}]
`;

describe('podscape run', () => {
  const f = file('s.yaml', SCENARIO);

  it('prints the final objects as a YAML List, with the timeline applied by --until', () => {
    const before = cli('run', f, '--until', '10s', '--output', 'state');
    expect(before.code).toBe(0);
    const list = parse(before.out);
    expect(list.kind).toBe('List');
    const node = list.items.find((o: { kind: string }) => o.kind === 'Node');
    expect(node.spec?.unschedulable).toBeUndefined();
    const after = parse(cli('run', f, '--until', '1m', '--output', 'state').out);
    expect(after.items.find((o: { kind: string }) => o.kind === 'Node').spec.unschedulable).toBe(true);
    const pod = after.items.find((o: { kind: string }) => o.kind === 'Pod');
    expect(pod.spec.nodeName).toBe('worker-1');
    expect(pod.spec.tolerations.map((t: { key: string }) => t.key)).toEqual(['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']);
  });

  it('warns about timeline commands that failed, with their virtual time', () => {
    const r = cli('run', f, '--until', '1m', '--output', 'state');
    expect(r.err).toContain('podscape: warning: at 40s: killNode: Error from server (NotFound): nodes "ghost" not found');
  });

  it('prints JSON with the time, the events and the objects; identical for the same seed', () => {
    const a = cli('run', f, '--until', '2m', '--output', 'json');
    expect(a.code).toBe(0);
    const doc = JSON.parse(a.out);
    expect(doc.time).toBe(120_000);
    expect(Array.isArray(doc.events)).toBe(true);
    expect(doc.objects.map((o: { kind: string; metadata: { name: string } }) => `${o.kind}/${o.metadata.name}`)).toEqual(expect.arrayContaining(['Node/worker-1', 'Pod/p']));
    expect(cli('run', f, '--until', '2m', '--output', 'json').out).toBe(a.out);
    expect(cli('run', f, '--until', '2m', '--output', 'json', '--seed', '3').out).toBe(a.out);
  });

  it('prints events by default', () => {
    const r = cli('run', f, '--until', '1m');
    expect(r.code).toBe(0);
    expect(r.out === 'No events.' || r.out.startsWith('LAST SEEN')).toBe(true);
  });

  it('refuses bad flags and bad scenarios with exit 2 and a located message', () => {
    expect(cli('run', f, '--until', 'soon')).toMatchObject({ code: 2, err: expect.stringContaining('--until: "soon" is not a duration') });
    expect(cli('run', f, '--output', 'xml')).toMatchObject({ code: 2, err: expect.stringContaining('--output: "xml" is not one of events, state, json') });
    expect(cli('run', f, '--config', 'x.yaml')).toMatchObject({ code: 2, err: expect.stringContaining('--config does not apply to run') });
    expect(cli('schedule', f, '--until', '1m')).toMatchObject({ code: 2, err: expect.stringContaining('--until applies to run only') });
    expect(cli('run')).toMatchObject({ code: 2, err: expect.stringContaining('run takes exactly one FILE') });
    const bad = file('bad.yaml', SCENARIO.replace('action: cordon, node: worker-1', 'action: cordon, nodes: worker-1'));
    const r = cli('run', bad);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`podscape: ${bad}:7:41: spec.timeline[0].nodes: unknown field "nodes" for action cordon (fields: node) (in Scenario t)`);
    const dup = file('dup.yaml', `${SCENARIO}---\napiVersion: v1\nkind: Node\nmetadata: {name: worker-1}\n`);
    expect(cli('run', dup)).toMatchObject({ code: 2, err: expect.stringMatching(/dup\.yaml:24:\d+: metadata\.name: Duplicate value: "worker-1"/) });
  });
});

describe('podscape run error paths: file, line, field, exit 2', () => {
  const node = 'apiVersion: v1\nkind: Node\nmetadata: {name: a}\nstatus: {allocatable: {cpu: "4", memory: 8Gi}}\n';
  const fails = (name: string, text: string, ...flags: string[]) => {
    const f = file(name, text);
    const r = cli('run', f, '--until', '10s', ...flags);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    return r.err.replace(f, name);
  };

  it('malformed YAML', () => {
    expect(fails('m.yaml', `${node}---\napiVersion: v1\nkind: Pod\nmetadata: {name: p\nspec: {}\n`)).toMatch(/^podscape: m\.yaml:9:1: YAML syntax error: /);
  });

  it('kinds no API server serves: an unknown kind, a typo, a kind in the wrong version; custom resources and unmodelled built-ins pass', () => {
    expect(fails('k1.yaml', `${node}---\napiVersion: v1\nkind: Gizmo\nmetadata: {name: g}\n`)).toBe(
      'podscape: k1.yaml:7:7: kind: Invalid value: "Gizmo": no matches for kind "Gizmo" in version "v1" (in Gizmo g)',
    );
    expect(fails('k2.yaml', `${node}---\napiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: d}\n`)).toContain('k2.yaml:7:7: kind: Invalid value: "Deploymnet": no matches for kind "Deploymnet" in version "apps/v1"');
    expect(fails('k3.yaml', `${node}---\napiVersion: v1\nkind: Deployment\nmetadata: {name: d}\n`)).toContain('k3.yaml:7:7: kind: Invalid value: "Deployment": no matches for kind "Deployment" in version "v1"');
    expect(fails('k4.yaml', `${node}---\napiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\n`)).toContain('no matches for kind "Deployment" in version "extensions/v1beta1"');
    const ok = file('k5.yaml', `${node}---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: m}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n`);
    expect(cli('run', ok, '--until', '1s').code).toBe(0);
  });

  it('absurd quantities and counts', () => {
    const pod = (requests: string) => `${node}---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: x\n      resources: {requests: ${requests}}\n`;
    expect(fails('q1.yaml', pod('{cpu: 1e30}'))).toMatch(/^podscape: q1\.yaml:13:\d+: spec\.containers\[0\]\.resources\.requests\.cpu: Invalid value: "1e30": is too large/);
    expect(fails('q2.yaml', pod('{memory: 12XB}'))).toMatch(/^podscape: q2\.yaml:13:\d+: spec\.containers\[0\]\.resources\.requests\.memory: /);
    expect(fails('q3.yaml', 'apiVersion: v1\nkind: Node\nmetadata: {name: a}\nstatus: {allocatable: {cpu: "-4"}}\n')).toMatch(/^podscape: q3\.yaml:4:\d+: status\.allocatable\.cpu: Invalid value: "-4": must be greater than or equal to 0/);
    expect(
      fails('q4.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: -3\n  selector: {matchLabels: {a: b}}\n  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: x}]}}\n'),
    ).toMatch(/^podscape: q4\.yaml:5:13: spec\.replicas: Invalid value: -3: /);
  });

  it('--until garbage, negative, without a unit, or absurdly long', () => {
    const f = file('u.yaml', node);
    for (const [v, msg] of [
      ['garbage', '--until: "garbage" is not a duration'],
      ['-5s', '--until: "-5s": a duration may not be negative'],
      ['10', '--until: "10": missing unit'],
      ['5m30', '--until: "5m30": missing unit'],
      ['1e9h', '--until: "1e9h" is not a duration'],
      ['99999999999h', '--until: "99999999999h" is longer than 24h0m0s'],
      ['', '--until: empty duration'],
    ]) {
      const r = cli('run', f, '--until', v);
      expect(r.code, v).toBe(2);
      expect(r.err, v).toContain(`podscape: ${msg}`);
    }
    expect(cli('run', f, '--until', '24h', '--output', 'state').code).toBe(0);
  }, 60_000);
});

describe('podscape run on whole scenarios', () => {
  const fixture = (name: string) => fileURLToPath(new URL(`./run-cases/${name}`, import.meta.url));
  const defaultScenario = fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url));

  it('runs the bundled default scenario', () => {
    const r = cli('run', defaultScenario, '--until', '1m', '--output', 'json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.time).toBe(60_000);
    expect(doc.objects.some((o: { kind: string }) => o.kind === 'Node')).toBe(true);
  });

  it('is byte-identical for the same scenario and seed (node power loss, 8 virtual minutes)', () => {
    const a = cli('run', fixture('power-loss.yaml'), '--until', '8m', '--output', 'json');
    expect(a.code).toBe(0);
    expect(cli('run', fixture('power-loss.yaml'), '--until', '8m', '--output', 'json').out).toBe(a.out);
    const b = cli('run', fixture('power-loss.yaml'), '--until', '8m', '--output', 'json', '--seed', '99');
    expect(b.code).toBe(0);
    expect(b.out).not.toBe(a.out);
  });

  it('shows the node going NotReady after the grace period when the cluster is wired up', () => {
    const doc = JSON.parse(cli('run', fixture('power-loss.yaml'), '--until', '3m', '--output', 'json').out);
    const notReady = doc.events.find((e: { reason: string; object: string }) => e.reason === 'NodeNotReady' && e.object === 'Node//worker-2');
    if (!notReady) return; // node lifecycle controller not registered
    // Killed at 60 s; last lease renewal within the 10 s before; grace 50 s; monitor period 5 s.
    expect(notReady.time).toBeGreaterThanOrEqual(60_000 + 40_000);
    expect(notReady.time).toBeLessThanOrEqual(60_000 + 55_000);
    expect(notReady.source).toBe('node-controller');
  });
});

describe('event output', () => {
  const ev = (over: Partial<KubeEvent>): KubeEvent => ({
    type: 'Normal',
    reason: 'Scheduled',
    message: 'Successfully assigned default/web-1 to worker-1',
    object: 'Pod/default/web-1',
    source: 'default-scheduler',
    count: 1,
    firstTime: 0,
    lastTime: 0,
    ...over,
  });

  it('prints a kubectl-like table with virtual times, sorted by last occurrence', () => {
    const text = eventTable([
      ev({ type: 'Warning', reason: 'FailedScheduling', message: '0/3 nodes are available: 3 Insufficient cpu.', object: 'Pod/default/big', count: 4, firstTime: 1_000, lastTime: 61_000 }),
      ev({ lastTime: 2_000, firstTime: 2_000 }),
      ev({ reason: 'NodeNotReady', message: 'Node worker-2 status is now: NodeNotReady', object: 'Node//worker-2', source: 'node-controller', firstTime: 52_000, lastTime: 52_000 }),
      ev({ reason: 'TaintManagerEviction', message: 'Marking for deletion Pod default/web-1', source: 'taint-eviction-controller', firstTime: 357_000, lastTime: 357_000 }),
    ]);
    expect(text.split('\n')).toEqual([
      'LAST SEEN             TYPE      REASON                 OBJECT          MESSAGE',
      '2s                    Normal    Scheduled              pod/web-1       Successfully assigned default/web-1 to worker-1',
      '52s                   Normal    NodeNotReady           node/worker-2   Node worker-2 status is now: NodeNotReady',
      '1m1s (x4 over 1m0s)   Warning   FailedScheduling       pod/big         0/3 nodes are available: 3 Insufficient cpu.',
      '5m57s                 Normal    TaintManagerEviction   pod/web-1       Marking for deletion Pod default/web-1',
    ]);
    expect(eventTable([])).toBe('No events.');
  });

  it('puts every event field in the JSON document', () => {
    const doc = runJson(5_000, [ev({ count: 2, firstTime: 1_000, lastTime: 3_000 })], []);
    expect(doc).toEqual({
      time: 5_000,
      events: [
        {
          time: 1_000,
          type: 'Normal',
          reason: 'Scheduled',
          object: 'Pod/default/web-1',
          message: 'Successfully assigned default/web-1 to worker-1',
          source: 'default-scheduler',
          count: 2,
          firstTime: 1_000,
          lastTime: 3_000,
        },
      ],
      objects: [],
      kubectl: [],
    });
  });
});

describe('timestamps as the API server writes them (metav1.Time, metav1.MicroTime)', () => {
  it('drops the fraction of Time fields, writes MicroTime with six digits, and leaves labels, annotations and other strings alone', () => {
    const pod = {
      metadata: { name: 'p', creationTimestamp: '2026-01-01T00:00:00Z', deletionTimestamp: '2026-01-01T00:07:25.100Z', annotations: { startedAt: '2026-01-01T00:00:01.500Z' } },
      spec: { taints: [{ key: 'k', timeAdded: '2026-01-01T00:01:55.100Z' }] },
      status: { conditions: [{ type: 'Ready', lastTransitionTime: '2026-01-01T00:01:50.999Z', message: '2026-01-01T00:00:01.500Z' }], startTime: '2026-01-01T00:00:00.030Z' },
    };
    expect(apiTimes(pod)).toEqual({
      metadata: { name: 'p', creationTimestamp: '2026-01-01T00:00:00Z', deletionTimestamp: '2026-01-01T00:07:25Z', annotations: { startedAt: '2026-01-01T00:00:01.500Z' } },
      spec: { taints: [{ key: 'k', timeAdded: '2026-01-01T00:01:55Z' }] },
      status: { conditions: [{ type: 'Ready', lastTransitionTime: '2026-01-01T00:01:50Z', message: '2026-01-01T00:00:01.500Z' }], startTime: '2026-01-01T00:00:00Z' },
    });
    expect(apiTimes({ spec: { renewTime: '2026-01-01T00:07:00Z', acquireTime: '2026-01-01T00:00:00.25Z' } })).toEqual({ spec: { renewTime: '2026-01-01T00:07:00.000000Z', acquireTime: '2026-01-01T00:00:00.250000Z' } });
  });
});

describe('pod conditions with lastProbeTime null, as a zero metav1.Time prints', () => {
  it('adds it after status where a writer left it out, and leaves other kinds alone', () => {
    const pod = { kind: 'Pod', status: { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', lastTransitionTime: 't' }, { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: 't' }] } };
    const out = withProbeTimes(pod);
    expect(out.status.conditions).toEqual([{ type: 'PodScheduled', status: 'False', lastProbeTime: null, reason: 'Unschedulable', lastTransitionTime: 't' }, pod.status.conditions[1]]);
    expect(Object.keys(out.status.conditions[0])).toEqual(['type', 'status', 'lastProbeTime', 'reason', 'lastTransitionTime']);
    const node = { kind: 'Node', status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    expect(withProbeTimes(node)).toBe(node);
  });
});

describe('podscape run keeps keys named like JavaScript internals (robustness round 22)', () => {
  const f = file('proto.yaml', `apiVersion: v1
kind: Node
metadata: {name: n1}
status:
  capacity: {cpu: "2", memory: 4Gi, pods: "110", __proto__: "5", constructor: "3"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cm, namespace: default}
data: {__proto__: "x", constructor: "y"}
`);

  it('a __proto__ key of node capacity and of ConfigMap data is printed with --output state and json', () => {
    for (const output of ['state', 'json'] as const) {
      const r = cli('run', f, '--until', '30s', '--output', output);
      expect(r.code).toBe(0);
      const items = (output === 'state' ? parse(r.out).items : JSON.parse(r.out).objects) as { kind: string; data?: object; status?: { capacity?: object } }[];
      const capacity = items.find((o) => o.kind === 'Node')?.status?.capacity ?? {};
      const data = items.find((o) => o.kind === 'ConfigMap')?.data ?? {};
      expect(Object.keys(capacity), output).toEqual(expect.arrayContaining(['__proto__', 'constructor']));
      expect(Object.keys(data), output).toEqual(['__proto__', 'constructor']);
    }
  });

  it('--output state quotes strings kubectl would read as booleans (a bound volume\'s "yes" annotations)', () => {
    const g = file('yes.yaml', `apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-1}
spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], storageClassName: "", hostPath: {path: /data}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: claim, namespace: default}
spec: {accessModes: [ReadWriteOnce], storageClassName: "", resources: {requests: {storage: 1Gi}}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: flags, namespace: default}
data: {a: "yes", b: "on"}
`);
    const r = cli('run', g, '--until', '30s', '--output', 'state');
    expect(r.code).toBe(0);
    // kubectl's YAML reader follows YAML 1.1, where a plain yes or on is a boolean.
    const items = parse(r.out, { version: '1.1' }).items as { kind: string; data?: object; metadata: { annotations?: Record<string, unknown> } }[];
    expect(items.find((o) => o.kind === 'ConfigMap')?.data).toEqual({ a: 'yes', b: 'on' });
    const claim = items.find((o) => o.kind === 'PersistentVolumeClaim');
    expect(claim?.metadata.annotations?.['pv.kubernetes.io/bind-completed']).toBe('yes');
  });

  it('apiTimes copies a __proto__ key as data', () => {
    const copy = apiTimes(JSON.parse('{"spec": {"__proto__": {"lastTransitionTime": "2026-01-01T00:00:01.5Z"}}}') as object);
    expect(JSON.stringify(copy)).toBe('{"spec":{"__proto__":{"lastTransitionTime":"2026-01-01T00:00:01Z"}}}');
  });
});
