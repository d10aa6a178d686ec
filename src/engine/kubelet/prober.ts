/**
 * The kubelet's prober for one pod (kubernetes/kubernetes pkg/kubelet/prober: prober_manager.go,
 * worker.go, prober.go; results/results_manager.go): one worker per container probe.
 *
 * A worker starts when the pod is admitted (prober_manager AddPod) or when a restarted kubelet
 * finds the pod; if the kubelet process started less than one period ago it first waits a random
 * part of the period (drawn from the seeded generator, and only for pods with probes). It then
 * probes at once and on every tick of its period. A probe does nothing while the container is not
 * running, while it is on hold (after a liveness or startup failure, until a new container), or
 * before initialDelaySeconds whole seconds have passed since the container started. Until the
 * startup probe succeeds only the startup worker probes; after, only the others. Each failed
 * probe records an `Unhealthy` Warning `<Kind> probe failed: <output>`; the result changes only
 * after successThreshold successes or failureThreshold failures in a row. Readiness starts as
 * Failure for every new container, liveness as Success, startup as Unknown. A liveness or startup
 * Failure puts the worker on hold and asks the kubelet to kill the container. When the pod is
 * being deleted, liveness and startup stop (their result set to Success); readiness keeps probing.
 *
 * The pod sync that follows a container start (prober_manager UpdatePodStatus) triggers an
 * immediate readiness probe of a started, not-ready container: that is the "manual trigger" here,
 * run when the kubelet starts the containers.
 *
 * Simplified: the pod's containers share one start time and one fate; no timeouts (a probe
 * passes or fails as its annotation says); the manual trigger is fired only at a container
 * start (upstream also at every later sync of a not-ready container, e.g. right after readiness
 * turns Failure, which adds one more probe then).
 */
import type { Pod } from '../model/types';
import type { SimContext, TimerHandle } from '../sim/contracts';
import { type ProbeKind, type ProbeSpec, PROBE_WORD, podProbes, probePasses } from './probe-spec';

type Result = 'success' | 'failure' | 'unknown';

const INITIAL: Readonly<Record<ProbeKind, Result>> = { readiness: 'failure', liveness: 'success', startup: 'unknown' };

interface Worker {
  spec: ProbeSpec;
  result: Result;
  lastResult: Result | undefined;
  resultRun: number;
  onHold: boolean;
  stopped: boolean;
  timer: TimerHandle | null;
}

/** What the prober asks of its kubelet. */
export interface ProberHooks {
  /** The pod as the API holds it now (undefined when gone). */
  pod(): Pod | undefined;
  /** The containers run (started at `startedAt`, ms), and whether the pod is being deleted. */
  running(): { startedAt: number } | undefined;
  /** A readiness or started state changed: post the status again. */
  changed(): void;
  /** A liveness or startup probe failed failureThreshold times: kill the container. */
  failed(spec: ProbeSpec): void;
  /** The Unhealthy event's source and field path. */
  event(pod: Pod, message: string, container: string): void;
}

export class PodProber {
  private readonly workers: Worker[];

  constructor(
    private readonly ctx: SimContext,
    private readonly label: string,
    pod: Pod,
    /** When the kubelet process started (prober manager's start), for the first tick's jitter. */
    kubeletStart: number,
    private readonly hooks: ProberHooks,
  ) {
    this.workers = podProbes(pod).map((spec) => ({ spec, result: INITIAL[spec.kind], lastResult: undefined, resultRun: 0, onHold: false, stopped: false, timer: null }));
    for (const w of this.workers) {
      const sinceStart = ctx.clock.now - kubeletStart;
      const wait = w.spec.period > sinceStart ? Math.floor(ctx.rng.float() * w.spec.period) : 0;
      w.timer = ctx.clock.after(wait, `${label}: ${w.spec.kind} probe ${w.spec.container}`, () => this.tick(w));
    }
  }

  private tick(w: Worker): void {
    w.timer = null;
    if (w.stopped) return;
    this.probe(w);
    if (!w.stopped) w.timer = this.ctx.clock.after(w.spec.period, `${this.label}: ${w.spec.kind} probe ${w.spec.container}`, () => this.tick(w));
  }

