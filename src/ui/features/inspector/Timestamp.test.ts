import { describe, expect, it } from 'vitest';
import { clusterTimeOf } from './Timestamp';

describe('clusterTimeOf', () => {
  it('reads object timestamps as cluster time, keeping anything outside the run as written', () => {
    expect(clusterTimeOf('2026-01-01T00:00:55.100Z')).toBe('00:00:55');
    expect(clusterTimeOf('2026-01-02T01:00:00Z')).toBe('1d 01:00:00');
    expect(clusterTimeOf('2025-06-01T00:00:00Z')).toBe('2025-06-01T00:00:00Z');
    expect(clusterTimeOf('soon')).toBe('soon');
  });
});
