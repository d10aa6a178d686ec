/**
 * Virtual time ↔ the timestamps Kubernetes objects carry, and virtual time
 * as people read it (`5m57s`). Virtual time 0 is a fixed instant, so the same
 * run always writes the same timestamps.
 */
import type { VirtualTime } from '../sim/contracts';

/** The wall-clock instant virtual time 0 stands for: 2026-01-01T00:00:00Z. */
export const EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

/**
 * RFC 3339 timestamp of a virtual time, as the API server writes it
 * (`2026-01-01T00:05:57Z`); sub-second times keep their milliseconds
 * (`2026-01-01T00:05:57.100Z`) so they convert back exactly.
 */
export function toTimestamp(t: VirtualTime): string {
  const ms = Math.round(t);
  if (ms === lastMs) return lastStamp;
  const at = EPOCH_MS + ms;
  // Out of Date's range: Date's RangeError. Checked on every call, not only on a new day: the
  // last day Date holds (+10^8 days) also holds the first milliseconds past the range.
  if (!(Math.abs(at) <= MAX_DATE_MS)) return isoTimestamp(ms);
  const day = Math.floor(at / DAY_MS);
  // The date part (`2026-01-01T`) from Date once per day; the time of day by arithmetic.
  if (day !== lastDay) {
    lastDay = day;
    lastDayPrefix = new Date(day * DAY_MS).toISOString().slice(0, -13);
  }
  const inDay = at - day * DAY_MS;
  const milli = inDay % 1000;
  const sec = (inDay - milli) / 1000;
  lastMs = ms;
  lastStamp = `${lastDayPrefix}${two(Math.floor(sec / 3600))}:${two(Math.floor(sec / 60) % 60)}:${two(sec % 60)}${milli === 0 ? '' : milli < 10 ? `.00${milli}` : milli < 100 ? `.0${milli}` : `.${milli}`}Z`;
  return lastStamp;
}
// Many writes happen at the same virtual instant: remember the last conversion.
let lastMs = NaN;
let lastStamp = '';
let lastDay = NaN;
let lastDayPrefix = '';
const DAY_MS = 86_400_000;
/** The largest |time| a Date holds (ECMAScript time values: ±10^8 days). */
const MAX_DATE_MS = 8.64e15;
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** toTimestamp through Date.toISOString (the reference; out-of-range times throw its RangeError). */
export function isoTimestamp(ms: number): string {
  const iso = new Date(EPOCH_MS + ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** The virtual time of an RFC 3339 timestamp, or undefined if it does not parse. */
export function fromTimestamp(ts: string | undefined | null): VirtualTime | undefined {
  if (typeof ts !== 'string' || ts === '') return undefined;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms - EPOCH_MS;
}

/**
 * A duration as Go's time.Duration prints it, truncated to whole seconds:
 * `0s`, `52s`, `5m57s`, `1h0m5s`. Negative durations get a leading `-`.
 */
export function formatDuration(ms: number): string {
  if (ms < 0) return `-${formatDuration(-ms)}`;
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}
