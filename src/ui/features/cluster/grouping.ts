/**
 * Grouping node cards: by nothing, by zone, or by any node label key in the frame.
 * Pure functions over the frame's nodes (the UI's own layout, not cluster logic).
 */
import type { NodeFrame } from '../../../protocol/engine-api';

/** 'none', 'zone' (topology.kubernetes.io/zone) or `label:<key>`. */
export type GroupBy = 'none' | 'zone' | `label:${string}`;

export interface NodeGroup {
  /** Stable key for React and for the heading id. */
  key: string;
  /** The heading; null for the single group of 'none'. */
  heading: string | null;
  nodeNames: string[];
}

const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** The options of the `Group nodes by` select: none, zone, then each label key (zone's label left out). */
export function groupOptions(labelKeys: readonly string[]): { value: GroupBy; label: string }[] {
  return [
    { value: 'none', label: 'none' },
    { value: 'zone', label: 'zone' },
    ...labelKeys.filter((k) => k !== ZONE_LABEL).map((k) => ({ value: `label:${k}` as GroupBy, label: k })),
  ];
}

/**
 * The nodes in groups, in the frame's order within each group. Groups are sorted by
 * value; nodes without the label or zone come last under "no <key>".
 */
export function groupNodes(nodes: readonly NodeFrame[], by: GroupBy): NodeGroup[] {
  if (by === 'none') return [{ key: 'all', heading: null, nodeNames: nodes.map((n) => n.name) }];
  const key = by === 'zone' ? ZONE_LABEL : by.slice('label:'.length);
  const title = by === 'zone' ? 'zone' : key;
  const groups = new Map<string, string[]>();
  const missing: string[] = [];
  for (const node of nodes) {
    const value = by === 'zone' ? node.zone : Object.prototype.hasOwnProperty.call(node.labels, key) ? node.labels[key] : null;
    if (value === null) {
      missing.push(node.name);
      continue;
    }
    const list = groups.get(value);
    if (list) list.push(node.name);
    else groups.set(value, [node.name]);
  }
  const out: NodeGroup[] = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([value, nodeNames]) => ({ key: `${title}=${value}`, heading: `${title}: ${value === '' ? '(empty)' : value}`, nodeNames }));
  if (missing.length > 0) out.push({ key: `${title}-missing`, heading: `no ${title}`, nodeNames: missing });
  return out;
}
