/**
 * The engine's API as the UI sees it: plain data only, so it crosses a worker
 * boundary (structured clone) unchanged. Types only, plus the protocol version.
 *
 * This is the first, minimal shape: a scenario is loaded and every pending pod is
 * scheduled once. Frames, commands and the virtual clock come with the simulation.
 */

/** Bumped on every incompatible change; the UI compares it with the worker's. */
export const ENGINE_PROTOCOL_VERSION = 1;

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface PodView {
  namespace: string;
  name: string;
  phase: PodPhase;
}

export interface NodeView {
  name: string;
  /** From the `node-role.kubernetes.io/<role>` labels, sorted; empty for a plain worker. */
  roles: string[];
  /** The `topology.kubernetes.io/zone` label, or null when the node has none. */
  zone: string | null;
  /** Pods bound to this node, in scheduling order. */
  pods: PodView[];
}

export interface PendingPodView {
  namespace: string;
  name: string;
  /** Upstream's FailedScheduling text, e.g. `0/4 nodes are available: …`. */
  message: string;
}

export interface ClusterView {
  /** Nodes in the order the scenario lists them. */
  nodes: NodeView[];
  /** Pods no node could take, in scheduling order. */
  pending: PendingPodView[];
}
