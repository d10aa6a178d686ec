import type { Command } from '../../engine/commands';
import type { Lesson } from './types';

/** The preset's ReplicaSet (nginx:1.29) and the one the lesson's nginx:1.30 template makes: a pod-template-hash names each. */
const OLD_RS = 'web-d45649677';
const NEW_RS = 'web-67bb99bf7f';

const web = (image: string, maxUnavailable: number): Command => ({
  action: 'apply',
  object: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 4,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable } },
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image, resources: { requests: { cpu: '400m', memory: '256Mi' } } }] },
      },
    },
  },
});

const yamlOf = (image: string, maxUnavailable: number) =>
  `\`{ apiVersion: apps/v1, kind: Deployment, metadata: { name: web, namespace: default }, spec: { replicas: 4, strategy: { type: RollingUpdate, rollingUpdate: { maxSurge: 1, maxUnavailable: ${maxUnavailable} } }, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: web, image: "${image}", resources: { requests: { cpu: 400m, memory: 256Mi } } }] } } } }\``;

/**
 * A Deployment's rolling update (shared/reference/lifecycle.md §3.1; kubectl's rollout
 * status texts): maxSurge and maxUnavailable bound each step, a surge pod with no room
 * stalls a rollout that may not go below the desired count, and a rollback reuses the
 * old ReplicaSet (same template, same pod-template-hash).
 */
