import { memo } from 'react';
import type { PodFrame } from '../../../protocol/engine-api';
import { PodCard } from '../cluster/PodCard';
import { usePodDrag } from '../drag/pod-drag';

/** A pending pod's card under the canvases: draggable onto a node, as in the cards view. */
export const PendingPodCard = memo(function PendingPodCard({ pod, message, selected }: { pod: PodFrame; message: string | null; selected: boolean }) {
  const { dragHandle, dragging } = usePodDrag(pod.uid, pod);
  return <PodCard pod={pod} message={message} selected={selected} dragHandle={dragHandle} dragging={dragging} />;
});
