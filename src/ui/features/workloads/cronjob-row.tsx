import type { Command } from '../../../engine/commands';
import type { KubeObject } from '../../../engine/model/types';
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
 * Suspend or Resume: `kubectl patch cronjob NAME -p '{"spec":{"suspend":true}}'` changes spec.suspend
 * and nothing else. The engine has no patch command, so this reads the live CronJob and applies it
 * back with spec.suspend flipped (its other fields as they are, status left to the controller).
 */
export async function toggleSuspend(
  client: { getObject(kind: string, namespace: string | null, name: string): Promise<KubeObject | null> },
  w: WorkloadFrame,
  onCommand: (command: Command) => void,
): Promise<void> {
  const live = await client.getObject('CronJob', w.namespace, w.name);
  if (!live) return;
  const { name, namespace, labels, annotations } = live.metadata;
  const spec = { ...((live as { spec?: Record<string, unknown> }).spec ?? {}), suspend: !(w.cronJob?.suspend ?? false) };
  onCommand({ action: 'apply', object: { apiVersion: live.apiVersion, kind: 'CronJob', metadata: { name, namespace, labels, annotations }, spec } as KubeObject });
}
