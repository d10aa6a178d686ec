import type { Command } from '../../engine/commands';
import type { Lesson } from './types';

/** The preset's crash-looping ReplicaSet (api:1.0) and the one the fixed template (api:1.1) makes: a pod-template-hash names each. */
const OLD_RS = 'api-599956c49d';
const NEW_RS = 'api-ccb6fcfbb';

/** The fixed Deployment: a new image, and no Podscape exit annotations, so its containers keep running. */
const fixedApi: Command = {
  action: 'apply',
  object: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'default' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'api' } },
      template: {
        metadata: { labels: { app: 'api' } },
        spec: { containers: [{ name: 'api', image: 'example.com/api:1.1', resources: { requests: { cpu: '250m', memory: '256Mi' } } }] },
      },
    },
  },
};

const FIXED_YAML =
  '`{ apiVersion: apps/v1, kind: Deployment, metadata: { name: api, namespace: default }, spec: { replicas: 3, selector: { matchLabels: { app: api } }, template: { metadata: { labels: { app: api } }, spec: { containers: [{ name: api, image: "example.com/api:1.1", resources: { requests: { cpu: 250m, memory: 256Mi } } }] } } } }`';

/**
 * A crash loop (the kubelet's container restarts and CrashLoopBackOff, docs/fidelity.md
 * "Containers that exit"; shared/reference/lifecycle.md §3.1 for the rollout): the
 * container is restarted in place with a doubling back-off, nothing is rescheduled, a
 * deleted pod's replacement starts a fresh back-off and crashes the same way, and a
 * rollout of a fixed template replaces the crash-looping ReplicaSet.
 */
