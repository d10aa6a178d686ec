/**
 * The HPA's `spec.behavior`: upstream's defaults (SetDefaults_HorizontalPodAutoscalerBehavior)
 * and the controller's stabilization and rate limits (horizontal.go:
 * stabilizeRecommendationWithBehaviors, convertDesiredReplicasWithBehaviorRate,
 * calculateScaleUpLimitWithScalingRules, calculateScaleDownLimitWithBehaviors, storeScaleEvent).
 *
 * Defaults: scale up with no stabilization, the larger of +4 pods and +100 % per 15 s; scale down
 * with the controller's 300 s window (--horizontal-pod-autoscaler-downscale-stabilization), at
 * most 100 % per 15 s; selectPolicy Max on both sides.
 */
export interface ScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

export interface ScalingRules {
  stabilizationWindowSeconds: number;
  selectPolicy: 'Max' | 'Min' | 'Disabled';
  policies: ScalingPolicy[];
}

/** --horizontal-pod-autoscaler-downscale-stabilization. */
export const DOWNSCALE_STABILIZATION_SECONDS = 300;

type RawRules = { stabilizationWindowSeconds?: number; selectPolicy?: string; policies?: { type?: string; value?: number; periodSeconds?: number }[] } | undefined | null;

/** GenerateHPAScaleUpRules / GenerateHPAScaleDownRules, with the controller's window for an unset scale-down one. */
export function rulesOf(raw: RawRules, side: 'up' | 'down'): ScalingRules {
  const policies: ScalingPolicy[] = side === 'up'
    ? [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }]
    : [{ type: 'Percent', value: 100, periodSeconds: 15 }];
  return {
    stabilizationWindowSeconds: raw?.stabilizationWindowSeconds ?? (side === 'up' ? 0 : DOWNSCALE_STABILIZATION_SECONDS),
    selectPolicy: (raw?.selectPolicy as ScalingRules['selectPolicy'] | undefined) ?? 'Max',
    policies: raw?.policies ? raw.policies.map((p) => ({ type: p.type as ScalingPolicy['type'], value: p.value ?? 0, periodSeconds: p.periodSeconds ?? 0 })) : policies,
  };
}

interface Recommendation {
  replicas: number;
  at: number;
}

interface ScaleEvent {
  change: number;
  at: number;
  outdated: boolean;
}

/** What the controller remembers of one HPA between syncs (in memory, as upstream: lost on restart). */
export class ScaleHistory {
  recommendations: Recommendation[] = [];
  up: ScaleEvent[] = [];
  down: ScaleEvent[] = [];

  /** recordInitialRecommendation. */
  initial(current: number, now: number): void {
    if (this.recommendations.length === 0) this.recommendations.push({ replicas: current, at: now });
  }

  /** stabilizeRecommendationWithBehaviors: the recommendation kept within the windows' lowest and highest, and recorded. */
  stabilize(current: number, desired: number, up: ScalingRules, down: ScalingRules, now: number): { replicas: number; reason: string; message: string } {
    const upCutoff = now - up.stabilizationWindowSeconds * 1000;
    const downCutoff = now - down.stabilizationWindowSeconds * 1000;
    let upRec = desired;
    let downRec = desired;
    let oldIndex = -1;
    this.recommendations.forEach((r, i) => {
      if (r.at > upCutoff) upRec = Math.min(r.replicas, upRec);
      if (r.at > downCutoff) downRec = Math.max(r.replicas, downRec);
      if (r.at < upCutoff && r.at < downCutoff) oldIndex = i;
    });
    let replicas = current;
    if (replicas < upRec) replicas = upRec;
    if (replicas > downRec) replicas = downRec;
    if (oldIndex >= 0) this.recommendations[oldIndex] = { replicas: desired, at: now };
    else this.recommendations.push({ replicas: desired, at: now });
    return desired >= current
      ? { replicas, reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
      : { replicas, reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
  }

  private changeIn(periodSeconds: number, events: ScaleEvent[], now: number): number {
    const cutoff = now - periodSeconds * 1000;
    let sum = 0;
    for (const e of events) if (e.at > cutoff) sum += e.change;
    return sum;
  }

  private limit(current: number, rules: ScalingRules, now: number, side: 'up' | 'down'): number {
    if (rules.selectPolicy === 'Disabled') return current;
    // Scaling up, Min picks the smallest proposal; scaling down, the largest.
    const pickLow = (rules.selectPolicy === 'Min') === (side === 'up');
    let result = pickLow ? Infinity : -Infinity;
    for (const p of rules.policies) {
      const start = current - this.changeIn(p.periodSeconds, this.up, now) + this.changeIn(p.periodSeconds, this.down, now);
      let proposed: number;
      if (side === 'up') proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
      else proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
      result = pickLow ? Math.min(result, proposed) : Math.max(result, proposed);
    }
    return result;
  }

  /** convertDesiredReplicasWithBehaviorRate: the count after the rate limits and min/max, with ScalingLimited's reason. */
  rateLimit(current: number, desired: number, min: number, max: number, up: ScalingRules, down: ScalingRules, now: number): { replicas: number; reason: string; message: string } {
    if (desired > current) {
      const limit = Math.max(this.limit(current, up, now, 'up'), current);
      const byRate = max > limit;
      const allowed = byRate ? limit : max;
      if (desired > allowed) {
        return byRate
          ? { replicas: allowed, reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' }
          : { replicas: allowed, reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' };
      }
    } else if (desired < current) {
      const limit = Math.min(this.limit(current, down, now, 'down'), current);
      const byRate = min < limit;
      const allowed = byRate ? limit : min;
      if (desired < allowed) {
        return byRate
          ? { replicas: allowed, reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate' }
          : { replicas: allowed, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
      }
    }
    return { replicas: desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
  }

  /** storeScaleEvent: a rescale remembered for the rate limits (an event older than the longest period is reused). */
  record(prev: number, next: number, up: ScalingRules, down: ScalingRules, now: number): void {
    const scaleUp = next > prev;
    const events = scaleUp ? this.up : this.down;
    const longest = Math.max(0, ...(scaleUp ? up : down).policies.map((p) => p.periodSeconds));
    for (const e of events) if (e.at < now - longest * 1000) e.outdated = true;
    const change = Math.abs(next - prev);
    const i = events.findIndex((e) => e.outdated);
    if (i >= 0) events[i] = { change, at: now, outdated: false };
    else events.push({ change, at: now, outdated: false });
  }
}
