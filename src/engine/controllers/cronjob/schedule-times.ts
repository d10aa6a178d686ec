/**
 * The CronJob controller's time arithmetic (pkg/controller/cronjob/utils.go: mostRecentScheduleTime,
 * nextScheduleTime, nextScheduleTimeDuration), on Unix milliseconds in UTC.
 */
import { nextAfter, type CronSchedule } from './schedule';

/** nextScheduleDelta: the controller syncs this long after a scheduled time. */
export const NEXT_SCHEDULE_DELTA = 100;

/** More missed start times than this and the controller warns (TooManyMissedTimes). */
const MANY_MISSED = 100;

export interface MostRecent {
  /** The time the search started from: the last schedule time, the creation time, or now − startingDeadlineSeconds. */
  earliest: number;
  /** The latest schedule time in (earliest, now], if any. */
  recent?: number;
  missed: 'none' | 'few' | 'many';
  /** Set when two consecutive schedule times are not at least a second apart (or there are none). */
  error?: string;
}

export interface CronTimes {
  /** creationTimestamp, Unix ms. */
  created: number;
  /** status.lastScheduleTime, Unix ms. */
  lastSchedule?: number;
  startingDeadlineSeconds?: number;
}

/** mostRecentScheduleTime. */
export function mostRecentScheduleTime(cj: CronTimes, now: number, s: CronSchedule, withDeadline: boolean): MostRecent {
  let earliest = cj.lastSchedule ?? cj.created;
  if (withDeadline && cj.startingDeadlineSeconds !== undefined) {
    // The controller schedules nothing before this point.
    const deadline = now - cj.startingDeadlineSeconds * 1000;
    if (deadline > earliest) earliest = deadline;
  }
  const invalid = { earliest, missed: 'none' as const, error: 'time difference between two schedules is less than 1 second' };
  const t1 = nextAfter(s, earliest);
  if (t1 === undefined) return invalid;
  if (now < t1) return { earliest, missed: 'none' };
  const t2 = nextAfter(s, t1);
  if (t2 === undefined) return invalid;
  if (now < t2) return { earliest, recent: t1, missed: 'none' };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return invalid;
  // A rough count: how many intervals like the first fit between t1 and now.
  const elapsed = Math.trunc((now - t1) / 1000);
  const missedCount = Math.trunc(elapsed / between) + 1;
  // Start two intervals back from the estimate and walk forward, for irregular schedules.
  const potentialEarliest = t1 + (missedCount - 2) * between * 1000;
  let recent: number | undefined;
  for (let t = nextAfter(s, potentialEarliest); t !== undefined && t <= now; t = nextAfter(s, t)) recent = t;
  const missed = missedCount > MANY_MISSED ? 'many' : 'few';
  return recent === undefined ? { earliest, missed } : { earliest, recent, missed };
}

/** nextScheduleTimeDuration: how long until the sync after the next schedule time (undefined: none within five years). */
export function nextScheduleDelay(cj: CronTimes, now: number, s: CronSchedule): number | undefined {
  const m = mostRecentScheduleTime(cj, now, s, false);
  const base = m.error !== undefined ? now : (m.recent ?? m.earliest);
  const next = nextAfter(s, base);
  return next === undefined ? undefined : next + NEXT_SCHEDULE_DELTA - now;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** Go's time.RFC1123Z layout in UTC: `Thu, 01 Jan 2026 00:01:00 +0000`. */
export function rfc1123z(unixMs: number): string {
  const d = new Date(unixMs);
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** Go's time.RFC3339 in UTC (whole seconds): `2026-01-01T00:01:00Z`. */
export function rfc3339(unixMs: number): string {
  return `${new Date(Math.floor(unixMs / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}
