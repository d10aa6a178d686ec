/**
 * The control plane's timings and thresholds: upstream's defaults
 * (lifecycle.md §11) and a scenario's `spec.controlPlane` overrides.
 *
 * Overrides are written as Kubernetes writes durations (`50s`, `5m`,
 * `300ms`, `1m30s`); the two fields that are seconds in the API
 * (`defaultTolerationSeconds`, `terminationGracePeriodSeconds`) take plain
 * numbers. Everything in a ControlPlaneConfig is in milliseconds except those two.
 */
import type { ControlPlaneConfig } from './contracts';
import { isObj } from '../model/is-object';
import { parseDuration } from './duration';

export function defaultControlPlaneConfig(): ControlPlaneConfig {
  return {
    nodeMonitorPeriod: 5_000,
    nodeMonitorGracePeriod: 50_000,
    nodeStartupGracePeriod: 60_000,
    leaseDuration: 40_000,
    leaseRenewInterval: 10_000,
    nodeStatusUpdateFrequency: 10_000,
    nodeEvictionRate: 0.1,
    secondaryNodeEvictionRate: 0.01,
    unhealthyZoneThreshold: 0.55,
    largeClusterSizeThreshold: 50,
    defaultTolerationSeconds: 300,
    terminationGracePeriodSeconds: 30,
    podGCPeriod: 20_000,
    podGCOrphanQuarantine: 40_000,
    terminatedPodGCThreshold: 12_500,
    podStartDelay: 1_000,
    containerStopDelay: 1_000,
    nodeReadyDelay: 1_000,
    podInitialBackoff: 1_000,
    podMaxBackoff: 10_000,
    unschedulableFlushPeriod: 30_000,
    podMaxInUnschedulablePodsDuration: 300_000,
    drainEvictRetry: 5_000,
    drainPollInterval: 1_000,
    jobBackoffBase: 10_000,
    jobBackoffMax: 600_000,
    maxUnavailableStatefulSet: false,
  };
}

/** A problem with one field, named by its path. */
export interface FieldError {
  field: string;
  message: string;
}

/** One or more invalid `controlPlane` fields. */
export class ControlPlaneConfigError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'ControlPlaneConfigError';
  }
}

type FieldKind =
  /** A duration in ms; must be > 0 (a loop period). */
  | 'period'
  /** A duration in ms; may be 0. */
  | 'duration'
  /** Whole seconds (plain number, or a duration of whole seconds). */
  | 'seconds'
  /** A rate ≥ 0. */
  | 'rate'
  /** A fraction in [0, 1]. */
  | 'fraction'
  /** A whole number ≥ 0. */
  | 'count'
  /** A feature gate: true or false. */
  | 'gate';

const FIELDS: Record<keyof ControlPlaneConfig, FieldKind> = {
  nodeMonitorPeriod: 'period',
  nodeMonitorGracePeriod: 'duration',
  nodeStartupGracePeriod: 'duration',
  leaseDuration: 'period',
  leaseRenewInterval: 'period',
  nodeStatusUpdateFrequency: 'period',
  nodeEvictionRate: 'rate',
  secondaryNodeEvictionRate: 'rate',
  unhealthyZoneThreshold: 'fraction',
  largeClusterSizeThreshold: 'count',
  defaultTolerationSeconds: 'seconds',
  terminationGracePeriodSeconds: 'seconds',
  podGCPeriod: 'period',
  podGCOrphanQuarantine: 'duration',
  terminatedPodGCThreshold: 'count',
  podStartDelay: 'duration',
  containerStopDelay: 'duration',
  nodeReadyDelay: 'duration',
  podInitialBackoff: 'period',
  podMaxBackoff: 'period',
  unschedulableFlushPeriod: 'period',
  podMaxInUnschedulablePodsDuration: 'duration',
  drainEvictRetry: 'period',
  drainPollInterval: 'period',
  jobBackoffBase: 'period',
  jobBackoffMax: 'period',
  maxUnavailableStatefulSet: 'gate',
};

/** The names of every overridable field, in declaration order. */
export const CONTROL_PLANE_FIELDS = Object.keys(FIELDS) as (keyof ControlPlaneConfig)[];

// Durations: a leaf module, so that the page can read one without this module (sim/duration.ts).
export { DurationOverflowError, MAX_DURATION_MS, parseDuration } from './duration';


/** The field's value, or a string saying what is wrong with it. */
function readField(kind: FieldKind, v: unknown): number | boolean | string {
  switch (kind) {
    case 'period':
    case 'duration': {
      let ms: number;
      if (typeof v === 'string') {
        try {
          ms = parseDuration(v);
        } catch (e) {
          return `Invalid value: ${(e as Error).message}`;
        }
      } else if (v === 0) ms = 0;
      else return `Invalid value: ${JSON.stringify(v)}: must be a duration such as "50s", "5m" or "300ms"`;
      if (kind === 'period' && ms <= 0) return `Invalid value: ${JSON.stringify(v)}: must be greater than 0`;
      return ms;
    }
    case 'seconds': {
      if (typeof v === 'number') {
        if (!Number.isInteger(v) || v < 0) return `Invalid value: ${v}: must be a whole number of seconds ≥ 0`;
        return v;
      }
      if (typeof v === 'string') {
        let ms: number;
        try {
          ms = parseDuration(v);
        } catch (e) {
          return `Invalid value: ${(e as Error).message}`;
        }
        if (ms % 1000 !== 0) return `Invalid value: ${JSON.stringify(v)}: must be a whole number of seconds`;
        return ms / 1000;
      }
      return `Invalid value: ${JSON.stringify(v)}: must be a whole number of seconds`;
    }
    case 'rate':
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return `Invalid value: ${JSON.stringify(v)}: must be a number ≥ 0 (nodes per second)`;
      return v;
    case 'fraction':
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) return `Invalid value: ${JSON.stringify(v)}: must be a number from 0 to 1`;
      return v;
    case 'count':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return `Invalid value: ${JSON.stringify(v)}: must be a whole number ≥ 0`;
      return v;
    case 'gate':
      if (typeof v !== 'boolean') return `Invalid value: ${JSON.stringify(v)}: must be true or false`;
      return v;
  }
}

