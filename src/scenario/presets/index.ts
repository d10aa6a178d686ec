// Node's tsconfig sees only the files tests import, so the `?raw` declaration is referenced here.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./raw-text.d.ts" />
/**
 * The built-in scenarios: one YAML file each (a podscape.dev Scenario plus ordinary
 * Kubernetes objects), bundled as text through Vite's `?raw`, and a typed index with
 * what the gallery shows. The title and the full description live in the YAML; the
 * index holds the short paragraph and the lesson, and whether the file shortens
 * upstream's timings (a test checks it against what the engine reports).
 */
import crashLoop from './crash-loop.yaml?raw';
import cronJob from './cronjob.yaml?raw';
import autoscaling from './autoscaling.yaml?raw';
import statefulSetStorage from './statefulset-storage.yaml?raw';
import daemonSets from './daemonsets.yaml?raw';
import drainFlags from './drain-flags.yaml?raw';
import drainPdb from './drain-pdb.yaml?raw';
import failoverTiming from './failover-timing.yaml?raw';
import imagePulls from './image-pulls.yaml?raw';
import jobs from './jobs.yaml?raw';
import kubeletAdmission from './kubelet-admission.yaml?raw';
import leastAllocated from './least-allocated.yaml?raw';
import memoryPressure from './memory-pressure.yaml?raw';
import mostAllocated from './most-allocated.yaml?raw';
import nodeAffinity from './node-affinity.yaml?raw';
import nodeFailure from './node-failure.yaml?raw';
import nonGracefulShutdown from './non-graceful-shutdown.yaml?raw';
import podAntiAffinity from './pod-anti-affinity.yaml?raw';
import priorityPreemption from './priority-preemption.yaml?raw';
import readinessProbes from './readiness-probes.yaml?raw';
import resourcePressure from './resource-pressure.yaml?raw';
import resourceQuota from './resource-quota.yaml?raw';
import rollingUpdate from './rolling-update.yaml?raw';
import schedulerScoring from './scheduler-scoring.yaml?raw';
import statefulsetIdentity from './statefulset-identity.yaml?raw';
import taintsTolerations from './taints-tolerations.yaml?raw';
import topologySpread from './topology-spread.yaml?raw';
import workloadKinds from './workload-kinds.yaml?raw';
import zoneOutage from './zone-outage.yaml?raw';

export interface Preset {
  /** The Scenario's metadata.name and the file's base name. */
  id: string;
  title: string;
  /** What happens, in a sentence or two (plain text). */
  paragraph: string;
  /** The one thing it teaches. */
  lesson: string;
  /** Whether spec.controlPlane shortens upstream's timings (the gallery says so). */
  shortenedTimings: boolean;
  /** The file name errors cite. */
  file: string;
  /** The scenario YAML. */
  text: string;
}

const preset = (id: string, text: string, fields: Omit<Preset, 'id' | 'file' | 'text'>): Preset => ({
  id,
  file: `presets/${id}.yaml`,
  text,
  ...fields,
});

