/**
 * Podscape's image-pull annotation, and the image facts the kubelet's image manager needs
 * (kubernetes/kubernetes pkg/kubelet/images image_manager.go; the API server's pull-policy
 * default, pkg/apis/core/v1/defaults.go SetDefaults_Container).
 *
 * - `podscape.dev/image-pull` on a pod (or a workload's pod template): the pod's container
 *   images are NOT on a node until that node pulls them. The value is how long one pull takes
 *   (a duration such as `20s`), or `fail`: the image cannot be pulled (a tag that does not
 *   exist), every pull fails at once. Without the annotation every image is on every node, as
 *   before (the kubelet reports `Container image … already present on machine`).
 *
 * Once a node pulled an image it keeps it (there is no image garbage collection here), so the
 * next pod with that image on that node starts without a pull.
 */
import type { Pod } from '../model/types';
import { parseDuration } from '../sim/config';
import { annotationsOf, isDurationText, type AnnotationProblem } from './exit-annotations';

export const IMAGE_PULL_ANNOTATION = 'podscape.dev/image-pull';

/** How the pod's images are pulled: `ms` per pull, or `fail` (undefined: every image is present). */
export type ImagePull = { fail: false; ms: number } | { fail: true };

/** The pod's image-pull annotation, or undefined without one (or with a value validation refuses). */
export function imagePullOf(pod: Pod): ImagePull | undefined {
  const raw = pod.metadata.annotations?.[IMAGE_PULL_ANNOTATION];
  if (typeof raw !== 'string' || raw === '') return undefined;
  if (raw === 'fail') return { fail: true };
  try {
    return { fail: false, ms: parseDuration(raw) };
  } catch {
    return undefined;
  }
}

/** Checks the annotation of one object's (or template's) metadata, as validateExitAnnotations does. */
export function validateImagePullAnnotation(metadata: unknown, at: string): AnnotationProblem[] {
  const v = annotationsOf(metadata)?.[IMAGE_PULL_ANNOTATION];
  if (v === undefined || v === 'fail' || isDurationText(v)) return [];
  return [{ field: `${at}.annotations[${IMAGE_PULL_ANNOTATION}]`, message: `Invalid value: ${JSON.stringify(v)}: must be a pull duration such as "20s", or "fail" for an image that cannot be pulled (a Podscape simulation annotation)` }];
}

export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/** Whether the reference names a tag or a digest (a `:` after the last `/`, or `@`). */
function tagged(image: string): { tag: string | undefined; digest: boolean } {
  if (image.includes('@')) return { tag: undefined, digest: true };
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return { tag: colon > slash ? image.slice(colon + 1) : undefined, digest: false };
}

/**
 * The container's imagePullPolicy: its own, else the API server's default (SetDefaults_Container):
 * `Always` for a `:latest` tag or no tag (and no digest), `IfNotPresent` otherwise.
 */
export function pullPolicyOf(container: { image?: string; imagePullPolicy?: unknown }): PullPolicy {
  const p = container.imagePullPolicy;
  if (p === 'Always' || p === 'IfNotPresent' || p === 'Never') return p;
  const { tag, digest } = tagged(container.image ?? '');
  return !digest && (tag === undefined || tag === 'latest') ? 'Always' : 'IfNotPresent';
}

/**
 * The image's fully qualified name, as containerd stores it and a node lists it in status.images:
 * `docker.io/library/` before a bare name, `docker.io/` before a name without a registry, `:latest`
 * when there is no tag or digest (applyDefaultImageTag, reference.ParseNormalizedNamed).
 */
export function normalizedImage(image: string): string {
  let ref = image;
  const first = ref.split('/')[0];
  const hasRegistry = ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) ref = ref.includes('/') ? `docker.io/${ref}` : `docker.io/library/${ref}`;
  const { tag, digest } = tagged(ref);
  return tag === undefined && !digest ? `${ref}:latest` : ref;
}

/**
 * The image's size in bytes: a stable value from its name (FNV-1a), between 10 and 250 MB,
 * so that the same image has the same size on every node and in every run. The simulation does
 * not know real image sizes; this one is for the `Pulled` event and the node's status.images.
 */
export function imageSizeBytes(ref: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < ref.length; i++) {
    h ^= ref.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const MB = 1_000_000;
  return 10 * MB + (h % (240 * MB));
}

/** The runtime's error for an image whose tag does not exist (containerd's resolver, through the CRI). */
export function pullError(ref: string): string {
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}
