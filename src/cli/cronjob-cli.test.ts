/**
 * The CronJob controller through `podscape run` (branch cron31): run-cases/cronjob-every-minute.yaml
 * for a few virtual minutes, as an events table (a golden file, checked by hand against
 * pkg/controller/cronjob/cronjob_controllerv2.go: its header says what each line should be) and as JSON.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli, tempFiles } from './testing';

const file = tempFiles('podscape-cronjob-');

const path = (name: string) => fileURLToPath(new URL(`./run-cases/${name}`, import.meta.url));
const FIXTURE = path('cronjob-every-minute.yaml');

describe('podscape run with CronJobs', () => {
  it('prints the CronJobs’ Jobs, pods and events as the golden file has them', () => {
    const r = cli('run', FIXTURE, '--until', '3m30s', '--output', 'events');
    expect(r.code).toBe(0);
    expect(`${r.out}\n`).toBe(readFileSync(path('cronjob-every-minute.events.golden'), 'utf8'));
  });

  it('includes the CronJob status and its Jobs in --output json', () => {
    const r = cli('run', FIXTURE, '--until', '3m30s', '--output', 'json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { objects: { kind: string; metadata: { name: string; annotations?: Record<string, string> }; status?: Record<string, unknown> }[] };
    const tick = doc.objects.find((o) => o.kind === 'CronJob' && o.metadata.name === 'tick');
    expect(tick?.status).toEqual({ lastScheduleTime: '2026-01-01T00:03:00Z', lastSuccessfulTime: expect.stringMatching(/^2026-01-01T00:03:2\d/) });
    const slow = doc.objects.find((o) => o.kind === 'CronJob' && o.metadata.name === 'slow');
    expect(slow?.status?.active).toEqual([expect.objectContaining({ kind: 'Job', name: 'slow-29453762' })]);
    // successfulJobsHistoryLimit 2: the first tick Job is gone.
    expect(doc.objects.filter((o) => o.kind === 'Job' && o.metadata.name.startsWith('tick-')).map((o) => o.metadata.name)).toEqual(['tick-29453762', 'tick-29453763']);
    expect(doc.objects.find((o) => o.metadata.name === 'tick-29453763')?.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-01-01T00:03:00Z');
  });

  it('refuses an invalid schedule with the file, line and field', () => {
    const bad = file('bad.yaml', readFileSync(FIXTURE, 'utf8').replace('schedule: "* * * * *"', 'schedule: "* * * * MON-FUN"'));
    const r = cli('run', bad, '--until', '1m');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(`${bad}:24:13: spec.schedule: Invalid value: "* * * * MON-FUN": failed to parse int from FUN: strconv.Atoi: parsing "FUN": invalid syntax (in CronJob default/tick)`);
  });
});
