/**
 * The kubelet's image manager (kubernetes/kubernetes pkg/kubelet/images image_manager.go
 * EnsureImageExists, puller.go's serial puller, kuberuntime_container.go startContainer's
 * `Error: …` event), for pods with the `podscape.dev/image-pull` annotation (image-pull.ts).
 * Pods without it find every image on the node, as before: nothing here runs for them.
 *
 * Before a pod's containers are created, each container's image is checked in order:
 * - pull policy (the container's, else the API server's default: `Always` for `:latest` or no
 *   tag, `IfNotPresent` otherwise). `Never` with the image absent: `ErrImageNeverPull` and
 *   `Failed` "Error: ErrImageNeverPull", the container waiting `ErrImageNeverPull`, the pod
 *   synced again every 10 s. `IfNotPresent` with the image on the node: no pull.
 * - the image back-off (flowcontrol.Backoff keyed `<pod UID>_<image>`, 10 s doubling to 300 s):
 *   within it, `BackOff` "Back-off pulling image …" and `Failed` "Error: ImagePullBackOff",
 *   waiting `ImagePullBackOff`.
 * - otherwise `Pulling`; the pod Pending, its containers waiting `ContainerCreating`. Pulls on
 *   one node run one after another (serializeImagePulls: true), so a pull that queues behind
 *   another reports the wait in its `Pulled` event. A pull that succeeds: `Pulled`
 *   "Successfully pulled image … in 20s (20s including waiting). Image size: N bytes.", and the
 *   node has the image from then on (listed in its status.images). One that fails (`fail`):
 *   `Failed` "Failed to pull image …: <runtime error>", `Failed` "Error: ErrImagePull", waiting
 *   `ErrImagePull`, the back-off moved on, and the pod synced again 10 s later (the pod worker's
 *   back-off period) — so the waiting reason goes ErrImagePull → ImagePullBackOff → ErrImagePull …
 *   with the pulls at 0, 10, 30, 70, 150, 310 s and then every 300 s or so.
 *
 * Simplifications: every image of the pod is pulled before any container is created (upstream
 * creates and starts each container right after its own image); a pull of an image the node
 * already has (`Always`) takes no time; the node's status.images is written when a pull ends
 * (upstream: the next node status sync, ≤ 10 s) and lists each image by its fully qualified
 * name only (no digest); a pull cut short by a deleted pod still holds the node's pull queue
 * until its end; no image garbage collection, no pull secrets, no jitter on the 10 s re-sync.
 */
import type { Node, Pod } from '../model/types';
import { goDuration } from '../controllers/drain/drain-output';
import { POD_SYNC_BACKOFF, CONTAINER_BACKOFF_BASE, MAX_CONTAINER_BACKOFF } from './backoff';
import { imagePullOf, imageSizeBytes, normalizedImage, pullError, pullPolicyOf, type ImagePull } from './image-pull';
import { waitingStatus } from './pod-status';
import type { Kubelet, PodRuntime } from './kubelet';

/** The most images a node lists in status.images (the kubelet's nodeStatusMaxImages default). */
export const NODE_STATUS_MAX_IMAGES = 50;

const NONE: ReadonlySet<string> = new Set();

const field = (name: string) => `spec.containers{${name}}`;

/** What a node's kubelet knows of images: the ones it has, its pull queue, the image back-off. */
export class ImageStore {
  /** Images this node pulled (fully qualified name → size in bytes); kept across kubelet restarts (they are on disk). */
  readonly pulled = new Map<string, number>();
  /** When the node's serial puller is free (virtual ms); reset when the kubelet restarts. */
  freeAt = 0;
  /**
   * Images a queued pull will have fetched, and when (virtual ms): a later pull of the same image
   * finds its layers there and takes no time. Reset with the queue when the kubelet restarts.
   */
  readonly arriving = new Map<string, number>();
  /** The image back-off per `<pod UID>_<image>`; lost when the kubelet restarts. */
  readonly backoff = new Map<string, { backoff: number; lastUpdate: number }>();

