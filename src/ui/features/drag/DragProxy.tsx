import { useDraggable } from '@dnd-kit/core';
import { useContext, useLayoutEffect } from 'react';
import { DragRegistryContext, type DragRegistry } from './drag-registry';

/** The id of the one draggable: whichever pod card was pressed. */
export const POD_DRAGGABLE = 'pod';

/** The one draggable, pointed at the pressed pod card just before dnd-kit sees the event. */
export function PodDragProxy() {
  const registry = useContext(DragRegistryContext)!;
  const { setNodeRef, listeners } = useDraggable({ id: POD_DRAGGABLE, data: registry.data });
  useLayoutEffect(() => {
    registry.proxy = { setNodeRef, listeners: listeners as DragProxyListeners };
    return () => {
      registry.proxy = null;
    };
  }, [registry, setNodeRef, listeners]);
  return null;
}

type DragProxyListeners = NonNullable<DragRegistry['proxy']>['listeners'];
