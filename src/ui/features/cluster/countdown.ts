/** Countdowns in virtual time for the node card (a killed node's deadlines). */

/** "0:07", "4:59", "1:02:03": whole seconds left, rounded up, never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** "50 s", "5 min", "1 min 30 s": a duration given in seconds, for explanations. */
export function formatSeconds(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (m === 0) return `${s} s`;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

/** kubectl's way of writing the taint a killed node's pods are evicted for. */
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable:NoExecute';

/** The countdowns' labels: a killed node's two waits. */
export const UNKNOWN_LABEL = 'Ready → Unknown in';
export const EVICTION_LABEL = 'Eviction in';

/** What the node card's countdown shows for a node that stopped answering. */
export interface NodeDeadline {
  /** A short title for the live region. */
  title: string;
  /** The countdown: virtual ms of the deadline and when its period started (for the bar). */
  until: { at: number; from: number; label: string } | null;
  /** One line of explanation. */
  detail: string;
  /** For an eviction: the NoExecute taint it counts from, as kubectl writes it (`key[=value]:NoExecute`). */
  taint?: string;
}

export interface DeadlineInput {
  time: number;
  powered: boolean;
  status: 'Ready' | 'NotReady' | 'Unknown';
  lastHeartbeat: number | null;
  readyUnknownAt: number | null;
  evictionAt: number | null;
  /** When the NoExecute unreachable taint was added (virtual ms), or null. */
  taintedAt: number | null;
  /**
   * The NoExecute taint a pending eviction counts from when it is not the unreachable one (a
   * `not-ready` taint, or one a user put on a live node), as kubectl writes it; absent or null:
   * the unreachable taint. Primitives only: the card's selector compares the input shallowly.
   */
  otherTaint?: string | null;
  /** When otherTaint was added (virtual ms), or null. */
  otherTaintAt?: number | null;
  /** The smallest unreachable tolerationSeconds among the node's pods that will be evicted, or null. */
  earliestToleration: number | null;
  /** Whether some pod of the node is Terminating. */
  terminating: boolean;
  /** Whether the node holds no pod at all (known only when its pods were read). */
  empty?: boolean;
}

/** The countdown for a node, or null when there is nothing to count down (a healthy node). */
export function nodeDeadline(d: DeadlineInput): NodeDeadline | null {
  const then =
    d.earliestToleration === null
      ? 'No pod here will be evicted for it.'
      : d.earliestToleration === 0
        ? 'Then pods without a toleration are evicted at once.'
        : `Then the first pods are evicted ${formatSeconds(d.earliestToleration)} after the NoExecute unreachable taint.`;
  if (d.readyUnknownAt !== null && d.status !== 'Unknown') {
    const from = d.lastHeartbeat ?? d.time;
    return {
      title: d.powered ? 'Heartbeats stopped' : 'Powered off: heartbeats stopped',
      until: { at: d.readyUnknownAt, from: Math.min(from, d.time), label: UNKNOWN_LABEL },
      detail: `The node-monitor grace period runs from the last heartbeat. ${then}`,
    };
  }
  if (d.evictionAt !== null) {
    const other = d.taintedAt === null ? (d.otherTaint ?? null) : null;
    const taint = other ?? UNREACHABLE_TAINT;
    return {
      title: other ? `Taint ${taint}: eviction scheduled` : 'Unreachable: eviction scheduled',
      until: { at: d.evictionAt, from: Math.min(d.taintedAt ?? (other ? d.otherTaintAt : null) ?? d.time, d.time), label: EVICTION_LABEL },
      detail: `tolerationSeconds of the ${taint} taint, counted from when it was added.`,
      taint,
    };
  }
  if (d.status === 'Unknown' && (!d.powered || d.taintedAt !== null)) {
    if (d.taintedAt === null) return { title: 'Ready is Unknown', until: null, detail: `The NoExecute unreachable taint comes with the controller's next pass. ${then}` };
    return {
      title: d.terminating ? 'Pods evicted' : 'Unreachable',
      until: null,
      detail: d.terminating
        ? 'Evicted pods stay Terminating until their kubelet confirms, or the node is deleted.'
        : d.empty
          ? 'No eviction pending: no pod is left here.'
          : 'No eviction pending: what is left here tolerates the taint.',
    };
  }
  return null;
}
