/**
 * What the API server refuses in a CronJob's own fields (validateCronJobSpec and
 * ValidateCronJobCreate in pkg/apis/batch/validation/validation.go), with upstream's words; the
 * job template is checked as a Job by model/validate.ts.
 *
 * Simplified: `spec.timeZone` may only be `UTC` or `Etc/UTC` (Podscape has no time zone
 * database); any other IANA name is refused with a Podscape message.
 */
import { isObj } from '../../model/is-object';
import { scheduleError } from './schedule';

export interface FieldError {
  field: string;
  message: string;
}

/** The time zones Podscape runs CronJobs in. */
export const SUPPORTED_TIME_ZONES = ['UTC', 'Etc/UTC'];

/** validateCronJobSpec: the longest CronJob name (a Job name gets `-` and 11 digits). */
const MAX_NAME = 52;

function nonNegative(spec: Record<string, unknown>, f: string, errs: FieldError[]): void {
  const v = spec[f];
  if (v === undefined || v === null) return;
  if (typeof v !== 'number' || !Number.isInteger(v)) errs.push({ field: `spec.${f}`, message: `Invalid value: ${JSON.stringify(v)}: must be an integer` });
  else if (v < 0) errs.push({ field: `spec.${f}`, message: `Invalid value: ${v}: must be greater than or equal to 0` });
}

export function validateCronJob(o: { metadata: { name?: string }; spec?: unknown }): FieldError[] {
  const errs: FieldError[] = [];
  const name = o.metadata.name ?? '';
  if (name.length > MAX_NAME) errs.push({ field: 'metadata.name', message: `Invalid value: ${JSON.stringify(name)}: must be no more than ${MAX_NAME} characters` });
  const spec = o.spec;
  if (!isObj(spec)) return [...errs, { field: 'spec', message: 'Required value' }];
  const schedule = spec.schedule;
  if (schedule === undefined || schedule === null || schedule === '') errs.push({ field: 'spec.schedule', message: 'Required value' });
  else if (typeof schedule !== 'string') errs.push({ field: 'spec.schedule', message: `Invalid value: ${JSON.stringify(schedule)}: must be a string` });
  else if (schedule.includes('TZ')) errs.push({ field: 'spec.schedule', message: `Invalid value: ${JSON.stringify(schedule)}: cannot use TZ or CRON_TZ in schedule, use timeZone field instead` });
  else {
    const why = scheduleError(schedule);
    if (why !== undefined) errs.push({ field: 'spec.schedule', message: `Invalid value: ${JSON.stringify(schedule)}: ${why}` });
  }
  const tz = spec.timeZone;
  if (tz !== undefined && tz !== null) {
    if (typeof tz !== 'string') errs.push({ field: 'spec.timeZone', message: `Invalid value: ${JSON.stringify(tz)}: must be a string` });
    else if (tz.toLowerCase() === 'local') errs.push({ field: 'spec.timeZone', message: `Invalid value: ${JSON.stringify(tz)}: timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones` });
    else if (!SUPPORTED_TIME_ZONES.includes(tz)) {
      errs.push({ field: 'spec.timeZone', message: `Unsupported value: ${JSON.stringify(tz)}: Podscape runs CronJobs in UTC only: supported values: "UTC", "Etc/UTC"` });
    }
  }
  const policy = spec.concurrencyPolicy;
  if (policy !== undefined && policy !== null && policy !== 'Allow' && policy !== 'Forbid' && policy !== 'Replace') {
    errs.push({ field: 'spec.concurrencyPolicy', message: `Unsupported value: ${JSON.stringify(policy)}: supported values: "Allow", "Forbid", "Replace"` });
  }
  for (const f of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) nonNegative(spec, f, errs);
  if (spec.suspend !== undefined && spec.suspend !== null && typeof spec.suspend !== 'boolean') errs.push({ field: 'spec.suspend', message: `Invalid value: ${JSON.stringify(spec.suspend)}: must be a boolean` });
  if (!isObj(spec.jobTemplate)) errs.push({ field: 'spec.jobTemplate', message: 'Required value' });
  return errs;
}
