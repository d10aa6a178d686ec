import type { Command } from '../../engine/commands';
import type { Lesson } from './types';

const RESOURCES = { requests: { cpu: '250m', memory: '128Mi' } };

/** A Job whose pods run `runFor` and exit 1 (for the first `failingRuns` runs when given), as Podscape's annotations simulate. */
function job(name: string, spec: Record<string, unknown>, restartPolicy: 'Never' | 'OnFailure', runFor: string, failingRuns?: number): Command {
  const annotations: Record<string, string> = { 'podscape.dev/run-duration': runFor, 'podscape.dev/exit-code': '1' };
  if (failingRuns !== undefined) annotations['podscape.dev/exit-code-runs'] = String(failingRuns);
  return {
    action: 'apply',
    object: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name, namespace: 'default' },
      spec: { ...spec, template: { metadata: { annotations }, spec: { restartPolicy, containers: [{ name, image: `example.com/${name}:1.0`, resources: RESOURCES }] } } },
    },
  };
}

const onFailureJob = job('migrate-onfailure', { backoffLimit: 2 }, 'OnFailure', '5s');
const reportJob = job('report', { completions: 4, parallelism: 2 }, 'Never', '10s', 1);

const ON_FAILURE_YAML =
  '`{ apiVersion: batch/v1, kind: Job, metadata: { name: migrate-onfailure, namespace: default }, spec: { backoffLimit: 2, template: { metadata: { annotations: { podscape.dev/run-duration: 5s, podscape.dev/exit-code: "1" } }, spec: { restartPolicy: OnFailure, containers: [{ name: migrate-onfailure, image: "example.com/migrate-onfailure:1.0", resources: { requests: { cpu: 250m, memory: 128Mi } } }] } } } }`';
const REPORT_YAML =
  '`{ apiVersion: batch/v1, kind: Job, metadata: { name: report, namespace: default }, spec: { completions: 4, parallelism: 2, template: { metadata: { annotations: { podscape.dev/run-duration: 10s, podscape.dev/exit-code: "1", podscape.dev/exit-code-runs: "1" } }, spec: { restartPolicy: Never, containers: [{ name: report, image: "example.com/report:1.0", resources: { requests: { cpu: 250m, memory: 128Mi } } }] } } } }`';

/**
 * When a Job gives up (docs/fidelity.md "Containers that exit"; shared/reference/lifecycle.md
 * §3.4): with restartPolicy Never every failure is a new Failed pod, created after the
 * pod-failure back-off, and the Job fails once the failures exceed backoffLimit; with
 * OnFailure the kubelet restarts the container in place and the Job counts the restarts,
 * giving up when they reach backoffLimit; completions and parallelism bound the pods of a
 * Job that succeeds on a retry.
 */
