import type { Command } from '../../../engine/commands';
import type { CronJobColumns, WorkloadFrame } from '../../../protocol/engine-api';
import { useOptionalRuntime, usePodscapeStore } from '../../store/podscape-store';
import { humanDuration } from '../timeline/event-log-model';

/** kubectl get cronjob's columns after NAME: SCHEDULE, TIMEZONE, SUSPEND, ACTIVE, LAST SCHEDULE (printCronJob). */
export function cronJobColumns(c: CronJobColumns, now: number): [string, string][] {
  return [
    ['Schedule', c.schedule],
    ['Time zone', c.timeZone ?? '<none>'],
    ['Suspend', c.suspend ? 'True' : 'False'],
    ['Active', String(c.active)],
    ['Last schedule', c.lastScheduleTime === null ? '<none>' : humanDuration(now - c.lastScheduleTime)],
  ];
}

/** A CronJob's columns; LAST SCHEDULE's age follows the clock (only these rows read it). */
export function CronJobCells({ cronJob }: { cronJob: CronJobColumns }) {
  const runtime = useOptionalRuntime();
  return runtime ? <LiveCronJobCells cronJob={cronJob} /> : <CronJobList columns={cronJobColumns(cronJob, 0)} />;
}

function LiveCronJobCells({ cronJob }: { cronJob: CronJobColumns }) {
  const now = usePodscapeStore((s) => s.frame?.time ?? 0);
  return <CronJobList columns={cronJobColumns(cronJob, now)} />;
}

function CronJobList({ columns }: { columns: [string, string][] }) {
  return (
    <dl className="cronjob-columns">
      {columns.map(([term, value]) => (
        <div key={term} data-cronjob-column={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Suspend or Resume: `kubectl patch cronjob NAME --type merge -p '{"spec":{"suspend":true}}'`,
 * which changes spec.suspend and nothing else (the last-applied annotation stays as it was).
 */
export function toggleSuspend(w: WorkloadFrame, onCommand: (command: Command) => void): void {
  onCommand({ action: 'patch', kind: 'CronJob', namespace: w.namespace, name: w.name, type: 'merge', patch: { spec: { suspend: !(w.cronJob?.suspend ?? false) } } });
}
