/**
 * FLIP layout animation for pod cards, keyed by pod uid. A pod card that moves to
 * another node or out of the pending tray is a new DOM element in another parent, so
 * the positions are recorded *before* React applies a frame: a store subscription
 * measures every pod card when the placement of pods changes (React renders later, in
 * a microtask). After the commit each moved card inverts to where it was and plays to
 * its place with the Web Animations API; a new pod bound to a node flies in from the
 * pending tray, where every pod starts. Transform and opacity only; nothing at all
 * under prefers-reduced-motion.
 */
import { createContext, useContext } from 'react';
import type { PodscapeStore } from '../../store/podscape-store';

/** Where a pod card was: its viewport position and the node (or the tray) it sat in. */
interface Place {
  left: number;
  top: number;
  where: string;
}

export const TRAY = '\u0000tray';
export const FLIGHT_MS = 650;
const FADE_MS = 300;
const EASING = 'cubic-bezier(0.2, 0.7, 0.2, 1)';

export interface FlipRegistry {
  /** Plays the move of pod `uid`, now drawn by `el` in `where` (a node name or TRAY), if it moved. */
  play(uid: string, el: HTMLElement | null, where: string): void;
  /** Starts measuring before each placement change; returns the stop function. */
  connect(store: PodscapeStore, root: () => HTMLElement | null): () => void;
}

export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function createFlipRegistry(): FlipRegistry {
  let places = new Map<string, Place>();
  let tray: Place | null = null;
  /** False until the first measurement, and for a frame that replaced the scenario: nothing flies then. */
  let armed = false;

  const measure = (root: HTMLElement) => {
    const next = new Map<string, Place>();
    for (const el of Array.from(root.querySelectorAll<HTMLElement>('[data-pod-uid]'))) {
      const r = el.getBoundingClientRect();
      const where = (el.closest('[data-node]') as HTMLElement | null)?.dataset.node ?? TRAY;
      next.set(el.dataset.podUid!, { left: r.left, top: r.top, where });
    }
    places = next;
    const trayEl = root.querySelector<HTMLElement>('[data-pending-tray] h2');
    const t = trayEl?.getBoundingClientRect();
    tray = t ? { left: t.left, top: t.top, where: TRAY } : null;
  };

  return {
    connect(store, root) {
      return store.subscribe((state, prev) => {
        const el = root();
        if (!el) return;
        if (!prev.frame || state.frame?.reset) {
          armed = false;
          places = new Map();
          return;
        }
        if (state.cluster.podsByNode === prev.cluster.podsByNode && state.cluster.pending === prev.cluster.pending) return;
        if (prefersReducedMotion()) return;
        measure(el);
        armed = true;
      });
    },

    play(uid, el, where) {
      if (!armed || !el || typeof el.animate !== 'function' || prefersReducedMotion()) return;
      // Kept until the next measurement: StrictMode mounts effects twice in development.
      const before = places.get(uid);
      if (before?.where === where) return;
      const from = before ?? (where === TRAY ? null : tray);
      if (!from) {
        el.animate([{ opacity: 0 }, { opacity: 1 }], { duration: FADE_MS, easing: 'ease-out' });
        return;
      }
      const to = el.getBoundingClientRect();
      const dx = from.left - to.left;
      const dy = from.top - to.top;
      if (Math.abs(dx) < 1 && Math.abs(dy) < 1) return;
      el.classList.add('pod-flying');
      const keyframes: Keyframe[] = [
        { transform: `translate(${dx}px, ${dy}px)`, opacity: before ? 1 : 0.3 },
        { transform: 'translate(0, 0)', opacity: 1 },
      ];
      const animation = el.animate(keyframes, { duration: FLIGHT_MS, easing: EASING });
      const land = () => el.classList.remove('pod-flying');
      animation.onfinish = land;
      animation.oncancel = land;
    },
  };
}

const FlipContext = createContext<FlipRegistry | null>(null);
export const FlipProvider = FlipContext.Provider;

/** The registry of the enclosing cluster view, or null (static rendering, tests): then nothing flies. */
export function useFlip(): FlipRegistry | null {
  return useContext(FlipContext);
}
