import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { WorkloadFrame } from '../../../protocol/engine-api';
import fc from 'fast-check';
import type { Command } from '../../../engine/commands';
import { cronJobColumns, CronJobCells, toggleSuspend } from './cronjob-row';
import { rowChunks, sameRows, WorkloadTable } from './WorkloadsPanel';

const w = (over: Partial<WorkloadFrame>): WorkloadFrame => ({
  kind: 'Deployment',
  namespace: 'default',
  name: 'web',
  desired: 3,
  ready: 2,
  available: 2,
  selector: 'app=web',
  scalable: true,
  ...over,
});
const labels = (html: string) => [...html.matchAll(/aria-label="([^"]+)"/g)].map((m) => m[1]);

describe('CronJob rows', () => {
  const cron = { schedule: '*/5 * * * *', timeZone: null, suspend: false, active: 1, lastScheduleTime: 120_000 };

  it("prints kubectl get cronjob's columns, LAST SCHEDULE as an age", () => {
    expect(cronJobColumns(cron, 125_000)).toEqual([
      ['Schedule', '*/5 * * * *'],
      ['Time zone', '<none>'],
      ['Suspend', 'False'],
      ['Active', '1'],
      ['Last schedule', '5s'],
    ]);
    expect(cronJobColumns({ ...cron, timeZone: 'Europe/Paris', suspend: true, lastScheduleTime: null }, 0).map(([, v]) => v)).toEqual(['*/5 * * * *', 'Europe/Paris', 'True', '1', '<none>']);
    expect(cronJobColumns(cron, 120_000 + 3 * 3_600_000)[4][1]).toBe('3h');
  });

  it('shows the columns in place of the replica counts, with Inspect and Delete', () => {
    const html = renderToStaticMarkup(<WorkloadTable workloads={[w({ kind: 'CronJob', name: 'tick', scalable: false, selector: '<none>', desired: 1, cronJob: { ...cron, lastScheduleTime: null } })]} onCommand={() => {}} />);
    expect(labels(html)).toEqual(['Inspect CronJob tick', 'Delete CronJob tick']);
    expect(html).toContain('data-workload="CronJob/default/tick"');
    // The columns' code is fetched with the first CronJob: until then the cell holds the schedule.
    expect(html).toContain('<td colSpan="4">');
    expect(html).toContain('*/5 * * * *');
    const cells = renderToStaticMarkup(<CronJobCells cronJob={{ ...cron, lastScheduleTime: null }} />);
    expect(cells).toMatch(/^<dl class="cronjob-columns">/);
    expect(cells).toContain('<div data-cronjob-column="Schedule"><dt>Schedule</dt><dd>*/5 * * * *</dd></div>');
    expect(html).not.toContain('Replicas of');
  });

  it('Suspend and Resume send a merge patch of spec.suspend alone (kubectl patch), the opposite of the row\'s state', () => {
    const sent: Command[] = [];
    toggleSuspend(w({ kind: 'CronJob', name: 'tick', cronJob: cron }), (c) => sent.push(c));
    toggleSuspend(w({ kind: 'CronJob', name: 'tick', cronJob: { ...cron, suspend: true } }), (c) => sent.push(c));
    expect(sent).toEqual([
      { action: 'patch', kind: 'CronJob', namespace: 'default', name: 'tick', type: 'merge', patch: { spec: { suspend: true } } },
      { action: 'patch', kind: 'CronJob', namespace: 'default', name: 'tick', type: 'merge', patch: { spec: { suspend: false } } },
    ]);
  });
});

describe('WorkloadTable', () => {
  it('offers Inspect for every workload, Scale down/up for scalable kinds and Delete for every workload', () => {
    const html = renderToStaticMarkup(<WorkloadTable workloads={[w({}), w({ kind: 'DaemonSet', name: 'logs', scalable: false }), w({ kind: 'Job', name: 'batch', scalable: false, available: 1 })]} onCommand={() => {}} />);
    expect(labels(html)).toEqual([
      'Inspect Deployment web',
      'Scale Deployment web down',
      'Replicas of Deployment web',
      'Scale Deployment web up',
      'Delete Deployment web',
      'Inspect DaemonSet logs',
      'Delete DaemonSet logs',
      'Inspect Job batch',
      'Delete Job batch',
    ]);
    expect(html).toContain('data-workload="Deployment/default/web"');
    expect(html).toContain('1 succeeded');
  });

  it('cannot scale below zero and says when there is nothing', () => {
    const html = renderToStaticMarkup(<WorkloadTable workloads={[w({ desired: 0 })]} onCommand={() => {}} />);
    expect(html).toMatch(/<button type="button" aria-label="Scale Deployment web down" disabled=""/);
    expect(renderToStaticMarkup(<WorkloadTable workloads={[]} onCommand={() => {}} />)).toContain('No workloads.');
  });

  it('marks its rows to be skipped when told the section is off screen, and renders every row statically', () => {
    const many = Array.from({ length: 120 }, (_, i) => w({ name: `web-${i}` }));
    const skipped = renderToStaticMarkup(<WorkloadTable workloads={many} onCommand={() => {}} skip />);
    expect(skipped).toMatch(/^<div class="workload-rows off-screen"><table/);
    expect(skipped.match(/data-workload=/g)).toHaveLength(120);
    expect(renderToStaticMarkup(<WorkloadTable workloads={many} onCommand={() => {}} />)).toMatch(/^<div class="workload-rows"><table/);
  });

  it('renders the rows in chunks of 50, every row once and in order', () => {
    expect(rowChunks(0)).toEqual([]);
    expect(rowChunks(50)).toEqual([0]);
    expect(rowChunks(120)).toEqual([0, 50, 100]);
    const many = Array.from({ length: 120 }, (_, i) => w({ name: `web-${i}` }));
    const html = renderToStaticMarkup(<WorkloadTable workloads={many} onCommand={() => {}} />);
    expect([...html.matchAll(/data-workload="Deployment\/default\/([^"]+)"/g)].map((m) => m[1])).toEqual(many.map((x) => x.name));
  });

  it('re-renders a chunk exactly when one of its rows is another object (fast-check)', () => {
    const onCommand = () => {};
    const other = () => {};
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.nat(119), fc.array(fc.nat(119), { maxLength: 4 }), (length, at, changed) => {
        const before = Array.from({ length }, (_, i) => w({ name: `web-${i}` }));
        const after = before.slice();
        for (const i of changed) if (i < length) after[i] = { ...after[i] };
        const start = Math.min(at, length - 1);
        const end = Math.min(length, start + 50);
        const a = { workloads: before, start, end, onCommand };
        const expected = before.slice(start, end).every((x, i) => x === after[start + i]);
        expect(sameRows(a, { ...a, workloads: after })).toBe(expected);
        expect(sameRows(a, { ...a, workloads: before })).toBe(true);
        expect(sameRows(a, { ...a, end: end - 1 })).toBe(false);
        expect(sameRows(a, { ...a, onCommand: other })).toBe(false);
      }),
    );
  });
});
