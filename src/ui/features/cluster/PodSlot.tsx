import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { PodFrame } from '../../../protocol/engine-api';
import { usePodscapeStore, type PodscapeState, type Selection } from '../../store/podscape-store';
import { usePodDrag } from '../drag/pod-drag';
import { fateOf } from './fate';
import { TRAY, useFlip } from './flip';
import { PodCard } from './PodCard';

/** Whether `selection` is pod `pod` (the inspector's key is namespace/name). */
export function isSelectedPod(selection: Selection | null, pod: PodFrame): boolean {
  return selection?.kind === 'pod' && selection.key.length === pod.namespace.length + 1 + pod.name.length && selection.key === `${pod.namespace}/${pod.name}`;
}

const NO_PODS: readonly (PodFrame | undefined)[] = [];
const NO_MESSAGES: ReadonlyMap<string, string | null> = new Map();

/**
 * The pods of `uids` (one list: a node card's or the tray's), in order; `last` itself
 * while every one is the same object. A list whose node is gone (or a tray pod no longer
 * pending) is not looked up: the list unmounts in this very render, and after a new large
 * scenario the old view's uids would cost an index of the new pods.
 */
export function selectPods(s: PodscapeState, uids: readonly string[], where: string, last: readonly (PodFrame | undefined)[]): readonly (PodFrame | undefined)[] {
  if (where !== TRAY && s.cluster.nodes.get(where) === undefined) return last.length === 0 ? last : NO_PODS;
  const pods = s.cluster.pods;
  const messages = where === TRAY ? s.cluster.pendingMessages : null;
  let same = last.length === uids.length;
  let next: (PodFrame | undefined)[] | null = null;
  for (let i = 0; i < uids.length; i++) {
    const pod = messages && !messages.has(uids[i]) ? undefined : pods.get(uids[i]);
    if (same && last[i] === pod) continue;
    if (!next) {
      next = last.slice(0, i);
      same = false;
    }
    next.push(pod);
  }
  return next ?? last;
}

/** What a list's selector last read and answered (selectListPods). */
export interface ListMemo {
  pods: PodscapeState['cluster']['pods'] | null;
  messages: PodscapeState['cluster']['pendingMessages'] | null;
  uids: readonly string[] | null;
  result: readonly (PodFrame | undefined)[];
}

export const newListMemo = (): ListMemo => ({ pods: null, messages: null, uids: null, result: NO_PODS });

/**
 * selectPods, answered without the loop when the pods map, the uids and (for the tray) the
 * pending messages are the very ones of the last call: the store keeps its pods map while
 * no pod changed (a frame that renews Leases or only moves the clock), so such a store
 * change costs each list two lookups instead of one per pod.
 */
export function selectListPods(s: PodscapeState, uids: readonly string[], where: string, memo: ListMemo): readonly (PodFrame | undefined)[] {
  const messages = where === TRAY ? s.cluster.pendingMessages : null;
  if (where !== TRAY && s.cluster.nodes.get(where) === undefined) {
    memo.pods = null;
    return (memo.result = selectPods(s, uids, where, memo.result));
  }
  if (memo.pods === s.cluster.pods && memo.uids === uids && memo.messages === messages) return memo.result;
  memo.pods = s.cluster.pods;
  memo.uids = uids;
  memo.messages = messages;
  return (memo.result = selectPods(s, uids, where, memo.result));
}

/**
 * The pod cards of one node card (or of the pending tray): ONE store subscription for the
 * list, not one per pod (every store change runs every subscriber's selector, and a
 * 100-node cluster has 3,000 pod cards), handing each card its pod; the cards are
 * memoised, so a frame that changes one pod re-renders the list (a loop over its uids)
 * and that one card.
 */
export const PodList = memo(function PodList({ uids, where, nodeDown = false }: { uids: readonly string[]; where: string; nodeDown?: boolean }) {
  const [memo] = useState(newListMemo);
  const pods = usePodscapeStore((s) => selectListPods(s, uids, where, memo));
  const messages = usePodscapeStore((s) => (where === TRAY ? s.cluster.pendingMessages : NO_MESSAGES));
  // The inspector's pod: a new selection re-renders the lists, and only the cards whose `selected` changed.
  const selection = usePodscapeStore((s) => (s.selected?.kind === 'pod' ? s.selected : null));
  return (
    <ul className="pods">
      {uids.map((uid, i) => {
        const pod = pods[i];
        return pod ? (
          <PodSlot
            key={uid}
            uid={uid}
            where={where}
            pod={pod}
            message={messages.get(uid) ?? null}
            nodeDown={nodeDown}
            selected={isSelectedPod(selection, pod)}
          />
        ) : null;
      })}
    </ul>
  );
});

interface SlotProps {
  uid: string;
  where: string;
  pod: PodFrame;
  message: string | null;
  nodeDown: boolean;
  /** The inspector shows this pod. */
  selected: boolean;
}

/**
 * One pod card, handed its pod by its list (PodList): it re-renders only when this pod,
 * its pending message or its node's health changes (or it is picked up for a drag), and
 * plays its move (flip.ts, on the [data-pod] element).
 */
const PodSlot = memo(function PodSlot({ uid, where, pod, message, nodeDown, selected }: SlotProps) {
  const fate = useMemo(() => (nodeDown ? fateOf(pod) : null), [pod, nodeDown]);
  const flip = useFlip();
  const ref = useRef<HTMLDivElement>(null);
  const { dragHandle, dragging } = usePodDrag(uid, pod);
  useLayoutEffect(() => {
    flip?.play(uid, ref.current, where);
  }, [flip, uid, where]);
  return <PodCard ref={ref} pod={pod} message={message} fate={fate} selected={selected} dragHandle={dragHandle} dragging={dragging} />;
});
