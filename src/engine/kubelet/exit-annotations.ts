/**
 * Podscape's simulation annotations for how a container ends. They are not Kubernetes fields:
 * a real cluster would keep them as plain annotations and ignore them. The kubelet reads them
 * from the pod (a workload's pods get them from its template):
 *
 * - `podscape.dev/run-duration` (a duration such as `30s`): each run of the pod's containers
 *   ends after this long. Without it the containers run until the pod is stopped.
 * - `podscape.dev/exit-code` (an integer 0–255, default 0): the code each run exits with.
 *   Needs run-duration.
 * - `podscape.dev/exit-code-runs` (a positive integer): only the first N runs exit with
 *   exit-code; later runs exit 0. Runs are counted per container name across every pod of the
 *   same controller (a Job's retries, in place or as new pods), or per pod for a pod without
 *   one. Needs exit-code.
 * - `podscape.dev/on-sigterm` (`exit`, `exit-0` or `ignore`, default `exit`): what the process
 *   does when the kubelet stops the container (a deletion, an eviction, a preemption, a scale-down,
 *   a pod's active deadline). `exit`: it keeps the default SIGTERM disposition and dies of the
 *   signal about containerStopDelay (1 s) later, which the runtime reports as exit 143 (128 + 15),
 *   reason `Error`. `exit-0`: it handles SIGTERM and exits 0 (`Completed`). `ignore`: it runs on
 *   until the grace period ends and the runtime's SIGKILL ends it: 137 (128 + 9), `Error`.
 *   Upstream the kubelet only sends the signals; what the process does is the application's.
 *   `exit` is the default because a process that installs no handler dies of SIGTERM (one running
 *   as PID 1 with no init in the container is the exception: the kernel gives PID 1 no default
 *   action, so it ignores SIGTERM, which is `ignore`).
 *
 * What the kubelet then does with an exit follows the pod's restartPolicy, as upstream's does.
 */
import type { Pod } from '../model/types';
import { parseDuration } from '../sim/config';

export const RUN_DURATION_ANNOTATION = 'podscape.dev/run-duration';
export const EXIT_CODE_ANNOTATION = 'podscape.dev/exit-code';
export const EXIT_CODE_RUNS_ANNOTATION = 'podscape.dev/exit-code-runs';
export const ON_SIGTERM_ANNOTATION = 'podscape.dev/on-sigterm';

/** What a container's process does with the kubelet's SIGTERM (the on-sigterm annotation). */
export type OnSigterm = 'exit' | 'exit-0' | 'ignore';
const ON_SIGTERM_VALUES: readonly string[] = ['exit', 'exit-0', 'ignore'];

/** The pod's on-sigterm behaviour; `exit` without the annotation (or with a value validation refuses). */
export function onSigterm(pod: Pod): OnSigterm {
  const raw = pod.metadata.annotations?.[ON_SIGTERM_ANNOTATION];
  return typeof raw === 'string' && ON_SIGTERM_VALUES.includes(raw) ? (raw as OnSigterm) : 'exit';
}

/** The exit code of a process killed by signal `n`, as container runtimes report it (128 + n). */
export const SIGTERM_EXIT_CODE = 128 + 15;
export const SIGKILL_EXIT_CODE = 128 + 9;

/** The runtime's minimum time between SIGTERM and SIGKILL (kuberuntime minimumGracePeriodInSeconds: 2 s). */
export const MINIMUM_GRACE_MS = 2_000;

/**
 * How a running container stopped by the kubelet ends: after `delay` ms from SIGTERM, with
 * `exitCode`. The runtime sends SIGKILL at the grace period (never sooner than MINIMUM_GRACE_MS);
 * a process that would exit later than that (or `ignore`) is killed then: 137.
 */
export function stopOutcome(pod: Pod, graceSeconds: number, exitDelay: number): { delay: number; exitCode: number } {
  const killAt = Math.max(graceSeconds * 1000, MINIMUM_GRACE_MS);
  const how = onSigterm(pod);
  if (how === 'ignore' || exitDelay >= killAt) return { delay: killAt, exitCode: SIGKILL_EXIT_CODE };
  return { delay: exitDelay, exitCode: how === 'exit-0' ? 0 : SIGTERM_EXIT_CODE };
}

/** The pod's run duration in ms from its annotation, or undefined (runs until stopped). */
export function runDuration(pod: Pod): number | undefined {
  const raw = pod.metadata.annotations?.[RUN_DURATION_ANNOTATION];
  if (typeof raw !== 'string' || raw === '') return undefined;
  try {
    return parseDuration(raw);
  } catch {
    return undefined;
  }
}

const EXIT_CODE = /^(0|[1-9]\d{0,2})$/;
const POSITIVE = /^[1-9]\d{0,8}$/;

/**
 * The exit code of a pod's run number `run` (1 for the first run of its containers, counted as
 * EXIT_CODE_RUNS_ANNOTATION says): exit-code while run ≤ exit-code-runs (or always without it), else 0.
 */