/**
 * Reads a scenario's `spec.controlPlane` mapping into overrides (ms). `path`
 * prefixes the field names in errors. Unknown fields are errors. Returns the
 * overrides only; combine with `resolveControlPlaneConfig` or the defaults.
 * Throws ControlPlaneConfigError listing every problem.
 */
export function parseControlPlaneOverrides(raw: unknown, path = 'controlPlane'): Partial<ControlPlaneConfig> {
  if (raw === undefined || raw === null) return {};
  if (!isObj(raw)) throw new ControlPlaneConfigError([{ field: path, message: 'Invalid value: must be a mapping' }]);
  const errors: FieldError[] = [];
  const out: Partial<ControlPlaneConfig> = {};
  for (const [key, v] of Object.entries(raw)) {
    const kind = (FIELDS as Record<string, FieldKind | undefined>)[key];
    if (kind === undefined) {
      errors.push({ field: `${path}.${key}`, message: `unknown field "${key}" (known fields: ${CONTROL_PLANE_FIELDS.join(', ')})` });
      continue;
    }
    const r = readField(kind, v);
    if (typeof r === 'string') errors.push({ field: `${path}.${key}`, message: r });
    else (out as Record<string, number | boolean>)[key] = r;
  }
  if (errors.length === 0) crossCheck({ ...defaultControlPlaneConfig(), ...out }, out, path, errors);
  if (errors.length > 0) throw new ControlPlaneConfigError(errors);
  return out;
}

function crossCheck(c: ControlPlaneConfig, set: Partial<ControlPlaneConfig>, path: string, errors: FieldError[]): void {
  type Timing = { [K in keyof ControlPlaneConfig]: ControlPlaneConfig[K] extends number ? K : never }[keyof ControlPlaneConfig];
  const pair = (lo: Timing, hi: Timing, what: string) => {
    if (c[hi] < c[lo]) {
      const field = set[hi] !== undefined ? hi : lo;
      errors.push({ field: `${path}.${field}`, message: `Invalid value: ${hi} (${c[hi]} ms) must be at least ${lo} (${c[lo]} ms): ${what}` });
    }
  };
  pair('podInitialBackoff', 'podMaxBackoff', 'the backoff starts at the initial value and is capped at the maximum');
  pair('jobBackoffBase', 'jobBackoffMax', 'the Job backoff starts at the base and is capped at the maximum');
  pair('leaseRenewInterval', 'leaseDuration', 'a lease must be renewed before it expires');
}

/** Defaults with overrides applied; validates raw overrides (see parseControlPlaneOverrides). */
export function resolveControlPlaneConfig(overrides?: Partial<ControlPlaneConfig> | Record<string, unknown>, path = 'controlPlane'): ControlPlaneConfig {
  return { ...defaultControlPlaneConfig(), ...parseTyped(overrides, path) };
}

/** Accepts either already-typed overrides (numbers in ms) or raw scenario values (strings). */
function parseTyped(overrides: unknown, path: string): Partial<ControlPlaneConfig> {
  if (overrides === undefined || overrides === null) return {};
  if (!isObj(overrides)) throw new ControlPlaneConfigError([{ field: path, message: 'Invalid value: must be a mapping' }]);
  const errors: FieldError[] = [];
  const raw: Record<string, unknown> = {};
  const typed: Partial<ControlPlaneConfig> = {};
  for (const [k, v] of Object.entries(overrides)) {
    const kind = (FIELDS as Record<string, FieldKind | undefined>)[k];
    // Typed durations are ms numbers; scenario text uses strings. Both are accepted here.
    if (kind !== undefined && typeof v === 'number' && (kind === 'period' || kind === 'duration')) {
      if (!Number.isFinite(v) || v < 0 || (kind === 'period' && v <= 0)) errors.push({ field: `${path}.${k}`, message: `Invalid value: ${v}: must be ${kind === 'period' ? '> 0' : '≥ 0'} ms` });
      else (typed as Record<string, number>)[k] = v;
    } else raw[k] = v;
  }
  if (errors.length > 0) throw new ControlPlaneConfigError(errors);
  const parsed = parseControlPlaneOverrides(raw, path);
  const all = { ...typed, ...parsed };
  const cross: FieldError[] = [];
  crossCheck({ ...defaultControlPlaneConfig(), ...all }, all, path, cross);
  if (cross.length > 0) throw new ControlPlaneConfigError(cross);
  return all;
}
