import { describe, expect, it } from 'vitest';
import { ControlPlaneConfigError, defaultControlPlaneConfig, parseControlPlaneOverrides, parseDuration, resolveControlPlaneConfig } from './config';

describe('parseDuration', () => {
  it('reads Go/Kubernetes durations into ms', () => {
    expect(parseDuration('50s')).toBe(50_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('300ms')).toBe(300);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('1.5s')).toBe(1_500);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration(' 10s ')).toBe(10_000);
  });
  it('explains what is wrong', () => {
    expect(() => parseDuration('50')).toThrow('"50": missing unit (write e.g. "50s"; units are ms, s, m, h)');
    expect(() => parseDuration('5 minutes')).toThrow('is not a duration');
    expect(() => parseDuration('-5s')).toThrow('may not be negative');
    expect(() => parseDuration('0.5ms')).toThrow('whole number of milliseconds');
    expect(() => parseDuration('')).toThrow('empty duration');
  });
  it("refuses what overflows Go's time.Duration (int64 nanoseconds), as time.ParseDuration does", () => {
    expect(parseDuration('2562047h')).toBe(2_562_047 * 3_600_000);
    expect(parseDuration('2562047h47m16s')).toBe(9_223_372_036_000);
    expect(parseDuration('9223372036854ms')).toBe(9_223_372_036_854);
    for (const text of ['2562048h', '9223372036855ms', '1000000000000000000000000s']) {
      expect(() => parseDuration(text), text).toThrow(`"${text}" is longer than the longest duration, 2562047h47m16.854s`);
    }
    // A long value is cut short in the message.
    expect(() => parseDuration(`1${'0'.repeat(300)}h`)).toThrow(`"1${'0'.repeat(36)}…" is longer than the longest duration, 2562047h47m16.854s`);
    expect(() => parseDuration(`${'9'.repeat(400)}s`)).toThrow(`"${'9'.repeat(37)}…" is longer than the longest duration`);
  });
});

describe('control-plane config', () => {
  it('has upstream defaults (lifecycle.md §11)', () => {
    const c = defaultControlPlaneConfig();
    expect(c.nodeMonitorPeriod).toBe(5_000);
    expect(c.nodeMonitorGracePeriod).toBe(50_000);
    expect(c.nodeStartupGracePeriod).toBe(60_000);
    expect(c.leaseDuration).toBe(40_000);
    expect(c.leaseRenewInterval).toBe(10_000);
    expect(c.defaultTolerationSeconds).toBe(300);
    expect(c.terminationGracePeriodSeconds).toBe(30);
    expect(c.podGCPeriod).toBe(20_000);
    expect(c.podGCOrphanQuarantine).toBe(40_000);
    expect(c.podMaxInUnschedulablePodsDuration).toBe(300_000);
    expect(c.unschedulableFlushPeriod).toBe(30_000);
    expect([c.nodeEvictionRate, c.secondaryNodeEvictionRate, c.unhealthyZoneThreshold, c.largeClusterSizeThreshold]).toEqual([0.1, 0.01, 0.55, 50]);
    expect([c.podInitialBackoff, c.podMaxBackoff, c.jobBackoffBase, c.jobBackoffMax]).toEqual([1_000, 10_000, 10_000, 600_000]);
    expect([c.drainEvictRetry, c.drainPollInterval]).toEqual([5_000, 1_000]);
  });

  it('reads scenario overrides', () => {
    expect(
      parseControlPlaneOverrides({
        nodeMonitorGracePeriod: '20s',
        defaultTolerationSeconds: 30,
        terminationGracePeriodSeconds: '10s',
        nodeEvictionRate: 1,
        podStartDelay: 0,
      }),
    ).toEqual({ nodeMonitorGracePeriod: 20_000, defaultTolerationSeconds: 30, terminationGracePeriodSeconds: 10, nodeEvictionRate: 1, podStartDelay: 0 });
    expect(parseControlPlaneOverrides(undefined)).toEqual({});
  });

  it('reads the MaxUnavailableStatefulSet gate: off by default (v1.36), true or false only', () => {
    expect(resolveControlPlaneConfig().maxUnavailableStatefulSet).toBe(false);
    expect(parseControlPlaneOverrides({ maxUnavailableStatefulSet: true })).toEqual({ maxUnavailableStatefulSet: true });
    expect(() => parseControlPlaneOverrides({ maxUnavailableStatefulSet: 'yes' }, 'spec.controlPlane')).toThrow(
      'spec.controlPlane.maxUnavailableStatefulSet: Invalid value: "yes": must be true or false',
    );
  });

  it("reads --terminated-pod-gc-threshold: 12500 by default, a whole number (0 turns PodGC's terminated-pod rule off)", () => {
    expect(resolveControlPlaneConfig().terminatedPodGCThreshold).toBe(12_500);
    expect(parseControlPlaneOverrides({ terminatedPodGCThreshold: 0 })).toEqual({ terminatedPodGCThreshold: 0 });
    expect(() => parseControlPlaneOverrides({ terminatedPodGCThreshold: -1 }, 'spec.controlPlane')).toThrow(
      'spec.controlPlane.terminatedPodGCThreshold: Invalid value: -1: must be a whole number ≥ 0',
    );
  });

  it('names every bad field with its path', () => {
    let err: ControlPlaneConfigError | undefined;
    try {
      parseControlPlaneOverrides(
        { nodeMonitorGracePeriod: 50, nodeMonitorPeriod: '0s', defaultTolerationSeconds: -1, unhealthyZoneThreshold: 2, bogus: 1 },
        'spec.controlPlane',
      );
    } catch (e) {
      err = e as ControlPlaneConfigError;
    }
    expect(err).toBeInstanceOf(ControlPlaneConfigError);
    expect(err!.errors.map((e) => e.field)).toEqual([
      'spec.controlPlane.nodeMonitorGracePeriod',
      'spec.controlPlane.nodeMonitorPeriod',
      'spec.controlPlane.defaultTolerationSeconds',
      'spec.controlPlane.unhealthyZoneThreshold',
      'spec.controlPlane.bogus',
    ]);
    expect(err!.errors[0].message).toBe('Invalid value: 50: must be a duration such as "50s", "5m" or "300ms"');
    expect(err!.errors[1].message).toBe('Invalid value: "0s": must be greater than 0');
    expect(err!.errors[4].message).toMatch(/^unknown field "bogus"/);
    expect(() => parseControlPlaneOverrides('fast')).toThrow('controlPlane: Invalid value: must be a mapping');
  });

  it('checks fields against each other', () => {
    expect(() => parseControlPlaneOverrides({ podMaxBackoff: '500ms' })).toThrow(/controlPlane.podMaxBackoff: Invalid value: podMaxBackoff \(500 ms\) must be at least podInitialBackoff/);
  });

  it('resolves typed (ms) or raw overrides on top of the defaults', () => {
    const c = resolveControlPlaneConfig({ nodeMonitorGracePeriod: 20_000, podGCPeriod: '5s' });
    expect(c.nodeMonitorGracePeriod).toBe(20_000);
    expect(c.podGCPeriod).toBe(5_000);
    expect(c.nodeMonitorPeriod).toBe(5_000);
    expect(() => resolveControlPlaneConfig({ nodeMonitorPeriod: 0 })).toThrow(ControlPlaneConfigError);
  });
});
