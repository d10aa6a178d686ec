/**
 * The state of one drag, in a small zustand store of its own (one per
 * <PodDragAndDrop>): the pod picked up, the engine's verdict per node (asked
 * once when the drag starts), the node under the pod, the drop waiting for
 * confirmation, and what the last drop led to. Node cards subscribe with
 * selectors that change only for the hovered and the previously hovered node,
 * so moving the pod re-renders at most those two cards.
 */
import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { PodFrame } from '../../../protocol/engine-api';
import type { DropPlan } from './drop-plan';
import type { NodeVerdict } from './verdict';

export interface PendingDrop {
  pod: PodFrame;
  node: string;
  plan: Exclude<DropPlan, { kind: 'none' } | { kind: 'bind' }>;
}

export interface DropOutcome {
  pod: PodFrame;
  node: string;
  /** bound: bindPod (fits or anyway); deleted: a controller-owned pod was deleted; recreated: a bare pod deleted and created on `node`. */
  action: 'bound' | 'deleted' | 'recreated';
  /** Virtual time of the drop: kubelet events from then on belong to it. */
  since: number;
}

export interface DragState {
  /** The pod being dragged, as it was when picked up; null when no drag is on. */
  active: PodFrame | null;
  /** How the pod was picked up: the hint names the keys for a keyboard drag, hovering for a pointer one. */
  by: 'pointer' | 'keyboard';
  /** The engine's verdict for each node; null until it answers. */
  verdicts: ReadonlyMap<string, NodeVerdict> | null;
  /** Why there are no verdicts (the engine refused the explain call). */
  verdictError: string | null;
  /** The node card under the pod. */
  over: string | null;
  pending: PendingDrop | null;
  outcome: DropOutcome | null;
}

export type DragStore = StoreApi<DragState>;

export const IDLE: Pick<DragState, 'active' | 'by' | 'verdicts' | 'verdictError' | 'over'> = { active: null, by: 'pointer', verdicts: null, verdictError: null, over: null };

export function createDragStore(): DragStore {
  return createStore<DragState>()(() => ({ ...IDLE, pending: null, outcome: null }));
}

export const DragStoreContext = createContext<DragStore | null>(null);

const NO_DRAG: DragStore = createDragStore();

/** Reads the drag store; outside <PodDragAndDrop> (static rendering, tests) nothing is ever dragged. */
export function useDragState<T>(selector: (state: DragState) => T): T {
  return useStore(useContext(DragStoreContext) ?? NO_DRAG, selector);
}

/** What a node card shows while the pod is over it: its verdict, 'checking' until the engine answered, or null when not hovered. */
export type HoverVerdict = NodeVerdict | 'checking' | null;

const UNKNOWN: NodeVerdict = { kind: 'unknown' };

export function selectHoverVerdict(node: string): (state: DragState) => HoverVerdict {
  return (s) => {
    if (s.over !== node || s.active === null) return null;
    if (s.verdicts === null) return s.verdictError === null ? 'checking' : UNKNOWN;
    return s.verdicts.get(node) ?? UNKNOWN;
  };
}
