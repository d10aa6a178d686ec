import type { Command } from '../../engine/commands';
import type { KubeObject } from '../../engine/model/types';
import type { Lesson } from './types';

type Variant = 'replace' | 'suspended' | 'resumed';

const policyOf = { replace: 'Replace', suspended: 'Replace', resumed: 'Forbid' } as const;

/** The preset's CronJob `report` with another concurrencyPolicy and suspend: the object a solution applies. */
function cronJobObject(v: Variant): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'report', namespace: 'default' },
    spec: {
      schedule: '* * * * *',
      concurrencyPolicy: policyOf[v],
      suspend: v === 'suspended',
      successfulJobsHistoryLimit: 2,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        spec: {
          template: {
            metadata: { annotations: { 'podscape.dev/run-duration': '90s' } },
            spec: {
              restartPolicy: 'Never',
              containers: [{ name: 'report', image: 'example.com/report:1.0', resources: { requests: { cpu: '250m', memory: '128Mi' } } }],
            },
          },
        },
      },
    },
  } as KubeObject;
}

/** The same CronJob as a hint's one-line YAML (a test parses it back to cronJobObject). */
const cronJobYaml = (v: Variant) =>
  `{ apiVersion: batch/v1, kind: CronJob, metadata: { name: report, namespace: default }, spec: { schedule: "* * * * *", concurrencyPolicy: ${policyOf[v]}, suspend: ${v === 'suspended'}, successfulJobsHistoryLimit: 2, failedJobsHistoryLimit: 1, jobTemplate: { spec: { template: { metadata: { annotations: { podscape.dev/run-duration: 90s } }, spec: { restartPolicy: Never, containers: [{ name: report, image: "example.com/report:1.0", resources: { requests: { cpu: 250m, memory: 128Mi } } }] } } } } } }`;

export const cronJobObjects: Record<Variant, { yaml: string; object: KubeObject }> = {
  replace: { yaml: cronJobYaml('replace'), object: cronJobObject('replace') },
  suspended: { yaml: cronJobYaml('suspended'), object: cronJobObject('suspended') },
  resumed: { yaml: cronJobYaml('resumed'), object: cronJobObject('resumed') },
};

const apply = (v: Variant): Command => ({ action: 'apply', object: cronJobObjects[v].object });
const hint = (v: Variant, then: string) => `Press **Apply YAML**, replace the example with this CronJob, press **Apply manifest**, then ${then}: \`${cronJobObjects[v].yaml}\``;

const CJ = 'CronJob/default/report';

/**
 * CronJobs (round 32; docs/fidelity.md "The CronJob controller"): a schedule read in the
 * virtual clock's UTC, Jobs named after their scheduled minute, Forbid skipping and starting
 * late, Replace deleting the running Job, suspend stopping new runs only, and the history limit.
 */
