/**
 * How a container the kubelet stops ends (the on-sigterm annotation, exit-annotations.ts): the
 * kubelet sends SIGTERM, the runtime SIGKILL at the grace period (never sooner than 2 s:
 * kuberuntime minimumGracePeriodInSeconds). A process with the default disposition dies of
 * SIGTERM (143), one that handles it may exit 0, one that ignores it is killed (137). The deleted
 * pod then ends Failed, or Succeeded when every container exited 0, whatever its restartPolicy
 * (kubelet_pods.go getPhase with podIsTerminal).
 */
import { describe, expect, it } from 'vitest';
import { barePod, node } from '../controllers/node-lifecycle/cluster-fixture';
import type { KubeObject, Pod } from '../model/types';
import { deletePod } from '../sim/api';
import type { WatchEvent } from '../sim/contracts';
import { createSimulation } from '../sim/simulation';
import { ON_SIGTERM_ANNOTATION, stopOutcome, validateExitAnnotations } from './exit-annotations';
import { createKubeletManager } from './kubelet-manager';

const s = (x: number) => x * 1000;
const at = (x: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, x)).toISOString().replace('.000Z', 'Z');

function cluster(objects: KubeObject[]) {
  const sim = createSimulation({ seed: 5, components: [createKubeletManager()] });
  const seen: WatchEvent[] = [];
  sim.store.watch((e) => {
    if (e.kind === 'Pod') seen.push(e);
  });
  sim.load(objects);
  sim.advanceTo(0);
  return { sim, seen };
}

function app(name: string, extra: { onSigterm?: string; grace?: number; restartPolicy?: Pod['spec']['restartPolicy']; deadline?: number } = {}): Pod {
  const p = barePod(name, 'w');
  if (extra.onSigterm) p.metadata.annotations = { [ON_SIGTERM_ANNOTATION]: extra.onSigterm };
  if (extra.grace !== undefined) p.spec.terminationGracePeriodSeconds = extra.grace;
  if (extra.restartPolicy) p.spec.restartPolicy = extra.restartPolicy;
  if (extra.deadline !== undefined) p.spec.activeDeadlineSeconds = extra.deadline;
  return p;
}

/** The last status the pod had before the kubelet removed it. */
function lastStatus(seen: WatchEvent[], name: string) {
  const p = seen.filter((e) => e.type === 'MODIFIED' && e.object.metadata.name === name).pop()!.object as Pod;
  return p.status!;
}
const terminated = (status: Pod['status']) => (status!.containerStatuses as { state: { terminated?: Record<string, unknown> } }[])[0].state.terminated;
const cond = (status: Pod['status'], type: string) => status!.conditions!.find((c) => c.type === type);

/** Deletes the pod gracefully at 10 s (containers started at 1 s) and returns the sim. */
function deletedAt10(pod: Pod) {
  const c = cluster([node('w'), pod]);
  c.sim.advanceTo(s(10));
  deletePod(c.sim.ctx, pod);
  return c;
}

