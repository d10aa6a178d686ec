/**
 * What the API server refuses in a HorizontalPodAutoscaler (pkg/apis/autoscaling/validation:
 * ValidateHorizontalPodAutoscaler), with its field paths and words, plus Podscape's limit: only
 * Resource metrics on cpu and memory (there is no metrics pipeline for the other types).
 */
import type { KubeObject } from '../../model/types';
import { milliOf } from './usage';

export interface HpaProblem {
  field: string;
  message: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function validateRules(raw: unknown, at: string, out: HpaProblem[]): void {
  if (raw === undefined || raw === null) return;
  if (!isObj(raw)) return void out.push({ field: at, message: 'Invalid value: must be a mapping' });
  const w = raw.stabilizationWindowSeconds;
  if (w !== undefined && w !== null) {
    if (!isInt(w)) out.push({ field: `${at}.stabilizationWindowSeconds`, message: `Invalid value: ${JSON.stringify(w)}: must be an integer` });
    else if (w < 0) out.push({ field: `${at}.stabilizationWindowSeconds`, message: `Invalid value: ${w}: must be greater than or equal to zero` });
    else if (w > 3600) out.push({ field: `${at}.stabilizationWindowSeconds`, message: `Invalid value: ${w}: must be less than or equal to 3600` });
  }
  const sp = raw.selectPolicy;
  if (sp !== undefined && sp !== null && sp !== 'Max' && sp !== 'Min' && sp !== 'Disabled') {
    out.push({ field: `${at}.selectPolicy`, message: `Unsupported value: ${JSON.stringify(sp)}: supported values: "Disabled", "Max", "Min"` });
  }
  const policies = raw.policies;
  if (policies === undefined || policies === null) return;
  if (!Array.isArray(policies) || policies.length === 0) return void out.push({ field: `${at}.policies`, message: 'Required value: must specify at least one Policy' });
  policies.forEach((p, i) => {
    const f = `${at}.policies[${i}]`;
    if (!isObj(p)) return void out.push({ field: f, message: 'Invalid value: must be a mapping' });
    if (p.type !== 'Pods' && p.type !== 'Percent') out.push({ field: `${f}.type`, message: `Unsupported value: ${JSON.stringify(p.type)}: supported values: "Percent", "Pods"` });
    if (!isInt(p.value) || p.value <= 0) out.push({ field: `${f}.value`, message: `Invalid value: ${JSON.stringify(p.value ?? 0)}: must be greater than zero` });
    if (!isInt(p.periodSeconds) || p.periodSeconds <= 0) out.push({ field: `${f}.periodSeconds`, message: `Invalid value: ${JSON.stringify(p.periodSeconds ?? 0)}: must be greater than zero` });
    else if (p.periodSeconds > 1800) out.push({ field: `${f}.periodSeconds`, message: `Invalid value: ${p.periodSeconds}: must be less than or equal to 1800` });
  });
}

function validateMetric(m: unknown, at: string, out: HpaProblem[]): void {
  if (!isObj(m)) return void out.push({ field: at, message: 'Invalid value: must be a mapping' });
  if (m.type === undefined || m.type === null || m.type === '') return void out.push({ field: `${at}.type`, message: 'Required value: must specify a metric source type' });
  if (m.type !== 'Resource') {
    return void out.push({ field: `${at}.type`, message: `Unsupported value: ${JSON.stringify(m.type)}: Podscape has no metrics pipeline for this type; supported values: "Resource" (cpu, memory)` });
  }
  const r = m.resource;
  if (!isObj(r)) return void out.push({ field: `${at}.resource`, message: 'Required value: must populate information for the given metric source' });
  if (r.name === undefined || r.name === null || r.name === '') out.push({ field: `${at}.resource.name`, message: 'Required value: must specify a resource name' });
  else if (r.name !== 'cpu' && r.name !== 'memory') out.push({ field: `${at}.resource.name`, message: `Unsupported value: ${JSON.stringify(r.name)}: Podscape measures only "cpu" and "memory" (pod usage annotations)` });
  const t = r.target;
  const tf = `${at}.resource.target`;
  if (!isObj(t)) return void out.push({ field: tf, message: 'Required value: must specify a metric target' });
  if (t.type === undefined || t.type === null || t.type === '') out.push({ field: `${tf}.type`, message: 'Required value: must specify a metric target type' });
  else if (t.type !== 'Utilization' && t.type !== 'Value' && t.type !== 'AverageValue') out.push({ field: `${tf}.type`, message: `Invalid value: ${JSON.stringify(t.type)}: must be either Utilization, Value, or AverageValue` });
  if (t.averageUtilization !== undefined && t.averageUtilization !== null && (!isInt(t.averageUtilization) || t.averageUtilization <= 0)) {
    out.push({ field: `${tf}.averageUtilization`, message: `Invalid value: ${JSON.stringify(t.averageUtilization)}: must be greater than 0` });
  }
  if (t.averageValue !== undefined && t.averageValue !== null) {
    const v = milliOf(t.averageValue);
    if (v === undefined || v === 0) out.push({ field: `${tf}.averageValue`, message: `Invalid value: ${JSON.stringify(t.averageValue)}: must be positive` });
  }
  const hasU = t.averageUtilization !== undefined && t.averageUtilization !== null;
  const hasV = t.averageValue !== undefined && t.averageValue !== null;
  if (!hasU && !hasV) out.push({ field: `${tf}.averageUtilization`, message: 'Required value: must set either a target raw value or a target utilization' });
  if (hasU && hasV) out.push({ field: `${tf}.averageValue`, message: 'Forbidden: may not set both a target raw value and a target utilization' });
}

export function validateHorizontalPodAutoscaler(o: KubeObject): HpaProblem[] {
  const out: HpaProblem[] = [];
  const spec = (o as { spec?: unknown }).spec;
  if (!isObj(spec)) return [{ field: 'spec', message: 'Required value' }];
  const ref = spec.scaleTargetRef;
  if (!isObj(ref)) out.push({ field: 'spec.scaleTargetRef', message: 'Required value' });
  else {
    if (typeof ref.kind !== 'string' || ref.kind === '') out.push({ field: 'spec.scaleTargetRef.kind', message: 'Required value' });
    if (typeof ref.name !== 'string' || ref.name === '') out.push({ field: 'spec.scaleTargetRef.name', message: 'Required value' });
  }
  const min = spec.minReplicas;
  const max = spec.maxReplicas;
  if (min !== undefined && min !== null && (!isInt(min) || min < 1)) out.push({ field: 'spec.minReplicas', message: `Invalid value: ${JSON.stringify(min)}: must be greater than or equal to 1` });
  if (max === undefined || max === null) out.push({ field: 'spec.maxReplicas', message: 'Required value' });
  else if (!isInt(max) || max < 1) out.push({ field: 'spec.maxReplicas', message: `Invalid value: ${JSON.stringify(max)}: must be greater than 0` });
  else if (isInt(min) && min >= 1 && max < min) out.push({ field: 'spec.maxReplicas', message: `Invalid value: ${max}: must be greater than or equal to \`minReplicas\`` });
  const cpu = spec.targetCPUUtilizationPercentage;
  if (cpu !== undefined && cpu !== null && (!isInt(cpu) || cpu < 1)) out.push({ field: 'spec.targetCPUUtilizationPercentage', message: `Invalid value: ${JSON.stringify(cpu)}: must be greater than or equal to 1` });
  const metrics = spec.metrics;
  if (metrics !== undefined && metrics !== null) {
    if (!Array.isArray(metrics)) out.push({ field: 'spec.metrics', message: 'Invalid value: must be a list' });
    else metrics.forEach((m, i) => validateMetric(m, `spec.metrics[${i}]`, out));
  }
  const b = spec.behavior;
  if (b !== undefined && b !== null) {
    if (!isObj(b)) out.push({ field: 'spec.behavior', message: 'Invalid value: must be a mapping' });
    else {
      validateRules(b.scaleUp, 'spec.behavior.scaleUp', out);
      validateRules(b.scaleDown, 'spec.behavior.scaleDown', out);
    }
  }
  return out;
}
