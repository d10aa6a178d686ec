import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextAfter, parseSchedule, scheduleError } from './schedule';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const next = (spec: string, from: string) => iso(nextAfter(parseSchedule(spec), at(from)));

describe('parseSchedule (robfig/cron ParseStandard)', () => {
  it('reads the five fields with ranges, steps, lists and names', () => {
    expect(next('* * * * *', '2026-01-01T00:00:00Z')).toBe('2026-01-01T00:01:00.000Z');
    expect(next('* * * * *', '2026-01-01T00:00:59.900Z')).toBe('2026-01-01T00:01:00.000Z');
    expect(next('*/15 * * * *', '2026-01-01T00:16:00Z')).toBe('2026-01-01T00:30:00.000Z');
    expect(next('5/20 * * * *', '2026-01-01T00:46:00Z')).toBe('2026-01-01T01:05:00.000Z');
    expect(next('0 9-17/4 * * *', '2026-01-01T10:00:00Z')).toBe('2026-01-01T13:00:00.000Z');
    expect(next('30 2 * JAN,mar sun', '2026-01-05T00:00:00Z')).toBe('2026-01-11T02:30:00.000Z');
    expect(next('0 0 * * Mon-Fri', '2026-01-02T12:00:00Z')).toBe('2026-01-05T00:00:00.000Z');
    expect(next('0 12 1 */3 *', '2026-02-10T00:00:00Z')).toBe('2026-04-01T12:00:00.000Z');
  });

  it('reads the descriptors', () => {
    expect(next('@hourly', '2026-01-01T00:00:00Z')).toBe('2026-01-01T01:00:00.000Z');
    expect(next('@daily', '2026-01-01T00:00:00Z')).toBe('2026-01-02T00:00:00.000Z');
    expect(next('@midnight', '2026-01-01T05:00:00Z')).toBe('2026-01-02T00:00:00.000Z');
    // 2026-01-01 is a Thursday: the next Sunday is the 4th.
    expect(next('@weekly', '2026-01-01T00:00:00Z')).toBe('2026-01-04T00:00:00.000Z');
    expect(next('@monthly', '2026-01-01T00:00:00Z')).toBe('2026-02-01T00:00:00.000Z');
    expect(next('@yearly', '2026-01-01T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
    expect(next('@annually', '2026-06-01T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
  });

  it('matches day of month OR day of week when both are restricted, AND when one is *', () => {
    // The 13th, or any Friday: Friday 2 January comes first.
    expect(next('0 0 13 * 5', '2026-01-01T00:00:00Z')).toBe('2026-01-02T00:00:00.000Z');
    // `*/1` keeps the star; `*/2` does not.
    expect(next('0 0 13 * */1', '2026-01-01T00:00:00Z')).toBe('2026-01-13T00:00:00.000Z');
    expect(next('0 0 13 * */2', '2026-01-01T00:00:00Z')).toBe('2026-01-03T00:00:00.000Z');
  });

  it('finds no time for a day that never comes, as robfig returns the zero time', () => {
    expect(nextAfter(parseSchedule('0 0 31 2 *'), at('2026-01-01T00:00:00Z'))).toBeUndefined();
    expect(next('0 0 29 2 *', '2026-03-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
  });

  it('refuses malformed schedules with robfig/cron’s words', () => {
    expect(scheduleError('')).toBe('empty spec string');
    expect(scheduleError('* * * *')).toBe('expected exactly 5 fields, found 4: [* * * *]');
    expect(scheduleError('* * * * * *')).toBe('expected exactly 5 fields, found 6: [* * * * * *]');
    expect(scheduleError('61 * * * *')).toBe('end of range (61) above maximum (59): 61');
    expect(scheduleError('* * 0 * *')).toBe('beginning of range (0) below minimum (1): 0');
    expect(scheduleError('* * * * 7')).toBe('end of range (7) above maximum (6): 7');
    expect(scheduleError('5-2 * * * *')).toBe('beginning of range (5) beyond end of range (2): 5-2');
    expect(scheduleError('*/0 * * * *')).toBe('step of range should be a positive number: */0');
    expect(scheduleError('1-2-3 * * * *')).toBe('too many hyphens: 1-2-3');
    expect(scheduleError('*/2/3 * * * *')).toBe('too many slashes: */2/3');
    expect(scheduleError('x * * * *')).toBe('failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    expect(scheduleError('* * * foo *')).toBe('failed to parse int from foo: strconv.Atoi: parsing "foo": invalid syntax');
    expect(scheduleError('@fortnightly')).toBe('unrecognized descriptor: @fortnightly');
    expect(scheduleError('@every 1h')).toMatch(/not supported by Podscape/);
    expect(scheduleError('CRON_TZ=UTC * * * * *')).toMatch(/not supported by Podscape/);
    expect(scheduleError('0 0 31 2 *')).toBeUndefined();
  });
});

// ---- A reference matcher, written independently: it expands each field into the values it
// names and checks one minute at a time.

const BOUNDS = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
] as const;

function expand(field: string, [lo, hi]: readonly [number, number]): { values: Set<number>; any: boolean } {
  const values = new Set<number>();
  let any = false;
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let from: number;
    let to: number;
    if (range === '*') {
      [from, to] = [lo, hi];
      if (step === 1) any = true;
    } else if (range.includes('-')) [from, to] = range.split('-').map(Number);
    else [from, to] = [Number(range), stepText === undefined ? Number(range) : hi];
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return { values, any };
}

function referenceMatcher(spec: string): (d: Date) => boolean {
  const [mi, ho, dm, mo, dw] = spec.split(' ').map((f, i) => expand(f, BOUNDS[i]));
  const day = (d: Date) => {
    const a = dm.values.has(d.getUTCDate());
    const b = dw.values.has(d.getUTCDay());
    return dm.any || dw.any ? a && b : a || b;
  };
  return (d) => mi.values.has(d.getUTCMinutes()) && ho.values.has(d.getUTCHours()) && mo.values.has(d.getUTCMonth() + 1) && day(d);
}

/** The first matching minute after `from`, checking each minute (a day that cannot match is passed whole); undefined past `limitDays`. */
function referenceNext(spec: string, from: number, limitDays: number): number | undefined {
  const match = referenceMatcher(spec);
  const [, , dm, mo, dw] = spec.split(' ').map((f, i) => expand(f, BOUNDS[i]));
  const end = from + limitDays * 86_400_000;
  for (let t = Math.floor(from / 60_000) * 60_000 + 60_000; t <= end; ) {
    const d = new Date(t);
    const dayOk = mo.values.has(d.getUTCMonth() + 1) && (dm.any || dw.any ? dm.values.has(d.getUTCDate()) && dw.values.has(d.getUTCDay()) : dm.values.has(d.getUTCDate()) || dw.values.has(d.getUTCDay()));
    if (!dayOk) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      continue;
    }
    if (match(d)) return t;
    t += 60_000;
  }
  return undefined;
}

function fieldArb(lo: number, hi: number): fc.Arbitrary<string> {
  const v = fc.integer({ min: lo, max: hi });
  const element = fc.oneof(
    fc.constant('*'),
    v.map(String),
    fc.tuple(v, v).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc.integer({ min: 1, max: Math.max(1, hi - lo) }).map((s) => `*/${s}`),
    fc.tuple(v, fc.integer({ min: 1, max: 10 })).map(([a, s]) => `${a}/${s}`),
    fc.tuple(v, v, fc.integer({ min: 1, max: 5 })).map(([a, b, s]) => `${Math.min(a, b)}-${Math.max(a, b)}/${s}`),
  );
  return fc.array(element, { minLength: 1, maxLength: 3 }).map((xs) => xs.join(','));
}

describe('nextAfter against the reference matcher', () => {
  it('finds the same next minute for random schedules and start times', () => {
    const spec = fc.tuple(...BOUNDS.map(([lo, hi]) => fieldArb(lo, hi))).map((fs) => fs.join(' '));
    // Start times across 2026–2030, at any millisecond.
    const start = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2030, 11, 31) });
    fc.assert(
      fc.property(spec, start, (s, from) => {
        const got = nextAfter(parseSchedule(s), from);
        const want = referenceNext(s, from, 800);
        if (want === undefined) return got === undefined || got > from + 800 * 86_400_000;
        return got === want;
      }),
      { numRuns: 300 },
    );
  });
});
