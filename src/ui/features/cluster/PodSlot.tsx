import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import type { PodFrame } from '../../../protocol/engine-api';
import { usePodscapeStore, type Selection } from '../../store/podscape-store';
import { usePodDrag } from '../drag/pod-drag';
import { fateOf } from './fate';
import { TRAY, useFlip } from './flip';
import { PodCard } from './PodCard';

/** Whether `selection` is pod `pod` (the inspector's key is namespace/name). */
export function isSelectedPod(selection: Selection | null, pod: PodFrame): boolean {
  return selection?.kind === 'pod' && selection.key.length === pod.namespace.length + 1 + pod.name.length && selection.key === `${pod.namespace}/${pod.name}`;
}

interface SlotView {
  pod: PodFrame | undefined;
  message: string | null;
  nodeDown: boolean;
  /** The inspector shows this pod. */
  selected: boolean;
}

/**
 * One pod card bound to the store by uid: it re-renders only when this pod, its
 * pending message or its node's health changes (or it is picked up for a drag), and
 * plays its move (flip.ts, on the [data-pod] element). Memoised: a node card that
 * re-renders (a heartbeat, a meter) does not re-render its pods' slots.
 */
export const PodSlot = memo(function PodSlot({ uid, where }: { uid: string; where: string }) {
  // One subscription for the four (a slot per pod: every store change runs every slot's
  // selector), returning the previous object while all four are the same.
  const last = useRef<SlotView | null>(null);
  const { pod, message, nodeDown, selected } = usePodscapeStore((s) => {
    const node = where === TRAY ? undefined : s.cluster.nodes.get(where);
    // A slot whose node is gone (or whose pod left the tray) is unmounted in this very
    // render (NodeSlot renders null, the tray drops the uid), so its pod is not looked
    // up: after a new large scenario, the old view's uids would cost an index of the new pods.
    const gone = where === TRAY ? !s.cluster.pendingMessages.has(uid) : node === undefined;
    const found = gone ? undefined : s.cluster.pods.get(uid);
    const next: SlotView = {
      pod: found,
      message: where === TRAY ? (s.cluster.pendingMessages.get(uid) ?? null) : null,
      nodeDown: !!node && (!node.powered || node.status !== 'Ready'),
      selected: found !== undefined && isSelectedPod(s.selected, found),
    };
    const prev = last.current;
    if (prev && prev.pod === next.pod && prev.message === next.message && prev.nodeDown === next.nodeDown && prev.selected === next.selected) return prev;
    return (last.current = next);
  });
  const fate = useMemo(() => (pod && nodeDown ? fateOf(pod) : null), [pod, nodeDown]);
  const flip = useFlip();
  const ref = useRef<HTMLDivElement>(null);
  const { dragHandle, dragging } = usePodDrag(uid, pod);
  useLayoutEffect(() => {
    flip?.play(uid, ref.current, where);
  }, [flip, uid, where]);
  if (!pod) return null;
  return <PodCard ref={ref} pod={pod} message={message} fate={fate} selected={selected} dragHandle={dragHandle} dragging={dragging} />;
});
