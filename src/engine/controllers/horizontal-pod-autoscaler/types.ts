/** The autoscaling/v2 HorizontalPodAutoscaler as the controller reads it (autoscaling/v1 read through `metricsOf`). */
import type { KubeObject } from '../../model/types';

export interface MetricTarget {
  type?: 'Utilization' | 'AverageValue' | 'Value';
  averageUtilization?: number;
  averageValue?: string | number;
  value?: string | number;
}

export interface MetricSpec {
  type?: string;
  resource?: { name?: string; target?: MetricTarget };
  [k: string]: unknown;
}

export interface MetricStatus {
  type: string;
  resource?: { name: string; current: { averageUtilization?: number; averageValue?: string } };
}

export interface HpaCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface HpaStatus {
  observedGeneration?: number;
  lastScaleTime?: string;
  currentReplicas?: number;
  desiredReplicas?: number;
  currentMetrics?: MetricStatus[];
  conditions?: HpaCondition[];
  [k: string]: unknown;
}

export interface HorizontalPodAutoscaler extends KubeObject {
  spec: {
    scaleTargetRef: { apiVersion?: string; kind?: string; name?: string };
    minReplicas?: number;
    maxReplicas: number;
    metrics?: MetricSpec[];
    /** autoscaling/v1. */
    targetCPUUtilizationPercentage?: number;
    behavior?: { scaleUp?: unknown; scaleDown?: unknown };
    [k: string]: unknown;
  };
  status?: HpaStatus;
}

/** The metrics, with the API's default (cpu at 80 % of request) when none is given; autoscaling/v1's one cpu target. */
export function metricsOf(hpa: HorizontalPodAutoscaler): MetricSpec[] {
  const s = hpa.spec;
  if (hpa.apiVersion === 'autoscaling/v1' || (s.metrics === undefined && s.targetCPUUtilizationPercentage !== undefined)) {
    return [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: s.targetCPUUtilizationPercentage ?? 80 } } }];
  }
  if (!s.metrics || s.metrics.length === 0) return [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  return s.metrics;
}
