/**
 * FLIP layout animation for pod cards, keyed by pod uid. A pod card that moves to
 * another node or out of the pending tray is a new DOM element in another parent, so
 * the positions are recorded *before* React applies a frame: a store subscription
 * measures the pod cards that are about to change place (React renders later, in a
 * microtask): only those, and at most MAX_FLIGHTS per frame. After the commit each moved card inverts to where it was and plays to
 * its place with the Web Animations API; a new pod bound to a node flies in from the
 * pending tray, where every pod starts. Transform and opacity only; nothing at all
 * under prefers-reduced-motion.
 */
import { createContext, useContext } from 'react';
import type { PodscapeState, PodscapeStore } from '../../store/podscape-store';

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
/** At most this many moved pods are measured (and fly) per frame; the rest land in place. */
export const MAX_FLIGHTS = 60;

/** `value` inside a double-quoted CSS attribute selector. */
const cssString = (value: string) => value.replace(/["\\\n]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `);

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
  /** Pods born in the last measured frames (no uid before): they fly in from the tray. */
  let born = new Set<string>();
  /** This frame's own entries, carried into the next measurement. */
  let lastPlaces = new Map<string, Place>();
  let lastBorn = new Set<string>();
  /** False until the first measurement, and for a frame that replaced the scenario: nothing flies then. */
  let armed = false;

  /**
   * Measures only the pods that change place in this frame (a new member of a node's
   * list or of the tray), at most MAX_FLIGHTS of them: one querySelector and one rect
   * each instead of every card in the cluster. Pods past the cap land without a flight.
   */
  const measure = (root: HTMLElement, state: PodscapeState, prev: PodscapeState) => {
    // The previous frame's places stay too, in case React renders two frames at once.
    const next = new Map<string, Place>(lastPlaces);
    const nextBorn = new Set<string>(lastBorn);
    lastPlaces = new Map();
    lastBorn = new Set();
    let flights = 0;
    let newcomers = false;
    const arrive = (uids: readonly string[], before: readonly string[] | undefined, where: string) => {
      if (uids === before) return;
      const had = new Set(before);
      for (const uid of uids) {
        if (had.has(uid)) continue;
        if (!prev.cluster.pods.has(uid)) {
          nextBorn.add(uid);
          lastBorn.add(uid);
          newcomers = true; // born this frame: flies in from the tray (or fades in there)
          continue;
        }
        if (flights >= MAX_FLIGHTS) {
          next.set(uid, { left: 0, top: 0, where }); // too many at once: lands in place
          lastPlaces.set(uid, { left: 0, top: 0, where });
          continue;
        }
        const el = root.querySelector<HTMLElement>(`[data-pod-uid="${cssString(uid)}"]`);
        if (!el) continue;
        flights++;
        const card = el.closest<HTMLElement>('[data-node]');
        // A pod leaving a card out of view flies from the card's place: its own rect would lay the skipped card out.
        const r = offScreen(card) ?? el.getBoundingClientRect();
        const place = { left: r.left, top: r.top, where: card?.dataset.node ?? TRAY };
        next.set(uid, place);
        lastPlaces.set(uid, place);
      }
    };
    for (const [name, uids] of state.cluster.podsByNode) arrive(uids, prev.cluster.podsByNode.get(name), name);
    arrive(state.cluster.pending, prev.cluster.pending, TRAY);
    places = next;
    born = nextBorn;
    if (newcomers) {
      const t = root.querySelector<HTMLElement>('[data-pending-tray] h2')?.getBoundingClientRect();
      tray = t ? { left: t.left, top: t.top, where: TRAY } : null;
    }
  };

  return {
    connect(store, root) {
      return store.subscribe((state, prev) => {
        const el = root();
        if (!el) return;
        if (!prev.frame || state.frame?.reset) {
          armed = false;
          places = new Map();
          born = new Set();
          lastPlaces = new Map();
          lastBorn = new Set();
          return;
        }
        if (state.cluster.podsByNode === prev.cluster.podsByNode && state.cluster.pending === prev.cluster.pending) return;
        if (prefersReducedMotion()) return;
        measure(el, state, prev);
        armed = true;
      });
    },

    play(uid, el, where) {
      if (!armed || !el || typeof el.animate !== 'function' || prefersReducedMotion()) return;
      // Kept until the next measurement: StrictMode mounts effects twice in development.
      const before = places.get(uid);
      if (before?.where === where) return;
      // Only pods that changed place in the last measured frame move; one that is not
      // in it stayed (a remounted card) or was born (then it has no uid in the previous frame).
      if (!before && !born.has(uid)) return;
      const from = before ?? (where === TRAY ? null : tray);
      if (!from) {
        el.animate([{ opacity: 0 }, { opacity: 1 }], { duration: FADE_MS, easing: 'ease-out' });
        return;
      }
      // Each card's layout effect calls play: the flights of one commit start together in a
      // microtask (before the frame is drawn), every rect read before any card is touched,
      // so the commit costs one layout, not one per flight (a class set between two reads
      // would make the second read lay the page out again).
      if (flights.length === 0) queueMicrotask(fly);
      flights.push({ el, from, moved: before !== undefined });
    },
  };
}

interface Flight {
  el: HTMLElement;
  from: Place;
  /** A pod that moved (from another node or the tray); else born, flying in from the tray. */
  moved: boolean;
}

/** The flights of the commit under way (createFlipRegistry's play), started by `fly`. */
let flights: Flight[] = [];

/**
 * The rect of node card `card` when it is wholly out of the viewport, else null. Such a card
 * skips drawing its pods (content-visibility: auto, cluster.css): reading a pod's rect in it
 * would lay the whole card out, and a flight into it would draw it (`.node:has(.pod-flying)`)
 * for the flight's 650 ms, all for a card nobody sees. The card's own rect is cheap.
 */
function offScreen(card: HTMLElement | null): DOMRect | null {
  if (!card) return null;
  const r = card.getBoundingClientRect();
  const height = typeof innerHeight === 'number' ? innerHeight : Infinity;
  return r.bottom < 0 || r.top > height ? r : null;
}

/**
 * Starts the queued flights: all their rects first (one layout), then the animations. A pod
 * landing in a card out of view lands without a flight (as one past MAX_FLIGHTS does).
 */
function fly(): void {
  const batch = flights.filter((f) => offScreen(f.el.closest<HTMLElement>('[data-node]')) === null);
  flights = [];
  const to = batch.map((f) => f.el.getBoundingClientRect());
  batch.forEach(({ el, from, moved }, i) => {
    const dx = from.left - to[i].left;
    const dy = from.top - to[i].top;
    if (Math.abs(dx) < 1 && Math.abs(dy) < 1) return;
    el.classList.add('pod-flying');
    const keyframes: Keyframe[] = [
      { transform: `translate(${dx}px, ${dy}px)`, opacity: moved ? 1 : 0.3 },
      { transform: 'translate(0, 0)', opacity: 1 },
    ];
    const animation = el.animate(keyframes, { duration: FLIGHT_MS, easing: EASING });
    const land = () => el.classList.remove('pod-flying');
    animation.onfinish = land;
    animation.oncancel = land;
  });
}

const FlipContext = createContext<FlipRegistry | null>(null);
export const FlipProvider = FlipContext.Provider;

/** The registry of the enclosing cluster view, or null (static rendering, tests): then nothing flies. */
export function useFlip(): FlipRegistry | null {
  return useContext(FlipContext);
}
