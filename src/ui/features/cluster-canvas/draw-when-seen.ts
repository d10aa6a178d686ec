/**
 * A node card's canvas is drawn when its block of cards is rendered, not while the block is
 * skipped (off screen: `content-visibility: auto` on each block, cluster-canvas.css).
 *
 * Drawing a card's pods (a 2D context and a square per pod) was ~18 % of the main thread's
 * script while a large grid mounts (a CPU profile of a 1,000-node load: ~260 ms of ~1,450),
 * all of it in the commits, which React cannot slice; at 5,000 nodes nearly every card is far
 * off screen when it mounts. A card in a skipped block now leaves its newest drawing waiting;
 * the block's `contentvisibilityautostatechange` event (Chromium fires it for every block in
 * the frame after the block is inserted, and again whenever its state changes) draws what
 * waits once the block is rendered. A block already rendered draws at once, as before, so a
 * card on screen (a selection, a hover, a kill's replacement pods) is drawn in the same commit.
 * Where the event does not exist (other browsers, tests without a layout), every draw runs at once.
 */

/** What a block knows: whether it is rendered now, and the newest draw of each of its canvases that waits. */
interface BlockState {
  seen: boolean;
  waiting: Map<object, () => void>;
}

/** What this module needs of a block element (a DOM element; a stand-in in tests). */
export interface BlockElement {
  addEventListener(type: string, listener: (event: { target: unknown; skipped?: boolean }) => void): void;
}

export const VISIBILITY_EVENT = 'contentvisibilityautostatechange';
/** The element whose `content-visibility: auto` decides whether a card is rendered (CardBlock.tsx). */
export const BLOCK_SELECTOR = '.canvas-block';

const STATES = new WeakMap<object, BlockState>();
const NONE = () => {};

/** The block's state, made (and its listener added) on first use; null where the event does not exist. */
function stateOf(block: BlockElement): BlockState | null {
  const known = STATES.get(block);
  if (known) return known;
  if (!(`on${VISIBILITY_EVENT}` in block)) return null;
  const state: BlockState = { seen: false, waiting: new Map() };
  block.addEventListener(VISIBILITY_EVENT, (event) => {
    if (event.target !== block) return;
    state.seen = event.skipped === false;
    if (!state.seen || state.waiting.size === 0) return;
    const draws = [...state.waiting.values()];
    state.waiting.clear();
    for (const draw of draws) draw();
  });
  STATES.set(block, state);
  return state;
}

/**
 * Draws `canvas` now when its block (`block`, null for none) is rendered or unknown, else when
 * the block is next rendered; a later request for the same canvas replaces a waiting one.
 * Returns a function that drops the request if it still waits (the card's effect cleanup).
 */
export function drawWhenSeen(canvas: object, block: BlockElement | null, draw: () => void): () => void {
  const state = block === null ? null : stateOf(block);
  if (state === null || state.seen) {
    state?.waiting.delete(canvas);
    draw();
    return NONE;
  }
  state.waiting.set(canvas, draw);
  return () => {
    if (state.waiting.get(canvas) === draw) state.waiting.delete(canvas);
  };
}