  /** A new kubelet process: the pull queue and the back-off start empty, the images stay. */
  restarted(): void {
    this.freeAt = 0;
    this.arriving.clear();
    this.backoff.clear();
  }
}

/**
 * Makes sure the pod's images are on the node before its containers are created. Returns the
 * names of the containers whose image was pulled for this start (their `Pulled` event is
 * recorded already), or null when the start waits (a pull runs, or failed and is retried).
 */
export function ensureImages(k: Kubelet, rt: PodRuntime, pod: Pod, restart: boolean): ReadonlySet<string> | null {
  const pull = imagePullOf(pod);
  if (!pull) return NONE;
  const now = k.ctx.clock.now;
  const done = rt.pulled ?? (rt.pulled = new Set());
  const containers = pod.spec.containers ?? [];
  for (const c of containers) {
    if (done.has(c.name)) continue;
    const image = c.image ?? '';
    const ref = normalizedImage(image);
    const present = k.images.pulled.has(ref);
    const policy = pullPolicyOf(c);
    if (policy === 'Never' && !present) {
      const message = `Container image "${image}" is not present with pull policy of Never`;
      k.ctx.recorder.event(pod, 'Warning', 'ErrImageNeverPull', message, 'kubelet', field(c.name));
      fail(k, rt, pod, c.name, 'ErrImageNeverPull', message, restart);
      return null;
    }
    if (policy === 'Never' || (policy === 'IfNotPresent' && present)) continue;
    const entry = k.images.backoff.get(`${rt.uid}_${image}`);
    if (entry && now - entry.lastUpdate <= 2 * MAX_CONTAINER_BACKOFF && now - entry.lastUpdate < entry.backoff) {
      const message = `Back-off pulling image "${image}"`;
      k.ctx.recorder.event(pod, 'Normal', 'BackOff', message, 'kubelet', field(c.name));
      fail(k, rt, pod, c.name, 'ImagePullBackOff', `${message}: ErrImagePull: ${pullError(ref)}`, restart);
      return null;
    }
    k.ctx.recorder.event(pod, 'Normal', 'Pulling', `Pulling image "${image}"`, 'kubelet', field(c.name));
    if (pod.status?.phase !== 'Running') post(k, rt, pod, () => ({ reason: 'ContainerCreating' }));
    const begin = Math.max(now, k.images.freeAt);
    // A pull queued behind one of the same image (serial puller) finds the layers on disk when
    // its turn comes: the runtime resolves the manifest and is done (upstream: well under 1 s).
    const arriving = k.images.arriving.get(ref);
    const have = present || (arriving !== undefined && arriving <= begin);
    const end = begin + (pull.fail || have ? 0 : pull.ms);
    if (!pull.fail && !have) k.images.arriving.set(ref, end);
    k.images.freeAt = end;
    rt.timer = k.ctx.clock.at(end, `kubelet ${k.name}: pull ${image} for ${rt.key}`, () => {
      rt.timer = null;
      pullEnded(k, rt, c.name, image, pull, now, begin, restart);
    });
    return null;
  }
  rt.pulled = undefined;
  return done;
}

/**
 * The start's events, per container (in v1.36 words, docs/fidelity.md round 20): `Pulled`
 * "already present" unless its image was pulled for this start (its `Pulled` is recorded), then
 * `Created` and `Started`.
 */
export function recordStart(k: Kubelet, pod: Pod, pulled: ReadonlySet<string>): void {
  for (const c of pod.spec.containers ?? []) {
    if (!pulled.has(c.name)) k.ctx.recorder.event(pod, 'Normal', 'Pulled', `Container image "${c.image ?? ''}" already present on machine and can be accessed by the pod`, 'kubelet', field(c.name));
    k.ctx.recorder.event(pod, 'Normal', 'Created', 'Container created', 'kubelet', field(c.name));
    k.ctx.recorder.event(pod, 'Normal', 'Started', 'Container started', 'kubelet', field(c.name));
  }
}

