/**
 * Container probes as the kubelet reads them (kubernetes/kubernetes pkg/apis/core/v1/defaults.go
 * SetDefaults_Probe; pkg/kubelet/prober/prober.go for what a failed probe reports) and Podscape's
 * annotations that decide each probe's outcome, since the simulation has no network and runs no
 * process.
 *
 * The probe fields stay in the pod as given (so export round-trips them); the defaults upstream's
 * API server writes (periodSeconds 10, timeoutSeconds 1, successThreshold 1, failureThreshold 3;
 * 0 means "use the default") are applied when the kubelet reads them.
 *
 * The outcome annotations, on the pod or its template (one per probe kind, shared by the pod's
 * containers, like the exit annotations):
 * - `podscape.dev/readiness`, `podscape.dev/liveness`, `podscape.dev/startup`:
 *   `pass` (the default), `fail`, `fail-after=<duration>` (passes until that long after the
 *   container started, fails from then on), `pass-after=<duration>` (fails until then, passes after).
 */
import type { Pod } from '../model/types';
import { parseDuration } from '../sim/config';
import type { AnnotationProblem } from './exit-annotations';
import { probeTimings } from './probe-defaults';

export type ProbeKind = 'readiness' | 'liveness' | 'startup';
export const PROBE_KINDS: readonly ProbeKind[] = ['startup', 'liveness', 'readiness'];

/** The container field of each probe kind. */
export const PROBE_FIELD: Readonly<Record<ProbeKind, string>> = { readiness: 'readinessProbe', liveness: 'livenessProbe', startup: 'startupProbe' };

/** probeType.String() in the prober's event messages. */
export const PROBE_WORD: Readonly<Record<ProbeKind, string>> = { readiness: 'Readiness', liveness: 'Liveness', startup: 'Startup' };

export const PROBE_ANNOTATION: Readonly<Record<ProbeKind, string>> = {
  readiness: 'podscape.dev/readiness',
  liveness: 'podscape.dev/liveness',
  startup: 'podscape.dev/startup',
};

/** One probe with upstream's defaults applied (times in ms, except initialDelaySeconds, compared in whole seconds as upstream does). */
export interface ProbeSpec {
  kind: ProbeKind;
  container: string;
  initialDelaySeconds: number;
  period: number;
  successThreshold: number;
  failureThreshold: number;
  /** The probe's own terminationGracePeriodSeconds (liveness and startup), if set. */
  terminationGracePeriodSeconds?: number;
  /** What a failed probe of this handler reports (the text after `<Kind> probe failed: `). */
  output: string;
}

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What upstream's prober reports for a failed probe of each handler. The simulation has no
 * server to answer, so it writes one fixed answer per handler: httpGet a 500 (http.go
 * `HTTP probe failed with statuscode: %d`), tcpSocket a refused connection (the dial error; the
 * host is the probe's host or the pod's IP, which Podscape leaves empty), grpc NOT_SERVING
 * (grpc.go `service unhealthy (responded with %q)`), exec an exit with no output (the command's
 * output is the message, so it is empty).
 */
function failureOutput(probe: Record<string, unknown>, pod: Pod): string {
  const tcp = probe.tcpSocket;
  if (isObj(probe.httpGet)) return 'HTTP probe failed with statuscode: 500';
  if (isObj(tcp)) {
    const host = typeof tcp.host === 'string' ? tcp.host : typeof pod.status?.podIP === 'string' ? pod.status.podIP : '';
    return `dial tcp ${host}:${String(tcp.port ?? '')}: connect: connection refused`;
  }
  if (isObj(probe.grpc)) return 'service unhealthy (responded with "NOT_SERVING")';
  return '';
}

/** The pod's probes, each with its defaults; empty for a pod without any (the common case, read without allocating). */
export function podProbes(pod: Pod): ProbeSpec[] {
  const containers = Array.isArray(pod.spec.containers) ? pod.spec.containers : [];
  let out: ProbeSpec[] | undefined;
  for (const c of containers) {
    const rec = c as unknown as Record<string, unknown>;
    for (const kind of PROBE_KINDS) {
      const p = rec[PROBE_FIELD[kind]];
      if (!isObj(p)) continue;
      const grace = p.terminationGracePeriodSeconds;
      const t = probeTimings(p);
      (out ??= []).push({
        kind,
        container: c.name,
        initialDelaySeconds: t.initialDelaySeconds,
        period: t.periodSeconds * 1000,
        successThreshold: t.successThreshold,
        failureThreshold: t.failureThreshold,
        ...(kind !== 'readiness' && typeof grace === 'number' && grace > 0 ? { terminationGracePeriodSeconds: grace } : {}),
        output: failureOutput(p, pod),
      });
    }
  }
  return out ?? [];
}

