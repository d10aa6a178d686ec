/**
 * The FitError text preemption builds from its own per-node statuses when it
 * finds no candidate: `0/N nodes are available: <histogram>.` (reference §6,
 * upstream FitError.Error() with no PreFilter or PostFilter message).
 * Kept inside the plugin; the runtime owns the general FailedScheduling builder.
 */
import type { NodeToStatus } from '../../framework/interfaces';

/** Compares by Unicode code point, which is the byte order of the UTF-8 text (Go's string order). */
function byteOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++; // skip the low surrogate of a pair
  }
  return a.length - b.length;
}

/**
 * Sorted `"<count> <reason>"` entries: each reason of each explicit status
 * counts once for its node, and the absent-nodes status (if any) counts for
 * every node without an explicit status. Sorted as whole strings, so
 * "10 …" comes before "2 …".
 */
export function fitErrorHistogram(numAllNodes: number, statuses: NodeToStatus): string[] {
  const counts = new Map<string, number>();
  const bump = (r: string, by: number) => counts.set(r, (counts.get(r) ?? 0) + by);
  for (const s of statuses.byNode.values()) for (const r of s.reasons) bump(r, 1);
  const absent = numAllNodes - statuses.size;
  if (absent > 0 && statuses.absentNodesStatus) {
    for (const r of statuses.absentNodesStatus.reasons) bump(r, absent);
  }
  const parts: string[] = [];
  for (const [r, n] of counts) parts.push(`${n} ${r}`);
  return parts.sort(byteOrder);
}

/** The whole message: `0/N nodes are available:` then ` <entries joined by ", ">.` when there are any. */
export function fitErrorMessage(numAllNodes: number, statuses: NodeToStatus): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  const parts = fitErrorHistogram(numAllNodes, statuses);
  if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
  return msg;
}