/** A pull requested at `requestedAt` that began (the queue free) at `begin` has ended now. */
function pullEnded(k: Kubelet, rt: PodRuntime, name: string, image: string, pull: ImagePull, requestedAt: number, begin: number, restart: boolean): void {
  const pod = k.ctx.store.get<Pod>('Pod', rt.namespace, rt.name);
  if (!k.running || !pod || pod.metadata.uid !== rt.uid || pod.metadata.deletionTimestamp) return;
  const now = k.ctx.clock.now;
  const ref = normalizedImage(image);
  const key = `${rt.uid}_${image}`;
  if (pull.fail) {
    const error = pullError(ref);
    k.ctx.recorder.event(pod, 'Warning', 'Failed', `Failed to pull image "${image}": ${error}`, 'kubelet', field(name));
    const entry = k.images.backoff.get(key);
    const fresh = !entry || now - entry.lastUpdate > 2 * MAX_CONTAINER_BACKOFF;
    k.images.backoff.set(key, { backoff: fresh ? CONTAINER_BACKOFF_BASE : Math.min(entry.backoff * 2, MAX_CONTAINER_BACKOFF), lastUpdate: now });
    fail(k, rt, pod, name, 'ErrImagePull', error, restart);
    return;
  }
  const size = imageSizeBytes(ref);
  k.ctx.recorder.event(pod, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${goDuration(now - begin)} (${goDuration(now - requestedAt)} including waiting). Image size: ${size} bytes.`, 'kubelet', field(name));
  if (!k.images.pulled.has(ref)) {
    k.images.pulled.set(ref, size);
    publishImages(k);
  }
  rt.pulled?.add(name);
  k.startContainers(rt, restart);
}

/**
 * startContainer's error: `Failed` "Error: <reason>", the container waiting with the reason and
 * message (the others `ContainerCreating`), and the pod synced again after the pod worker's
 * back-off period.
 */
function fail(k: Kubelet, rt: PodRuntime, pod: Pod, name: string, reason: string, message: string, restart: boolean): void {
  k.ctx.recorder.event(pod, 'Warning', 'Failed', `Error: ${reason}`, 'kubelet', field(name));
  post(k, rt, pod, (c) => (c === name ? { reason, message } : { reason: 'ContainerCreating' }));
  rt.timer = k.ctx.clock.after(POD_SYNC_BACKOFF, `kubelet ${k.name}: ${rt.key} sync`, () => {
    rt.timer = null;
    k.startContainers(rt, restart);
  });
}

/** Posts the waiting status unless the pod shows it already (the status manager skips an equal status). */
function post(k: Kubelet, rt: PodRuntime, pod: Pod, waiting: (container: string) => { reason: string; message?: string }): void {
  const statuses = Array.isArray(pod.status?.containerStatuses) ? (pod.status!.containerStatuses as { name?: string; state?: { waiting?: { reason?: string; message?: string } } }[]) : [];
  const names = (pod.spec.containers ?? []).map((c) => c.name);
  const same =
    statuses.length === names.length &&
    names.every((n) => {
      const w = statuses.find((s) => s.name === n)?.state?.waiting;
      const want = waiting(n);
      return w !== undefined && w.reason === want.reason && w.message === want.message;
    });
  if (same) return;
  k.ctx.store.update<Pod>({ ...pod, status: waitingStatus(pod, k.ctx.timestamp(k.ctx.clock.now), rt.admittedAt, waiting) });
}

/** The node's status.images: the images it pulled, with any it listed already, biggest first (nodestatus.Images). */
function publishImages(k: Kubelet): void {
  const node = k.ctx.store.get<Node>('Node', undefined, k.name);
  if (!node) return;
  const old = Array.isArray(node.status?.images) ? node.status!.images! : [];
  const ours = k.images.pulled;
  const kept = old.filter((e) => !(e?.names ?? []).some((n) => ours.has(n)));
  const list = [...kept, ...[...ours].map(([ref, sizeBytes]) => ({ names: [ref], sizeBytes }))];
  list.sort((a, b) => (b.sizeBytes ?? 0) - (a.sizeBytes ?? 0));
  k.ctx.store.update<Node>({ ...node, status: { ...(node.status ?? {}), images: list.slice(0, NODE_STATUS_MAX_IMAGES) } });
}
