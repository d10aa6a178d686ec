/**
 * A drain the Eviction API holds back. kubectl drain prints
 * `error when evicting pods/"<pod>" -n "<ns>" (will retry after 5s): <message>` when an
 * eviction is refused (a PodDisruptionBudget's 429) and keeps retrying: the drain is not
 * failing, it is waiting. The page shows that as a notice per node (DrainNotices.tsx), not
 * as an error, until every refused pod has been evicted (it is Terminating, gone, or on
 * another node in the latest frame): what the frame shows, not a re-run of drain's logic.
 */
import { createStore, type StoreApi } from 'zustand';
import { parseDuration } from '../../../scenario/duration';
import type { ClusterIndex } from '../../store/cluster-index';
import type { PodscapeStore } from '../../store/podscape-store';

/** One refused eviction, from one line of kubectl's output. */
export interface RefusedEviction {
  namespace: string;
  name: string;
  /** kubectl's retry delay as it printed it ("5s"). */
  retry: string;
  /** The Eviction API's message. */
  message: string;
  /** The line as kubectl printed it. */
  line: string;
}

export interface DrainWait {
  node: string;
  refused: RefusedEviction[];
  /**
   * With --timeout: the flag as typed, and the virtual time at which kubectl drain stops
   * retrying (the drain's start plus the timeout; it exits with an error and leaves the node
   * cordoned). Absent: it retries for ever (kubectl's default --timeout=0s).
   */
  timeout?: { flag: string; givesUpAt: number };
}

const REFUSAL = /^error when evicting pods\/"([^"]+)" -n "([^"]+)" \(will retry after ([^)]+)\): (.*)$/s;

/** The refused evictions among kubectl drain's output lines (none when every eviction went through). */
export function refusedEvictions(lines: readonly string[]): RefusedEviction[] {
  const out: RefusedEviction[] = [];
  for (const line of lines) {
    const m = REFUSAL.exec(line);
    if (m) out.push({ name: m[1], namespace: m[2], retry: m[3], message: m[4], line });
  }
  return out;
}

/** The Eviction API's answer when a PodDisruptionBudget allows no more disruptions (upstream's wording). */
export const BUDGET_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";

/** Whether `wait`'s node still runs one of the refused pods, alive (not Terminating), in `cluster`. */
export function stillWaiting(cluster: ClusterIndex, wait: DrainWait): boolean {
  const uids = cluster.podsByNode.get(wait.node);
  if (!uids) return false;
  for (const uid of uids) {
    const pod = cluster.pods.get(uid);
    if (!pod || pod.nodeName !== wait.node || pod.deletionTimestamp !== null) continue;
    if (wait.refused.some((r) => r.name === pod.name && r.namespace === pod.namespace)) return true;
  }
  return false;
}

const WAITS = new WeakMap<PodscapeStore, StoreApi<readonly DrainWait[]>>();

/** The drain waits of one page (one PodscapeStore). */
export function drainWaits(store: PodscapeStore): StoreApi<readonly DrainWait[]> {
  let waits = WAITS.get(store);
  if (!waits) {
    waits = createStore<readonly DrainWait[]>()(() => []);
    WAITS.set(store, waits);
  }
  return waits;
}

/**
 * Records a drain's refusals; a new drain of the same node replaces the old one (kubectl's Ctrl-C
 * and re-run). `timeout` is the drain's --timeout as sent (the engine accepted it); it started at
 * the latest frame's time.
 */
export function noteDrain(store: PodscapeStore, node: string, lines: readonly string[], timeout?: string): void {
  const waits = drainWaits(store);
  const refused = refusedEvictions(lines);
  const others = waits.getState().filter((w) => w.node !== node);
  const ms = timeout === undefined ? 0 : parseDuration(timeout);
  const wait: DrainWait = { node, refused };
  if (ms > 0) wait.timeout = { flag: timeout!, givesUpAt: (store.getState().frame?.time ?? 0) + ms };
  waits.setState(refused.length > 0 ? [...others, wait] : others, true);
}

export function dismissDrainWait(store: PodscapeStore, node: string): void {
  const waits = drainWaits(store);
  waits.setState(waits.getState().filter((w) => w.node !== node), true);
}
