/**
 * Goals over workload objects as `kubectl get` lists them (Frame.workloads): a CronJob's
 * SUSPEND and ACTIVE columns, and how many objects of a kind have a name prefix (the Jobs a
 * CronJob keeps, `<cronjob>-<minutes since the epoch>`).
 */
import type { GoalFrame, GoalResult } from './goals';

/** What a `cronJob` goal asks for: the CronJob exists with every field given. */
export interface CronJobWanted {
  name: string;
  namespace?: string;
  suspend?: boolean;
  minActive?: number;
  maxActive?: number;
}

/** What a `workloadCount` goal asks for: the number of `kind` objects named `prefix…` in `namespace` is within [min, max]. */
export interface WorkloadCountWanted {
  kind: string;
  prefix: string;
  namespace?: string;
  min?: number;
  max?: number;
}

export function evaluateCronJob({ name, namespace = 'default', suspend, minActive = 0, maxActive = Infinity }: CronJobWanted, frame: GoalFrame): GoalResult {
  const cj = (frame.workloads ?? []).find((w) => w.kind === 'CronJob' && w.namespace === namespace && w.name === name)?.cronJob;
  if (!cj) return { met: false, detail: `no CronJob ${name} in ${namespace}` };
  const met = (suspend === undefined || cj.suspend === suspend) && cj.active >= minActive && cj.active <= maxActive;
  return { met, detail: `CronJob ${name}: ${cj.suspend ? 'suspended' : 'not suspended'}, ${cj.active} active Job${cj.active === 1 ? '' : 's'}` };
}

export function evaluateWorkloadCount({ kind, prefix, namespace = 'default', min = 0, max = Infinity }: WorkloadCountWanted, frame: GoalFrame): GoalResult {
  const names = (frame.workloads ?? []).filter((w) => w.kind === kind && w.namespace === namespace && w.name.startsWith(prefix)).map((w) => w.name);
  const n = names.length;
  return { met: n >= min && n <= max, detail: n === 0 ? `no ${kind} named ${prefix}…` : `${n} ${kind}${n === 1 ? '' : 's'}: ${names.join(', ')}` };
}
