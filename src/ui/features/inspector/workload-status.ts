/**
 * What `kubectl get deploy/rs/sts/ds/job/cronjob` and `kubectl rollout status` say about a
 * workload, from its object (spec and status) alone: the counts of the columns and the
 * rollout line (kubectl's polymorphichelpers rollout_status.go, its words). The UI adds
 * no cluster logic: every number is a status field the controllers wrote.
 */
import type { KubeObject } from '../../../engine/model/types';
import { humanDuration } from '../timeline/event-log-model';
import { clusterTimeOf } from './Timestamp';
import { virtualMsOf } from '../timeline/format-time';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' ? v : fallback);

/**
 * kubectl get's columns for the kind (without NAME and AGE), in its order; a Deployment adds
 * describe's Replicas line, a Job describe's Pods Statuses, Start Time and Completed At.
 * `now` (virtual ms) is for a running Job's DURATION.
 */
export function workloadColumns(o: KubeObject, now = 0): [string, string][] {
  const spec = obj((o as Obj).spec);
  const status = obj((o as Obj).status);
  switch (o.kind) {
    case 'Deployment':
      return [
        ['READY', `${num(status.readyReplicas)}/${num(spec.replicas, 1)}`],
        ['UP-TO-DATE', String(num(status.updatedReplicas))],
        ['AVAILABLE', String(num(status.availableReplicas))],
        // kubectl describe deploy's Replicas line.
        [
          'Replicas',
          `${num(spec.replicas, 1)} desired | ${num(status.updatedReplicas)} updated | ${num(status.replicas)} total | ${num(status.availableReplicas)} available | ${num(status.unavailableReplicas)} unavailable`,
        ],
      ];
    case 'ReplicaSet':
      return [
        ['DESIRED', String(num(spec.replicas, 1))],
        ['CURRENT', String(num(status.replicas))],
        ['READY', String(num(status.readyReplicas))],
      ];
    case 'StatefulSet':
      return [
        ['READY', `${num(status.readyReplicas)}/${num(spec.replicas, 1)}`],
        ['CURRENT', String(num(status.currentReplicas))],
        ['UPDATED', String(num(status.updatedReplicas))],
      ];
    case 'DaemonSet':
      return [
        ['DESIRED', String(num(status.desiredNumberScheduled))],
        ['CURRENT', String(num(status.currentNumberScheduled))],
        ['READY', String(num(status.numberReady))],
        ['UP-TO-DATE', String(num(status.updatedNumberScheduled))],
        ['AVAILABLE', String(num(status.numberAvailable))],
        ['NODE SELECTOR', nodeSelectorText(obj(obj(obj(spec.template).spec).nodeSelector))],
      ];
    case 'Job':
      return jobColumns(o, spec, status, now);
    case 'CronJob': {
      // kubectl get cronjob's columns, and describe's Active Jobs (the Jobs it made are listed as Jobs).
      const active = (Array.isArray(status.active) ? status.active : []) as { name?: string }[];
      const last = virtualMsOf(typeof status.lastScheduleTime === 'string' ? status.lastScheduleTime : undefined);
      return [
        ['SCHEDULE', String(spec.schedule ?? '')],
        ['TIMEZONE', typeof spec.timeZone === 'string' ? spec.timeZone : '<none>'],
        ['SUSPEND', spec.suspend === true ? 'True' : 'False'],
        ['ACTIVE', String(active.length)],
        ['LAST SCHEDULE', last === null ? '<none>' : humanDuration(now - last)],
        ['Active Jobs', active.length > 0 ? active.map((r) => r.name ?? '').join(', ') : '<none>'],
      ];
    }
    default:
      return [];
  }
}

