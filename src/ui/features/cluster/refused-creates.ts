/**
 * Pods a controller asked for and the API server refused (ResourceQuota, LimitRange or
 * NamespaceLifecycle admission): they never exist, so no card and no pending pod shows them;
 * the only trace is the controller's `FailedCreate` Warning (`Error creating: pods "…" is
 * forbidden: exceeded quota: …`, controller_utils.go createPods) on its ReplicaSet, Job,
 * StatefulSet or DaemonSet. This picks the newest such event of each object, for the pending
 * tray, where a newcomer looks for a pod that did not appear.
 */
import type { FrameEvent } from '../../../protocol/engine-api';

export interface RefusedCreate {
  /** `Kind/namespace/name` of the controller's object (a workload selection key). */
  object: string;
  kind: string;
  namespace: string;
  name: string;
  message: string;
  count: number;
  /** Virtual ms of the last refusal. */
  lastTime: number;
}

/** The newest FailedCreate Warning of each object, newest first; `events` in any order. */
export function refusedCreates(events: readonly FrameEvent[]): RefusedCreate[] {
  const newest = new Map<string, FrameEvent>();
  for (const e of events) {
    if (e.reason !== 'FailedCreate' || e.type !== 'Warning') continue;
    const seen = newest.get(e.object);
    if (!seen || e.lastTime > seen.lastTime || (e.lastTime === seen.lastTime && e.id > seen.id)) newest.set(e.object, e);
  }
  return [...newest.values()]
    .sort((a, b) => b.lastTime - a.lastTime || b.id - a.id)
    .map((e) => {
      const [kind = '', namespace = '', name = ''] = e.object.split('/');
      return { object: e.object, kind, namespace, name, message: e.message, count: e.count, lastTime: e.lastTime };
    });
}
