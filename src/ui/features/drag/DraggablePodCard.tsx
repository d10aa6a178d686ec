import { memo } from 'react';
import type { PodFrame } from '../../../protocol/engine-api';
import { PodCard } from '../cluster/PodCard';
import { useDragState } from './drag-store';

/** Drag data carried by the pod proxy (dnd-kit `active.data.current`). */
export interface PodDragData {
  pod: PodFrame | null;
}

/** The hidden text (rendered by PodDragAndDrop) that tells screen-reader users how to drag a pod. */
export const DRAG_INSTRUCTIONS_ID = 'pod-drag-instructions';

/** What makes a pod card a drag handle; the same object for every card, so memoised cards stay put. */
const HANDLE = {
  role: 'button',
  tabIndex: 0,
  'aria-roledescription': 'draggable pod',
  'aria-describedby': DRAG_INSTRUCTIONS_ID,
  'data-draggable': 'true',
} as const;

const MemoPodCard = memo(PodCard);

/**
 * A pod card the user can pick up (pointer or keyboard). It holds no dnd-kit
 * hook: PodDragAndDrop listens for presses on the cluster view and hands them
 * to its one draggable proxy (drag-registry.ts), so a moving pointer never
 * re-renders pod cards; only the card being dragged re-renders, to dim itself.
 */
export function DraggablePodCard({ pod, message }: { pod: PodFrame; message?: string | null }) {
  const dragging = useDragState((s) => s.active !== null && s.active.uid === pod.uid);
  // A pod being deleted has nowhere to go.
  if (pod.deletionTimestamp !== null) return <MemoPodCard pod={pod} message={message} />;
  return <MemoPodCard pod={pod} message={message} dragHandle={HANDLE} dragging={dragging} />;
}
