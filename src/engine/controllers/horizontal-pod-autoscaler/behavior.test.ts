/** spec.behavior: upstream's defaults, the stabilization window and the rate limits (horizontal.go). */
import { describe, expect, it } from 'vitest';
import { rulesOf, ScaleHistory } from './behavior';

const S = 1000;
const up = rulesOf(undefined, 'up');
const down = rulesOf(undefined, 'down');

describe('behavior defaults', () => {
  it('scale up: no window, max of 4 pods and 100 % per 15 s; scale down: the 300 s window, 100 % per 15 s; Max', () => {
    expect(up).toEqual({ stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] });
    expect(down).toEqual({ stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });
    expect(rulesOf({ selectPolicy: 'Min' }, 'down').stabilizationWindowSeconds).toBe(300);
  });
});

describe('rate limits', () => {
  it('from 2, up by the larger of +4 and +100 % (6); from 10 by +100 % (20); max 10 says TooManyReplicas', () => {
    const h = new ScaleHistory();
    expect(h.rateLimit(2, 16, 1, 100, up, down, 0)).toMatchObject({ replicas: 6, reason: 'ScaleUpLimit' });
    expect(h.rateLimit(10, 50, 1, 100, up, down, 0)).toMatchObject({ replicas: 20, reason: 'ScaleUpLimit' });
    expect(h.rateLimit(2, 16, 1, 5, up, down, 0)).toMatchObject({ replicas: 5, reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' });
    expect(h.rateLimit(3, 1, 2, 10, up, down, 0)).toMatchObject({ replicas: 2, reason: 'TooFewReplicas' });
    expect(h.rateLimit(3, 4, 1, 10, up, down, 0)).toMatchObject({ replicas: 4, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' });
  });

  it('a scale-up 5 s ago counts against the 15 s period; after it the period starts fresh', () => {
    const h = new ScaleHistory();
    h.record(2, 6, up, down, 0);
    // Period start = 6 - 4 = 2 → at most max(2+4, 4) = 6: no further growth yet.
    expect(h.rateLimit(6, 20, 1, 100, up, down, 5 * S).replicas).toBe(6);
    expect(h.rateLimit(6, 20, 1, 100, up, down, 16 * S).replicas).toBe(12);
  });

  it('Min picks the smaller proposal; Disabled forbids the direction', () => {
    const h = new ScaleHistory();
    expect(h.rateLimit(10, 50, 1, 100, { ...up, selectPolicy: 'Min' }, down, 0).replicas).toBe(14);
    expect(h.rateLimit(10, 50, 1, 100, { ...up, selectPolicy: 'Disabled' }, down, 0).replicas).toBe(10);
    expect(h.rateLimit(10, 1, 1, 100, up, { ...down, policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }] }, 0)).toMatchObject({ replicas: 8, reason: 'ScaleDownLimit' });
  });
});

describe('stabilization window', () => {
  it('a scale-down takes the highest recommendation of the last 300 s', () => {
    const h = new ScaleHistory();
    h.initial(4, 0);
    expect(h.stabilize(4, 8, up, down, 15 * S).replicas).toBe(8);
    // The load drops: recommendations of 2 are held at 8 until the 8 is 300 s old.
    expect(h.stabilize(8, 2, up, down, 30 * S)).toMatchObject({ replicas: 8, reason: 'ScaleDownStabilized' });
    expect(h.stabilize(8, 2, up, down, 314 * S).replicas).toBe(8);
    expect(h.stabilize(8, 2, up, down, 316 * S).replicas).toBe(2);
  });
});
