/**
 * A HorizontalPodAutoscaler's `kubectl get hpa` columns (kubectl's printHorizontalPodAutoscaler
 * and formatHPAMetrics): REFERENCE `Deployment/web`, TARGETS `cpu: 80%/50%` (or `cpu: 400m/500m`
 * for an AverageValue target, `<unknown>` before the controller has a sample; past two metrics
 * `+ N more...`), MINPODS, MAXPODS, REPLICAS.
 */
import type { KubeObject } from '../engine/model/types';
import type { HpaColumns } from '../protocol/engine-api';

type Target = { averageUtilization?: number; averageValue?: string | number };
type Spec = { scaleTargetRef?: { kind?: string; name?: string }; minReplicas?: number; maxReplicas?: number; targetCPUUtilizationPercentage?: number; metrics?: { type?: string; resource?: { name?: string; target?: Target } }[] };
type Status = { currentReplicas?: number; currentMetrics?: { type?: string; resource?: { name?: string; current?: Target } }[] };

export function hpaColumns(o: KubeObject): HpaColumns {
  const spec = ((o as { spec?: unknown }).spec ?? {}) as Spec;
  const status = ((o as { status?: unknown }).status ?? {}) as Status;
  const ref = spec.scaleTargetRef ?? {};
  const metrics = o.apiVersion === 'autoscaling/v1' || (spec.metrics === undefined && spec.targetCPUUtilizationPercentage !== undefined)
    ? [{ type: 'Resource', resource: { name: 'cpu', target: { averageUtilization: spec.targetCPUUtilizationPercentage ?? 80 } } }]
    : spec.metrics ?? [];
  const parts: string[] = [];
  metrics.slice(0, 2).forEach((m, i) => {
    const name = m.resource?.name ?? m.type ?? '';
    const target = m.resource?.target ?? {};
    const cur = status.currentMetrics?.[i]?.resource?.current;
    if (target.averageUtilization !== undefined) {
      parts.push(`${name}: ${cur?.averageUtilization !== undefined ? `${cur.averageUtilization}%` : '<unknown>'}/${target.averageUtilization}%`);
    } else {
      parts.push(`${name}: ${cur?.averageValue !== undefined ? String(cur.averageValue) : '<unknown>'}/${String(target.averageValue ?? '<unknown>')}`);
    }
  });
  let targets = parts.length === 0 ? '<none>' : parts.join(', ');
  if (metrics.length > 2) targets += ` + ${metrics.length - 2} more...`;
  return {
    reference: `${ref.kind ?? ''}/${ref.name ?? ''}`,
    targets,
    minPods: spec.minReplicas === undefined ? '<unset>' : String(spec.minReplicas),
    maxPods: typeof spec.maxReplicas === 'number' ? spec.maxReplicas : 0,
    replicas: typeof status.currentReplicas === 'number' ? status.currentReplicas : 0,
  };
}