/** Whether the pod has any probe (cheap: no allocation for a pod without one). */
export function hasProbes(pod: Pod): boolean {
  const containers = Array.isArray(pod.spec.containers) ? pod.spec.containers : [];
  for (const c of containers) {
    const rec = c as unknown as Record<string, unknown>;
    if (isObj(rec.readinessProbe) || isObj(rec.livenessProbe) || isObj(rec.startupProbe)) return true;
  }
  return false;
}

const OUTCOME = /^(pass|fail)(?:-after=(.+))?$/;

/** A parsed outcome annotation: the result before `after` ms of the container's run, and after it. */
interface Outcome {
  before: boolean;
  after: boolean;
  at: number;
}

function parseOutcome(raw: unknown): Outcome | undefined {
  if (raw === undefined) return { before: true, after: true, at: 0 };
  if (typeof raw !== 'string') return undefined;
  const m = OUTCOME.exec(raw);
  if (!m) return undefined;
  const pass = m[1] === 'pass';
  if (m[2] === undefined) return { before: pass, after: pass, at: 0 };
  try {
    return { before: !pass, after: pass, at: parseDuration(m[2]) };
  } catch {
    return undefined;
  }
}

/** Whether the pod's `kind` probe succeeds `elapsed` ms after its container started (an invalid value never loads; read as pass). */
export function probePasses(pod: Pod, kind: ProbeKind, elapsed: number): boolean {
  const o = parseOutcome(pod.metadata.annotations?.[PROBE_ANNOTATION[kind]]) ?? { before: true, after: true, at: 0 };
  return elapsed >= o.at ? o.after : o.before;
}

/** Checks the three outcome annotations of one object's (or template's) metadata, as validateExitAnnotations does. */
export function validateProbeAnnotations(metadata: unknown, at: string): AnnotationProblem[] {
  if (!isObj(metadata) || !isObj(metadata.annotations)) return [];
  const ann = metadata.annotations;
  const out: AnnotationProblem[] = [];
  for (const kind of PROBE_KINDS) {
    const key = PROBE_ANNOTATION[kind];
    const v = ann[key];
    if (v === undefined || parseOutcome(v)) continue;
    out.push({
      field: `${at}.annotations[${key}]`,
      message: `Invalid value: ${JSON.stringify(v)}: must be "pass", "fail", "fail-after=<duration>" or "pass-after=<duration>" (a Podscape simulation annotation)`,
    });
  }
  return out;
}

/**
 * The API server's probe validation (pkg/apis/core/validation validateProbe, validateHandler and
 * validateContainerCommon's probe checks), after SetDefaults_Probe: exactly one handler,
 * non-negative numbers, liveness and startup successThreshold 1, a probe's
 * terminationGracePeriodSeconds positive and not on a readiness probe. `at` is the container's path.
 * Not checked: the handlers' own fields (ports, paths, commands).
 */
export function validateContainerProbes(container: unknown, at: string): AnnotationProblem[] {
  if (!isObj(container)) return [];
  const out: AnnotationProblem[] = [];
  for (const kind of PROBE_KINDS) {
    const name = PROBE_FIELD[kind];
    const p = container[name];
    if (p === undefined || p === null) continue;
    const path = `${at}.${name}`;
    if (!isObj(p)) {
      out.push({ field: path, message: `Invalid value: ${JSON.stringify(p)}: must be a mapping` });
      continue;
    }
    const given = HANDLERS.filter((h) => p[h] !== undefined && p[h] !== null);
    if (given.length === 0) out.push({ field: path, message: 'Required value: must specify a handler type' });
    for (const h of given.slice(1)) out.push({ field: `${path}.${h}`, message: 'Forbidden: may not specify more than 1 handler type' });
    for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
      const v = p[f];
      if (v === undefined || v === null) continue;
      if (typeof v !== 'number' || !Number.isInteger(v)) out.push({ field: `${path}.${f}`, message: `Invalid value: ${JSON.stringify(v)}: must be an integer` });
      else if (v < 0) out.push({ field: `${path}.${f}`, message: `Invalid value: ${v}: must be greater than or equal to 0` });
    }
    const grace = p.terminationGracePeriodSeconds;
    if (grace !== undefined && grace !== null) {
      if (typeof grace !== 'number' || !Number.isInteger(grace)) out.push({ field: `${path}.terminationGracePeriodSeconds`, message: `Invalid value: ${JSON.stringify(grace)}: must be an integer` });
      else if (grace <= 0) out.push({ field: `${path}.terminationGracePeriodSeconds`, message: `Invalid value: ${grace}: must be greater than 0` });
    }
    const success = p.successThreshold;
    // SetDefaults_Probe turns 0 (or absent) into 1 first.
    if (kind !== 'readiness' && typeof success === 'number' && Number.isInteger(success) && success > 1) {
      out.push({ field: `${path}.successThreshold`, message: `Invalid value: ${success}: must be 1` });
    }
    if (kind === 'readiness' && typeof grace === 'number') {
      out.push({ field: `${path}.terminationGracePeriodSeconds`, message: `Invalid value: ${grace}: must not be set for readinessProbes` });
    }
  }
  return out;
}
