import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../model/types';
import { validateObjects } from '../model/validate';
import { podProbes, probePasses } from './probe-spec';

const pod = (container: Record<string, unknown>, annotations?: Record<string, string>): Pod =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', ...(annotations ? { annotations } : {}) }, spec: { containers: [{ name: 'app', image: 'x:1', ...container }] } }) as unknown as Pod;
const errors = (o: KubeObject) => validateObjects([o]).map((e) => `${e.field}: ${e.message}`);

describe('probe fields: SetDefaults_Probe and validateProbe (pkg/apis/core)', () => {
  it('reads the defaults for omitted or zero fields and keeps the object as given', () => {
    const p = pod({ readinessProbe: { httpGet: { port: 80 }, periodSeconds: 0 } });
    expect(podProbes(p)).toEqual([{ kind: 'readiness', container: 'app', initialDelaySeconds: 0, period: 10_000, successThreshold: 1, failureThreshold: 3, output: 'HTTP probe failed with statuscode: 500' }]);
    expect(p.spec.containers[0]).toEqual({ name: 'app', image: 'x:1', readinessProbe: { httpGet: { port: 80 }, periodSeconds: 0 } });
    expect(podProbes(pod({}))).toEqual([]);
  });

  it('a liveness probe keeps its own terminationGracePeriodSeconds', () => {
    expect(podProbes(pod({ livenessProbe: { exec: { command: ['true'] }, terminationGracePeriodSeconds: 5, failureThreshold: 1 } }))[0]).toMatchObject({ kind: 'liveness', terminationGracePeriodSeconds: 5, failureThreshold: 1, output: '' });
  });

  it('refuses a probe without a handler or with two, naming the field', () => {
    expect(errors(pod({ readinessProbe: { periodSeconds: 5 } }))).toEqual(['spec.containers[0].readinessProbe: Required value: must specify a handler type']);
    expect(errors(pod({ livenessProbe: { exec: { command: ['true'] }, tcpSocket: { port: 1 } } }))).toEqual(['spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type']);
  });

  it('refuses negative numbers, successThreshold other than 1 for liveness and startup, and a grace period on readiness', () => {
    expect(errors(pod({ readinessProbe: { httpGet: { port: 80 }, periodSeconds: -1, successThreshold: 3 } }))).toEqual(['spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0']);
    expect(errors(pod({ livenessProbe: { httpGet: { port: 80 }, successThreshold: 2 } }))).toEqual(['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1']);
    expect(errors(pod({ startupProbe: { grpc: { port: 9 }, terminationGracePeriodSeconds: 0 } }))).toEqual(['spec.containers[0].startupProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0']);
    expect(errors(pod({ readinessProbe: { httpGet: { port: 80 }, terminationGracePeriodSeconds: 5 } }))).toEqual(['spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes']);
  });

  it("checks a workload template's probes and outcome annotations under spec.template", () => {
    const d = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'default' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' }, annotations: { 'podscape.dev/liveness': 'sometimes' } }, spec: { containers: [{ name: 'c', livenessProbe: {} }] } },
      },
    } as unknown as KubeObject;
    expect(errors(d)).toEqual([
      'spec.template.metadata.annotations[podscape.dev/liveness]: Invalid value: "sometimes": must be "pass", "fail", "fail-after=<duration>" or "pass-after=<duration>" (a Podscape simulation annotation)',
      'spec.template.spec.containers[0].livenessProbe: Required value: must specify a handler type',
    ]);
  });
});

describe('the outcome annotations', () => {
  it('pass by default; fail; fail-after and pass-after switch at the given time after the start', () => {
    expect(probePasses(pod({}), 'readiness', 0)).toBe(true);
    expect(probePasses(pod({}, { 'podscape.dev/liveness': 'fail' }), 'liveness', 0)).toBe(false);
    const after = pod({}, { 'podscape.dev/startup': 'pass-after=30s', 'podscape.dev/readiness': 'fail-after=1m' });
    expect([probePasses(after, 'startup', 29_999), probePasses(after, 'startup', 30_000)]).toEqual([false, true]);
    expect([probePasses(after, 'readiness', 59_999), probePasses(after, 'readiness', 60_000)]).toEqual([true, false]);
    expect(errors(pod({}, { 'podscape.dev/readiness': 'fail-after=soon' }))).toHaveLength(1);
  });
});
