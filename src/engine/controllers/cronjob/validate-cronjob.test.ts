import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/types';
import { validateObjects } from '../../model/validate';

function cronJob(spec: Record<string, unknown>, name = 'c'): KubeObject {
  const template = { spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox' }] } };
  return { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name, namespace: 'default' }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template } }, ...spec } } as unknown as KubeObject;
}
const errors = (o: KubeObject) => validateObjects([o]).map((e) => `${e.field}: ${e.message}`);

describe('CronJob validation', () => {
  it('accepts a valid CronJob, with UTC or Etc/UTC', () => {
    expect(errors(cronJob({}))).toEqual([]);
    expect(errors(cronJob({ timeZone: 'Etc/UTC', schedule: '@daily', concurrencyPolicy: 'Replace', startingDeadlineSeconds: 0 }))).toEqual([]);
  });

  it('refuses a bad schedule, time zone, policy or limit, naming the field', () => {
    expect(errors(cronJob({ schedule: '* * *' }))).toEqual(['spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]']);
    expect(errors(cronJob({ schedule: '' }))).toEqual(['spec.schedule: Required value']);
    expect(errors(cronJob({ schedule: 'TZ=UTC * * * * *' }))).toEqual(['spec.schedule: Invalid value: "TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead']);
    expect(errors(cronJob({ timeZone: 'Local' }))).toEqual(['spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones']);
    expect(errors(cronJob({ timeZone: 'America/New_York' }))).toEqual(['spec.timeZone: Unsupported value: "America/New_York": Podscape runs CronJobs in UTC only: supported values: "UTC", "Etc/UTC"']);
    expect(errors(cronJob({ concurrencyPolicy: 'Sometimes' }))).toEqual(['spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"']);
    expect(errors(cronJob({ failedJobsHistoryLimit: -1 }))).toEqual(['spec.failedJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0']);
    expect(errors(cronJob({}, 'x'.repeat(53)))).toEqual([`metadata.name: Invalid value: "${'x'.repeat(53)}": must be no more than 52 characters`]);
  });

  it('checks the job template as a Job', () => {
    const o = cronJob({});
    (o as unknown as { spec: { jobTemplate: { spec: { template: { spec: { restartPolicy: string } } } } } }).spec.jobTemplate.spec.template.spec.restartPolicy = 'Always';
    expect(errors(o)).toEqual(['spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
    expect(errors(cronJob({ jobTemplate: undefined }))).toEqual(['spec.jobTemplate: Required value']);
  });
});
