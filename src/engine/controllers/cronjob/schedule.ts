/**
 * A CronJob's `spec.schedule`, read as upstream reads it: the CronJob controller and the API
 * server's validation both call `cron.ParseStandard` from github.com/robfig/cron/v3. That is the
 * standard five fields (minute, hour, day of month, month, day of week) with `*`, `?`, ranges
 * `a-b`, steps `/n`, lists `a,b`, the names `jan`…`dec` and `sun`…`sat` (any case), and the
 * descriptors `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`.
 * As in robfig/cron, when the day-of-month or the day-of-week field is `*` (or `?`, or `*` with
 * a step of 1) a day must match both; otherwise it may match either.
 *
 * Simplified: `@every <duration>` (which upstream accepts) and a `TZ=`/`CRON_TZ=` prefix (which
 * the API server refuses on create since v1.27) are refused with a Podscape message; and every
 * schedule runs in UTC (see validate-cronjob.ts for `spec.timeZone`).
 *
 * `next` works on Unix milliseconds (UTC wall time), like robfig's SpecSchedule.Next.
 */

export class CronParseError extends Error {}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const DOWS: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };
const FIELDS: Bounds[] = [{ min: 0, max: 59 }, { min: 0, max: 23 }, { min: 1, max: 31 }, MONTHS, DOWS];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** One field: which values match, and whether it was written as "any" (robfig's starBit). */
interface Field {
  set: boolean[];
  star: boolean;
}

export interface CronSchedule {
  readonly minute: readonly boolean[];
  readonly hour: readonly boolean[];
  readonly dom: readonly boolean[];
  readonly month: readonly boolean[];
  readonly dow: readonly boolean[];
  readonly domStar: boolean;
  readonly dowStar: boolean;
}

/** strconv.Atoi as robfig's mustParseInt calls it, with its words. */
function mustParseInt(expr: string): number {
  if (!/^[+-]?[0-9]+$/.test(expr)) throw new CronParseError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = Number(expr);
  if (n < 0) throw new CronParseError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, b: Bounds): number {
  const named = b.names?.[expr.toLowerCase()];
  return named !== undefined ? named : mustParseInt(expr);
}

/** robfig's getRange: one list element into the field's set. */
function addRange(expr: string, b: Bounds, f: Field): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0], b);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], b);
    else throw new CronParseError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    // "N/step" means "N-max/step".
    if (singleDigit) end = b.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) throw new CronParseError(`too many slashes: ${expr}`);
  if (start < b.min) throw new CronParseError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new CronParseError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronParseError(`step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) f.set[v] = true;
  if (star) f.star = true;
}

/** robfig's getField: a comma list (empty elements skipped, as strings.FieldsFunc does). */
function parseField(text: string, b: Bounds): Field {
  const f: Field = { set: new Array<boolean>(b.max + 1).fill(false), star: false };
  for (const expr of text.split(',')) if (expr !== '') addRange(expr, b, f);
  return f;
}

/** cron.ParseStandard; throws CronParseError with robfig's (or, for what Podscape refuses, Podscape's) words. */
export function parseSchedule(spec: string): CronSchedule {
  if (spec.length === 0) throw new CronParseError('empty spec string');
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) throw new CronParseError('a TZ= or CRON_TZ= prefix is not supported by Podscape; use spec.timeZone');
  let text = spec;
  if (spec.startsWith('@')) {
    if (spec.startsWith('@every ')) throw new CronParseError(`@every schedules are not supported by Podscape: ${spec}`);
    const d = DESCRIPTORS[spec];
    if (d === undefined) throw new CronParseError(`unrecognized descriptor: ${spec}`);
    text = d;
  }
  const fields = text.split(/\s+/).filter((s) => s !== '');
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const [minute, hour, dom, month, dow] = fields.map((t, i) => parseField(t, FIELDS[i]));
  return { minute: minute.set, hour: hour.set, dom: dom.set, month: month.set, dow: dow.set, domStar: dom.star, dowStar: dow.star };
}

/** The parse error's message, or undefined when `spec` parses. */
export function scheduleError(spec: string): string | undefined {
  try {
    parseSchedule(spec);
    return undefined;
  } catch (e) {
    if (e instanceof CronParseError) return e.message;
    throw e;
  }
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** robfig's dayMatches. */
export function dayMatches(s: CronSchedule, d: Date): boolean {
  const domMatch = s.dom[d.getUTCDate()];
  const dowMatch = s.dow[d.getUTCDay()];
  return s.domStar || s.dowStar ? domMatch && dowMatch : domMatch || dowMatch;
}

/**
 * SpecSchedule.Next in UTC: the first whole minute strictly after `unixMs` that the schedule
 * matches, or undefined when there is none within five years (robfig returns the zero time,
 * as for `0 0 31 2 *`).
 */
export function nextAfter(s: CronSchedule, unixMs: number): number | undefined {
  // Start at the next whole second (robfig), then, the seconds field being 0, at a minute.
  let t = Math.floor(unixMs / 1000) * 1000 + 1000;
  const yearLimit = new Date(t).getUTCFullYear() + 5;
  let added = false;
  for (;;) {
    let d = new Date(t);
    if (d.getUTCFullYear() > yearLimit) return undefined;
    let wrapped = false;
    while (!s.month[d.getUTCMonth() + 1]) {
      if (!added) {
        added = true;
        t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
      }
      d = new Date(t);
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      d = new Date(t);
      if (d.getUTCMonth() === 0) {
        wrapped = true;
        break;
      }
    }
    if (wrapped) continue;
    while (!dayMatches(s, d)) {
      if (!added) {
        added = true;
        t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      }
      t += DAY;
      d = new Date(t);
      if (d.getUTCDate() === 1) {
        wrapped = true;
        break;
      }
    }
    if (wrapped) continue;
    while (!s.hour[d.getUTCHours()]) {
      if (!added) {
        added = true;
        t = Math.floor(t / HOUR) * HOUR;
      }
      t += HOUR;
      d = new Date(t);
      if (d.getUTCHours() === 0) {
        wrapped = true;
        break;
      }
    }
    if (wrapped) continue;
    while (!s.minute[d.getUTCMinutes()]) {
      if (!added) {
        added = true;
        t = Math.floor(t / MINUTE) * MINUTE;
      }
      t += MINUTE;
      d = new Date(t);
      if (d.getUTCMinutes() === 0) {
        wrapped = true;
        break;
      }
    }
    if (wrapped) continue;
    // The seconds field: only second 0 matches; the next minute is checked from the top again.
    if (d.getUTCSeconds() !== 0) {
      added = true;
      t = Math.floor(t / MINUTE) * MINUTE + MINUTE;
      continue;
    }
    return t;
  }
}
