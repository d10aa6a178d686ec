/**
 * ImageLocality mirrors upstream's imagelocality plugin (Score only): nodes
 * that already hold the pod's images (init and regular containers) score
 * higher, discounted by how widely each image has spread. No NormalizeScore.
 */
import type { CycleState } from '../../framework/cycle-state';
import type { Handle, PluginFactory, ScorePlugin } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import { F_IMAGES, type NodeTable } from '../../framework/node-table';
import type { PodInfo } from '../../framework/pod-info';
import type { Snapshot } from '../../framework/snapshot';
import type { Pod } from '../../../model/types';
import { MAX_NODE_SCORE } from '../helpers/normalize-score';
import { ImageLocality } from '../names';

const MB = 1024 * 1024;
/** Below this summed size a node scores 0. */
export const MIN_THRESHOLD = 23 * MB;
/** The sum is capped at this much per container. */
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** The CRI name for an image: `:latest` is added when the reference has no tag. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/** Normalised images of the init containers, then the regular containers (one entry per container). */
function podImages(pod: Pod): string[] {
  const out: string[] = [];
  for (const c of pod.spec.initContainers ?? []) out.push(normalizedImageName(c.image ?? ''));
  for (const c of pod.spec.containers ?? []) out.push(normalizedImageName(c.image ?? ''));
  return out;
}

/** Clamps the summed image score into [min, max] and scales it to 0..100 (int64 division). */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  let sum = sumScores;
  if (sum < MIN_THRESHOLD) sum = MIN_THRESHOLD;
  else if (sum > maxThreshold) sum = maxThreshold;
  const score = Math.trunc((MAX_NODE_SCORE * (sum - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
  return score === 0 ? 0 : score; // no -0 (a pod without containers divides by a negative range)
}

export class ImageLocalityPlugin implements ScorePlugin {
  readonly name = ImageLocality;
  private readonly snapshot: Snapshot;
  /** The images of the pod scored last: Score runs once per node for the same pod. */
  private lastPod: PodInfo | null = null;
  private lastImages: readonly string[] = [];

  constructor(handle: Pick<Handle, 'snapshot'>) {
    this.snapshot = handle.snapshot;
  }

  private imagesOf(pod: PodInfo): readonly string[] {
    if (this.lastPod !== pod) {
      this.lastImages = podImages(pod.pod);
      this.lastPod = pod;
    }
    return this.lastImages;
  }

  score(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    const images = this.imagesOf(pod);
    const totalNumNodes = this.snapshot.numNodes;
    let sum = 0;
    if (totalNumNodes > 0 && nodeInfo.imageSizes.size > 0) {
      for (const image of images) {
        const size = nodeInfo.imageSizes.get(image);
        if (size === undefined) continue;
        // Same float64 steps as upstream: spread first, then size × spread, truncated.
        const spread = this.snapshot.imageNumNodes(image) / totalNumNodes;
        sum += Math.trunc(size * spread);
      }
    }
    return calculatePriority(sum, images.length);
  }

  /** What a node that holds none of the pod's images scores. */
  noImageScore(pod: PodInfo): number {
    // imagesOf(pod).length, without normalising the names: one image per init and regular container.
    const spec = pod.pod.spec;
    return calculatePriority(0, (spec.initContainers?.length ?? 0) + (spec.containers?.length ?? 0));
  }

  /** Whether any node may hold one of the pod's images; if not, every node scores noImageScore(pod). */
  imagesHeld(pod: PodInfo, table: NodeTable): boolean {
    if (this.snapshot.numNodes === 0 || table.count(F_IMAGES) === 0) return false;
    for (const image of this.imagesOf(pod)) if (this.snapshot.imageNumNodes(image) > 0) return true;
    return false;
  }

  /**
   * score() over a batch. A node without images, or any node when no node
   * holds one of the pod's images, sums 0: those all get the same score,
   * worked out once per pod.
   */
  scoreAll(state: CycleState, pod: PodInfo, table: NodeTable, slots: Int32Array, n: number, out: number[]): void {
    const none = this.noImageScore(pod);
    if (!this.imagesHeld(pod, table)) {
      for (let i = 0; i < n; i++) out[i] = none;
      return;
    }
    const flags = table.flags;
    for (let i = 0; i < n; i++) {
      const slot = slots[i];
      out[i] = (flags[slot] & F_IMAGES) === 0 ? none : this.score(state, pod, table.infos[slot]!);
    }
  }

  scoreExtensions(): null {
    return null;
  }
}

export const imageLocalityFactory: PluginFactory = {
  create: (_args, handle) => new ImageLocalityPlugin(handle),
};
