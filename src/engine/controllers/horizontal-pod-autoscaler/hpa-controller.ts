/**
 * Mirrors upstream's horizontal-pod-autoscaler controller (pkg/controller/podautoscaler/
 * horizontal.go): every 15 s (--horizontal-pod-autoscaler-sync-period; the first sync 15 s
 * after the HPA appears, as its rate-limited queue does) it reads the target's scale
 * (Deployment, ReplicaSet, StatefulSet or ReplicationController spec.replicas and selector), computes a replica count
 * for each Resource metric (replica-calculator.ts, samples from usage.ts), takes the largest,
 * applies `behavior` (behavior.ts) and min/max, writes spec.replicas of the target, and records
 * status (currentReplicas, desiredReplicas, currentMetrics, lastScaleTime, the AbleToScale,
 * ScalingActive and ScalingLimited conditions) and upstream's events.
 *
 * Simplified: only Resource metrics (cpu, memory) — validation refuses the other types; no
 * AmbiguousSelector check between HPAs; the stabilization memory is per controller process, as
 * upstream (it does not survive in the object).
 */
import { formatMilliCPU } from '../../model/quantity';
import type { KubeObject, LabelSelector, Pod } from '../../model/types';
import { labelSelectorAsSelector } from '../../model/labels';
import type { Component, SimContext, WatchEvent } from '../../sim/contracts';
import { deepEqual } from '../../store/clone';
import { keyOf, splitKey } from '../workload/pods';
import { SyncQueue } from '../workload/sync-queue';
import { rulesOf, ScaleHistory } from './behavior';
import { MetricError, rawResourceReplicas, resourceReplicas } from './replica-calculator';
import { milliOf, podMetrics, type MetricResource } from './usage';
import { metricsOf, type HorizontalPodAutoscaler, type HpaCondition, type HpaStatus, type MetricSpec, type MetricStatus } from './types';

export const HPA_CONTROLLER = 'horizontal-pod-autoscaler';
/** --horizontal-pod-autoscaler-sync-period. */
export const HPA_SYNC_PERIOD = 15_000;

/** The kinds with a scale subresource here, by API group, and their resource names. */
const SCALABLE: Record<string, { group: string; resource: string }> = {
  Deployment: { group: 'apps', resource: 'deployments.apps' },
  ReplicaSet: { group: 'apps', resource: 'replicasets.apps' },
  StatefulSet: { group: 'apps', resource: 'statefulsets.apps' },
  ReplicationController: { group: '', resource: 'replicationcontrollers' },
};
/** Kinds the API serves without a scale subresource. */
const NO_SCALE: Record<string, string> = { DaemonSet: 'apps', Job: 'batch', CronJob: 'batch', Pod: '', Node: '', Service: '', ConfigMap: '' };

type Workload = KubeObject & { spec: { replicas?: number; selector?: LabelSelector | Record<string, string> } };

/** The target's pod selector: a ReplicationController's is a plain label map (equality only). */
function targetSelector(target: Workload): LabelSelector | undefined {
  const sel = target.spec.selector;
  if (target.kind === 'ReplicationController') return { matchLabels: (sel ?? {}) as Record<string, string> };
  return sel as LabelSelector | undefined;
}

class ScaleError extends Error {}

/** setConditionInList: lastTransitionTime moves only when the status does. */
function setCondition(list: HpaCondition[], type: string, status: 'True' | 'False', reason: string, message: string, now: string): void {
  let c = list.find((x) => x.type === type);
  if (!c) {
    c = { type, status };
    list.push(c);
    c.lastTransitionTime = now;
  } else if (c.status !== status) c.lastTransitionTime = now;
  c.status = status;
  c.reason = reason;
  c.message = message;
}

