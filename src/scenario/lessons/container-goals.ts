/**
 * Goals over a pod's containers and a node's conditions, as kubectl shows them: the STATUS
 * column of `kubectl get pod` (a container's waiting or terminated reason before the phase),
 * the Last State `kubectl describe pod` prints (why the container last stopped, its exit
 * code), and a node's pressure conditions (`MemoryPressure` True).
 */
import type { GoalFrame, GoalResult } from './goals';

type Pod = GoalFrame['pods'][number];

/** What a `podStatus` goal asks for: the pod `namespace/name` shows `status` in kubectl's STATUS column. */
export interface PodStatusWanted {
  pod: string;
  status: string;
}

/** What a `lastTermination` goal asks for: the pod's newest container restart ended with `reason` (and `exitCode`), at least `minRestarts` times restarted. */
export interface LastTerminationWanted {
  pod: string;
  reason: string;
  exitCode?: number;
  minRestarts?: number;
}

/** What a `nodeCondition` goal asks for: the node's condition `type` (`MemoryPressure`, `DiskPressure`, `PIDPressure`) is True. */
export interface NodeConditionWanted {
  node: string;
  type: string;
}

/** kubectl's STATUS: Terminating while deleted, else a container's reason (CrashLoopBackOff, OOMKilled, Evicted …), else the phase. */
export const statusColumn = (p: Pod) => (p.deletionTimestamp !== null ? 'Terminating' : (p.containerReason ?? p.phase));

const find = (frame: GoalFrame, key: string) => frame.pods.find((p) => `${p.namespace}/${p.name}` === key);

export function evaluatePodStatus({ pod: key, status }: PodStatusWanted, frame: GoalFrame): GoalResult {
  const pod = find(frame, key);
  if (!pod) return { met: false, detail: `${key} does not exist` };
  const now = statusColumn(pod);
  return { met: now === status, detail: `${key} is ${now}${pod.nodeName ? ` on ${pod.nodeName}` : ''}` };
}

export function evaluateLastTermination({ pod: key, reason, exitCode, minRestarts = 0 }: LastTerminationWanted, frame: GoalFrame): GoalResult {
  const pod = find(frame, key);
  if (!pod) return { met: false, detail: `${key} does not exist` };
  const restarts = pod.restarts ?? 0;
  const times = `restarted ${restarts === 1 ? 'once' : `${restarts} times`}`;
  const last = pod.lastTermination ?? null;
  if (!last) return { met: false, detail: `${key} has not restarted: no last state` };
  const met = last.reason === reason && (exitCode === undefined || last.exitCode === exitCode) && restarts >= minRestarts;
  return { met, detail: `${key} last terminated ${last.reason || 'with no reason'} (exit code ${last.exitCode}), ${times}` };
}

export function evaluateNodeCondition({ node: name, type }: NodeConditionWanted, frame: GoalFrame): GoalResult {
  const node = frame.nodes.find((n) => n.name === name);
  if (!node) return { met: false, detail: `node ${name} does not exist` };
  const on = (node.pressures ?? []).includes(type);
  return { met: on, detail: `${name} ${on ? 'has' : 'has no'} ${type}` };
}
