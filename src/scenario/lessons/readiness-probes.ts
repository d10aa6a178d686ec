import type { Command } from '../../engine/commands';
import type { Lesson } from './types';

/**
 * The preset's ReplicaSet (web:1.0), the one the failing web:1.1 template makes, and the one the
 * fixed web:1.2 makes: a pod-template-hash names each.
 */
const OLD_RS = 'web-776fdf58f9';
const BROKEN_RS = 'web-77477b5d75';
const FIXED_RS = 'web-77cbcfb65d';

/** The Deployment `web` with one image, its readiness probe, and Podscape's outcome annotation for that probe (none: it passes). */
const web = (image: string, readiness?: string): Command => ({
  action: 'apply',
  object: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 4,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: readiness === undefined ? { labels: { app: 'web' } } : { labels: { app: 'web' }, annotations: { 'podscape.dev/readiness': readiness } },
        spec: {
          containers: [
            {
              name: 'web',
              image,
              resources: { requests: { cpu: '250m', memory: '256Mi' } },
              readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
            },
          ],
        },
      },
    },
  },
});

/** The same Deployment as the YAML a learner pastes into Apply YAML (a test parses it back to `web(image, readiness)`). */
export const readinessYaml = (image: string, readiness?: string) => {
  const annotations = readiness === undefined ? '' : `, annotations: { podscape.dev/readiness: "${readiness}" }`;
  return `{ apiVersion: apps/v1, kind: Deployment, metadata: { name: web, namespace: default }, spec: { replicas: 4, strategy: { type: RollingUpdate, rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web }${annotations} }, spec: { containers: [{ name: web, image: "${image}", resources: { requests: { cpu: 250m, memory: 256Mi } }, readinessProbe: { httpGet: { path: /ready, port: 8080 } } }] } } } }`;
};

export const readinessCommand = web;

const hintYaml = (image: string, readiness?: string) => `\`${readinessYaml(image, readiness)}\``;

/** Round 31: the Deployment `cache`, with a liveness probe (and no readiness probe) whose outcome the annotation sets. */
export const livenessCommand = (liveness: string): Command => ({
  action: 'apply',
  object: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'cache', namespace: 'default' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'cache' } },
      template: {
        metadata: { labels: { app: 'cache' }, annotations: { 'podscape.dev/liveness': liveness } },
        spec: {
          containers: [
            {
              name: 'cache',
              image: 'example.com/cache:1.0',
              resources: { requests: { cpu: '100m', memory: '128Mi' } },
              livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
            },
          ],
        },
      },
    },
  },
});

/** The same Deployment as the YAML of the hint (a test parses it back to `livenessCommand(liveness)`). */
export const livenessYaml = (liveness: string) =>
  `{ apiVersion: apps/v1, kind: Deployment, metadata: { name: cache, namespace: default }, spec: { replicas: 1, selector: { matchLabels: { app: cache } }, template: { metadata: { labels: { app: cache }, annotations: { podscape.dev/liveness: "${liveness}" } }, spec: { containers: [{ name: cache, image: "example.com/cache:1.0", resources: { requests: { cpu: 100m, memory: 128Mi } }, livenessProbe: { httpGet: { path: /healthz, port: 8080 } } }] } } } }`;

/**
 * Readiness probes and a rolling update (docs/fidelity.md "Container probes"; upstream
 * pkg/kubelet/prober/worker.go for the timing, pkg/controller/deployment/rolling.go for the
 * rollout): a new pod whose readiness probe fails runs but is never Ready, so with
 * maxUnavailable 0 no old pod goes and the rollout stalls; applying the old template rolls
 * back; a version that turns Ready after a while rolls out one pod per Ready. Round 31 adds a
 * liveness step (pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions and doBackOff):
 * a failing liveness probe kills and restarts the container in the same pod, into CrashLoopBackOff.
 */
