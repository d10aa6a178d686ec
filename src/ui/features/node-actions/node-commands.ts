/**
 * The commands behind the node toolbar, and how their results read to the user. The
 * engine decides everything (feasibility, evictions, refusals); this only builds the
 * command and picks out what the user must see.
 */
import type { Command } from '../../../engine/commands';

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
