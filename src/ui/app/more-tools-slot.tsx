import { type ReactNode, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';

/**
 * Where the phone's "More tools" region is while it is open (MoreTools.tsx), or null. A tool
 * wrapped in MoreSlot renders there instead of in its place, so that it follows the More button
 * in the page's order and a keyboard reaches it right after the button. On a wider screen, or
 * while More is closed, the region does not exist and every tool stays where it is.
 */
let target: HTMLElement | null = null;
const listeners = new Set<() => void>();

export function setMoreToolsTarget(element: HTMLElement | null): void {
  if (element === target) return;
  target = element;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const current = () => target;
const none = () => null;

/** Renders its children in the open "More tools" region when there is one, else in place. */
export function MoreSlot({ children }: { children: ReactNode }) {
  const region = useSyncExternalStore(subscribe, current, none);
  return region ? createPortal(children, region) : <>{children}</>;
}