describe('a container stopped by the kubelet (podscape.dev/on-sigterm)', () => {
  it('by default dies of SIGTERM about 1 s later: exit 143, reason Error, and the pod ends Failed even with restartPolicy Always', () => {
    const { sim, seen } = deletedAt10(app('web'));
    sim.advanceTo(s(10.5));
    expect(sim.store.get<Pod>('Pod', 'default', 'web')?.status?.phase).toBe('Running');
    sim.advanceTo(s(11));
    expect(sim.store.get<Pod>('Pod', 'default', 'web')).toBeUndefined();
    const st = lastStatus(seen, 'web');
    expect(st.phase).toBe('Failed');
    expect(terminated(st)).toEqual({ exitCode: 143, reason: 'Error', startedAt: at(1), finishedAt: at(11) });
    expect(cond(st, 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' });
    expect(sim.events().filter((e) => e.object === 'Pod/default/web' && e.reason === 'Killing').map((e) => e.message)).toEqual(['Stopping container web']);
  });

  it('exit-0: a process that handles SIGTERM exits 0 (Completed) and the pod ends Succeeded', () => {
    const { sim, seen } = deletedAt10(app('web', { onSigterm: 'exit-0' }));
    sim.advanceTo(s(11));
    const st = lastStatus(seen, 'web');
    expect(st.phase).toBe('Succeeded');
    expect(terminated(st)).toEqual({ exitCode: 0, reason: 'Completed', startedAt: at(1), finishedAt: at(11) });
    expect(cond(st, 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
  });

  it('ignore: the pod stays Terminating and running for the whole grace period, then SIGKILL: 137, Failed', () => {
    const { sim, seen } = deletedAt10(app('web', { onSigterm: 'ignore', grace: 5 }));
    sim.advanceTo(s(14.9));
    const still = sim.store.get<Pod>('Pod', 'default', 'web')!;
    expect(still.metadata.deletionTimestamp).toBe(at(15));
    expect(still.status?.phase).toBe('Running');
    expect(cond(still.status, 'Ready')?.status).toBe('True');
    sim.advanceTo(s(15));
    expect(sim.store.get<Pod>('Pod', 'default', 'web')).toBeUndefined();
    const st = lastStatus(seen, 'web');
    expect(st.phase).toBe('Failed');
    expect(terminated(st)).toEqual({ exitCode: 137, reason: 'Error', startedAt: at(1), finishedAt: at(15) });
  });

  it('ignore with a 1 s grace period: the runtime still waits its 2 s minimum before SIGKILL', () => {
    const { sim, seen } = deletedAt10(app('web', { onSigterm: 'ignore', grace: 1 }));
    sim.advanceTo(s(11.5));
    expect(sim.store.get<Pod>('Pod', 'default', 'web')).toBeDefined();
    sim.advanceTo(s(12));
    expect(sim.store.get<Pod>('Pod', 'default', 'web')).toBeUndefined();
    expect(terminated(lastStatus(seen, 'web'))).toMatchObject({ exitCode: 137, finishedAt: at(12) });
  });

  it('a deleted pod with restartPolicy Never or OnFailure ends Failed with 143 too, and is not restarted', () => {
    for (const restartPolicy of ['Never', 'OnFailure'] as const) {
      const { sim, seen } = deletedAt10(app('job-like', { restartPolicy }));
      sim.advanceTo(s(20));
      const st = lastStatus(seen, 'job-like');
      expect([restartPolicy, st.phase, terminated(st)?.exitCode]).toEqual([restartPolicy, 'Failed', 143]);
      expect(sim.events().filter((e) => e.reason === 'Started')).toHaveLength(1);
    }
  });

  it("a pod's activeDeadlineSeconds kill gives the code of its on-sigterm behaviour", () => {
    const { sim } = cluster([node('w'), app('plain', { deadline: 5 }), app('stubborn', { deadline: 5, onSigterm: 'ignore' }), app('handled', { deadline: 5, onSigterm: 'exit-0' })]);
    sim.advanceTo(s(7));
    const code = (name: string) => {
      const p = sim.store.get<Pod>('Pod', 'default', name)!;
      return [p.status?.phase, p.status?.reason, terminated(p.status)?.exitCode];
    };
    expect(code('plain')).toEqual(['Failed', 'DeadlineExceeded', 143]);
    expect(code('stubborn')).toEqual(['Failed', 'DeadlineExceeded', 137]);
    expect(code('handled')).toEqual(['Failed', 'DeadlineExceeded', 0]);
  });
});

describe('stopOutcome', () => {
  const pod = (v?: string) => app('p', { onSigterm: v });
  it('kills at the grace period a process that would outlive it', () => {
    expect(stopOutcome(pod(), 30, 1000)).toEqual({ delay: 1000, exitCode: 143 });
    expect(stopOutcome(pod(), 3, 5000)).toEqual({ delay: 3000, exitCode: 137 });
    expect(stopOutcome(pod('exit-0'), 30, 1000)).toEqual({ delay: 1000, exitCode: 0 });
    expect(stopOutcome(pod('ignore'), 30, 1000)).toEqual({ delay: 30_000, exitCode: 137 });
  });
});

describe('validateExitAnnotations: on-sigterm', () => {
  it('accepts the three values and refuses anything else, naming the annotation as a field', () => {
    for (const v of ['exit', 'exit-0', 'ignore']) expect(validateExitAnnotations({ annotations: { [ON_SIGTERM_ANNOTATION]: v } }, 'metadata')).toEqual([]);
    expect(validateExitAnnotations({ annotations: { [ON_SIGTERM_ANNOTATION]: 'Ignore' } }, 'spec.template.metadata')).toEqual([
      {
        field: 'spec.template.metadata.annotations[podscape.dev/on-sigterm]',
        message: 'Unsupported value: "Ignore": supported values: "exit", "exit-0", "ignore" (a Podscape simulation annotation)',
      },
    ]);
  });
});
