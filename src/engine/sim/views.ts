/**
 * The snapshot: plain data describing nodes and pods at one virtual time,
 * for the UI, tests and tools.
 */
import type { NodeCondition, Node, Pod, Taint } from '../model/types';
import { deepClone } from '../store/clone';
import { getCondition, ownerRefOf } from './api';
import type { Store, VirtualTime } from './contracts';

export interface NodeView {
  name: string;
  /** The Ready condition's status ('Unknown' when the node has none yet). */
  ready: 'True' | 'False' | 'Unknown';
  /** As the UI shows it: Ready, NotReady (Ready=False) or Unknown. */
  status: 'Ready' | 'NotReady' | 'Unknown';
  unschedulable: boolean;
  taints: Taint[];
  conditions: NodeCondition[];
  /** Whether the machine has power (killNode turns it off). */
  powered: boolean;
  labels: Record<string, string>;
}

export interface PodView {
  namespace: string;
  name: string;
  uid: string;
  phase: string;
  nodeName: string | null;
  deletionTimestamp: string | null;
  ready: boolean;
  owner: { kind: string; name: string } | null;
}

/** Plain data: the state at one virtual time. */
export interface SimSnapshot {
  time: VirtualTime;
  nodes: NodeView[];
  pods: PodView[];
}

export function buildSnapshot(store: Store, time: VirtualTime, powered: (node: string) => boolean): SimSnapshot {
  const nodes = store.list<Node>('Node').map((n) => nodeView(n, powered(n.metadata.name!)));
  const pods = store.list<Pod>('Pod').map(podView);
  return { time, nodes, pods };
}

/** One node's view (a copy: the view shares nothing with the stored object). */
export function nodeView(n: Node, powered: boolean): NodeView {
  const ready = (getCondition(n as { status?: { conditions?: NodeCondition[] } }, 'Ready')?.status ?? 'Unknown') as NodeView['ready'];
  return {
    name: n.metadata.name!,
    ready,
    status: ready === 'True' ? 'Ready' : ready === 'False' ? 'NotReady' : 'Unknown',
    unschedulable: n.spec?.unschedulable === true,
    taints: deepClone(n.spec?.taints ?? []),
    conditions: deepClone(n.status?.conditions ?? []),
    powered,
    labels: { ...(n.metadata.labels ?? {}) },
  };
}

/** One pod's view: a function of the stored pod object alone. */
export function podView(p: Pod): PodView {
  const owner = ownerRefOf(p);
  return {
    namespace: p.metadata.namespace ?? 'default',
    name: p.metadata.name!,
    uid: p.metadata.uid ?? '',
    phase: p.status?.phase ?? 'Pending',
    nodeName: p.spec.nodeName || null,
    deletionTimestamp: p.metadata.deletionTimestamp ?? null,
    ready: getCondition(p, 'Ready')?.status === 'True',
    owner: owner ? { kind: owner.kind, name: owner.name } : null,
  };
}
