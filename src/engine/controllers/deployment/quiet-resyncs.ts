/**
 * Rate-limited resyncs of a stuck Deployment that cannot change anything.
 *
 * A complete Deployment that lost pods (its Progressing reason stays
 * NewReplicaSetAvailable) is re-queued through the shared rate limiter after
 * every sync, as upstream's requeueStuckDeployment does: ten syncs a second
 * for as long as its pods are missing. A sync reads only the Deployment, the
 * ReplicaSets it owns (or could adopt) and, for that reason, never the clock
 * (no progress deadline can expire). So when a sync made no write and
 * recorded no event, and neither the Deployment nor any ReplicaSet it could
 * claim changed since, the next sync would do exactly the same: nothing but
 * re-queue itself. This remembers such syncs so that the controller can skip
 * straight to the re-queue.
 */
import type { KubeObject } from '../../model/types';

/** Tests turn the shortcut off to compare against the full syncs. */
export const QUIET_RESYNCS = { enabled: true };

export class QuietResyncs {
  /** Deployment key → the Deployment object its last quiet sync saw. */
  private readonly quiet = new Map<string, KubeObject>();

  /** Whether the sync of `key` over `d` would repeat a quiet sync. */
  isQuiet(key: string, d: KubeObject): boolean {
    return QUIET_RESYNCS.enabled && this.quiet.get(key) === d;
  }

  /**
   * Whether `key` has a quiet sync noted: while every store write has reached the controller's
   * watch (so a change to the Deployment would have forgotten it), its Deployment is still the
   * object that sync saw, and `isQuiet` would say yes without looking it up.
   */
  has(key: string): boolean {
    return QUIET_RESYNCS.enabled && this.quiet.has(key);
  }

  /** Records a sync of `key` over `d` that wrote nothing, recorded nothing and re-queued rate-limited. */
  note(key: string, d: KubeObject): void {
    this.quiet.set(key, d);
  }

  /** The Deployment or one of its ReplicaSets changed. */
  forget(key: string): void {
    this.quiet.delete(key);
  }

  /** A ReplicaSet any Deployment might adopt changed. */
  forgetAll(): void {
    this.quiet.clear();
  }
}
