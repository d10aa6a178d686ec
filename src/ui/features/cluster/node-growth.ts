/**
 * How a list of node cards mounts (ClusterPanel's NodeGrid through
 * components/use-progressive-count.ts). What a new card costs its frame is its pods: a
 * node card below the canvas threshold holds up to 110 pod cards of ~11 layout objects
 * each, so the steps are counted in pods, not cards.
 *
 * - A list whose pods all fit FIRST_PODS (the default scenario, a lesson's few nodes)
 *   mounts at once, in the commit that brings it.
 * - A longer one mounts nothing in that commit (a load's delivery, which also takes the
 *   old view down and draws the new view's shell), then a step a frame: whole cards
 *   until the step holds STEP_PODS pods, at least one card.
 */
export const FIRST_PODS = 40;
export const STEP_PODS = 60;

/** The cards to mount in the commit that brings the list: all of them when their pods fit FIRST_PODS, else none. */
export function firstNodes(names: readonly string[], podCount: (name: string) => number): number {
  let pods = 0;
  for (const name of names) {
    pods += podCount(name);
    if (pods > FIRST_PODS) return 0;
  }
  return names.length;
}

/** How many cards the step after the first `count` adds: whole cards while their pods fit STEP_PODS, at least one. */
export function nodeStep(names: readonly string[], count: number, podCount: (name: string) => number): number {
  let pods = 0;
  let i = count;
  for (; i < names.length; i++) {
    const more = podCount(names[i]);
    if (i > count && pods + more > STEP_PODS) break;
    pods += more;
  }
  return Math.max(1, i - count);
}

/**
 * The grid's height while its cards mount: a lower bound of the finished grid (its tallest
 * card, sized as cluster.css sizes a card before it is drawn), at most two screens. The
 * sections under the grid stay where the finished grid puts them (off screen, not laid
 * out) instead of coming up into view for the frames the cards take to mount.
 */
export function mountingHeight(names: readonly string[], podCount: (name: string) => number): string {
  let most = 0;
  for (const name of names) most = Math.max(most, podCount(name));
  return `min(200vh, calc(9.493rem + ${most} * 3.6633rem))`;
}