  private worker(kind: ProbeKind, container: string): Worker | undefined {
    for (const w of this.workers) if (w.spec.kind === kind && w.spec.container === container && !w.stopped) return w;
    return undefined;
  }

  /** isContainerStarted: a container without a startup probe has started once it runs; with one, once that succeeded. */
  started(container: string): boolean {
    const s = this.worker('startup', container);
    return !s || s.result === 'success';
  }

  /** UpdatePodStatus's readiness of a running container: started and (no readiness probe, or its result Success). */
  ready(container: string): boolean {
    if (!this.started(container)) return false;
    const r = this.worker('readiness', container);
    return !r || r.result === 'success';
  }

  /** New containers started: every worker takes its initial value and leaves its hold. */
  containersStarted(): void {
    for (const w of this.workers) {
      w.result = INITIAL[w.spec.kind];
      w.onHold = false;
    }
  }

  /** The sync after a container start probes readiness of a started, not-ready container at once (UpdatePodStatus's manual trigger). */
  triggerReadiness(): void {
    for (const w of this.workers) if (w.spec.kind === 'readiness' && !w.stopped && this.started(w.spec.container) && w.result !== 'success') this.probe(w);
  }

  /** A kubelet that finds the pod already running (loaded with the scenario) takes its readiness and started state from its status. */
  adopt(statuses: readonly { name?: string; ready?: boolean; started?: boolean }[]): void {
    for (const w of this.workers) {
      const s = statuses.find((x) => x.name === w.spec.container);
      if (w.spec.kind === 'readiness' && s?.ready === true) w.result = 'success';
      if (w.spec.kind === 'startup' && (s?.started === true || s?.ready === true)) w.result = 'success';
    }
  }

  /** The containers stopped running: a readiness worker sees a non-running container and sets Failure. */
  containersStopped(): void {
    for (const w of this.workers) if (w.spec.kind === 'readiness') w.result = 'failure';
  }

  /** The pod is being deleted: liveness and startup set Success and stop; readiness goes on. */
  terminating(): void {
    for (const w of this.workers) {
      if (w.spec.kind === 'readiness' || w.stopped) continue;
      w.result = 'success';
      this.stopWorker(w);
    }
  }

  /** Every worker stops (the pod is done, gone, or the kubelet stopped). */
  stop(): void {
    for (const w of this.workers) this.stopWorker(w);
  }

  private stopWorker(w: Worker): void {
    w.stopped = true;
    if (w.timer !== null) this.ctx.clock.cancel(w.timer);
    w.timer = null;
  }

  /** worker.doProbe. */
  private probe(w: Worker): void {
    const run = this.hooks.running();
    const pod = this.hooks.pod();
    if (!run || !pod || w.onHold) return;
    const now = this.ctx.clock.now;
    if (Math.floor((now - run.startedAt) / 1000) < w.spec.initialDelaySeconds) return;
    const started = this.started(w.spec.container);
    if (w.spec.kind === 'startup' ? started : !started) return;
    const pass = probePasses(pod, w.spec.kind, now - run.startedAt);
    const result: Result = pass ? 'success' : 'failure';
    if (!pass) this.hooks.event(pod, `${PROBE_WORD[w.spec.kind]} probe failed: ${w.spec.output}`, w.spec.container);
    if (w.lastResult === result) w.resultRun++;
    else {
      w.lastResult = result;
      w.resultRun = 1;
    }
    if ((!pass && w.resultRun < w.spec.failureThreshold) || (pass && w.resultRun < w.spec.successThreshold)) return;
    const changed = w.result !== result;
    w.result = result;
    if (w.spec.kind !== 'readiness' && !pass) {
      w.onHold = true;
      w.resultRun = 0;
      this.hooks.failed(w.spec);
      return;
    }
    if (changed && w.spec.kind !== 'liveness') this.hooks.changed();
    // A startup probe that just succeeded lets readiness probe at once (the status sync it causes).
    if (changed && w.spec.kind === 'startup') {
      const r = this.worker('readiness', w.spec.container);
      if (r) this.probe(r);
    }
  }
}
