/**
 * The workloads list of a Frame: every Deployment, StatefulSet, DaemonSet, Job, CronJob and
 * ReplicationController, and the ReplicaSets no Deployment owns, with their desired and observed counts as the
 * controllers last wrote them to status (what `kubectl get` shows).
 */
import { fromTimestamp } from '../engine/clock/time';
import type { KubeObject, LabelSelector, Workload } from '../engine/model/types';
import type { Simulation } from '../engine/sim/simulation';
import type { WorkloadFrame, WorkloadKind } from '../protocol/engine-api';
import { hpaColumns } from './hpa-frames';

const KINDS: readonly WorkloadKind[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicaSet', 'ReplicationController', 'HorizontalPodAutoscaler'];
/** The kinds the `scale` command accepts. */
const SCALABLE: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

type Status = Record<string, unknown>;
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

export function buildWorkloads(sim: Simulation): WorkloadFrame[] {
  const out: WorkloadFrame[] = [];
  for (const kind of KINDS) {
    for (const obj of sim.store.list<Workload>(kind)) {
      if (kind === 'ReplicaSet' && ownedByDeployment(obj)) continue;
      out.push(workloadFrame(kind, obj));
    }
  }
  return out.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind));
}

export function workloadFrame(kind: WorkloadKind, obj: Workload): WorkloadFrame {
  const spec = (obj.spec ?? {}) as Record<string, unknown>;
  const status = (obj.status ?? {}) as Status;
  const base = {
    kind,
    namespace: obj.metadata.namespace ?? 'default',
    name: obj.metadata.name ?? '',
    // A ReplicationController's selector is a plain label map (kubectl prints it as labels.Set).
    selector: formatSelector((kind === 'ReplicationController' ? { matchLabels: spec.selector } : spec.selector) as LabelSelector | undefined),
    scalable: SCALABLE.has(kind),
  };
  switch (kind) {
    case 'DaemonSet':
      return { ...base, desired: num(status.desiredNumberScheduled), ready: num(status.numberReady), available: num(status.numberAvailable) };
    case 'CronJob': {
      // kubectl get cronjob has no replica counts: SCHEDULE, TIMEZONE, SUSPEND, ACTIVE, LAST SCHEDULE.
      const active = Array.isArray(status.active) ? status.active.length : 0;
      const cronJob = {
        schedule: typeof spec.schedule === 'string' ? spec.schedule : '',
        timeZone: typeof spec.timeZone === 'string' && spec.timeZone !== '' ? spec.timeZone : null,
        suspend: spec.suspend === true,
        active,
        lastScheduleTime: fromTimestamp(status.lastScheduleTime as string | undefined) ?? null,
      };
      // A CronJob selects no pods itself (its Jobs do): kubectl -o wide prints its Jobs' template selector; here `<none>`.
      return { ...base, selector: '<none>', desired: active, ready: 0, available: 0, cronJob };
    }
    case 'HorizontalPodAutoscaler': {
      const hpa = hpaColumns(obj);
      return { ...base, selector: '<none>', scalable: false, desired: num(status.desiredReplicas), ready: hpa.replicas, available: 0, hpa };
    }
    case 'Job':
      // Ready counts the job's ready pods; "available" is how many completed.
      return { ...base, desired: num(spec.completions, 1), ready: num(status.ready), available: num(status.succeeded) };
    default:
      return { ...base, desired: num(spec.replicas, 1), ready: num(status.readyReplicas), available: num(status.availableReplicas) };
  }
}

function ownedByDeployment(obj: KubeObject): boolean {
  return (obj.metadata.ownerReferences ?? []).some((r) => r.kind === 'Deployment' && r.controller === true);
}

/** metav1.FormatLabelSelector: `app=web,tier in (a,b),!legacy`; `<none>` for an empty selector. */
export function formatSelector(sel: LabelSelector | undefined | null): string {
  if (!sel) return '<none>';
  const parts: string[] = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${String(v)}`);
  for (const r of sel.matchExpressions ?? []) {
    const values = [...(r.values ?? [])].sort().join(',');
    switch (r.operator) {
      case 'In':
        parts.push(`${r.key} in (${values})`);
        break;
      case 'NotIn':
        parts.push(`${r.key} notin (${values})`);
        break;
      case 'Exists':
        parts.push(r.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${r.key}`);
        break;
      default:
        parts.push(`${r.key} ${String(r.operator)} (${values})`);
    }
  }
  return parts.length > 0 ? parts.join(',') : '<none>';
}
