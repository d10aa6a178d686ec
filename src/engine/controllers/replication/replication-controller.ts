/**
 * The ReplicationController controller (core/v1). Upstream (pkg/controller/replication) runs the
 * ReplicaSet controller's code over ReplicationControllers through a conversion adapter: the same
 * replica management, owner references of kind ReplicationController, events from the component
 * `replication-controller` on the ReplicationController itself, and the v1 status (no
 * terminatingReplicas). Here the ReplicaSet controller takes the kind as a parameter
 * (ReplicaKind); the differences are below.
 *
 * Simplified: the RC's syncs list its pods each time instead of counting them from the ReplicaSet
 * controller's PodLedger (same results, a little slower per sync), so the ReplicaSet path and its
 * recovery hot path are untouched.
 */
import { NOTHING, selectorFromSet, type Selector } from '../../model/labels';
import type { Component } from '../../sim/contracts';
import { createReplicaSetController, type ReplicaKind, type ReplicaSet } from '../replicaset/replicaset-controller';

export const REPLICATION_CONTROLLER = 'replication-controller';

const selectors = new WeakMap<object, Selector>();

/**
 * An RC's equality-based selector (a plain label map). The API server defaults an empty one to
 * the template's labels (SetDefaults_ReplicationController, workload-admission.ts); one still
 * empty, or not a map of strings, matches nothing rather than every pod.
 */
export function rcSelector(rc: ReplicaSet): Selector {
  const sel = rc.spec.selector as unknown;
  if (sel === null || typeof sel !== 'object' || Array.isArray(sel)) return NOTHING;
  let s = selectors.get(sel);
  if (s === undefined) {
    const entries = Object.entries(sel as Record<string, unknown>);
    s = entries.length === 0 || entries.some(([, v]) => typeof v !== 'string') ? NOTHING : selectorFromSet(sel as Record<string, string>);
    selectors.set(sel, s);
  }
  return s;
}

export const REPLICATION_CONTROLLER_KIND: ReplicaKind = {
  kind: 'ReplicationController',
  apiVersion: 'v1',
  component: REPLICATION_CONTROLLER,
  selector: rcSelector,
  counted: false,
  terminatingReplicas: false,
};

export function createReplicationController(): Component {
  return createReplicaSetController(REPLICATION_CONTROLLER_KIND);
}
