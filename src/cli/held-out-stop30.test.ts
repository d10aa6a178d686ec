/**
 * Round 30 (stop30): how a stopped container exits. A drained Job pod's process dies of SIGTERM
 * (exit 143, `Error`), so the pod ends Failed with DisruptionTarget and a podFailurePolicy judges it
 * (job-drained.yaml, the two Jobs with a policy; the header gives the upstream sources). The
 * kubelet's side (codes, timing, phases) is covered by src/engine/kubelet/stop-exit.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { condition, obj, one, pods, run, s, ts, type Doc } from './held-out';
import { cli, tempFiles } from './testing';

const owned = (d: Doc, prefix: string) => pods(d).filter((p) => p.metadata.name.startsWith(prefix));

describe('a drained Job pod under a podFailurePolicy (job-drained.yaml)', () => {
  const d = () => run('job-drained.yaml', '60s');

  it('Ignore on DisruptionTarget: the evicted pod (Failed, 143) is not counted and is replaced 10 s after its finish, on worker-2', () => {
    const job = obj(d(), 'Job', 'tolerant')!;
    expect(job.status).toMatchObject({ active: 1, failed: 0, succeeded: 0 });
    expect(condition(job, 'Complete')).toBeUndefined();
    expect(condition(job, 'FailureTarget')).toBeUndefined();
    const [next] = owned(d(), 'tolerant-');
    expect(ts(next.metadata.creationTimestamp)).toBe(s(31));
    expect(next.spec?.nodeName).toBe('worker-2');
    expect(next.status?.phase).toBe('Running');
  });

  it('onExitCodes In [143] with FailJob: the SIGTERM exit fails the Job with PodFailurePolicy', () => {
    const job = obj(d(), 'Job', 'by-code')!;
    const [gone] = one(d(), 'PodFailurePolicy', 'Job/default/by-code').message.match(/by-code-[a-z0-9]{5}/)!;
    const message = `Container c for pod default/${gone} failed with exit code 143 matching FailJob rule at index 0`;
    expect(condition(job, 'FailureTarget')).toMatchObject({ status: 'True', reason: 'PodFailurePolicy', message });
    expect(condition(job, 'Failed')).toMatchObject({ status: 'True', reason: 'PodFailurePolicy', message, lastTransitionTime: '2026-01-01T00:00:22Z' });
    expect(job.status).toMatchObject({ active: 0, failed: 1 });
    expect(owned(d(), 'by-code-')).toEqual([]);
  });
});

describe('the on-sigterm annotation at load', () => {
  const write = tempFiles('stop30-');
  const load = (name: string, lines: string[]) => cli('run', write(name, lines.join('\n') + '\n'), '--until', '10s');
  it('refuses a value other than exit, exit-0 and ignore, naming the annotation as a field', () => {
    const r = load('sig.yaml', ['apiVersion: v1', 'kind: Pod', 'metadata: {name: p, namespace: default, annotations: {podscape.dev/on-sigterm: "TERM"}}', 'spec: {containers: [{name: app, image: busybox}]}']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('metadata.annotations[podscape.dev/on-sigterm]: Unsupported value: "TERM": supported values: "exit", "exit-0", "ignore" (a Podscape simulation annotation)');
  });
});