export function createHorizontalPodAutoscalerController(): Component {
  let ctx!: SimContext;
  let queue!: SyncQueue;
  const histories = new Map<string, ScaleHistory>();

  const event = (hpa: HorizontalPodAutoscaler, type: 'Normal' | 'Warning', reason: string, message: string) => ctx.recorder.event(hpa, type, reason, message, HPA_CONTROLLER);

  /** The scale subresource of the target, or the API's error. */
  function getScale(hpa: HorizontalPodAutoscaler): Workload {
    const ref = hpa.spec.scaleTargetRef ?? {};
    const kind = ref.kind ?? '';
    const group = (ref.apiVersion ?? '').includes('/') ? (ref.apiVersion ?? '').split('/')[0] : '';
    const s = SCALABLE[kind];
    if (!s || s.group !== group) {
      if (NO_SCALE[kind] === group) throw new ScaleError('the server could not find the requested resource');
      throw new ScaleError(`no matches for kind ${JSON.stringify(kind)} in group ${JSON.stringify(group)}`);
    }
    const obj = ctx.store.get<Workload>(kind, hpa.metadata.namespace ?? 'default', ref.name ?? '');
    if (!obj) throw new ScaleError(`${s.resource} ${JSON.stringify(ref.name ?? '')} not found`);
    return obj;
  }

  /** computeReplicasForMetric for one Resource metric: a proposal and its status, or the error's words. */
  function computeMetric(m: MetricSpec, target: Workload, pods: Pod[], current: number): { replicas: number; name: string; status: MetricStatus } {
    const resource = (m.resource?.name ?? '') as MetricResource;
    const t = m.resource?.target ?? {};
    const metrics = podMetrics(pods, resource, target, (n) => ctx.nodeUp(n));
    const input = { currentReplicas: current, pods, metrics, resource, now: ctx.clock.now };
    if (t.averageValue !== undefined) {
      let p;
      try {
        p = rawResourceReplicas(input, milliOf(t.averageValue) ?? 0);
      } catch (e) {
        throw new MetricError(`failed to get ${resource} usage: ${(e as Error).message}`);
      }
      return { replicas: p.replicas, name: `${resource} resource`, status: { type: 'Resource', resource: { name: resource, current: { averageValue: formatMilliCPU(p.average) } } } };
    }
    if (t.averageUtilization === undefined) throw new MetricError('invalid resource metric source: neither an average utilization target nor an average value (usage) target was set');
    let p;
    try {
      p = resourceReplicas(input, t.averageUtilization, milliOf);
    } catch (e) {
      throw new MetricError(`failed to get ${resource} utilization: ${(e as Error).message}`);
    }
    return {
      replicas: p.replicas,
      name: `${resource} resource utilization (percentage of request)`,
      status: { type: 'Resource', resource: { name: resource, current: { averageUtilization: p.utilization, averageValue: formatMilliCPU(p.average) } } },
    };
  }

  /** computeReplicasForMetrics: the largest proposal; -1 when every metric failed, or some did and the rest would scale down. */
  function computeMetrics(hpa: HorizontalPodAutoscaler, target: Workload, current: number, conditions: HpaCondition[], now: string): { replicas: number; metric: string; statuses: MetricStatus[]; error?: string } {
    const specs = metricsOf(hpa);
    const selector = labelSelectorAsSelector(targetSelector(target));
    const pods = ctx.store.list<Pod>('Pod', hpa.metadata.namespace ?? 'default').filter((p) => selector.matches(p.metadata.labels));
    const statuses: MetricStatus[] = specs.map(() => ({ type: '' }));
    let replicas = 0;
    let metric = '';
    let invalid = 0;
    let firstError: string | undefined;
    let firstCondition: string | undefined;
    specs.forEach((m, i) => {
      try {
        const p = computeMetric(m, target, pods, current);
        statuses[i] = p.status;
        if (replicas === 0 || p.replicas > replicas) {
          replicas = p.replicas;
          metric = p.name;
        }
      } catch (e) {
        if (!(e instanceof MetricError)) throw e;
        // getUnableComputeReplicaCountCondition: the event and the condition it would set.
        event(hpa, 'Warning', 'FailedGetResourceMetric', e.message);
        if (invalid === 0) {
          firstError = `failed to get ${m.resource?.name ?? ''} resource metric value: ${e.message}`;
          firstCondition = `the HPA was unable to compute the replica count: ${e.message}`;
        }
        invalid++;
      }
    });
    const error = firstError === undefined ? undefined : `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstError}`;
    if (invalid >= specs.length || (invalid > 0 && replicas < current)) {
      setCondition(conditions, 'ScalingActive', 'False', 'FailedGetResourceMetric', firstCondition ?? '', now);
      return { replicas: -1, metric: '', statuses, error };
    }
    setCondition(conditions, 'ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${metric}`, now);
    return { replicas, metric, statuses, error };
  }

  function writeStatus(ns: string, name: string, status: HpaStatus): void {
    const cur = ctx.store.get<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', ns, name);
    if (cur && !deepEqual(cur.status ?? {}, status)) ctx.store.update<HorizontalPodAutoscaler>({ ...cur, status });
  }

  /** reconcileAutoscaler. */
  function sync(key: string): void {
    const [ns, name] = splitKey(key);
    const hpa = ctx.store.get<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', ns, name);
    if (!hpa) return;
    queue.enqueue(key, HPA_SYNC_PERIOD);
    const nowMs = ctx.clock.now;
    const now = ctx.timestamp(nowMs);
    const old = hpa.status ?? {};
    const conditions: HpaCondition[] = (old.conditions ?? []).map((c) => ({ ...c }));
    let target: Workload;
    try {
      target = getScale(hpa);
    } catch (e) {
      if (!(e instanceof ScaleError)) throw e;
      event(hpa, 'Warning', 'FailedGetScale', e.message);
      setCondition(conditions, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${e.message}`, now);
      writeStatus(ns, name, { ...old, conditions });
      return;
    }
    setCondition(conditions, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale", now);
    const current = target.spec.replicas ?? 1;
    let history = histories.get(key);
    if (!history) histories.set(key, (history = new ScaleHistory()));
    history.initial(current, nowMs);
    const min = hpa.spec.minReplicas ?? 1;
    const max = hpa.spec.maxReplicas;
    const up = rulesOf(hpa.spec.behavior?.scaleUp as Parameters<typeof rulesOf>[0], 'up');
    const down = rulesOf(hpa.spec.behavior?.scaleDown as Parameters<typeof rulesOf>[0], 'down');
    let desired = 0;
    let reason = '';
    let rescale = true;
    let statuses: MetricStatus[] | undefined = old.currentMetrics;
    if (current === 0 && min !== 0) {
      rescale = false;
      setCondition(conditions, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', now);
    } else if (current > max) {
      reason = 'Current number of replicas above Spec.MaxReplicas';
      desired = max;
    } else if (current < min) {
      reason = 'Current number of replicas below Spec.MinReplicas';
      desired = min;
    } else {
      const r = computeMetrics(hpa, target, current, conditions, now);
      statuses = r.statuses;
      if (r.replicas === -1) {
        writeStatus(ns, name, { ...old, currentReplicas: current, currentMetrics: r.statuses, conditions });
        event(hpa, 'Warning', 'FailedComputeMetricsReplicas', r.error ?? '');
        return;
      }
      let metric = '';
      if (r.replicas > desired) {
        desired = r.replicas;
        metric = r.metric;
      }
      if (desired > current) reason = `${metric} above target`;
      if (desired < current) reason = 'All metrics below target';
      // normalizeDesiredReplicasWithBehaviors (the API defaults behavior on every v2 object).
      const s = history.stabilize(current, desired, up, down, nowMs);
      if (s.replicas !== desired) setCondition(conditions, 'AbleToScale', 'True', s.reason, s.message, now);
      else setCondition(conditions, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size', now);
      const l = history.rateLimit(current, s.replicas, min, max, up, down, nowMs);
      setCondition(conditions, 'ScalingLimited', l.replicas === s.replicas ? 'False' : 'True', l.reason, l.message, now);
      desired = l.replicas;
      rescale = desired !== current;
    }
    let lastScaleTime = old.lastScaleTime;
    if (rescale) {
      const kind = target.kind ?? '';
      const cur = ctx.store.get<Workload>(kind, ns, target.metadata.name ?? '');
      if (!cur) {
        // Unreachable within one synchronous sync; kept for upstream's FailedUpdateScale shape.
        const err = `${SCALABLE[kind]?.resource ?? kind} ${JSON.stringify(target.metadata.name)} not found`;
        event(hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${reason}; error: ${err}`);
        setCondition(conditions, 'AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${err}`, now);
        writeStatus(ns, name, { ...old, conditions });
        return;
      }
      ctx.store.update<Workload>({ ...cur, spec: { ...cur.spec, replicas: desired } });
      setCondition(conditions, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`, now);
      event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`);
      history.record(current, desired, up, down, nowMs);
      lastScaleTime = now.replace(/\.\d+Z$/, 'Z');
    } else desired = current;
    const status: HpaStatus = { ...old, currentReplicas: current, desiredReplicas: desired, conditions };
    if (lastScaleTime !== undefined) status.lastScaleTime = lastScaleTime;
    if (statuses !== undefined) status.currentMetrics = statuses;
    else delete status.currentMetrics;
    writeStatus(ns, name, status);
  }

  function onEvent(e: WatchEvent): void {
    const key = keyOf(e.object);
    if (e.type === 'DELETED') {
      histories.delete(key);
      return;
    }
    if (e.old && deepEqual((e.old as HorizontalPodAutoscaler).spec, (e.object as HorizontalPodAutoscaler).spec)) return;
    queue.enqueue(key, HPA_SYNC_PERIOD);
  }

  return {
    name: HPA_CONTROLLER,
    start(c: SimContext): void {
      ctx = c;
      queue = new SyncQueue(ctx.clock, HPA_CONTROLLER, sync);
      for (const h of ctx.store.list<HorizontalPodAutoscaler>('HorizontalPodAutoscaler')) queue.enqueue(keyOf(h), HPA_SYNC_PERIOD);
      ctx.store.watch(onEvent, ['HorizontalPodAutoscaler']);
    },
  };
}