export const readinessProbesLesson: Lesson = {
  id: 'readiness-probes',
  title: 'Readiness probes hold a rollout',
  summary: 'Roll out a version whose readiness probe fails: see the new pod run but never turn Ready, the rollout stall while the old pods serve, a rollback, a slow-starting version roll out a pod per Ready, and a failing liveness probe restart its container.',
  presetId: 'readiness-probes',
  warmupMs: 15_000,
  steps: [
    {
      title: 'A version that never turns Ready',
      body: `The Deployment \`web\` runs 4 pods of \`example.com/web:1.0\` (ReplicaSet \`${OLD_RS}\`). Each container has a **readiness probe**, an HTTP GET on \`/ready\` port 8080, with the defaults: every 10 s (\`periodSeconds\`), Ready after 1 success (\`successThreshold\`), not Ready after 3 failures in a row (\`failureThreshold\`). The strategy is \`maxSurge: 1\`, \`maxUnavailable: 0\`.

Version \`1.1\` has a bug: its \`/ready\` answers 500. Podscape has no real HTTP server, so the answer is set by its own annotation on the pod template, \`podscape.dev/readiness: "fail"\` (a real cluster would ignore it); what follows the failed probe is what Kubernetes does.

Open **Apply YAML**, apply the Deployment from the hints, and play 30 s. Select the new pod (ReplicaSet \`${BROKEN_RS}\`) and watch the event log.`,
      predict: {
        question: 'The new pod starts, and its readiness probe answers 500. What happens to the rollout?',
        choices: [
          'The kubelet restarts the new container until the probe passes',
          'The new pod runs but is not Ready; no old pod is removed and the rollout waits, the 4 old pods still serving',
          'The Deployment rolls back to web:1.0 by itself',
        ],
        answer: 1,
        explanation: `A readiness probe never restarts anything (that is the liveness probe's job): it only decides whether the pod is Ready. A new container starts not Ready, and a failing probe keeps it so; each failure is a Warning *Unhealthy*, \`Readiness probe failed: HTTP probe failed with statuscode: 500\`, folded into one row whose count grows (the kubelet probes at the container's start and then every 10 s). \`kubectl get rs\` shows the new ReplicaSet \`${BROKEN_RS}\` with DESIRED 1 and READY 0, and \`kubectl get deploy\` shows READY 4/4, UP-TO-DATE 1. A pod that is not Ready is not available, so with \`maxUnavailable: 0\` the Deployment may not remove any old pod: 4 old + 1 new, and nothing moves. Nothing rolls back by itself: after \`progressDeadlineSeconds\` (600 s) the \`Progressing\` condition turns False with reason \`ProgressDeadlineExceeded\`, and that is all.`,
      },
      goals: [
        {
          text: 'The new pod is Running but not Ready: its readiness probe failed',
          check: {
            all: [
              { eventMessage: { reason: 'Unhealthy', includes: 'Readiness probe failed: HTTP probe failed with statuscode: 500' } },
              { allPodsRunning: { workload: BROKEN_RS, min: 1 } },
              { readyPods: { workload: BROKEN_RS, max: 0 } },
            ],
          },
        },
        {
          text: 'The rollout stalls: the new ReplicaSet got its one surge pod and all 4 old pods are still Ready',
          check: {
            all: [
              { eventMessage: { reason: 'ScalingReplicaSet', includes: `Scaled up replica set ${BROKEN_RS} from 0 to 1`, object: 'Deployment/default/web' } },
              { readyPods: { workload: OLD_RS, min: 4 } },
            ],
          },
        },
      ],
      hints: [
        `Press **Apply YAML**, replace the example with this Deployment and press **Apply manifest**, then press **Step** three times: ${hintYaml('example.com/web:1.1', 'fail')}`,
        'Select the new pod: the inspector shows its container running, not ready. The event log shows the Unhealthy warning, its count growing every 10 s.',
      ],
      solution: { commands: [web('example.com/web:1.1', 'fail')], advanceMs: 30_000 },
    },
    {
      title: 'Roll back',
      body: `The old pods never stopped serving: that is what \`maxUnavailable: 0\` and the readiness probe bought. Now undo the change. \`kubectl rollout undo deployment/web\` copies the previous pod template back into the Deployment; applying the \`web:1.0\` Deployment again does the same here.

Apply it from the hints and play 10 s.`,
      predict: {
        question: 'What happens to the 4 old pods when you roll back?',
        choices: ['They are restarted with the old template', 'Nothing: they keep running; only the new ReplicaSet is scaled down to 0', 'They are replaced by a third ReplicaSet'],
        answer: 1,
        explanation: `The old template has the same pod-template-hash as before, so the Deployment finds its ReplicaSet \`${OLD_RS}\`, which already has its 4 Ready pods. The new ReplicaSet \`${BROKEN_RS}\` is scaled down (*ScalingReplicaSet*, \`Scaled down replica set ${BROKEN_RS} from 1 to 0\`) and its pod is deleted. The old pods are not touched.`,
      },
      goals: [
        {
          text: `The broken ReplicaSet ${BROKEN_RS} was scaled down to 0 and its pod is gone`,
          check: {
            all: [
              { eventMessage: { reason: 'ScalingReplicaSet', includes: `Scaled down replica set ${BROKEN_RS} from 1 to 0`, object: 'Deployment/default/web' } },
              { livePods: { workload: BROKEN_RS, max: 0 } },
            ],
          },
        },
        { text: `The 4 pods of ${OLD_RS} are Ready, and web has no other pod`, check: { all: [{ readyPods: { workload: OLD_RS, min: 4 } }, { livePods: { workload: 'web', max: 4 } }] } },
      ],
      hints: [`Apply this in **Apply YAML**, then press **Step**: ${hintYaml('example.com/web:1.0')}`],
      solution: { commands: [web('example.com/web:1.0')], advanceMs: 10_000 },
    },
    {
      title: 'A version that is Ready after 20 s',
      body: `Version \`1.2\` fixes the bug, but it warms a cache first: its \`/ready\` answers 500 for the first 20 s after the container starts, then 200 (\`podscape.dev/readiness: "pass-after=20s"\`).

Apply it from the hints and play. Watch the pods: each new one runs not Ready for a while, and only when it turns Ready does the Deployment scale the old ReplicaSet down by one and the new one up by one.`,
      predict: {
        question: 'Each new pod needs 20 s before its probe can pass. About how long does the whole rollout of 4 pods take?',
        choices: ['About 20 s: all 4 new pods start together', 'About 2 minutes: one new pod at a time, each about 30 s', 'It stalls like 1.1, since the first probes fail'],
        answer: 1,
        explanation: `With \`maxSurge: 1\` and \`maxUnavailable: 0\` there is one new pod at a time, and the next comes only when it is Ready. The kubelet probes a new container at its start and then every 10 s (counted from when it took the pod, about a second before the start), so the probes come about 0, 9 and 19 s after the start, all too early, and the one at 29 s passes. Each new pod is Ready 30 s after it was created, and three *Unhealthy* failures before that are normal. Four of them: the last old pod is deleted 2 minutes after the apply. A failure before the first success is not fatal: readiness only stops counting the pod.`,
      },
      goals: [
        { text: `All 4 pods of ${FIXED_RS} are Ready`, check: { readyPods: { workload: FIXED_RS, min: 4 } } },
        { text: `No pod of ${OLD_RS} is left`, check: { livePods: { workload: OLD_RS, max: 0 } } },
      ],
      hints: [
        `Apply this in **Apply YAML**, then play for a little over 2 minutes (or press **Step** thirteen times): ${hintYaml('example.com/web:1.2', 'pass-after=20s')}`,
        'At any time, the number of Ready web pods stays at 4 or more: the rollout never goes below the desired count.',
      ],
      solution: { commands: [web('example.com/web:1.2', 'pass-after=20s')], advanceMs: 130_000 },
    },
    {
      title: 'A liveness probe restarts',
      body: `A readiness probe only decides whether a pod counts as Ready. A **liveness probe** asks another question: is the container still alive? When it fails \`failureThreshold\` times in a row (3, one every 10 s), the kubelet kills the container and starts it again, in the same pod.

The Deployment \`cache\` in the hints has one container with a liveness probe, an HTTP GET on \`/healthz\` port 8080, and no readiness probe. Its \`/healthz\` answers 500 (\`podscape.dev/liveness: "fail"\`, Podscape's annotation again).

Apply it and play about 3 minutes. Select the cache pod: watch its RESTARTS, its STATUS, and the event log.`,
      predict: {
        question: 'The cache container fails every liveness probe. What happens to it?',
        choices: [
          'It keeps running and is marked not Ready, like the web:1.1 pod',
          'The kubelet kills and restarts it in the same pod, again and again, and after a few restarts waits before the next one (CrashLoopBackOff)',
          'The ReplicaSet deletes the pod and creates a new one',
        ],
        answer: 1,
        explanation: `Each failure is a Warning *Unhealthy*, \`Liveness probe failed: HTTP probe failed with statuscode: 500\`; the third in a row brings *Killing*, \`Container cache failed liveness probe, will be restarted\`. The container stops and starts again in the same pod, on the same node: RESTARTS goes up by one, about every 30 s. The ReplicaSet sees nothing to do, since its pod never went away. The kubelet restarts at once while the previous exit is older than its crash back-off (10 s, doubling at each restart, at most 5 minutes). By the fifth kill, about 2½ minutes in, the back-off (40 s) is longer than the 30 s since the previous exit, so STATUS shows *CrashLoopBackOff* and the container waits 40 s. The web pods' readiness probes failed too, while 1.2 warmed up, and none of them ever restarted. After about 25 events about one pod, the event recorder's spam filter drops the rest (as upstream's does), so the event counts stop growing while RESTARTS goes on.`,
      },
      goals: [
        {
          text: 'The cache container failed its liveness probe and the kubelet killed it',
          check: {
            all: [
              { eventMessage: { reason: 'Unhealthy', includes: 'Liveness probe failed: HTTP probe failed with statuscode: 500' } },
              { eventMessage: { reason: 'Killing', includes: 'Container cache failed liveness probe, will be restarted' } },
            ],
          },
        },
        { text: 'The one cache pod has restarted at least 3 times, the same pod each time', check: { all: [{ podRestarts: { workload: 'cache', min: 3 } }, { livePods: { workload: 'cache', max: 1 } }] } },
        { text: 'The web pods, whose readiness probes failed while they warmed up, never restarted', check: { all: [{ podRestarts: { workload: 'web', min: 0, max: 0 } }, { readyPods: { workload: FIXED_RS, min: 4 } }] } },
      ],
      hints: [
        `Press **Apply YAML**, replace the example with this Deployment and press **Apply manifest**, then play for about 3 minutes (or press **Step** sixteen times): \`${livenessYaml('fail')}\``,
        'Select the cache pod: RESTARTS counts up about every 30 s, and from about 2½ minutes its STATUS shows CrashLoopBackOff while the kubelet waits.',
      ],
      solution: { commands: [livenessCommand('fail')], advanceMs: 160_000 },
    },
  ],
};