export function exitCodeOf(pod: Pod, run: number): number {
  const a = pod.metadata.annotations;
  const code = a?.[EXIT_CODE_ANNOTATION];
  if (typeof code !== 'string' || !EXIT_CODE.test(code) || Number(code) > 255) return 0;
  const runs = a?.[EXIT_CODE_RUNS_ANNOTATION];
  if (typeof runs === 'string' && POSITIVE.test(runs) && run > Number(runs)) return 0;
  return Number(code);
}

/** Whether the pod's exit code depends on how many runs came before (the kubelet then counts runs). */
export const countsRuns = (pod: Pod) => typeof pod.metadata.annotations?.[EXIT_CODE_RUNS_ANNOTATION] === 'string';

/**
 * The exit code of the run that just ended. When exit-code-runs asks for it, the run is counted in
 * `runs` (runs ended per controller, or bare pod, UID), which the nodes' kubelets share.
 */
export function nextExitCode(runs: Map<string, number>, pod: Pod): number {
  if (!countsRuns(pod)) return exitCodeOf(pod, 1);
  const key = pod.metadata.ownerReferences?.find((r) => r.controller === true)?.uid ?? pod.metadata.uid ?? '';
  const n = (runs.get(key) ?? 0) + 1;
  runs.set(key, n);
  return exitCodeOf(pod, n);
}

/** The annotations of an object's (or template's) metadata as given, when they are a mapping. */
export function annotationsOf(metadata: unknown): Record<string, unknown> | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const a = (metadata as { annotations?: unknown }).annotations;
  return typeof a === 'object' && a !== null && !Array.isArray(a) ? (a as Record<string, unknown>) : undefined;
}

/** Whether `v` is a non-empty duration string ("30s", "5m") as the annotations take them. */
export function isDurationText(v: unknown): v is string {
  if (typeof v !== 'string' || v === '') return false;
  try {
    parseDuration(v);
    return true;
  } catch {
    return false;
  }
}

export interface AnnotationProblem {
  field: string;
  message: string;
}

/**
 * Checks the four annotations of one object's (or template's) metadata; `at` is the path of
 * that metadata (`metadata`, `spec.template.metadata`). Each problem names the annotation as
 * a field, with "a Podscape simulation annotation" in its message so that nobody takes it for
 * a Kubernetes field.
 */
export function validateExitAnnotations(metadata: unknown, at: string): AnnotationProblem[] {
  const ann = annotationsOf(metadata);
  if (!ann) return [];
  const out: AnnotationProblem[] = [];
  const field = (k: string) => `${at}.annotations[${k}]`;
  const shown = (v: unknown) => JSON.stringify(v);
  // A value that is not a string never gets here: the API server's decode refuses it first
  // (model/decode.ts: `cannot unmarshal number into Go struct field ObjectMeta.metadata.annotations`).
  const run = ann[RUN_DURATION_ANNOTATION];
  if (run !== undefined) {
    if (!isDurationText(run)) out.push({ field: field(RUN_DURATION_ANNOTATION), message: `Invalid value: ${shown(run)}: must be a duration such as "30s" or "5m" (a Podscape simulation annotation)` });
  }
  const code = ann[EXIT_CODE_ANNOTATION];
  if (code !== undefined) {
    if (typeof code !== 'string' || !EXIT_CODE.test(code) || Number(code) > 255) {
      out.push({ field: field(EXIT_CODE_ANNOTATION), message: `Invalid value: ${shown(code)}: must be an integer from 0 to 255 (a Podscape simulation annotation)` });
    } else if (run === undefined) {
      out.push({ field: field(EXIT_CODE_ANNOTATION), message: `Invalid value: ${shown(code)}: needs ${RUN_DURATION_ANNOTATION} (a container without a run duration never exits)` });
    }
  }
  const runs = ann[EXIT_CODE_RUNS_ANNOTATION];
  if (runs !== undefined) {
    if (typeof runs !== 'string' || !POSITIVE.test(runs)) {
      out.push({ field: field(EXIT_CODE_RUNS_ANNOTATION), message: `Invalid value: ${shown(runs)}: must be a positive integer (a Podscape simulation annotation)` });
    } else if (code === undefined) {
      out.push({ field: field(EXIT_CODE_RUNS_ANNOTATION), message: `Invalid value: ${shown(runs)}: needs ${EXIT_CODE_ANNOTATION} (the code the first runs exit with)` });
    }
  }
  const sig = ann[ON_SIGTERM_ANNOTATION];
  if (sig !== undefined && (typeof sig !== 'string' || !ON_SIGTERM_VALUES.includes(sig))) {
    out.push({ field: field(ON_SIGTERM_ANNOTATION), message: `Unsupported value: ${shown(sig)}: supported values: "exit", "exit-0", "ignore" (a Podscape simulation annotation)` });
  }
  return out;
}