export const jobsLesson: Lesson = {
  id: 'jobs',
  title: 'When does a Job give up?',
  summary: 'Failing Jobs with restartPolicy Never and OnFailure: count the retries backoffLimit allows, see where each retry runs, and a flaky Job that completes on a retry.',
  presetId: 'jobs',
  warmupMs: 5_000,
  steps: [
    {
      title: 'Never: a new pod for each failure',
      body: `The Job \`migrate\` runs one pod with \`restartPolicy: Never\` and \`backoffLimit: 2\`. Its container exits with code 1 five seconds after it starts.

That exit is simulated by Podscape's own annotations on the pod template, \`podscape.dev/run-duration: 5s\` and \`podscape.dev/exit-code: "1"\`. They are not Kubernetes fields (a real cluster would ignore them); what the Job controller and the kubelet do with the exit is Kubernetes' behaviour.

With \`Never\` the kubelet does not restart the container: the pod ends \`Failed\` (its card reads \`Error\`). The Job controller counts the failure and creates a new pod, after a back-off of 10 s from the failure, then 20 s, 40 s, and so on. Play a minute (or press **Step** six times).`,
      predict: {
        question: 'backoffLimit is 2. How many pods will migrate create before the Job gives up?',
        choices: ['2', '3', '7, for the default backoffLimit of 6'],
        answer: 1,
        explanation:
          '`backoffLimit` counts retries: the Job fails once its failed pods number *more* than 2. The pods are created at 0 s, 16 s and 42 s (each 10 s, then 20 s, after the previous one failed); the third fails at 48 s and the Job gets the condition `Failed` with reason `BackoffLimitExceeded` and the Warning event *BackoffLimitExceeded*, `Job has reached the specified backoff limit`. The three Failed pods stay, so that their logs can be read; nothing retries them. (The `backoffLimit` left out would be 6.)',
      },
      goals: [
        { text: 'The Job migrate gave up: BackoffLimitExceeded', check: { eventRecorded: { reason: 'BackoffLimitExceeded', object: 'Job/default/migrate' } } },
        { text: 'migrate created 3 pods, one per failure', check: { eventRecorded: { reason: 'SuccessfulCreate', object: 'Job/default/migrate', min: 3 } } },
      ],
      hints: ['Press **Step** (10 s at 10×) six times, or play the clock for a minute.', 'The event log lists the Job’s SuccessfulCreate events, Created pod: migrate-…, at 0 s, 16 s and 42 s.'],
      solution: { commands: [], advanceMs: 60_000 },
    },
    {
      title: 'OnFailure: restarts in place count too',
      body: `Now the same Job with \`restartPolicy: OnFailure\`, named \`migrate-onfailure\`: open **Apply YAML** and apply it from the hints, then play for 40 s.

With \`OnFailure\` the kubelet restarts a failed container inside the same pod, on the same node, with the container back-off of a crash loop: at once the first time, then after 10 s (the Warning *BackOff*, \`Back-off restarting failed container migrate-onfailure in pod …\`). The Job controller creates no new pod for that.`,
      predict: {
        question: 'Same backoffLimit of 2, but the failures are restarts of one pod. Does the Job give up?',
        choices: [
          'No: restarts in place are the kubelet’s business, not failures of the Job',
          'Yes: the Job counts the restarts, and gives up when they reach 2',
          'Yes, after 3 failed pods, as with Never',
        ],
        answer: 1,
        explanation:
          'The Job controller adds up the restart counts of its running pods’ containers. The second restart (at 23 s) brings the sum to `backoffLimit`: the Job stops and deletes the pod (*SuccessfulDelete*, `Deleted pod: migrate-onfailure-…`; the kubelet’s *Killing*) and fails with `BackoffLimitExceeded`. So the limit allows two retries either way; but with `OnFailure` the pod is deleted, and its logs with it, which is why a failing Job is easier to debug with `Never`.',
      },
      goals: [
        { text: 'The Job migrate-onfailure gave up: BackoffLimitExceeded', check: { eventRecorded: { reason: 'BackoffLimitExceeded', object: 'Job/default/migrate-onfailure' } } },
        {
          text: 'The kubelet restarted the container in place: a BackOff warning',
          check: { eventMessage: { reason: 'BackOff', includes: 'Back-off restarting failed container migrate-onfailure in pod migrate-onfailure-' } },
        },
        { text: 'The Job created no second pod', check: { not: { eventRecorded: { reason: 'SuccessfulCreate', object: 'Job/default/migrate-onfailure', min: 2 } } } },
      ],
      hints: [`Press **Apply YAML**, replace the example with this Job and press **Apply manifest**, then press **Step** four times: ${ON_FAILURE_YAML}`],
      solution: { commands: [onFailureJob], advanceMs: 40_000 },
    },
    {
      title: 'A flaky Job that succeeds on a retry',
      body: `Most Jobs do not fail every time. The Job \`report\` needs \`completions: 4\` successful pods and runs at most \`parallelism: 2\` at once; each run takes 10 s. Only its first run fails: Podscape's annotation \`podscape.dev/exit-code-runs: "1"\` (again not a Kubernetes field) makes the first run exit 1 and every later run exit 0. \`backoffLimit\` is left out: 6.

Apply it from the hints and play for a minute.`,
      predict: {
        question: 'completions 4, parallelism 2, and one run fails. How many pods does report create in all?',
        choices: ['4: the failed run is restarted in its pod', '5: one more pod for the failure', '8: each completion gets a spare'],
        answer: 1,
        explanation:
          'With `restartPolicy: Never` the failed pod stays Failed and counts as 1 failure (well under 6); the Job creates one more pod in its place. It never runs more than 2 at once, nor more than the completions still missing: 2 pods at 0 s; at 11 s one has failed and one succeeded, so 2 new ones at 12 s; both succeed at 23 s and the fifth pod runs alone for the last completion. The fourth success, at 35 s, completes the Job: the condition `Complete` and the event *Completed*, `Job completed`. The failed pod’s replacement came at once, with no 10 s back-off: the pod-failure back-off counts only the failures since the last success, and a pod succeeded in the same second.',
      },
      goals: [
        { text: 'The Job report completed', check: { eventRecorded: { reason: 'Completed', object: 'Job/default/report' } } },
        { text: 'report created 5 pods: 4 successes and 1 retry', check: { eventRecorded: { reason: 'SuccessfulCreate', object: 'Job/default/report', min: 5 } } },
      ],
      hints: [`Press **Apply YAML**, replace the example with this Job and press **Apply manifest**, then play for a minute: ${REPORT_YAML}`],
      solution: { commands: [reportJob], advanceMs: 60_000 },
    },
  ],
};
