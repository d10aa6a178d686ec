/**
 * Durations as Kubernetes and Go write them (`50s`, `1m30s`, `300ms`), read into virtual
 * milliseconds. A leaf module (no imports): the scenario config, the commands, the CLI and the
 * page (through src/scenario/duration.ts) all read durations with it.
 */

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Go's longest time.Duration (int64 nanoseconds, 2562047h47m16.854775807s) in ms: time.ParseDuration
 * refuses anything longer as an invalid duration. Past it a value is no longer a whole number of
 * ms that prints back as itself (1e24 s would be written "1e+27ms").
 */
export const MAX_DURATION_MS = 9_223_372_036_854.775;

/** A well-formed duration longer than MAX_DURATION_MS (callers with a tighter limit say theirs instead). */
export class DurationOverflowError extends Error {
  override name = 'DurationOverflowError';
}

/**
 * Parses a duration as Kubernetes and Go write it: one or more
 * `<number><unit>` with units `ms`, `s`, `m`, `h` (`50s`, `5m`, `300ms`,
 * `1m30s`, `1.5s`), or `0`. Returns milliseconds (a whole number).
 * Throws an Error whose message says what is wrong.
 */
export function parseDuration(text: string): number {
  const s = text.trim();
  // A value pasted by mistake (a whole line, a long number) is cut short in the message.
  const shown = text.length > 40 ? `${text.slice(0, 37)}…` : text;
  if (s === '0') return 0;
  if (s === '') throw new Error('empty duration');
  if (s.startsWith('-')) throw new Error(`"${shown}": a duration may not be negative`);
  const re = /(\d+(?:\.\d*)?|\.\d+)(ms|h|m|s)/y;
  let ms = 0;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) {
      const unitless = /^\d+(\.\d+)?$/.test(s.slice(pos));
      throw new Error(
        unitless
          ? `"${shown}": missing unit (write e.g. "${s.slice(pos)}s"; units are ms, s, m, h)`
          : `"${shown}" is not a duration (write e.g. "50s", "5m", "300ms", "1m30s")`,
      );
    }
    ms += Number(m[1]) * UNITS[m[2]];
    pos = re.lastIndex;
  }
  if (ms > MAX_DURATION_MS) throw new DurationOverflowError(`"${shown}" is longer than the longest duration, 2562047h47m16.854s`);
  const rounded = Math.round(ms);
  if (Math.abs(rounded - ms) > 1e-6) throw new Error(`"${shown}" is not a whole number of milliseconds`);
  return rounded;
}
