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
 *
 * What the kubelet then does with an exit follows the pod's restartPolicy, as upstream's does.
 */
import type { Pod } from '../model/types';
import { parseDuration } from '../sim/config';

export const RUN_DURATION_ANNOTATION = 'podscape.dev/run-duration';
export const EXIT_CODE_ANNOTATION = 'podscape.dev/exit-code';
export const EXIT_CODE_RUNS_ANNOTATION = 'podscape.dev/exit-code-runs';

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

export interface AnnotationProblem {
  field: string;
  message: string;
}

/**
 * Checks the three annotations of one object's (or template's) metadata; `at` is the path of
 * that metadata (`metadata`, `spec.template.metadata`). Each problem names the annotation as
 * a field, with "a Podscape simulation annotation" in its message so that nobody takes it for
 * a Kubernetes field.
 */
export function validateExitAnnotations(metadata: unknown, at: string): AnnotationProblem[] {
  if (typeof metadata !== 'object' || metadata === null) return [];
  const a = (metadata as { annotations?: unknown }).annotations;
  if (typeof a !== 'object' || a === null || Array.isArray(a)) return [];
  const ann = a as Record<string, unknown>;
  const out: AnnotationProblem[] = [];
  const field = (k: string) => `${at}.annotations[${k}]`;
  const shown = (v: unknown) => JSON.stringify(v);
  // A value that is not a string never gets here: the API server's decode refuses it first
  // (model/decode.ts: `cannot unmarshal number into Go struct field ObjectMeta.metadata.annotations`).
  const run = ann[RUN_DURATION_ANNOTATION];
  if (run !== undefined) {
    let ok = typeof run === 'string' && run !== '';
    if (ok) {
      try {
        parseDuration(run as string);
      } catch {
        ok = false;
      }
    }
    if (!ok) out.push({ field: field(RUN_DURATION_ANNOTATION), message: `Invalid value: ${shown(run)}: must be a duration such as "30s" or "5m" (a Podscape simulation annotation)` });
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
  return out;
}
