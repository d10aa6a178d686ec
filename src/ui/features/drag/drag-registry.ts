/**
 * Why this exists: dnd-kit passes the pointer position down through React
 * context on every move, and React then walks the whole subtree under
 * <DndContext> looking for readers. With a thousand node cards and their pods
 * under it, that walk alone costs tens of milliseconds per pointer move.
 *
 * So the cluster view stays OUTSIDE <DndContext>. Inside it is only a small
 * stand-in: one draggable proxy (pointed at whichever pod card is pressed,
 * just before dnd-kit sees the event). The node cards are no dnd-kit droppables
 * (node-targets.ts reads them). This registry connects the two sides: node
 * cards hand their element in through `nodeRef(name)`, the proxy hands out its
 * ref setter and listeners.
 */
import { createContext, type SyntheticEvent } from 'react';
import type { PodFrame } from '../../../protocol/engine-api';

type Listener = (event: SyntheticEvent) => void;

export interface DragProxy {
  setNodeRef(element: HTMLElement | null): void;
  listeners: Record<string, Listener | undefined> | undefined;
}

export class DragRegistry {
  /** The card element of each node. */
  private readonly elements = new Map<string, HTMLElement>();
  private readonly refs = new Map<string, (element: HTMLElement | null) => void>();
  /** What the draggable proxy carries: the pod pressed last (mutated in place; dnd-kit keeps a reference). */
  readonly data: { pod: PodFrame | null } = { pod: null };
  proxy: DragProxy | null = null;
  /** The node the pod is over, as dnd-kit's latest `onDragOver` said (kept after the drop, for its announcement). */
  overNode: string | null = null;

  /** A stable ref callback for node `name`'s card. */
  nodeRef(name: string): (element: HTMLElement | null) => void {
    let ref = this.refs.get(name);
    if (!ref) {
      ref = (element) => {
        if (element) this.elements.set(name, element);
        else this.elements.delete(name);
      };
      this.refs.set(name, ref);
    }
    return ref;
  }

  /** Each node card on the page: its node's name and its element. */
  cards(): Iterable<readonly [string, HTMLElement]> {
    return this.elements;
  }

  /**
   * Hands a pointer or key event on a pod card to dnd-kit: points the proxy
   * at the card and lets the proxy's listener decide whether a drag starts.
   */
  activate(event: SyntheticEvent, pod: PodFrame, card: HTMLElement, eventName: 'onPointerDown' | 'onKeyDown' | 'onTouchStart'): void {
    const proxy = this.proxy;
    const listener = proxy?.listeners?.[eventName];
    if (!proxy || !listener) return;
    this.data.pod = pod;
    proxy.setNodeRef(card);
    listener(event);
  }
}

export const DragRegistryContext = createContext<DragRegistry | null>(null);
