import type { PodFrame } from '../../../protocol/engine-api';
import { useDragState } from './drag-store';

/** Drag data carried by the pod proxy (dnd-kit `active.data.current`). */
export interface PodDragData {
  pod: PodFrame | null;
}

/** The hidden text (rendered by PodDragAndDrop) that tells screen-reader users how to drag a pod. */
export const DRAG_INSTRUCTIONS_ID = 'pod-drag-instructions';

/**
 * What makes a pod card a drag handle; the same object for every card, so memoised
 * cards stay put. The card is a focusable group (not a button: it holds the inspector's
 * name button, and interactive controls must not nest): Space or Enter on the focused
 * card picks the pod up, while Enter or Space on the name button inside selects it
 * (use-selectable.ts stops those keys there, so they never reach the drag).
 */
const HANDLE = {
  role: 'group',
  tabIndex: 0,
  'aria-roledescription': 'draggable pod',
  'aria-describedby': DRAG_INSTRUCTIONS_ID,
  'data-draggable': 'true',
} as const;

/**
 * Drag and drop for one pod card (called by cluster/PodSlot.tsx). The card holds no
 * dnd-kit hook: PodDragAndDrop listens for presses on the cluster view and hands them
 * to its one draggable proxy (drag-registry.ts), so a moving pointer never re-renders
 * pod cards; only the card being dragged re-renders, to dim itself.
 */
export function usePodDrag(uid: string, pod: PodFrame | undefined) {
  const dragging = useDragState((s) => s.active !== null && s.active.uid === uid);
  // A pod being deleted has nowhere to go.
  const draggable = pod !== undefined && pod.deletionTimestamp === null;
  return { dragHandle: draggable ? HANDLE : undefined, dragging: draggable && dragging };
}
