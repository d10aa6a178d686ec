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
 *
 * A sync whose only write was the Deployment's own status (and revision
 * annotation), with no event, ending in that re-queue with Progressing still
 * NewReplicaSetAvailable, is a fixed point too: the next sync reads what it
 * wrote and the same ReplicaSets, so it computes the same numbers (from the
 * same ReplicaSets), keeps every condition (setCondition keeps a condition of
 * the same status and reason; Progressing is NewReplicaSetAvailable and
 * neither complete, progressing nor timed out over equal statuses), scales
 * and cleans up nothing (those read the spec and the ReplicaSets, and the
 * cleanup only a complete status, which a rate-limited re-queue rules out),
 * and re-queues rate-limited again (less than a second to the deadline stays
 * so as time goes on). So the written object is noted as quiet at once,
 * rather than after one more full sync that writes nothing.
 */
import type { KubeObject } from '../../model/types';

/** Tests turn the shortcut off to compare against the full syncs. */
export const QUIET_RESYNCS = { enabled: true };
/** Tests turn off noting a sync quiet right after its own status write. */
export const QUIET_AFTER_WRITE = { enabled: true };

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

  /** Whether a sync that moved the store from resourceVersion `before` to `after` made one write (its own status). */
  afterOwnWrite(before: number, after: number): boolean {
    return QUIET_AFTER_WRITE.enabled && after === before + 1;
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
