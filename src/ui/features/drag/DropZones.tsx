import { useDraggable, useDroppable } from '@dnd-kit/core';
import { useContext, useLayoutEffect } from 'react';
import { usePodscapeStore } from '../../store/podscape-store';
import { useProgressiveCount } from '../../components/use-progressive-count';
import { DragRegistryContext, type DragRegistry } from './drag-registry';

/** Drop data carried by a node's droppable (dnd-kit `over.data.current`). */
export interface NodeDropData {
  node: string;
}

/** The id of the one draggable: whichever pod card was pressed. */
export const POD_DRAGGABLE = 'pod';

/**
 * One droppable per node, rendering nothing: its element is the node's card (see
 * drag-registry.ts). A new cluster's are registered 60 per task: dnd-kit copies its map of
 * droppables on every registration, so a thousand in one task was a long task. A new large
 * cluster's first ones wait for the task after the commit that shows it (issue 4's load).
 */
export function DropZones() {
  const registry = useContext(DragRegistryContext)!;
  const names = usePodscapeStore((s) => s.cluster.nodeNames);
  const shown = useProgressiveCount(names, names.length > 60 ? 0 : 60, 60);
  return (
    <>
      {(shown < names.length ? names.slice(0, shown) : names).map((name) => (
        <DropZone key={name} name={name} registry={registry} />
      ))}
    </>
  );
}

function DropZone({ name, registry }: { name: string; registry: DragRegistry }) {
  const { setNodeRef } = useDroppable({ id: `node:${name}`, data: { node: name } satisfies NodeDropData });
  useLayoutEffect(() => registry.connectZone(name, setNodeRef), [registry, name, setNodeRef]);
  return null;
}

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
