/**
 * The FailedScheduling text, built as upstream's FitError.Error():
 * `0/N nodes are available: <sorted histogram>.` plus the PostFilter part.
 */
import type { NodeToStatus } from './interfaces';

export const NO_NODE_AVAILABLE = (n: number) => `0/${n} nodes are available:`;
export const ERR_NO_NODES = 'no nodes available to schedule pods';

/**
 * "<count> <reason>" entries sorted as plain strings (so "10 …" sorts before
 * "2 …", as upstream's sort.Strings does). Nodes without an explicit status
 * take the absent-nodes status.
 */
export function reasonHistogram(numAllNodes: number, statuses: NodeToStatus): string[] {
  const counts = new Map<string, number>();
  for (const s of statuses.byNode.values()) {
    for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  const absent = numAllNodes - statuses.size;
  if (absent > 0 && statuses.absentNodesStatus) {
    for (const r of statuses.absentNodesStatus.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
  }
  const parts: string[] = [];
  for (const [r, n] of counts) parts.push(`${n} ${r}`);
  // Byte order, like Go's sort.Strings (not locale order).
  return parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface Diagnosis {
  nodeToStatus: NodeToStatus;
  /** Set when a PreFilter rejected the pod: no per-node histogram then. */
  preFilterMsg: string;
  /** DefaultPreemption's message (`preemption: …`), when it ran and failed. */
  postFilterMsg: string;
  /** Plugins that rejected the pod on some node, for requeueing. */
  unschedulablePlugins: Set<string>;
}

export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = NO_NODE_AVAILABLE(numAllNodes);
  if (d.preFilterMsg !== '') {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const parts = reasonHistogram(numAllNodes, d.nodeToStatus);
    if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
  }
  if (d.postFilterMsg !== '') msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** UTF-8 length of a string, without TextEncoder (not in the engine's lib). */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Events cut messages to 1024 bytes, replacing the last 4 with " ...". */
export function truncateEventMessage(msg: string): string {
  if (utf8Length(msg) <= 1024) return msg;
  let out = '';
  let n = 0;
  for (const ch of msg) {
    const len = utf8Length(ch);
    if (n + len > 1020) break;
    out += ch;
    n += len;
  }
  return `${out} ...`;
}
