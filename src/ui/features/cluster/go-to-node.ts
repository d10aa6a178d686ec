import { prefersReducedMotion } from './flip';

/** A scroll that jumps under reduced motion and glides otherwise. */
const scrollBehavior = (): ScrollBehavior => (prefersReducedMotion() ? 'auto' : 'smooth');

/** Frames to wait for a card a new grid has not mounted yet (grids mount a block of cards per task). */
const CARD_WAIT_FRAMES = 60;

/**
 * Brings a node's card to the window's middle (at once under reduced motion) and focuses its name
 * button: NodeAttention's list, the story bar's other waits.
 */
export function goToNode(name: string, frames = CARD_WAIT_FRAMES): void {
  const card = document.querySelector<HTMLElement>(`[data-node="${CSS.escape(name)}"]`);
  if (!card) {
    if (frames > 0) requestAnimationFrame(() => goToNode(name, frames - 1));
    return;
  }
  card.scrollIntoView({ block: 'center', behavior: scrollBehavior() });
  // The card's name button: the inspector is a key away, and Tab goes on to its actions.
  card.querySelector<HTMLElement>('button, [tabindex]')?.focus({ preventScroll: true });
}

/**
 * Brings a drain's notice (DrainNotices: kubectl drain's output) into view and focuses its output
 * box: from the story bar's drain line, which stays in sight on a phone while the notice, above the
 * nodes, is scrolled away.
 */
export function goToDrainOutput(node: string): void {
  const notice = document.querySelector<HTMLElement>(`[data-drain-node="${CSS.escape(node)}"]`);
  if (!notice) return;
  notice.scrollIntoView({ block: 'start', behavior: scrollBehavior() });
  notice.querySelector<HTMLElement>('.drain-notice-kubectl')?.focus({ preventScroll: true });
}
