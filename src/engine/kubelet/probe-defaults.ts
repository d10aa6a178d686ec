/**
 * A probe's timings with the defaults upstream's API server writes (pkg/apis/core/v1/defaults.go
 * SetDefaults_Probe: timeoutSeconds 1, periodSeconds 10, successThreshold 1, failureThreshold 3);
 * Podscape keeps the probe as written, so 0 or a missing field means the default. Read by the
 * kubelet's prober (probe-spec.ts) and, through src/scenario/probe-defaults.ts, by the inspector's
 * `kubectl describe` lines. No imports: the page's bundle takes this file alone.
 */
export interface ProbeTimings {
  initialDelaySeconds: number;
  timeoutSeconds: number;
  periodSeconds: number;
  successThreshold: number;
  failureThreshold: number;
}

/** A positive whole number, or the default (the API server's defaulting treats 0 as unset). */
const count = (v: unknown, dflt: number) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : dflt);

export function probeTimings(probe: Record<string, unknown>): ProbeTimings {
  return {
    initialDelaySeconds: count(probe.initialDelaySeconds, 0),
    timeoutSeconds: count(probe.timeoutSeconds, 1),
    periodSeconds: count(probe.periodSeconds, 10),
    successThreshold: count(probe.successThreshold, 1),
    failureThreshold: count(probe.failureThreshold, 3),
  };
}
