import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import { usePodscapeStore } from '../../store/podscape-store';
import { usePodDrag } from '../drag/pod-drag';
import { fateOf } from './fate';
import { TRAY, useFlip } from './flip';
import { PodCard } from './PodCard';

/**
 * One pod card bound to the store by uid: it re-renders only when this pod, its
 * pending message or its node's health changes (or it is picked up for a drag), and
 * plays its move (flip.ts, on the [data-pod] element). Memoised: a node card that
 * re-renders (a heartbeat, a meter) does not re-render its pods' slots.
 */
export const PodSlot = memo(function PodSlot({ uid, where }: { uid: string; where: string }) {
  const pod = usePodscapeStore((s) => s.cluster.pods.get(uid));
  const message = usePodscapeStore((s) => (where === TRAY ? (s.cluster.pendingMessages.get(uid) ?? null) : null));
  const nodeDown = usePodscapeStore((s) => {
    if (where === TRAY) return false;
    const node = s.cluster.nodes.get(where);
    return !!node && (!node.powered || node.status !== 'Ready');
  });
  const fate = useMemo(() => (pod && nodeDown ? fateOf(pod) : null), [pod, nodeDown]);
  const flip = useFlip();
  const ref = useRef<HTMLDivElement>(null);
  const { dragHandle, dragging } = usePodDrag(uid, pod);
  useLayoutEffect(() => {
    flip?.play(uid, ref.current, where);
  }, [flip, uid, where]);
  if (!pod) return null;
  return <PodCard ref={ref} pod={pod} message={message} fate={fate} dragHandle={dragHandle} dragging={dragging} />;
});
