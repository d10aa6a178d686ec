import { describe, expect, it } from 'vitest';
import { formatClusterTime } from './format-time';

describe('formatClusterTime', () => {
  it.each([
    [0, '00:00:00'],
    [999, '00:00:00'],
    [7 * 60 * 1000, '00:07:00'],
    [3_723_000, '01:02:03'],
    [(2 * 86_400 + 3 * 3600 + 4 * 60 + 5) * 1000, '2d 03:04:05'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatClusterTime(ms)).toBe(text);
  });
});