export const crashLoopLesson: Lesson = {
  id: 'crash-loop',
  title: 'Why does my pod keep restarting?',
  summary: 'A Deployment whose containers exit with an error: see the kubelet restart them in place with a growing back-off, why deleting a pod does not help, and the rollout that does.',
  presetId: 'crash-loop',
  warmupMs: 5_000,
  steps: [
    {
      title: 'Exit code 1, again and again',
      body: `The Deployment \`api\` runs 3 pods of \`example.com/api:1.0\` (ReplicaSet \`${OLD_RS}\`); \`web\` beside it is healthy. Each \`api\` container exits with code 1 five seconds after it starts.

That exit is simulated: Podscape's own annotations on the pod template, \`podscape.dev/run-duration: 5s\` and \`podscape.dev/exit-code: "1"\`, stand in for a real bug. They are not Kubernetes fields (a real cluster would ignore them); everything that follows the exit is what Kubernetes does.

Play a minute (or press **Step** six times) and watch the \`api\` cards: their status turns to \`CrashLoopBackOff\` and the restart count grows.`,
      predict: {
        question: 'An api container has just exited with an error. Where does it run next?',
        choices: [
          'On another node: the scheduler moves the pod away',
          'In a new pod: the ReplicaSet replaces the failed one',
          'In the same pod, on the same node: the kubelet restarts the container',
        ],
        answer: 2,
        explanation:
          'A Deployment’s pods have `restartPolicy: Always` (the only value it allows), so the kubelet on the node restarts the container inside the same pod. The pod keeps its name, its node and its phase, `Running` (with `Ready` False while the container is down); only its restart count grows. The scheduler is not asked, the ReplicaSet creates nothing: the event log shows no new *Scheduled* or *SuccessfulCreate*. The first restart is immediate; then the kubelet waits 10 s, 20 s, 40 s, 1m20s, 2m40s and at most 5m0s between restarts. While it waits the container is `waiting` with reason `CrashLoopBackOff` and a message like `back-off 40s restarting failed container=api pod=api-…_default(<uid>)`, and the kubelet records the Warning *BackOff*, `Back-off restarting failed container api in pod api-…_default(<uid>)` (one row per pod, its count growing). Once 10 minutes pass after the last back-off, the kubelet forgets it: the next exit restarts at once and the waits start again from 10 s.',
      },
      goals: [
        { text: 'Each api pod has restarted at least 3 times', check: { podRestarts: { workload: 'api', min: 3 } } },
        { text: 'The kubelet recorded a BackOff warning for the api container', check: { eventMessage: { reason: 'BackOff', includes: 'Back-off restarting failed container api in pod api-' } } },
        {
          text: 'Still the same 3 api pods: the ReplicaSet made no new one',
          check: { not: { eventRecorded: { reason: 'SuccessfulCreate', object: `ReplicaSet/default/${OLD_RS}`, min: 4 } } },
        },
      ],
      hints: [
        'Press **Step** (10 s at 10×) six times, or play the clock for a minute: the restarts come at about 7 s, 23 s and 49 s.',
        'Select an api pod: the inspector shows its container waiting in CrashLoopBackOff and its restart count.',
      ],
      solution: { commands: [], advanceMs: 60_000 },
    },
    {
      title: 'Delete the pod?',
      body: `A common first reflex is \`kubectl delete pod\`: "a fresh pod will be fine". Try it: select one of the \`api\` pods and press **Delete** in the inspector.

The ReplicaSet sees 2 pods where it wants 3 and creates a new one (*SuccessfulCreate*, \`Created pod: ${OLD_RS}-…\`), which the scheduler places like any new pod. Then play for 40 s.

Compare a node that loses power (the lesson *When a node loses power*): there the pods are deleted, and new ones are created and placed on other nodes. A crash loop is not a node problem, and nothing moves it until someone deletes the pod.`,
      predict: {
        question: 'The new pod exits after 5 s like the others. How long does it wait before its second restart?',
        choices: [
          'Several minutes: the back-off carries over from the deleted pod',
          '10 s: a new pod starts a new back-off',
          'It never crashes: a fresh pod is clean',
        ],
        answer: 1,
        explanation:
          'The kubelet keeps the back-off per container of one pod (its name and UID). The new pod has a new name and a restart count of 0: it exits after 5 s, restarts at once, exits again and waits 10 s, then 20 s, just as the first ones did. Deleting the pod reset the counters, not the bug: the pod template still says `api:1.0`.',
      },
      goals: [
        {
          text: 'The ReplicaSet replaced the deleted pod, and every api pod, the new one too, has restarted at least twice',
          check: { all: [{ eventRecorded: { reason: 'SuccessfulCreate', object: `ReplicaSet/default/${OLD_RS}`, min: 4 } }, { podRestarts: { workload: 'api', min: 2 } }] },
        },
      ],
      hints: [
        'Select an api pod (its card reads CrashLoopBackOff), press **Delete** in the inspector, then press **Step** four times.',
        'Or dispatch `{ action: "deletePod", namespace: "default", name: "<an api pod>" }` through `window.__podscape`.',
      ],
      solution: { commands: [{ action: 'deletePod', namespace: 'default', name: `${OLD_RS}-nmp2v` }], advanceMs: 40_000 },
    },
    {
      title: 'Roll out the fix',
      body: `The fix is a new version, \`example.com/api:1.1\`, which does not exit (the Deployment in the hints has no \`podscape.dev/\` annotations). Open **Apply YAML** and apply it.

A new pod template means a new ReplicaSet, \`${NEW_RS}\`. The rolling update uses the defaults, \`maxSurge: 25%\` (of 3 pods, rounded up to 1) and \`maxUnavailable: 25%\` (rounded down to 0): it adds one new pod, and each one that becomes available lets an old one go: *ScalingReplicaSet*, \`Scaled down replica set ${OLD_RS} from 3 to 2\`, and so on down to 0.`,
      predict: {
        question: `What happens to the old ReplicaSet ${OLD_RS}?`,
        choices: ['Its pods get the new image, restarted in place', 'It is scaled down to 0 replicas and kept', 'It is deleted, with its pods'],
        answer: 1,
        explanation: `A Deployment never changes a running pod: it scales the new ReplicaSet up and the old one down. The old one stays, at 0 replicas, as the revision \`kubectl rollout undo\` would go back to (\`revisionHistoryLimit\`, 10 by default). Its pods are deleted, and with them their back-off.`,
      },
      goals: [
        { text: `All 3 api pods run the fixed version (${NEW_RS})`, check: { allPodsRunning: { workload: NEW_RS, min: 3 } } },
        { text: `No pod of the crash-looping ${OLD_RS} is left`, check: { livePods: { workload: OLD_RS, max: 0 } } },
      ],
      hints: [`Press **Apply YAML**, replace the example with this Deployment and press **Apply manifest**, then press **Step** twice: ${FIXED_YAML}`],
      solution: { commands: [fixedApi], advanceMs: 20_000 },
    },
  ],
};