export const rollingUpdateLesson: Lesson = {
  id: 'rolling-update',
  title: 'A rollout, one pod at a time',
  summary: 'Roll out a new image on a full cluster: see maxSurge and maxUnavailable at work, a surge pod with nowhere to go, and a rollback that reuses the old ReplicaSet.',
  presetId: 'rolling-update',
  warmupMs: 5_000,
  steps: [
    {
      title: 'Start the rollout',
      body: `The Deployment \`web\` runs 4 pods of \`nginx:1.29\` (400m CPU each) through its ReplicaSet \`${OLD_RS}\`, two on each 1-CPU worker: 200m is left on each node.

Its strategy is \`RollingUpdate\` with \`maxSurge: 1\` and \`maxUnavailable: 0\`: during a rollout at most 4 + 1 = 5 pods may exist, and never fewer than 4 may be available.

Change the image to \`nginx:1.30\`: open **Apply YAML** and apply the Deployment from the hints. A new pod template means a new ReplicaSet, \`${NEW_RS}\` (the suffix is a hash of the template); the event log shows *ScalingReplicaSet*, \`Scaled up replica set ${NEW_RS} from 0 to 1\`.`,
      predict: {
        question: 'The new ReplicaSet gets one pod (the surge). There is 200m free on each node. What happens next?',
        choices: [
          'An old pod is stopped first to make room',
          'The new pod waits Pending and the rollout stalls, all 4 old pods still serving',
          'The rollout fails and Kubernetes rolls back',
        ],
        answer: 1,
        explanation:
          'With `maxUnavailable: 0` the controller may remove an old pod only once a new one is available, and the new one cannot start: `0/2 nodes are available: 2 Insufficient cpu.` Nothing rolls back by itself. `kubectl rollout status` waits with `Waiting for deployment "web" rollout to finish: 1 out of 4 new replicas have been updated...`; after `progressDeadlineSeconds` (600 s) the Deployment’s `Progressing` condition turns False with reason `ProgressDeadlineExceeded`, and rollout status exits with `deployment "web" exceeded its progress deadline` — still nothing is undone.',
      },
      goals: [
        { text: 'A pod of the new version waits: Insufficient cpu', check: { pendingBecause: { workload: NEW_RS, includes: 'Insufficient cpu' } } },
        {
          text: 'A new ReplicaSet was scaled up, and the old one still runs all 4 pods',
          check: {
            all: [
              { eventMessage: { reason: 'ScalingReplicaSet', includes: `Scaled up replica set ${NEW_RS} from 0 to 1`, object: 'Deployment/default/web' } },
              { allPodsRunning: { workload: OLD_RS, min: 4 } },
            ],
          },
        },
      ],
      hints: [
        `Press **Apply YAML**, replace the example with this Deployment and press **Apply manifest**: ${yamlOf('nginx:1.30', 0)}`,
        'Then press **Step** once: the new pod is tried at once and stays in the pending tray.',
        'Or dispatch `{ action: "apply", object: … }` with the same object through `window.__podscape`.',
      ],
      solution: { commands: [web('nginx:1.30', 0)], advanceMs: 10_000 },
    },
    {
      title: 'Trade one pod of availability for room',
      body: `The rollout needs room for one extra pod and the cluster has none. Two ways out:

- add capacity (a node: what a cluster autoscaler would do — **Add node** works here too), or
- allow the rollout to go below 4 for a while: \`maxUnavailable: 1\`.

Apply the Deployment again with \`maxUnavailable: 1\` (same image, \`nginx:1.30\`). Then watch the event log: the controller alternates *Scaled down replica set ${OLD_RS} from 4 to 3* and *Scaled up replica set ${NEW_RS} from 1 to 2*, a step at a time, never more than 5 pods and never fewer than 3 available.`,
      predict: {
        question: 'With maxUnavailable 1, what does the controller do first?',
        choices: ['Deletes the Pending pod', 'Scales the old ReplicaSet down from 4 to 3, freeing room for the waiting pod', 'Scales both ReplicaSets to 2 at once'],
        answer: 1,
        explanation:
          '4 available and 3 needed: one old pod may go. Its 400m frees room on its node, the waiting new pod is scheduled there, and each new pod that becomes available lets one more old pod go.',
      },
      goals: [
        { text: 'No pod of the old ReplicaSet is left', check: { livePods: { workload: OLD_RS, max: 0 } } },
        { text: 'All 4 web pods run the new version', check: { allPodsRunning: { workload: NEW_RS, min: 4 } } },
      ],
      hints: [`Apply this in **Apply YAML**, then play for 20 s: ${yamlOf('nginx:1.30', 1)}`, 'Adding a node (**Add node**) would unblock it too, keeping all 4 old pods until each new one is available.'],
      solution: { commands: [web('nginx:1.30', 1)], advanceMs: 20_000 },
    },
    {
      title: 'Roll back',
      body: `Say \`nginx:1.30\` misbehaves. \`kubectl rollout undo deployment/web\` copies the previous pod template back into the Deployment; applying \`nginx:1.29\` again does the same here.

Watch the event log closely: after ten similar events about one object within ten minutes, the event recorder stops writing a row per event and folds the rest into one, counted, whose message starts \`(combined from similar events):\` and shows the latest. Here the rollback’s *ScalingReplicaSet* events end in \`(combined from similar events): Scaled down replica set ${NEW_RS} from 1 to 0\`.`,
      predict: {
        question: 'Which ReplicaSet runs the rolled-back pods?',
        choices: ['A third, new ReplicaSet', `The old one, ${OLD_RS}, scaled up again`],
        answer: 1,
        explanation:
          'The Deployment looks for a ReplicaSet whose template matches its own, and the old one, kept at 0 replicas (`revisionHistoryLimit`, 10 by default), does: the same template gives the same pod-template-hash, so the old ReplicaSet is scaled up again.',
      },
      goals: [
        { text: `All 4 web pods run in ${OLD_RS} again`, check: { allPodsRunning: { workload: OLD_RS, min: 4 } } },
        { text: `No pod of ${NEW_RS} is left`, check: { livePods: { workload: NEW_RS, max: 0 } } },
      ],
      hints: [`Apply this in **Apply YAML**, then play for 20 s: ${yamlOf('nginx:1.29', 1)}`],
      solution: { commands: [web('nginx:1.29', 1)], advanceMs: 20_000 },
    },
  ],
};
