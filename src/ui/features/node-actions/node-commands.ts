/**
 * The commands behind the node toolbar, and how their results read to the user. The
 * engine decides everything (feasibility, evictions, refusals); this only builds the
 * command and picks out what the user must see.
 */
import type { Command } from '../../../engine/commands';
import type { Taint } from '../../../engine/model/types';

/** kubectl drain's flags; the playground defaults skip DaemonSet pods and emptyDir data, as most tutorials do. */
export interface DrainOptions {
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  force: boolean;
}

export const DEFAULT_DRAIN_OPTIONS: DrainOptions = { ignoreDaemonSets: true, deleteEmptyDirData: true, force: false };

export function drainCommand(node: string, options: DrainOptions): Command {
  return { action: 'drain', node, ...options };
}

/**
 * A taint or label change (node-edit.ts) as the engine's `apply` of a partial Node: its whole
 * label map (a removed label as null, which deletes it) and its whole taint list (a Node's taints
 * have no merge key, so the list is replaced), so that the next change, whose manifest the engine
 * compares with this one (the last-applied annotation), names every label and taint again and
 * drops none. A cordoned node's `unschedulable` is named too, so that an earlier manifest's
 * `unschedulable: true` is not taken for a field the new one dropped.
 */
export function nodeEditCommand(
  node: { name: string; labels: Readonly<Record<string, string>>; taints: readonly Taint[]; unschedulable: boolean },
  change: { labels?: Record<string, string | null>; taints?: Taint[] },
): Command {
  const taints = change.taints ?? node.taints;
  const spec: Record<string, unknown> = { taints: taints.length > 0 ? taints.map((t) => ({ ...t })) : null };
  if (node.unschedulable) spec.unschedulable = true;
  // A null label is the merge patch's "delete"; ObjectMeta's type has no room for it.
  const labels = { ...(change.labels ?? node.labels) } as Record<string, string>;
  return { action: 'apply', object: { apiVersion: 'v1', kind: 'Node', metadata: { name: node.name, labels }, spec } };
}