/** labels.FormatLabels: `k=v` pairs sorted by key, comma-joined; `<none>` when empty. */
function nodeSelectorText(selector: Obj): string {
  const keys = Object.keys(selector).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${String(selector[k])}`).join(',');
}

/** kubectl's printJob (STATUS, COMPLETIONS, DURATION) and describe job's Pods Statuses and times. */
function jobColumns(o: KubeObject, spec: Obj, status: Obj, now: number): [string, string][] {
  const conditions = (Array.isArray(status.conditions) ? status.conditions : []) as { type?: string; status?: string }[];
  const holds = (type: string) => conditions.some((c) => c?.type === type && c.status === 'True');
  const phase = holds('Complete')
    ? 'Complete'
    : holds('Failed')
      ? 'Failed'
      : o.metadata.deletionTimestamp
        ? 'Terminating'
        : holds('Suspended')
          ? 'Suspended'
          : holds('FailureTarget')
            ? 'FailureTarget'
            : holds('SuccessCriteriaMet')
              ? 'SuccessCriteriaMet'
              : 'Running';
  const succeeded = num(status.succeeded);
  const parallelism = num(spec.parallelism, 1);
  const completions =
    typeof spec.completions === 'number' ? `${succeeded}/${spec.completions}` : parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
  const startTime = typeof status.startTime === 'string' ? status.startTime : undefined;
  const completionTime = typeof status.completionTime === 'string' ? status.completionTime : undefined;
  const started = virtualMsOf(startTime);
  const completed = virtualMsOf(completionTime);
  const took = started === null ? '' : humanDuration((completed ?? now) - started);
  return [
    ['STATUS', phase],
    ['COMPLETIONS', completions],
    ['DURATION', took],
    ['Pods Statuses', `${num(status.active)} Active (${num(status.ready)} Ready) / ${succeeded} Succeeded / ${num(status.failed)} Failed`],
    ...(startTime ? [['Start Time', clusterTimeOf(startTime)] as [string, string]] : []),
    ...(completionTime ? [['Completed At', clusterTimeOf(completionTime)] as [string, string]] : []),
  ];
}

/** `kubectl rollout status`'s line for a Deployment, StatefulSet or DaemonSet; `error` when it would exit non-zero. Null for other kinds. */
export function rolloutStatus(o: KubeObject): { text: string; done: boolean; error: boolean } | null {
  const spec = obj((o as Obj).spec);
  const status = obj((o as Obj).status);
  const generation = num(o.metadata.generation);
  const observed = num(status.observedGeneration);
  const name = o.metadata.name;
  if (o.kind === 'Deployment') {
    if (generation > observed) return { text: 'Waiting for deployment spec update to be observed...', done: false, error: false };
    const progressing = ((status.conditions ?? []) as { type?: string; reason?: string }[]).find((c) => c?.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') return { text: `error: deployment "${name}" exceeded its progress deadline`, done: false, error: true };
    const replicas = num(spec.replicas, 1);
    const updated = num(status.updatedReplicas);
    if (updated < replicas) return { text: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`, done: false, error: false };
    const total = num(status.replicas);
    if (total > updated) return { text: `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...`, done: false, error: false };
    const available = num(status.availableReplicas);
    if (available < updated) return { text: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`, done: false, error: false };
    return { text: `deployment "${name}" successfully rolled out`, done: true, error: false };
  }
  if (o.kind === 'StatefulSet') {
    const strategy = obj(spec.updateStrategy);
    if ((strategy.type ?? 'RollingUpdate') !== 'RollingUpdate') return { text: 'error: rollout status is only available for RollingUpdate strategy type', done: false, error: true };
    if (observed === 0 || generation > observed) return { text: 'Waiting for statefulset spec update to be observed...', done: false, error: false };
    const replicas = num(spec.replicas, 1);
    const ready = num(status.readyReplicas);
    if (ready < replicas) return { text: `Waiting for ${replicas - ready} pods to be ready...`, done: false, error: false };
    const partition = num(obj(strategy.rollingUpdate).partition);
    const updated = num(status.updatedReplicas);
    if (partition > 0) {
      if (updated < replicas - partition) return { text: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...`, done: false, error: false };
      return { text: `partitioned roll out complete: ${updated} new pods have been updated...`, done: true, error: false };
    }
    if (status.updateRevision !== status.currentRevision) {
      return { text: `waiting for statefulset rolling update to complete ${updated} pods at revision ${String(status.updateRevision)}...`, done: false, error: false };
    }
    return { text: `statefulset rolling update complete ${num(status.currentReplicas)} pods at revision ${String(status.currentRevision)}...`, done: true, error: false };
  }
  if (o.kind === 'DaemonSet') {
    const strategy = obj(spec.updateStrategy);
    if ((strategy.type ?? 'RollingUpdate') !== 'RollingUpdate') return { text: 'error: rollout status is only available for RollingUpdate strategy type', done: false, error: true };
    if (generation > observed) return { text: 'Waiting for daemon set spec update to be observed...', done: false, error: false };
    const desired = num(status.desiredNumberScheduled);
    const updated = num(status.updatedNumberScheduled);
    if (updated < desired) return { text: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`, done: false, error: false };
    const available = num(status.numberAvailable);
    if (available < desired) return { text: `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...`, done: false, error: false };
    return { text: `daemon set "${name}" successfully rolled out`, done: true, error: false };
  }
  return null;
}

/** A Deployment's ReplicaSet as `kubectl describe deploy` and `kubectl get rs` show it, newest revision first. */
export interface ReplicaSetRow {
  name: string;
  revision: number | null;
  desired: number;
  current: number;
  ready: number;
  available: number;
  /** The one at the Deployment's revision: its NewReplicaSet. */
  isNew: boolean;
}

const REVISION = 'deployment.kubernetes.io/revision';

export function replicaSetRows(deployment: KubeObject, replicaSets: readonly KubeObject[]): ReplicaSetRow[] {
  const want = deployment.metadata.annotations?.[REVISION];
  return replicaSets
    .map((rs) => {
      const spec = obj((rs as Obj).spec);
      const status = obj((rs as Obj).status);
      const revision = rs.metadata.annotations?.[REVISION];
      return {
        name: rs.metadata.name ?? '',
        revision: revision === undefined || Number.isNaN(Number(revision)) ? null : Number(revision),
        desired: num(spec.replicas, 1),
        current: num(status.replicas),
        ready: num(status.readyReplicas),
        available: num(status.availableReplicas),
        isNew: want !== undefined && revision === want,
      };
    })
    .sort((a, b) => (b.revision ?? -1) - (a.revision ?? -1) || (a.name < b.name ? -1 : 1));
}
