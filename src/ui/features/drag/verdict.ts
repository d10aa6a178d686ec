/**
 * The engine's explain table (one call per drag) turned into one verdict per
 * node for the drag-and-drop UI. No cluster logic here: whether a node fits and
 * why not come from the scheduler's Filter plugins, the score from its Score
 * plugins (weighted, summed as the scheduler sums them).
 */
import type { ExplainResult } from '../../../engine/scheduler/batch';

export type NodeVerdict =
  /** Every Filter plugin passed; `score` is the weighted total (null when the engine did not score the node). */
  | { kind: 'fits'; score: number | null; best: boolean }
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
  const scores = result.finalScore[node];
  const score = scores ? Object.values(scores).reduce((sum, v) => sum + v, 0) : null;
  return { kind: 'fits', score, best: result.selectedNode === node };
}

/** The verdict in words, as a node card shows it while hovered: "fits — score 187" or the filter reasons. */
export function verdictText(verdict: NodeVerdict | undefined): string {
  if (!verdict) return 'checking with the scheduler…';
  switch (verdict.kind) {
    case 'fits':
      return verdict.score === null ? 'fits' : `fits — score ${verdict.score}`;
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
