import { useDraggable } from '@dnd-kit/core';
import { memo } from 'react';
import type { PodFrame } from '../../../protocol/engine-api';
import { PodCard } from '../cluster/PodCard';

/** Drag data carried by a pod card (dnd-kit `active.data.current`). */
export interface PodDragData {
  pod: PodFrame;
}

const MemoPodCard = memo(PodCard);

/** The draggable id of a pod card. */
export const podDragId = (pod: { namespace: string; name: string }) => `pod:${pod.namespace}/${pod.name}`;

/**
 * A pod card the user can pick up (pointer or keyboard). The hook re-renders
 * this wrapper when the drag moves to another node; the card itself is
 * memoised on props dnd-kit keeps stable, so it does not.
 */
export function DraggablePodCard({ pod, message }: { pod: PodFrame; message?: string | null }) {
  // A pod being deleted has nowhere to go.
  const disabled = pod.deletionTimestamp !== null;
  const { setNodeRef, attributes, listeners, isDragging } = useDraggable({
    id: podDragId(pod),
    data: { pod } satisfies PodDragData,
    disabled,
    attributes: { roleDescription: 'draggable pod' },
  });
  if (disabled) return <MemoPodCard pod={pod} message={message} />;
  return <MemoPodCard pod={pod} message={message} dragRef={setNodeRef} dragAttributes={attributes} dragListeners={listeners} dragging={isDragging} />;
}
