/**
 * The engine's explain table (one call per drag) turned into one verdict per
 * node for the drag-and-drop UI. No cluster logic here: whether a node fits and
 * why not come from the scheduler's Filter plugins, the score from its Score
 * plugins (weighted, summed as the scheduler sums them).
 */
import type { ExplainResult } from '../../../engine/scheduler/batch';

export type NodeVerdict =
  /**
   * Every Filter plugin passed; `score` is the weighted total (null when the engine did not score
   * the node); `top` the scheduler's pick and its total, when scored, to put the number on a scale.
   */
  | { kind: 'fits'; score: number | null; best: boolean; top?: { node: string; score: number } }
  /** A Filter (or PreFilter) plugin rejected the node; `reasons` as the plugins said them, in plugin order. */
  | { kind: 'rejects'; reasons: string[]; plugins: string[] }
  /** The node is not in the table (it appeared after the drag started). */
  | { kind: 'unknown' };

/** Every node's verdict from one explain result. */
export function verdictsOf(result: ExplainResult): Map<string, NodeVerdict> {
  const out = new Map<string, NodeVerdict>();
  for (const node of Object.keys(result.filter)) out.set(node, verdictFor(result, node));
  return out;
}

export function verdictFor(result: ExplainResult, node: string): NodeVerdict {
  const filter = result.filter[node];
  if (!filter) return { kind: 'unknown' };
  const reasons: string[] = [];
  const plugins: string[] = [];
  for (const [plugin, verdict] of Object.entries(filter)) {
    if (verdict === 'passed') continue;
    plugins.push(plugin);
    for (const reason of verdict) if (!reasons.includes(reason)) reasons.push(reason);
  }
  if (plugins.length > 0) return { kind: 'rejects', reasons: reasons.length > 0 ? reasons : [`rejected by ${plugins.join(', ')}`], plugins };
  const score = totalScore(result, node);
  const picked = result.selectedNode;
  const top = picked === null ? null : totalScore(result, picked);
  return { kind: 'fits', score, best: picked === node, ...(picked !== null && top !== null && score !== null ? { top: { node: picked, score: top } } : {}) };
}

/** A node's weighted scores summed, as the scheduler sums them; null when it was not scored. */
function totalScore(result: ExplainResult, node: string): number | null {
  const scores = result.finalScore[node];
  return scores ? Object.values(scores).reduce((sum, v) => sum + v, 0) : null;
}

/** What a score is, in plain words (shown under a fitting node's verdict while dragging). */
export const SCORE_MEANING = "A score is the sum of the scheduler's plugin scores (each 0 to 100, times the plugin's weight); the node with the highest is picked.";

/**
 * The verdict in words, as a node card shows it while hovered: "fits — score 453, the highest",
 * "fits — score 383; worker-3 scores highest, 453", or the filter reasons.
 */
export function verdictText(verdict: NodeVerdict | undefined): string {
  if (!verdict) return 'checking with the scheduler…';
  switch (verdict.kind) {
    case 'fits':
      return verdict.score === null ? 'fits' : `fits — score ${verdict.score}${scale(verdict)}`;
    case 'rejects':
      return `rejects: ${verdict.reasons.join('; ')}`;
    case 'unknown':
      return 'not checked (the node is newer than this drag)';
  }
}

/** "data-drop-verdict" for a node card. */
export function verdictAttribute(verdict: NodeVerdict | undefined): 'fits' | 'rejects' | undefined {
  if (verdict?.kind === 'fits') return 'fits';
  if (verdict?.kind === 'rejects') return 'rejects';
  return undefined;
}

/** Where a fitting node's score stands: the highest, tied with the pick, or below the pick's. */
function scale(verdict: Extract<NodeVerdict, { kind: 'fits' }>): string {
  const top = verdict.top;
  if (!top) return '';
  if (verdict.best) return ', the highest';
  if (top.score === verdict.score) return `, as high as ${top.node} (the scheduler picked ${top.node} among the highest)`;
  return `; ${top.node} scores highest, ${top.score}`;
}