export const cronJobsLesson: Lesson = {
  id: 'cronjobs',
  title: 'CronJobs: runs that overlap',
  summary: 'A CronJob every minute whose Jobs take 90 s: see Forbid skip and start late, Replace delete the running Job, suspend stop new runs, and the history limit clean up.',
  presetId: 'cronjob',
  warmupMs: 5_000,
  steps: [
    {
      title: 'A run that outlasts its minute',
      body: `The CronJob \`report\` has the schedule \`* * * * *\`: five fields, minute, hour, day of month, month and day of week, each \`*\` for "every". The controller reads it in its own time zone (UTC here; a CronJob may name another in \`spec.timeZone\`), and Podscape's clock starts at **2026-01-01 00:00:00 UTC**.

At each scheduled time the controller creates a Job named after that time: the CronJob's name and the minutes since 1970-01-01 UTC. 00:01 is minute 29453761, so the first Job is \`report-29453761\`. Each run takes 90 s (Podscape's annotation \`podscape.dev/run-duration\` on the job template, which a real cluster would ignore), longer than the minute between runs; \`concurrencyPolicy: Forbid\` says what happens then.

Play to about 00:02:45 (press **Step** sixteen times at 10×) and read the CronJob's events.`,
      predict: {
        question: 'At 00:02 the 00:01 run is still going, under Forbid. What happens to the 00:02 run?',
        choices: [
          'It starts anyway: two Jobs run side by side',
          'It is skipped for good: the next run is at 00:03',
          'It waits: the controller starts it late, when the running Job completes',
        ],
        answer: 2,
        explanation:
          'Forbid never runs two Jobs at once. At 00:02 the controller records `JobAlreadyActive` (`Not starting job because prior execution is running and concurrency policy is Forbid`) and creates nothing, but the 00:02 time is still missed, not lost: when `report-29453761` completes (about 00:02:32) the controller sees it (`SawCompletedJob`) and starts the most recent missed time at once, `report-29453762`, late. When more than one time was missed, only the most recent one runs: 00:03 is dropped when 00:04 comes while the second run is still going. (With `startingDeadlineSeconds` set, a run later than that deadline is not started at all.)',
      },
      goals: [
        { text: 'The controller skipped a run: JobAlreadyActive', check: { eventRecorded: { reason: 'JobAlreadyActive', object: CJ } } },
        { text: 'The 00:02 run started late, as Job report-29453762', check: { eventMessage: { reason: 'SuccessfulCreate', object: CJ, includes: 'Created job report-29453762' } } },
      ],
      hints: ['Press **Step** sixteen times, or play the clock to 2m45s: the first Job at 1m0s, the skip at 2m0s, the late one at about 2m32s.'],
      solution: { commands: [], advanceMs: 160_000 },
    },
    {
      title: 'Replace the running Job',
      body: `\`concurrencyPolicy: Replace\` makes the other choice: at each scheduled time, a Job still running is deleted (with its pod) and the new one starts on time.

Apply the CronJob in the hints (the same one, with \`Replace\`) and play past the next two minutes.`,
      predict: {
        question: 'Under Replace, how many of the 90-second runs complete?',
        choices: ['Every one: Replace only starts them on time', 'None: each is deleted at the next minute, 60 s into its 90 s', 'Every other one'],
        answer: 1,
        explanation:
          'At each minute the controller deletes the active Job (`SuccessfulDelete`, `Deleted job report-…`; the Job’s pod is deleted with it) and creates the new one (`SuccessfulCreate`). A run that needs 90 s never gets them: Replace suits work where only the newest run matters and an old one may be thrown away. Forbid suits work that must not overlap; `Allow`, the default, lets runs pile up side by side.',
      },
      goals: [
        { text: 'The controller deleted a running Job to start the next one', check: { eventRecorded: { reason: 'SuccessfulDelete', object: CJ } } },
        { text: 'At least 4 Jobs have been started', check: { eventRecorded: { reason: 'SuccessfulCreate', object: CJ, min: 4 } } },
      ],
      hints: [hint('replace', 'press **Step** ten times (the next two minutes)')],
      solution: { commands: [apply('replace')], advanceMs: 100_000 },
    },
    {
      title: 'Suspend it',
      body: `\`spec.suspend: true\` pauses a CronJob: the controller starts no new Job. Apply the CronJob in the hints (\`suspend: true\`) and play two minutes, watching the Workloads panel's CronJob row (SUSPEND, ACTIVE).`,
      predict: {
        question: 'A Job is running when you suspend the CronJob. What happens to it?',
        choices: ['It is deleted at once', 'It runs to the end: suspend only stops new runs', 'It is paused until the CronJob is resumed'],
        answer: 1,
        explanation:
          'Suspending a CronJob stops the controller from creating Jobs; the Jobs it already created are on their own and complete as usual (a Job has its own `spec.suspend` to pause it). The scheduled times keep passing while it is suspended; they are counted as missed.',
      },
      goals: [{ text: 'report is suspended and no Job of it is running', check: { cronJob: { name: 'report', suspend: true, maxActive: 0 } } }],
      hints: [hint('suspended', 'press **Step** twelve times (two minutes)')],
      solution: { commands: [apply('suspended')], advanceMs: 120_000 },
    },
    {
      title: 'Resume, and the history',
      body: `Apply the CronJob in the hints: \`suspend: false\` and \`Forbid\` again. Then play about two minutes.

\`successfulJobsHistoryLimit: 2\` keeps the two newest completed Jobs (with their pods, so that their logs can be read); when a third completes, the controller deletes the oldest. \`failedJobsHistoryLimit: 1\` does the same for failed ones. The defaults are 3 and 1.`,
      predict: {
        question: 'Several scheduled minutes passed while report was suspended. What happens when it is resumed?',
        choices: [
          'Every missed run starts, one after another',
          'Nothing until the next whole minute',
          'One Job starts at once, for the most recent missed minute',
        ],
        answer: 2,
        explanation:
          'Without `startingDeadlineSeconds` the controller looks back at the times it missed and starts only the most recent, at once: a late run, like the one Forbid started in step 1. Had it missed more than 100 times, it would also record a `TooManyMissedTimes` warning. With a `startingDeadlineSeconds` shorter than the time since that minute, it would start nothing until the next one.',
      },
      goals: [
        { text: 'report is not suspended, and a Job of it has run since', check: { all: [{ cronJob: { name: 'report', suspend: false } }, { eventRecorded: { reason: 'SawCompletedJob', object: CJ, min: 3 } }] } },
        { text: 'At most 2 completed Jobs are kept, and 1 running: 3 Jobs of report at most', check: { workloadCount: { kind: 'Job', prefix: 'report-', max: 3 } } },
        { text: 'The history limit deleted the oldest completed Job, report-29453761', check: { eventMessage: { reason: 'SuccessfulDelete', object: CJ, includes: 'Deleted job report-29453761' } } },
      ],
      hints: [hint('resumed', 'press **Step** twelve times (two minutes)')],
      solution: { commands: [apply('resumed')], advanceMs: 120_000 },
    },
  ],
};