export const PRESETS: readonly Preset[] = [
  preset('node-failure', nodeFailure, {
    title: 'Node failure (power loss)',
    paragraph:
      'Kill worker-2: after 50 s without heartbeats it turns Unknown and gets the unreachable taint; 30 s later its pods are evicted and the web ReplicaSet replaces them on the other workers. The bare pod is not replaced.',
    lesson: 'A dead node is noticed late and its pods are replaced only by their controllers.',
    shortenedTimings: true,
  }),
  preset('failover-timing', failoverTiming, {
    title: 'Failover timing (upstream defaults)',
    paragraph:
      'Kill worker-2 and time it at upstream’s defaults: Unknown 50 s after the last heartbeat, the NoExecute taint 5 s later; the api pod (tolerationSeconds 30) leaves 30 s after that, the web pod after the 300 s every pod gets by default, the DaemonSet pod never. A node back in time keeps its pods.',
    lesson: 'How long a dead node keeps its pods is each pod’s unreachable tolerationSeconds, 300 s unless it asks otherwise.',
    shortenedTimings: false,
  }),
  preset('drain-pdb', drainPdb, {
    title: 'Graceful drain with a PodDisruptionBudget',
    paragraph:
      'Drain worker-2, which runs two of the four web pods. The PodDisruptionBudget (minAvailable 3) lets drain evict one pod at a time, refusing the second eviction until the first replacement is Running.',
    lesson: 'Drain evicts through the Eviction API, so a PodDisruptionBudget keeps a service available during maintenance.',
    shortenedTimings: false,
  }),
  preset('drain-flags', drainFlags, {
    title: 'Drain flags against a budget that allows nothing',
    paragraph:
      'web’s PodDisruptionBudget asks for all 3 of its pods (minAvailable 3). Drain worker-1: the docs pod is evicted at once, the web pod is refused and kubectl retries every 5 s, for ever. --timeout gives up and leaves the node cordoned; --disable-eviction deletes past the budget.',
    lesson: 'A budget that allows no disruption blocks drain for ever; the fix is the budget, not a flag that goes around it.',
    shortenedTimings: false,
  }),
  preset('taints-tolerations', taintsTolerations, {
    title: 'Taints and tolerations',
    paragraph:
      'gpu-1 is tainted nvidia.com/gpu=present:NoSchedule. The inference pods tolerate the taint; the trainer pod does not, and stays Pending although only gpu-1 has room for it.',
    lesson: 'A taint repels pods that do not tolerate it; a toleration allows a node, it does not attract.',
    shortenedTimings: false,
  }),
  preset('node-affinity', nodeAffinity, {
    title: 'Node affinity',
    paragraph:
      'db requires an SSD node, cache prefers zone-a, and analytics asks for an SSD node (nodeSelector) in zone-a (required node affinity), which does not exist, so it stays Pending until a zone-a node is labelled disktype=ssd.',
    lesson: 'nodeSelector and required node affinity filter nodes when a pod is placed; preferred node affinity only scores them.',
    shortenedTimings: false,
  }),
  preset('pod-anti-affinity', podAntiAffinity, {
    title: 'Pod anti-affinity',
    paragraph:
      'Four cache replicas that must not share a node, on three workers: three run, one per node, and the fourth stays Pending until a node is added.',
    lesson: 'Required pod anti-affinity caps replicas per topology domain, whatever the free capacity.',
    shortenedTimings: false,
  }),
  preset('topology-spread', topologySpread, {
    title: 'Topology spread across zones',
    paragraph:
      'Six web replicas with maxSkew 1 across three zones of unequal size land 2 per zone. Kill the only zone-c node and the replacements stay Pending.',
    lesson: 'A DoNotSchedule spread constraint balances pods per zone, even at the cost of availability.',
    shortenedTimings: true,
  }),
  preset('resource-pressure', resourcePressure, {
    title: 'Resource pressure and pending pods',
    paragraph:
      'Five 700m replicas on two 2-CPU workers: four fit, the fifth stays Pending with Insufficient cpu although 1.2 CPUs are free in total.',
    lesson: 'The scheduler packs by requests per node; free capacity scattered across nodes does not help.',
    shortenedTimings: false,
  }),
  preset('priority-preemption', priorityPreemption, {
    title: 'Priority and preemption',
    paragraph:
      'Two workers full of low-priority batch pods; at 10 s a critical payments pod arrives, preempts a batch pod, and is scheduled in its place.',
    lesson: 'A pending pod of higher priority evicts lower-priority pods to make room.',
    shortenedTimings: false,
  }),
  preset('workload-kinds', workloadKinds, {
    title: 'DaemonSet vs Deployment vs StatefulSet on failure',
    paragraph:
      'Kill worker-2: the Deployment and Job pods are replaced elsewhere, the StatefulSet pod db-0 waits for its old pod to be gone, the DaemonSet pod stays with its node, and the bare pod is not replaced.',
    lesson: 'Each controller reacts to a lost node in its own way, by design.',
    shortenedTimings: true,
  }),
  preset('zone-outage', zoneOutage, {
    title: 'Zone outages and eviction rates',
    paragraph:
      'Lose all of zone-c and its pods are evicted at the normal rate; lose three of zone-a’s four workers and none of their pods is evicted; lose every node and the controller removes all NoExecute taints and evicts nothing.',
    lesson: 'The node lifecycle controller evicts a dead zone, holds back in a partly dead small zone, and stops when everything looks dead.',
    shortenedTimings: true,
  }),
  preset('statefulset-identity', statefulsetIdentity, {
    title: 'StatefulSet identity on a dead node',
    paragraph:
      'db-0 and db-1 are evicted from dead nodes and stay Terminating, and no replacement is made. Deleting worker-1’s Node object lets the pod garbage collector remove db-0; force-deleting db-1 frees its name at once.',
    lesson: 'A StatefulSet keeps at most one pod per identity: a stuck pod must leave the API before it is replaced.',
    shortenedTimings: true,
  }),
  preset('rolling-update', rollingUpdate, {
    title: 'A rolling update on a full cluster',
    paragraph:
      'Four 400m web pods fill two 1-CPU workers. A new image with maxSurge 1 and maxUnavailable 0 gets one surge pod that stays Pending, and the rollout stalls; maxUnavailable 1 lets it go on a pod at a time.',
    lesson: 'A rollout needs room for its surge pods, or permission to go below the desired count.',
    shortenedTimings: false,
  }),
  preset('crash-loop', crashLoop, {
    title: 'A crash loop (CrashLoopBackOff)',
    paragraph:
      'The api containers exit with code 1 five seconds after each start. The kubelet restarts them in place, same pod, same node, waiting 10 s, 20 s, 40 s … up to 5 minutes; nothing is rescheduled. A deleted pod’s replacement crashes the same way; a rollout of a fixed image replaces them.',
    lesson: 'A crash loop is restarted in place by the kubelet with a growing back-off; only a fixed template ends it.',
    shortenedTimings: false,
  }),
  preset('readiness-probes', readinessProbes, {
    title: 'Readiness probes hold a rollout',
    paragraph:
      'web:1.1’s readiness probe fails: its one surge pod runs but never turns Ready, so with maxUnavailable 0 no old pod leaves and the rollout stalls while the 4 old pods serve. Applying web:1.0 again rolls back; web:1.2, ready 20 s after it starts, rolls out a pod at a time. The lesson’s last step adds a cache Deployment whose liveness probe fails: the kubelet kills and restarts its container in the same pod until CrashLoopBackOff.',
    lesson: 'A rollout moves only as fast as its new pods turn Ready; a failing readiness probe stops it without taking anything down.',
    shortenedTimings: false,
  }),
  preset('jobs', jobs, {
    title: 'When a Job gives up (backoffLimit)',
    paragraph:
      'migrate fails every run: with restartPolicy Never each failure is a new pod, and after the third (backoffLimit 2) the Job fails with BackoffLimitExceeded. With OnFailure the restarts in place count instead; a flaky Job with completions 4 and parallelism 2 succeeds on a retry.',
    lesson: 'backoffLimit counts failed pods and in-place restarts alike; the Job gives up when they pass it.',
    shortenedTimings: false,
  }),
  preset('scheduler-scoring', schedulerScoring, {
    title: 'How the scheduler scores nodes',
    paragraph:
      'Three workers loaded unevenly. The first web pod goes to the emptiest (LeastAllocated), the next two spread one per node even onto the busiest (PodTopologySpread), and a Deployment on the bin-packing profile (MostAllocated) fills worker-1 before it uses worker-2.',
    lesson: 'Filter plugins decide which nodes may take a pod; weighted scores rank the rest, and the profile decides what counts.',
    shortenedTimings: false,
  }),
  preset('daemonsets', daemonSets, {
    title: 'DaemonSets, one pod per node',
    paragraph:
      'log-agent runs on every worker but not on the tainted gpu-1; gpu-plugin runs only on gpu-1 (a nodeSelector and a toleration). A new node gets its log-agent pod at once, a cordoned one keeps and even gets one, and drain needs --ignore-daemonsets.',
    lesson: 'A DaemonSet follows the nodes: one pod per eligible node, tolerating cordons and node failures, chosen by taints and selectors.',
    shortenedTimings: false,
  }),
  preset('kubelet-admission', kubeletAdmission, {
    title: 'Kubelet admission (binding without the scheduler)',
    paragraph:
      'worker-1 and worker-2 have 400m CPU left and worker-3 is cordoned; two 1-CPU pods wait Pending. Bound to worker-1 anyway, report is refused by the kubelet (Failed, OutOfcpu); bound to the cordoned worker-3, backup runs.',
    lesson: 'Skipping the scheduler does not skip the kubelet: it refuses a pod that does not fit, for good, but ignores cordons.',
    shortenedTimings: false,
  }),
  preset('least-allocated', leastAllocated, {
    title: 'Bin-packing: LeastAllocated (the default)',
    paragraph: 'Ten web replicas on three identical workers with the default scoring spread out 4/3/3.',
    lesson: 'Default scoring spreads pods, leaving headroom on every node.',
    shortenedTimings: false,
  }),
  preset('most-allocated', mostAllocated, {
    title: 'Bin-packing: MostAllocated',
    paragraph:
      'The same ten replicas with NodeResourcesFit set to MostAllocated: eight fill one node, two go to a second, and the third node stays empty.',
    lesson: 'A KubeSchedulerConfiguration changes where pods go: MostAllocated packs nodes full.',
    shortenedTimings: false,
  }),
  preset('non-graceful-shutdown', nonGracefulShutdown, {
    title: 'Non-graceful node shutdown (out-of-service)',
    paragraph:
      'worker-1 loses power: its web pod is replaced after the evictions, but db-0 stays Terminating. The node.kubernetes.io/out-of-service taint lets the pod garbage collector force-delete it, and the StatefulSet recreates db-0 on worker-2; back on, worker-1 takes pods only once the taint is removed.',
    lesson: 'The out-of-service taint tells Kubernetes a node is really off, so its stuck pods can be force-deleted and their identities move.',
    shortenedTimings: true,
  }),
  preset('resource-quota', resourceQuota, {
    title: 'Why is my Deployment short of pods?',
    paragraph:
      'The namespace team has a ResourceQuota of one CPU core of requests. Scaled to 6, web gets 4 pods: the API server refuses the rest (FailedCreate, exceeded quota), so they never exist. Raising the quota lets the ReplicaSet create them; a LimitRange fills in the request of a pod that had none.',
    lesson: 'A quota refuses pods when they are created, so a Deployment short of pods shows it only in its ReplicaSet’s FailedCreate events.',
    shortenedTimings: false,
  }),
  preset('memory-pressure', memoryPressure, {
    title: 'Memory pressure, evictions and OOMKilled',
    paragraph:
      'The pods on worker-1 use more memory than it has. At 10 s the kubelet evicts a cache pod (Evicted: above its request); the replacement lands there too and another is evicted at about 20 s, when MemoryPressure and its NoSchedule taint appear and send the next one to worker-2. db, under its request, stays. report goes over its 256Mi limit: OOMKilled, restarted in place, CrashLoopBackOff.',
    lesson: 'Over its limit a container is OOMKilled and restarted in place; a node short of memory evicts the pods furthest above their requests.',
    shortenedTimings: false,
  }),
  preset('image-pulls', imagePulls, {
    title: 'Image pulls (ContainerCreating, ImagePullBackOff)',
    paragraph:
      'The shop pods wait ContainerCreating for 20 s while their nodes pull the image; typo asks for a tag that does not exist and stays in ImagePullBackOff, retried 10 s, 20 s, 40 s … apart. Kill worker-1 or worker-2: about 85 s later its shop pod is evicted and the replacement on worker-3, which never had the image, pulls it again.',
    lesson: 'A node pulls an image once and keeps it; a pod moved to a node without it waits for a new pull, and a bad tag backs off for ever.',
    shortenedTimings: false,
  }),
  preset('cronjob', cronJob, {
    title: 'A CronJob that runs longer than its schedule',
    paragraph:
      'report runs every minute with concurrencyPolicy Forbid, but each Job takes 90 s: at 00:02 the first is still running (JobAlreadyActive), and when it ends the skipped run starts late. Later only the most recent missed minute starts, so a run begins about every 92 s. successfulJobsHistoryLimit 2 deletes the oldest Job at the third completion.',
    lesson: 'Forbid never overlaps runs: a busy CronJob skips its times and starts the latest missed one when the running Job ends.',
    shortenedTimings: false,
  }),
  preset('autoscaling', autoscaling, {
    title: 'Autoscaling on cpu (HorizontalPodAutoscaler)',
    paragraph:
      'An HPA keeps web at 50 % of its 200m cpu request, 2 to 10 pods; the Deployment\'s podscape.dev/cpu-load (800m, shared by its Ready pods) stands in for a metrics-server. Every 15 s the controller looks: 1 → 2 (minReplicas) at 15 s, 4 at 30 s, 8 at 1 min. At 4 min the load drops to 200m; the 300 s scale-down window holds 8 pods until 8m45s, then 2.',
    lesson: 'An HPA scales up at once (at most +100 % or +4 pods per 15 s) and down only after 5 min of lower recommendations.',
    shortenedTimings: false,
  }),
  preset('statefulset-storage', statefulSetStorage, {
    title: 'StatefulSet storage (local PersistentVolumes)',
    paragraph:
      'db creates the claim data-db-N before each pod; the scheduler picks a node whose local volume fits and the claim binds to it. Power off db-0\'s node, wait for the eviction, taint it out-of-service: db-0 is created again but stays Pending with "volume node affinity conflict", because its data lives on the dead node. Restore the node and remove the taint: db-0 comes back there.',
    lesson: 'A claim bound to a local volume ties the pod to that volume’s node: the pod waits for the node rather than move without its data.',
    shortenedTimings: true,
  }),
];

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
