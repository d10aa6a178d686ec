import { useDndContext } from '@dnd-kit/core';
import { useEffect } from 'react';

/**
 * Measures every node card again after the page scrolls during a drag. dnd-kit
 * measures the drop targets when a drag starts and then only shifts them by the scroll
 * offset, but node cards out of view skip rendering (`content-visibility: auto`) and
 * take their real height only once scrolled into view, which moves the cards below
 * them: without a new measurement the pod would be dropped on the wrong card after a
 * long scroll (a pending pod dragged from the tray to a node far above it). Two animation
 * frames after the last scroll event, once the browser has laid the newly shown cards out.
 *
 * The same when the page's layout changes during a drag (a lesson's answer revealed, a
 * panel closing above the nodes): the cards measured at the pick-up would be stale, the
 * keyboard would place the pod where its card was, and the next measurement (after the
 * scroll that reveals the card) would find the pod over no card.
 */
export function RemeasureOnScroll(): null {
  const { active, measureDroppableContainers } = useDndContext();
  const dragging = active !== null;
  useEffect(() => {
    if (!dragging) return;
    let frame = 0;
    const later = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(() => measureDroppableContainers([]));
      });
    };
    window.addEventListener('scroll', later, { capture: true, passive: true });
    // The page's own size changes with any layout change above or among the cards.
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(later);
    resized?.observe(document.body);
    return () => {
      window.removeEventListener('scroll', later, { capture: true });
      resized?.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [dragging, measureDroppableContainers]);
  return null;
}
